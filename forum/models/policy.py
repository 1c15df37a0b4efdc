"""The site's rules as admins set them: one row, read by the actions that apply them."""
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.models.base import str_enum

POLICY_ID = 1  # there is exactly one policy row


class ModerationMode(StrEnum):
    POST = "post"  # published at once; rules may still hold a comment
    PRE = "pre"  # every comment waits for a moderator
    PRE_NEW_USERS = "pre_new_users"  # held until the author is trusted


def _default_banned() -> str:
    from forum.moderation.default_words import DEFAULT_BANNED_WORDS

    return "\n".join(DEFAULT_BANNED_WORDS)


def _default_suspect() -> str:
    from forum.moderation.default_words import DEFAULT_SUSPECT_WORDS

    return "\n".join(DEFAULT_SUSPECT_WORDS)


class SitePolicy(db.Model):
    __tablename__ = "site_policy"

    id: Mapped[int] = mapped_column(primary_key=True, default=POLICY_ID)
    # Minutes after posting during which an author may edit, and change the stance of, a comment.
    # Long enough to fix a typo, short enough that replies don't end up answering a different text.
    edit_window_minutes: Mapped[int] = mapped_column(default=15, server_default="15")
    # Days after publication when an article stops taking comments; None keeps threads open.
    auto_close_days: Mapped[int | None] = mapped_column(sa.Integer)

    moderation_mode: Mapped[ModerationMode] = mapped_column(
        str_enum(ModerationMode), default=ModerationMode.POST, server_default=ModerationMode.POST.value
    )
    # One entry per line; a banned word rejects a comment at once, a suspect word holds it.
    banned_words: Mapped[str] = mapped_column(sa.Text, default=_default_banned, server_default="")
    suspect_words: Mapped[str] = mapped_column(sa.Text, default=_default_suspect, server_default="")
    # More links than this holds a comment: two covers citing a source and a rebuttal.
    max_links: Mapped[int] = mapped_column(default=2, server_default="2")
    # Local toxicity score (0–1) at or above which a comment is held.
    toxicity_threshold: Mapped[float] = mapped_column(sa.Float, default=0.8, server_default="0.8")
    # Published comments, less two for each rejected one, that make a reader trusted.
    trusted_after: Mapped[int] = mapped_column(default=3, server_default="3")
    # Flag weight (a trusted reader's flag counts 2) that hides a comment until reviewed.
    flags_to_hide: Mapped[int] = mapped_column(default=3, server_default="3")
    # The public moderation log names readers only when this is on; staff are always named.
    log_shows_reader_names: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    # Heat: switch commenting off everywhere, and slow an article down when it boils over.
    commenting_enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    commenting_off_message: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    # Comments per minute on one article that switch its slow mode on by itself (0: never).
    auto_slow_posts_per_minute: Mapped[int] = mapped_column(default=20, server_default="20")
    # Flags per minute on one article that do the same.
    auto_slow_flags_per_minute: Mapped[int] = mapped_column(default=10, server_default="10")
    # The slow mode switched on automatically: one comment per reader every this many minutes.
    auto_slow_minutes: Mapped[int] = mapped_column(default=2, server_default="2")
    # It ends by itself after this many minutes without a burst: a burst is over in minutes, and a slow
    # mode that outlives it only holds back the readers who came later.
    auto_slow_quiet_minutes: Mapped[int] = mapped_column(default=10, server_default="10")

    # Sign-ups from these e-mail domains (one per line) are held for review, or refused.
    signup_hold_domains: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    signup_refuse_domains: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    # Origins (https://news.example.org, one per line) whose pages may embed threads: only they may
    # frame the embed page, and only their URLs get a thread created on first sight. Empty: no embedding.
    embed_origins: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    # The learned classifier the pipeline scores with (classifier_models.id); None: the model shipped with
    # Parley. Kept here because every post reads this row already, so a switch costs workers no query.
    active_classifier_id: Mapped[int | None] = mapped_column(sa.Integer)
    # Days between the retrains the worker queues by itself; None: only when an admin asks.
    retrain_every_days: Mapped[int | None] = mapped_column(sa.Integer)

    @classmethod
    def with_defaults(cls) -> "SitePolicy":
        """A policy holding every default, for a site whose admins never saved one."""
        values = {}
        for column in cls.__table__.columns:
            if column.default is not None:
                arg = column.default.arg
                values[column.key] = arg(None) if callable(arg) else arg
        return cls(**values)


def load_policy(session) -> SitePolicy:
    """The policy row, or the defaults when none was saved yet (it is not written on read)."""
    return session.get(SitePolicy, POLICY_ID) or SitePolicy.with_defaults()
