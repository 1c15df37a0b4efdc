"""Moderators' acts on comments and threads. Each checks can(), changes rows, and logs one row.

ACTS at the end is the one table of the acts on a comment (the function, the log's verb, what the
moderator is told), from which the HTML and the API moderation views are both made.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from hashlib import sha256

import sqlalchemy as sa

from forum import visibility
from forum.actions.errors import Forbidden, Refused
from forum.actions.visibility import (
    IllegalTransition, bump_version, forget_first_publication, set_status, with_article,
)
from forum.actions.slow_mode import slow_down_if_flag_storm
from forum.extensions import db
from forum.models import (
    Article, Comment, CommentStatus, Flag, FlagReason, ModerationAction, Role, SitePolicy, User, Verb,
)
from forum.moderation import flags, log
from forum.permissions import Action, can

FLAG_NOTE_MAX_CHARS = 200
REJECTION_REASON_MAX_CHARS = 500  # the column's width; the author reads it
SLOW_MODE_REASON_MAX_CHARS = 300
REJECTION_REASONS = [  # offered in the queue; moderators may also type their own
    "Personal attack on another reader",
    "Hate or dehumanising language",
    "Threat or incitement",
    "Spam or advertising",
    "Off-topic",
    "Misinformation presented as fact",
]
MAX_SLOW_MODE_MINUTES = 24 * 60


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _require(actor: User, action: Action, target=None) -> None:
    if not can(actor, action, with_article(target) if isinstance(target, Comment) else target):
        raise Forbidden("You may not do that.")


def _resolve_flags(comment: Comment, now: datetime) -> None:
    """A moderator's decision settles every open flag on the comment."""
    db.session.execute(
        sa.update(Flag).where(Flag.comment_id == comment.id, Flag.resolved_at.is_(None)).values(resolved_at=now)
    )
    comment.flag_weight = 0
    comment.flagged_at = None


# Each decision and the status it leaves the comment in.
DECISIONS = {Verb.APPROVE: visibility.PUBLIC, Verb.REJECT: visibility.REJECTED_ONLY, Verb.SPAM: visibility.SPAM_ONLY}


def _standing_decision(comment: Comment) -> ModerationAction | None:
    """The latest decision on the comment (approve, reject, spam) that no undo took back, if the comment is
    still as it left it: after flags hid an approved comment, rejecting it is a new decision, not a correction."""
    undone = sa.select(ModerationAction.reverts_id).where(ModerationAction.reverts_id.is_not(None))
    last = db.session.scalar(
        sa.select(ModerationAction)
        .where(ModerationAction.comment_id == comment.id, ModerationAction.verb.in_(list(DECISIONS)),
               ModerationAction.id.not_in(undone))
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )
    return last if last is not None and DECISIONS[last.verb](comment) else None


def _decide(actor: User, comment: Comment, status: CommentStatus, verb: Verb, reason: str = "",
            rejection_reason: str | None = None) -> ModerationAction:
    """Set the status, settle the flags and log the act. A decision that follows another one still standing
    corrects it: the log keeps the earlier row and the new one says which it corrects (details["corrects"]),
    so a rejection with the wrong reason is put right by rejecting again with the right one."""
    _require(actor, Action.COMMENT_MODERATE, comment)
    earlier = _standing_decision(comment)
    # A standing rejection means the comment is still rejected (_standing_decision), so only the reason can differ.
    if earlier is not None and earlier.verb == verb == Verb.REJECT and comment.rejection_reason == rejection_reason:
        raise Refused("The comment is already rejected for that reason; choose another reason to correct it.",
                      field="reason")
    now = _now()
    before = {"status": comment.status.value, "rejection_reason": comment.rejection_reason,
              "flag_weight": comment.flag_weight,
              "flagged_at": comment.flagged_at.isoformat() if comment.flagged_at else None,
              "published_at": comment.published_at.isoformat() if comment.published_at else None}
    set_status(comment, status)  # first: a move the life cycle refuses changes nothing else
    _resolve_flags(comment, now)
    comment.moderated_at = now
    comment.rejection_reason = rejection_reason
    db.session.flush()
    details = {"before": before}
    if earlier is not None:
        details["corrects"] = earlier.id
    return log.record(actor, verb, comment=comment, reason=reason, details=details)


def approve(actor: User, comment: Comment) -> ModerationAction:
    """Publish a held comment (or keep a reported one up), settling its flags."""
    return _decide(actor, comment, CommentStatus.PUBLISHED, Verb.APPROVE)


def reject(actor: User, comment: Comment, reason: str) -> ModerationAction:
    """Reject with a reason the author sees."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Give the author a reason for the rejection.", field="reason")
    if len(reason) > REJECTION_REASON_MAX_CHARS:  # the author would read it cut off mid-sentence
        raise Refused(f"Keep the reason to {REJECTION_REASON_MAX_CHARS} characters; it has {len(reason):,}.",
                      field="reason")
    return _decide(actor, comment, CommentStatus.REJECTED, Verb.REJECT, reason, rejection_reason=reason)


def mark_spam(actor: User, comment: Comment) -> ModerationAction:
    return _decide(actor, comment, CommentStatus.SPAM, Verb.SPAM, "Spam")


class StaleDecision(IllegalTransition):
    """A decision sent about a comment whose status changed since the moderator saw it (a 409)."""


def text_mark(text: str) -> str:
    """A short fingerprint of a comment's source text: the queue's forms carry the one of the text shown,
    so that a decision is never taken on a text the moderator did not read."""
    return sha256((text or "").encode()).hexdigest()[:16]


def stale_reason(comment: Comment, seen_status: str, seen_text: str = "") -> str | None:
    """Why a decision made on what the moderator saw (its status, text_mark() of its text) no longer applies
    to `comment`, or None when it still does."""
    if seen_status and visibility.changed_since(comment, seen_status):
        return f"it was decided meanwhile (it is {comment.status.value} now, not {seen_status})"
    if seen_text and seen_text != text_mark(comment.body_source):
        return "its author edited the text after you loaded the queue"
    return None


def require_unchanged(comment: Comment, seen_status: str, seen_text: str = "") -> None:
    """Refuse a decision made on what the moderator saw when the comment has moved on since: a second
    key press, another moderator or another tab decided it first, or its author edited it after the queue
    was loaded. The caller holds the row's lock."""
    why = stale_reason(comment, seen_status, seen_text)
    if why is None:
        return
    advice = ("undo that decision first if it was wrong" if seen_status and visibility.changed_since(comment, seen_status)
              else "reload the queue and read it again before deciding")
    raise StaleDecision(f"Comment {comment.id} has changed since you loaded it: {why}. Nothing was changed; {advice}.")


def feature_refusal(comment: Comment) -> str | None:
    """Why `comment` cannot be featured, in words a moderator can act on, or None when it can."""
    if comment.is_reply:
        return "Only top-level comments can be featured; this one is a reply."
    if not visibility.PUBLIC(comment):
        return f"Only published comments can be featured; this one is {comment.status.value}."
    return None


def set_featured(actor: User, comment: Comment, featured: bool) -> ModerationAction:
    """Pin a published top-level comment at the top of its thread (or unpin it)."""
    _require(actor, Action.COMMENT_MODERATE, comment)
    refusal = feature_refusal(comment) if featured else None
    if refusal:
        raise Refused(refusal)
    comment.featured_at = _now() if featured else None
    db.session.flush()
    bump_version(comment.article_id)
    return log.record(actor, Verb.FEATURE if featured else Verb.UNFEATURE, comment=comment)


def undo_last(actor: User, comment: Comment, only: int | None = None) -> ModerationAction:
    """Take back this moderator's last decision on the comment; the log keeps both rows. With `only` (a log
    row's id), take back that act and no other: the queue's "u" key names the act it made on the page, so
    that it never reaches an older one."""
    _require(actor, Action.COMMENT_MODERATE, comment)
    undone = sa.select(ModerationAction.reverts_id).where(ModerationAction.reverts_id.is_not(None))
    last = db.session.scalar(
        sa.select(ModerationAction)
        .where(ModerationAction.comment_id == comment.id, ModerationAction.actor_id == actor.id,
               ModerationAction.verb.in_([Verb.APPROVE, Verb.REJECT, Verb.SPAM, Verb.FEATURE, Verb.UNFEATURE]),
               ModerationAction.id.not_in(undone))
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )
    if last is None:
        raise Refused("You have no act on this comment left to undo.")
    if only is not None and last.id != only:
        raise StaleDecision(f"Your act on comment {comment.id} is not your last one there any more (it was undone "
                            "or you acted again elsewhere); nothing was changed.")
    # Taking one's act back after someone else (or the system) acted would silently undo theirs too.
    acted_since = db.session.scalar(
        sa.select(ModerationAction.id)
        .where(ModerationAction.comment_id == comment.id, ModerationAction.id > last.id,
               sa.or_(ModerationAction.actor_id.is_(None), ModerationAction.actor_id != actor.id))
        .limit(1)
    )
    if acted_since is not None:
        raise StaleDecision("Someone else has acted on this comment since your act; decide it again rather than undo.")
    if last.verb == Verb.UNFEATURE and not visibility.PUBLIC(comment):
        raise Refused("Only a published comment can be featured again.")
    if last.verb in (Verb.FEATURE, Verb.UNFEATURE):
        comment.featured_at = None if last.verb == Verb.FEATURE else _now()
        db.session.flush()
        bump_version(comment.article_id)
    else:
        before = last.details.get("before", {})
        set_status(comment, CommentStatus(before.get("status", CommentStatus.PENDING.value)))
        comment.rejection_reason = before.get("rejection_reason")
        comment.flag_weight = before.get("flag_weight", 0)
        flagged_at = before.get("flagged_at")
        comment.flagged_at = datetime.fromisoformat(flagged_at) if flagged_at else None
        if comment.flagged_at is not None:
            db.session.execute(  # the flags that decision settled count again (weightless ones included)
                sa.update(Flag).where(Flag.comment_id == comment.id, Flag.resolved_at == comment.moderated_at)
                .values(resolved_at=None)
            )
        db.session.flush()
        if "published_at" in before and before["published_at"] is None and comment.published_at is not None:
            forget_first_publication(comment)  # the approval undone was its first: the author's trust goes back too
    return log.record(actor, Verb.UNDO, comment=comment, reason=f"undo {last.verb.value}", reverts=last)


def set_named_in_log(actor: User, named: bool) -> None:
    """A moderator's or admin's choice: their name (True) or their role (False) on their acts in the public log."""
    _require(actor, Action.MODERATION_AREA)
    actor.named_in_log = named
    db.session.flush()


def flag_comment(flagger: User, comment: Comment, reason: FlagReason, note: str, policy: SitePolicy) -> Flag:
    """A reader reports a comment once; enough weight hides it until a moderator looks."""
    if not can(flagger, Action.COMMENT_FLAG, comment, policy=policy):
        raise Forbidden("You cannot flag this comment.")
    note = (note or "").strip()
    if reason == FlagReason.OTHER and not note:
        raise Refused("Say briefly what is wrong with it.", field="note")
    if len(note) > FLAG_NOTE_MAX_CHARS:
        raise Refused(f"Keep the note under {FLAG_NOTE_MAX_CHARS} characters.", field="note")
    already = db.session.scalar(
        sa.select(Flag.id).where(Flag.comment_id == comment.id, Flag.user_id == flagger.id)
    )
    if already is not None:
        raise Refused("You have flagged this comment already; a moderator will look at it.")
    now = _now()
    weight = flags.flag_weight(flagger, policy, _standing_comments(flagger, policy.trusted_after, now), now)
    flag = Flag(comment_id=comment.id, article_id=comment.article_id, user_id=flagger.id, reason=reason,
                note=note, weight=weight, created_at=now)
    try:
        # The same flag sent twice at once passes the check above twice; the table's unique key decides.
        with db.session.begin_nested():
            db.session.add(flag)
    except sa.exc.IntegrityError:
        raise Refused("You have flagged this comment already; a moderator will look at it.") from None
    db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id)
        .values(flag_weight=Comment.flag_weight + flag.weight,
                flagged_at=sa.func.coalesce(Comment.flagged_at, now))
    )
    db.session.flush()
    db.session.refresh(comment, ["flag_weight", "flagged_at"])
    if (visibility.PUBLIC(comment) and flags.hides(comment.flag_weight, policy)
            and not flags.shielded_from_hiding(_written_by_staff(comment), comment.featured_at is not None)):
        comment.reasons = [*comment.reasons, f"hidden by flags: weight {comment.flag_weight} ≥ {policy.flags_to_hide}"]
        set_status(comment, CommentStatus.PENDING)
        log.record(None, Verb.HIDE, comment=comment, reason=f"flag weight {comment.flag_weight}")
    slow_down_if_flag_storm(comment.article, policy, now)
    return flag


def _standing_comments(author: User, needed: int, now: datetime) -> int:
    """How many of `author`'s comments are published and were approved by a moderator or have stood for
    flags.STANDING_AFTER, counted up to `needed` (a prolific author's history is not read to the end)."""
    standing = (sa.select(Comment.id)
                .where(Comment.author_id == author.id, visibility.PUBLIC.clause(),
                       sa.or_(Comment.moderated_at.is_not(None), Comment.published_at <= now - flags.STANDING_AFTER))
                .limit(max(needed, 0)).subquery())
    return db.session.scalar(sa.select(sa.func.count()).select_from(standing))


def _written_by_staff(comment: Comment) -> bool:
    if comment.author_id is None:
        return False
    return db.session.scalar(sa.select(User.role).where(User.id == comment.author_id)) in (Role.MODERATOR, Role.ADMIN)


def set_comments_closed(actor: User, article: Article, closed: bool, reason: str = "") -> None:
    """Close (or reopen) an article's thread: still readable, no new comments, edits or reactions."""
    _require(actor, Action.ARTICLE_CLOSE, article)
    article.comments_closed = closed
    db.session.flush()
    bump_version(article.id)
    log.record(actor, Verb.CLOSE if closed else Verb.REOPEN, article=article, reason=reason)


def set_slow_mode(actor: User, article: Article, minutes: int | None, reason: str = "") -> None:
    """One comment per reader every `minutes` on this article; None switches slow mode off."""
    _require(actor, Action.ARTICLE_SLOW_MODE, article)
    if minutes is not None and not 1 <= minutes <= MAX_SLOW_MODE_MINUTES:
        raise Refused(f"Slow mode takes 1 to {MAX_SLOW_MODE_MINUTES} minutes.", field="minutes")
    article.slow_mode_minutes = minutes
    article.slow_mode_reason = (reason or "").strip()[:SLOW_MODE_REASON_MAX_CHARS] or None if minutes else None
    article.slow_mode_until = None  # a moderator's slow mode lasts until a moderator lifts it
    db.session.flush()
    bump_version(article.id)
    log.record(actor, Verb.SLOW_MODE if minutes else Verb.NORMAL_MODE, article=article, reason=reason,
               details={"minutes": minutes})


BULK_VERBS = (Verb.APPROVE, Verb.REJECT)


@dataclass
class BulkOutcome:
    """What a bulk act did: the comments decided, and those skipped with why (each a line for the moderator)."""

    decided: list[Comment] = field(default_factory=list)
    skipped: list[tuple[Comment, str]] = field(default_factory=list)


def bulk_decide(actor: User, comments: list[Comment], verb: Verb, reason: str = "",
                seen: dict[int, tuple[str, str]] | None = None) -> BulkOutcome:
    """Approve or reject a selection from a queue, each as the single act would (so each is checked the same
    way, its article's visibility included). `seen` maps a comment's id to the (status, text_mark) the
    moderator saw; one that has moved on since (stale_reason) is skipped, not decided.
    The caller holds the rows' locks."""
    if verb not in BULK_VERBS:
        raise Refused("Bulk acts are approve and reject.")
    outcome = BulkOutcome()
    for comment in comments:
        why = stale_reason(comment, *(seen or {}).get(comment.id, ("", "")))
        if why:
            outcome.skipped.append((comment, why))
            continue
        ACTS[verb].perform(actor, comment, reason)
        outcome.decided.append(comment)
    return outcome


@dataclass(frozen=True)
class CommentAct:
    """A moderator's act on one comment, as both the HTML and the API views offer it."""

    perform: Callable[[User, Comment, str], ModerationAction]  # (actor, comment, reason)
    done: str  # what the moderator is told; {id} is the comment's id
    summary: str  # what it does, for the API's document


# Keyed by the verb the log records; the verb's value is also the act's name in URLs.
ACTS: dict[Verb, CommentAct] = {
    Verb.APPROVE: CommentAct(lambda actor, c, _: approve(actor, c), "Comment {id} approved.",
                             "Approve (publish) a comment, settling its flags"),
    Verb.REJECT: CommentAct(reject, "Comment {id} rejected.", "Reject a comment with a reason its author sees"),
    Verb.SPAM: CommentAct(lambda actor, c, _: mark_spam(actor, c), "Comment {id} marked as spam.",
                          "Mark a comment as spam"),
    Verb.FEATURE: CommentAct(lambda actor, c, _: set_featured(actor, c, True), "Comment {id} is featured.",
                             "Feature a published top-level comment at the top of its thread"),
    Verb.UNFEATURE: CommentAct(lambda actor, c, _: set_featured(actor, c, False),
                               "Comment {id} is no longer featured.", "Stop featuring a comment"),
    Verb.UNDO: CommentAct(lambda actor, c, _: undo_last(actor, c), "Your last act on comment {id} is undone.",
                          "Take back one's last act on a comment"),
}

