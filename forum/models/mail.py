"""The mail outbox: one row per e-mail owed, written in the transaction that made it owed."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.models.base import UTCDateTime, str_enum, utcnow


class MailKind(StrEnum):
    REPLY = "reply"  # `ident` is a published reply; its parent's author is told


class MailOutcome(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"  # nobody was to be told any more when its turn came (opted out, reply withdrawn…)
    FAILED = "failed"  # given up after the last attempt


class OutgoingMail(db.Model):
    __tablename__ = "mail_outbox"
    __table_args__ = (
        # Rows still waiting (done_at IS NULL), by when they are due: what a sender claims, what /healthz
        # ages, and, from the other end, the old finished rows that are pruned.
        sa.Index("ix_mail_outbox_waiting", "done_at", "next_attempt_at"),
        # "Is this reply's notice waiting already?", asked when the reply is published.
        sa.Index("ix_mail_outbox_ident", "kind", "ident"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MailKind] = mapped_column(str_enum(MailKind, 8))
    ident: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # A sender's lease: until then no other sender takes the row; past it, the sender is presumed dead.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[MailOutcome | None] = mapped_column(str_enum(MailOutcome, 8))
    last_error: Mapped[str | None] = mapped_column(sa.String(300))

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.kind} {self.ident} {self.outcome or 'waiting'}>"
