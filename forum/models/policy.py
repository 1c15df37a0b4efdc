"""The site's rules as admins set them: one row, read by the actions that apply them."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db

POLICY_ID = 1  # there is exactly one policy row


class SitePolicy(db.Model):
    __tablename__ = "site_policy"

    id: Mapped[int] = mapped_column(primary_key=True, default=POLICY_ID)
    # Minutes after posting during which an author may edit, and change the stance of, a comment.
    # Long enough to fix a typo, short enough that replies don't end up answering a different text.
    edit_window_minutes: Mapped[int] = mapped_column(default=15, server_default="15")
    # Days after publication when an article stops taking comments; None keeps threads open.
    auto_close_days: Mapped[int | None] = mapped_column(sa.Integer)


def load_policy(session) -> SitePolicy:
    """The policy row, or the defaults when none was saved yet (it is not written on read)."""
    return session.get(SitePolicy, POLICY_ID) or SitePolicy(id=POLICY_ID, edit_window_minutes=15)
