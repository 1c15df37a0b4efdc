"""Personal API tokens: a reader's key for scripts and apps, kept only as a hash."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.base import UTCDateTime, utcnow


class ApiToken(db.Model):
    __tablename__ = "api_tokens"
    __table_args__ = (
        # A person's tokens on their own page, newest first.
        sa.Index("ix_api_tokens_user", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(60))
    # The first characters of the secret, so its owner can tell tokens apart; too few to guess the rest from.
    prefix: Mapped[str] = mapped_column(sa.String(16))
    # sha256 of the whole secret (hex): a leaked database gives no usable token. A fast hash is enough,
    # unlike for passwords, because the secret carries 256 random bits.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", lazy="raise")

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}… user={self.user_id}>"
