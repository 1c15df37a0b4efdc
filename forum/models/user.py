"""Accounts and their roles."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from forum.extensions import db
from forum.models.base import UTCDateTime, str_enum, utcnow


class Role(StrEnum):
    READER = "reader"
    MODERATOR = "moderator"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        # Names and addresses are unique whatever their case: "Ada" and "ada" are one person.
        sa.Index("uq_users_username_lower", sa.func.lower(sa.text("username")), unique=True),
        sa.Index("uq_users_email_lower", sa.func.lower(sa.text("email")), unique=True),
        # An author brought in by an import is found again by where they came from: imports are idempotent.
        sa.Index("uq_users_import_external", "import_source", "external_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(30))
    # What the person would like to be called (forum/actions/accounts.set_display_name); not unique:
    # the username is the handle that tells two people apart, and pages show it next to this.
    display_name: Mapped[str | None] = mapped_column(sa.String(50))
    email: Mapped[str] = mapped_column(sa.String(254))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.READER, server_default=Role.READER.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped when the password changes, and part of the session identity, so that
    # changing a password signs out every other session and remember-me cookie.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Failed sign-ins in a row (from anywhere) and when the last one was: the account's sign-in slows
    # down as they grow (forum/actions/sessions.py), and a success sets the count back to 0.
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Standing, kept in SQL as moderators decide: trust comes from published comments,
    # and each rejected one costs two of them (see moderation/pipeline.is_trusted).
    published_count: Mapped[int] = mapped_column(default=0, server_default="0")
    rejected_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Every comment of this account is held (a sign-up from a watched e-mail domain).
    review_all_comments: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Sanctions in force. The history, with reasons, is in the moderation log.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    banned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sanction_reason: Mapped[str | None] = mapped_column(sa.String(500))
    # A warning waits to be read: checked on every request without another query.
    has_unread_warning: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # E-mail the reader opted in to (off until they ask; one-click unsubscribe turns them off again).
    email_replies: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    email_digest: Mapped[bool] = mapped_column(default=False, server_default=sa.false())  # moderators
    # The public log shows a moderator's or admin's acts under a role label ("a moderator") unless they
    # choose to be named: a safety default, since a name in the log is a name angry readers can follow.
    named_in_log: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # When the reader last opened their replies (/account/replies): the header counts what was published since.
    replies_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Imported authors (forum/interchange/): where they came from, and that nobody has claimed the
    # account yet (it has no usable password until then).
    import_source: Mapped[str | None] = mapped_column(sa.String(16))
    external_id: Mapped[str | None] = mapped_column(sa.String(255))
    unclaimed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Set when the person deleted their account: the row stays for the log, its personal data is erased.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def set_password(self, password: str) -> None:
        # scrypt, werkzeug's default method: memory-hard, no extra dependency.
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # The sign-in this request runs under (forum/actions/sessions.py), "id:version:secret"; not a column.
    session_key = None
    # The site policy, read with the user at sign-in lookup (forum/actions/sessions.py); not a column.
    site_policy = None
    # Replies published since replies_seen_at, counted up to inbox.UNREAD_SHOWN + 1 in that same query; not a column.
    unread_replies = 0

    def get_id(self) -> str | None:
        return self.session_key

    @property
    def shown_name(self) -> str:
        """The name pages put first: the display name if the person chose one, else the username."""
        return self.display_name or self.username

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_banned(self) -> bool:
        return self.banned_at is not None

    def is_suspended(self, now: datetime) -> bool:
        return self.suspended_until is not None and self.suspended_until > now

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
