"""Moderators' decisions as labelled examples for the learned classifier.

Every approve, reject or spam a moderator gives a comment (held, reported, or seen in a queue) says
what the comment is. The latest act on a comment wins, an act later undone does not count, and the
text is the comment as it read when the act was made (an edit after the decision is not what was
judged). A rejection teaches something only when its reason names what the classifier looks for:
"Off-topic" or "Misinformation" are rules about the conversation, not about the words, and a civil
comment taught as abusive would make the model hold civil comments; so those are left out, and so
is any reason a moderator typed in their own words.
"""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from forum import visibility
from forum.models import Comment, CommentRevision, ModerationAction, Verb

# What each offered rejection reason (forum/actions/moderation.py, REJECTION_REASONS) teaches; None:
# nothing. tests/moderation/test_examples.py checks that every offered reason is listed here.
REJECTION_LABELS: dict[str, str | None] = {
    "personal attack on another reader": "abusive",
    "hate or dehumanising language": "abusive",
    "threat or incitement": "abusive",
    "spam or advertising": "spam",
    "off-topic": None,
    "misinformation presented as fact": None,
}
# The acts that decide what a comment is. An upheld appeal keeps the rejection it upheld, so it is no act here.
DECIDING_VERBS = (Verb.APPROVE, Verb.REJECT, Verb.SPAM, Verb.APPEAL_GRANTED)


@dataclass(frozen=True)
class Example:
    """One comment as a moderator judged it."""

    comment_id: int
    decided_at: datetime
    act_id: int
    label: str
    text: str


def label_of(verb: Verb, reason: str) -> str | None:
    """The label a moderator's act gives its comment, or None when it teaches nothing."""
    if verb in (Verb.APPROVE, Verb.APPEAL_GRANTED):
        return "civil"
    if verb == Verb.SPAM:
        return "spam"
    if verb == Verb.REJECT:
        return REJECTION_LABELS.get(" ".join((reason or "").lower().split()))
    return None


def site_examples(session, limit: int | None = None) -> list[Example]:
    """Every comment's latest standing decision, labelled, oldest decision first, in one query.

    `limit`: only the most recent that many decisions (still returned oldest first)."""
    undone = sa.select(ModerationAction.reverts_id).where(ModerationAction.reverts_id.is_not(None))
    latest = (
        sa.select(ModerationAction.id, ModerationAction.comment_id, ModerationAction.verb, ModerationAction.reason,
                  ModerationAction.created_at,
                  sa.func.row_number().over(partition_by=ModerationAction.comment_id,
                                            order_by=ModerationAction.id.desc()).label("rank"))
        .where(ModerationAction.comment_id.is_not(None), ModerationAction.verb.in_(DECIDING_VERBS),
               ModerationAction.id.not_in(undone))
        .subquery()
    )
    # The version of the text that was showing when the act was made: the revision it later replaced, if any.
    then = (
        sa.select(CommentRevision.body_source)
        .where(CommentRevision.comment_id == latest.c.comment_id, CommentRevision.written_at <= latest.c.created_at,
               CommentRevision.replaced_at > latest.c.created_at)
        .order_by(CommentRevision.id).limit(1).scalar_subquery()
    )
    query = (
        sa.select(latest.c.id, latest.c.comment_id, latest.c.verb, latest.c.reason, latest.c.created_at,
                  sa.func.coalesce(then, Comment.body_source).label("text"))
        .join(Comment, Comment.id == latest.c.comment_id)
        # Imported comments keep the HTML they were written in; the classifier reads what readers type here.
        .where(latest.c.rank == 1, Comment.body_format == "markdown")
        .order_by(latest.c.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    examples = []
    for row in reversed(session.execute(query).all()):
        label = label_of(Verb(row.verb), row.reason)
        if label is not None and row.text.strip():
            examples.append(Example(row.comment_id, row.created_at, row.id, label, row.text))
    return examples


def published_examples(session, settled_before: datetime, limit: int) -> list[Example]:
    """The most recent `limit` published comments posted before `settled_before` that nobody flagged and no moderator
    acted on, labelled civil, oldest first, in one query.

    They are the site's ordinary comments, which its decisions lack: a retrain learns from them as civil, at a
    lower weight than a decision since a few are abuse nobody reported (candidates.IMPLICIT_WEIGHT)."""
    decided = sa.exists().where(ModerationAction.comment_id == Comment.id)
    query = (
        sa.select(Comment.id, Comment.created_at, Comment.body_source)
        .where(visibility.PUBLIC.clause(Comment), Comment.created_at < settled_before, Comment.flag_weight == 0,
               Comment.flagged_at.is_(None), Comment.edited_at.is_(None), Comment.body_format == "markdown", ~decided)
        .order_by(Comment.id.desc()).limit(limit)
    )
    return [Example(row.id, row.created_at, 0, "civil", row.body_source)
            for row in reversed(session.execute(query).all()) if row.body_source.strip()]
