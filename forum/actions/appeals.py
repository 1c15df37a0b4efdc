"""An author's one appeal against a rejection, and a moderator's decision on it."""
from datetime import datetime, timezone

import sqlalchemy as sa

from forum.actions.errors import Forbidden, Refused
from forum.actions.visibility import set_status
from forum.extensions import db
from forum.models import Appeal, AppealOutcome, Comment, CommentStatus, User, Verb
from forum.moderation import log
from forum.permissions import Action, can

APPEAL_MAX_CHARS = 1000


def appeal(author: User, comment: Comment, text: str) -> Appeal:
    """Ask for a rejected comment to be looked at again: once per comment."""
    if not can(author, Action.COMMENT_APPEAL, comment):
        raise Forbidden("Only the author of a rejected comment may appeal.")
    text = (text or "").strip()
    if not text:
        raise Refused("Say why the comment should be published.", field="body")
    if len(text) > APPEAL_MAX_CHARS:
        raise Refused(f"Keep the appeal under {APPEAL_MAX_CHARS} characters.", field="body")
    if db.session.scalar(sa.select(Appeal.id).where(Appeal.comment_id == comment.id)) is not None:
        raise Refused("You have appealed this rejection already; each comment gets one appeal.")
    row = Appeal(comment_id=comment.id, user_id=author.id, body=text)
    db.session.add(row)
    db.session.flush()
    return row


def decide_appeal(actor: User, row: Appeal, outcome: AppealOutcome, reason: str) -> None:
    """Grant (publish the comment) or uphold (it stays rejected), with a reason the author sees."""
    if not can(actor, Action.APPEAL_DECIDE, row):
        raise Forbidden("Only moderators decide appeals.")
    if row.decided_at is not None:
        raise Refused("This appeal has been decided already.")
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Tell the author why.", field="reason")
    row.outcome = outcome
    row.decision_reason = reason[:500]
    row.decided_at = datetime.now(timezone.utc)
    row.decided_by_id = actor.id
    # By id rather than through the relationship, which is lazy="raise": a caller need not preload it.
    comment = db.session.get(Comment, row.comment_id)
    if outcome == AppealOutcome.GRANTED:
        comment.rejection_reason = None
        set_status(comment, CommentStatus.PUBLISHED)
    db.session.flush()
    log.record(actor, Verb.APPEAL_GRANTED if outcome == AppealOutcome.GRANTED else Verb.APPEAL_UPHELD,
               comment=comment, reason=reason)
