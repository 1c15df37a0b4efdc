"""A reader's e-mail choices: opting in to reply notices and (staff) the daily digest, and unsubscribing."""
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
