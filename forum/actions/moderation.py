"""Moderators' acts on comments and threads. Each checks can(), changes rows, and logs one row."""
from datetime import datetime, timezone

import sqlalchemy as sa

from forum.actions.errors import Forbidden, Refused
from forum.actions.visibility import bump_version, forget_first_publication, set_status
from forum.actions.comments import AUTO_SLOW_WINDOW, slow_down_if_over
from forum.extensions import db
from forum.models import (
    Article, Comment, CommentStatus, Flag, FlagReason, ModerationAction, SitePolicy, User, Verb,
)
from forum.moderation import flags, log
from forum.permissions import Action, can

FLAG_NOTE_MAX_CHARS = 200
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
    if not can(actor, action, target):
        raise Forbidden("You may not do that.")


def _resolve_flags(comment: Comment, now: datetime) -> None:
    """A moderator's decision settles every open flag on the comment."""
    db.session.execute(
        sa.update(Flag).where(Flag.comment_id == comment.id, Flag.resolved_at.is_(None)).values(resolved_at=now)
    )
    comment.flag_weight = 0
    comment.flagged_at = None


def _decide(actor: User, comment: Comment, status: CommentStatus, verb: Verb, reason: str = "") -> ModerationAction:
    _require(actor, Action.COMMENT_MODERATE, comment)
    now = _now()
    before = {"status": comment.status.value, "rejection_reason": comment.rejection_reason,
              "flag_weight": comment.flag_weight,
              "flagged_at": comment.flagged_at.isoformat() if comment.flagged_at else None,
              "published_at": comment.published_at.isoformat() if comment.published_at else None}
    _resolve_flags(comment, now)
    comment.moderated_at = now
    comment.rejection_reason = reason or None if status == CommentStatus.REJECTED else None
    set_status(comment, status)
    return log.record(actor, verb, comment=comment, reason=reason, details={"before": before})


def approve(actor: User, comment: Comment) -> ModerationAction:
    """Publish a held comment (or keep a reported one up), settling its flags."""
    return _decide(actor, comment, CommentStatus.PUBLISHED, Verb.APPROVE)


def reject(actor: User, comment: Comment, reason: str) -> ModerationAction:
    """Reject with a reason the author sees."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Give the author a reason for the rejection.", field="reason")
    return _decide(actor, comment, CommentStatus.REJECTED, Verb.REJECT, reason[:500])


def mark_spam(actor: User, comment: Comment) -> ModerationAction:
    return _decide(actor, comment, CommentStatus.SPAM, Verb.SPAM, "Spam")


def set_featured(actor: User, comment: Comment, featured: bool) -> ModerationAction:
    """Pin a published top-level comment at the top of its thread (or unpin it)."""
    _require(actor, Action.COMMENT_MODERATE, comment)
    if featured and (comment.is_reply or not comment.is_published):
        raise Refused("Only a published top-level comment can be featured.")
    comment.featured_at = _now() if featured else None
    db.session.flush()
    bump_version(comment.article_id)
    return log.record(actor, Verb.FEATURE if featured else Verb.UNFEATURE, comment=comment)


def undo_last(actor: User, comment: Comment) -> ModerationAction:
    """Take back this moderator's last decision on the comment; the log keeps both rows."""
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
    if last.verb in (Verb.FEATURE, Verb.UNFEATURE):
        comment.featured_at = None if last.verb == Verb.FEATURE else _now()
        db.session.flush()
        bump_version(comment.article_id)
    else:
        before = last.details.get("before", {})
        comment.rejection_reason = before.get("rejection_reason")
        comment.flag_weight = before.get("flag_weight", 0)
        flagged_at = before.get("flagged_at")
        comment.flagged_at = datetime.fromisoformat(flagged_at) if flagged_at else None
        if comment.flag_weight:
            db.session.execute(  # the flags that decision settled count again
                sa.update(Flag).where(Flag.comment_id == comment.id, Flag.resolved_at == comment.moderated_at)
                .values(resolved_at=None)
            )
        set_status(comment, CommentStatus(before.get("status", CommentStatus.PENDING.value)))
        if "published_at" in before and before["published_at"] is None and comment.published_at is not None:
            forget_first_publication(comment)  # the approval undone was its first: the author's trust goes back too
    return log.record(actor, Verb.UNDO, comment=comment, reason=f"undo {last.verb.value}", reverts=last)


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
    flag = Flag(comment_id=comment.id, article_id=comment.article_id, user_id=flagger.id, reason=reason,
                note=note, weight=flags.flag_weight(flagger, policy), created_at=now)
    db.session.add(flag)
    db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id)
        .values(flag_weight=Comment.flag_weight + flag.weight,
                flagged_at=sa.func.coalesce(Comment.flagged_at, now))
    )
    db.session.flush()
    db.session.refresh(comment, ["flag_weight", "flagged_at"])
    if comment.is_published and flags.hides(comment.flag_weight, policy):
        comment.reasons = [*comment.reasons, f"hidden by flags: weight {comment.flag_weight} ≥ {policy.flags_to_hide}"]
        set_status(comment, CommentStatus.PENDING)
        log.record(None, Verb.HIDE, comment=comment, reason=f"flag weight {comment.flag_weight}")
    _slow_down_if_flag_storm(comment.article, policy, now)
    return flag


def _slow_down_if_flag_storm(article: Article, policy: SitePolicy, now: datetime) -> None:
    slow_down_if_over(
        article, policy, policy.auto_slow_flags_per_minute, "flags",
        sa.select(sa.func.count()).select_from(Flag)
        .where(Flag.article_id == article.id, Flag.created_at > now - AUTO_SLOW_WINDOW),
    )


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
    article.slow_mode_reason = (reason or "").strip()[:300] or None if minutes else None
    db.session.flush()
    bump_version(article.id)
    log.record(actor, Verb.SLOW_MODE if minutes else Verb.NORMAL_MODE, article=article, reason=reason,
               details={"minutes": minutes})


def bulk_decide(actor: User, comments: list[Comment], verb: Verb, reason: str = "") -> int:
    """Approve or reject a selection from a queue; returns how many were decided."""
    if verb not in (Verb.APPROVE, Verb.REJECT):
        raise Refused("Bulk acts are approve and reject.")
    for comment in comments:
        approve(actor, comment) if verb == Verb.APPROVE else reject(actor, comment, reason)
    return len(comments)

