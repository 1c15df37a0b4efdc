"""What moderators and readers do about comments: flags, the log, notes, warnings, appeals."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.base import UTCDateTime, str_enum, utcnow


class FlagReason(StrEnum):
    SPAM = "spam"
    ABUSE = "abuse"
    OFF_TOPIC = "off_topic"
    OTHER = "other"


class Flag(db.Model):
    """A reader's report of a comment: one per reader per comment."""

    __tablename__ = "flags"
    __table_args__ = (
        sa.UniqueConstraint("comment_id", "user_id", name="uq_flags_comment_user"),
        sa.Index("ix_flags_user", "user_id", "created_at"),
        sa.Index("ix_flags_article_created", "article_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"))
    # Kept on the flag too, so the flag rate of an article is counted without a join.
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[FlagReason] = mapped_column(str_enum(FlagReason))
    note: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    weight: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when a moderator decides on the comment: the flag no longer counts.
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", lazy="raise")


class Verb(StrEnum):
    """Everything a moderator, an admin or the system does that the public log records."""

    APPROVE = "approve"
    REJECT = "reject"
    SPAM = "spam"
    FEATURE = "feature"
    UNFEATURE = "unfeature"
    HIDE = "hide"  # by readers' flags, recorded in the system's name
    CLOSE = "close"
    REOPEN = "reopen"
    SLOW_MODE = "slow_mode"
    NORMAL_MODE = "normal_mode"
    WARN = "warn"
    SUSPEND = "suspend"
    BAN = "ban"
    UNBAN = "unban"  # also lifts a suspension
    ROLE_CHANGE = "role_change"
    POLICY_CHANGE = "policy_change"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    APPEAL_UPHELD = "appeal_upheld"
    APPEAL_GRANTED = "appeal_granted"
    UNDO = "undo"
    ACCOUNT_DELETE = "account_delete"  # by its owner, who chose to keep or remove their comments


class ModerationAction(db.Model):
    """One row of the moderation log: who did what, to what, when and why. Append-only."""

    __tablename__ = "moderation_actions"
    __table_args__ = (
        # At most one target: a comment, a user or an article (policy changes have none).
        sa.CheckConstraint(
            "(CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN target_user_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN article_id IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_target",
        ),
        sa.Index("ix_moderation_actions_created", "created_at", "id"),
        sa.Index("ix_moderation_actions_target_user", "target_user_id", "id"),
        sa.Index("ix_moderation_actions_comment", "comment_id", "id"),
        sa.Index("ix_moderation_actions_actor", "actor_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: the system acted (flags hid a comment, slow mode switched on by itself).
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    verb: Mapped[Verb] = mapped_column(str_enum(Verb, length=24))
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"))
    target_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id"))
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # What undo needs (the status before), or what changed (a policy's fields).
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default=sa.text("'{}'"))
    # For an undo: the act it took back.
    reverts_id: Mapped[int | None] = mapped_column(sa.ForeignKey("moderation_actions.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor = relationship("User", foreign_keys=[actor_id], lazy="raise")
    target_user = relationship("User", foreign_keys=[target_user_id], lazy="raise")
    comment = relationship("Comment", lazy="raise")
    article = relationship("Article", lazy="raise")


class ModNote(db.Model):
    """A note moderators leave each other about a user; never shown to the user."""

    __tablename__ = "mod_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User", foreign_keys=[author_id], lazy="raise")


class Warning(db.Model):  # noqa: A001 (the domain word; Python's builtin is not used here)
    """A moderator's warning, which the user must acknowledge on their next visit."""

    __tablename__ = "warnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    moderator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AppealOutcome(StrEnum):
    UPHELD = "upheld"  # the rejection stands
    GRANTED = "granted"  # the comment is published


class Appeal(db.Model):
    """An author's one appeal against a rejection."""

    __tablename__ = "appeals"
    __table_args__ = (sa.Index("ix_appeals_open", "decided_at", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    outcome: Mapped[AppealOutcome | None] = mapped_column(str_enum(AppealOutcome))
    decision_reason: Mapped[str | None] = mapped_column(sa.String(500))

    comment = relationship("Comment", lazy="raise")
