"""An author's one appeal against a rejection, and a moderator's decision on it."""
from datetime import datetime, timezone

import sqlalchemy as sa

from forum.actions.errors import Forbidden, Refused
from forum.actions.sanctions import standard_reason, to_the_person
from forum.actions.visibility import set_status, with_article
from forum.extensions import db
from forum.models import Appeal, AppealOutcome, Comment, CommentStatus, User, Verb
from forum.moderation import log
from forum.permissions import Action, can

APPEAL_MAX_CHARS = 1000
DECISION_REASON_MAX_CHARS = 500  # the column's width; the author reads it
# The public log prints a decision's reason, so it is one of these (words typed to the author may name them);
# the moderator may add a message that only the author and moderators read.
APPEAL_REASONS = {
    AppealOutcome.GRANTED: [
        "On a second reading the comment is within the rules",
        "The reason it was rejected for does not apply to it",
    ],
    AppealOutcome.UPHELD: [
        "The comment breaks the rule it was rejected under",
        "The comment breaks another of the rules",
    ],
}


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


def decide_appeal(actor: User, row: Appeal, outcome: AppealOutcome, reason: str, message: str = "") -> None:
    """Grant (publish the comment) or uphold (it stays rejected), with one of the outcome's APPEAL_REASONS and an
    optional message, both of which the author reads. A deleted comment's appeal is closed already
    (visibility.set_status), and the life cycle refuses to publish it."""
    if not can(actor, Action.APPEAL_DECIDE, row):
        raise Forbidden("Only moderators decide appeals.")
    if row.decided_at is not None:
        if row.outcome is None:
            raise Refused("This appeal is closed: its author deleted the comment.")
        raise Refused("This appeal has been decided already.")
    # One list of reasons for both buttons: a reason for the other decision is a slip, not a change of mind.
    if reason not in APPEAL_REASONS[outcome] and any(reason in reasons for reasons in APPEAL_REASONS.values()):
        decision = "grant" if outcome == AppealOutcome.GRANTED else "uphold"
        raise Refused(f"That reason is for the other decision; choose a reason to {decision} the appeal.",
                      field="reason")
    reason, message = standard_reason(reason, message, APPEAL_REASONS[outcome])
    # By id rather than through the relationship, which is lazy="raise": a caller need not preload it.
    comment = with_article(db.session.get(Comment, row.comment_id))
    if not can(actor, Action.COMMENT_MODERATE, comment):
        raise Forbidden("You may not do that.")
    if outcome == AppealOutcome.GRANTED:
        set_status(comment, CommentStatus.PUBLISHED)
        comment.rejection_reason = None
    row.outcome = outcome
    row.decision_reason = to_the_person(reason, message)
    row.decided_at = datetime.now(timezone.utc)
    row.decided_by_id = actor.id
    db.session.flush()
    log.record(actor, Verb.APPEAL_GRANTED if outcome == AppealOutcome.GRANTED else Verb.APPEAL_UPHELD,
               comment=comment, reason=reason, details={"message": message} if message else None)
