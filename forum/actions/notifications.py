"""A reader's e-mail choices: opting in to reply notices and (staff) the daily digest, and unsubscribing;
marking the replies shown on the site as seen."""
from datetime import datetime

import sqlalchemy as sa

from forum.actions.errors import Refused
from forum.extensions import db
from forum.mail.tokens import LISTS
from forum.models import User
from forum.permissions import Action, can


def set_email_preferences(user: User, replies: bool, digest: bool) -> None:
    """The signed-in reader's own choices (they act on themself only)."""
    if digest and not can(user, Action.MODERATION_AREA):
        raise Refused("The daily digest of the moderation queues is for moderators.", field="email_digest")
    user.email_replies = bool(replies)
    user.email_digest = bool(digest)
    db.session.flush()


def unsubscribe(user: User, list_name: str) -> None:
    """Switch off one kind of mail, as a signed link asked; doing it twice changes nothing."""
    setattr(user, LISTS[list_name], False)
    db.session.flush()


def mark_replies_seen(user: User, newest_shown: datetime) -> None:
    """The reader has seen the replies published up to `newest_shown` (the newest the page listed, not the
    clock: one published while the page was built stays new). Never moves the mark back; in SQL, so that
    two tabs opened at once agree."""
    db.session.execute(
        sa.update(User)
        .where(User.id == user.id,
               sa.or_(User.replies_seen_at.is_(None), User.replies_seen_at < newest_shown))
        .values(replies_seen_at=newest_shown)
    )
    user.unread_replies = 0
