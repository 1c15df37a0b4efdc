"""Signed-in sessions and the addresses an account has signed in from, kept server-side.

The session cookie is signed, so it cannot be forged, but a signed cookie alone cannot be taken
back: a copy would keep working after its owner signed out. Each sign-in therefore gets a row here,
named in the cookie; signing out deletes the row, and the cookie names nothing any more.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.models.base import UTCDateTime, utcnow


class UserSession(db.Model):
    __tablename__ = "user_sessions"
    __table_args__ = (
        # Ending every session of one person (password change, deletion) and pruning old ones.
        sa.Index("ix_user_sessions_user", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # sha256 of the random secret the cookie carries: a leaked database opens no session.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<UserSession {self.id} user={self.user_id}>"


class SignInAddress(db.Model):
    """An address this account has signed in from with its password.

    Failed sign-ins from elsewhere slow an account down; they never stop its owner signing in
    from a place they have used before. The address is kept as a keyed hash, not as written.
    """

    __tablename__ = "sign_in_addresses"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    address_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    last_signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
