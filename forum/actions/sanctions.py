"""Sanctions and notes about users: warn, suspend, ban, unban; moderators' notes to each other."""
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum import visibility
from forum.actions.errors import Forbidden, Refused
from forum.actions.moderation import reject
from forum.extensions import db
from forum.models import Comment, ModNote, User, Verb, Warning
from forum.moderation import log
from forum.permissions import Action, can

REASON_MAX_CHARS = 500
NOTE_MAX_CHARS = 2000


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _require_sanction(actor: User, user: User) -> None:
    if not can(actor, Action.USER_SANCTION, user):
        raise Forbidden("Moderators sanction readers only; admins also moderators; nobody sanctions an admin.")


def _reason(text: str, field: str = "reason") -> str:
    text = (text or "").strip()
    if not text:
        raise Refused("Say why: the user and the public log will read it.", field=field)
    if len(text) > REASON_MAX_CHARS:
        raise Refused(f"Keep it under {REASON_MAX_CHARS} characters.", field=field)
    return text


def warn(actor: User, user: User, message: str) -> Warning:
    """A warning the user must acknowledge before going on."""
    _require_sanction(actor, user)
    message = _reason(message, "message")
    warning = Warning(user_id=user.id, moderator_id=actor.id, message=message)
    db.session.add(warning)
    user.has_unread_warning = True
    db.session.flush()
    log.record(actor, Verb.WARN, user=user, reason=message)
    return warning


def acknowledge_warnings(user: User) -> None:
    db.session.execute(
        sa.update(Warning).where(Warning.user_id == user.id, Warning.acknowledged_at.is_(None))
        .values(acknowledged_at=_now())
    )
    user.has_unread_warning = False
    db.session.flush()


def unread_warnings(user: User) -> list[Warning]:
    return db.session.scalars(
        sa.select(Warning).where(Warning.user_id == user.id, Warning.acknowledged_at.is_(None)).order_by(Warning.id)
    ).all()


def suspend(actor: User, user: User, until: datetime, reason: str) -> None:
    """No posting, replying, editing, reacting or flagging until `until`."""
    _require_sanction(actor, user)
    reason = _reason(reason)
    if until.tzinfo is None:
        until = until.replace(tzinfo=timezone.utc)
    if until <= _now():
        raise Refused("The end of a suspension must be in the future.", field="until")
    user.suspended_until = until
    user.sanction_reason = reason
    db.session.flush()
    log.record(actor, Verb.SUSPEND, user=user, reason=reason, details={"until": until.isoformat()})


def ban(actor: User, user: User, reason: str, reject_pending: bool = False) -> int:
    """Ban from commenting; optionally reject every comment of theirs still waiting. Returns how many."""
    _require_sanction(actor, user)
    reason = _reason(reason)
    user.banned_at = _now()
    user.sanction_reason = reason
    db.session.flush()
    log.record(actor, Verb.BAN, user=user, reason=reason, details={"reject_pending": reject_pending})
    rejected = 0
    if reject_pending:
        pending = db.session.scalars(
            sa.select(Comment).options(joinedload(Comment.article))
            .where(Comment.author_id == user.id, visibility.HELD.clause(), visibility.comments_seen_by(actor))
        ).all()
        for comment in pending:
            reject(actor, comment, f"Author banned: {reason}")
        rejected = len(pending)
    return rejected


def unban(actor: User, user: User, reason: str) -> None:
    """Lift a ban or a suspension."""
    _require_sanction(actor, user)
    reason = _reason(reason)
    user.banned_at = None
    user.suspended_until = None
    user.sanction_reason = None
    db.session.flush()
    log.record(actor, Verb.UNBAN, user=user, reason=reason)


def add_note(actor: User, user: User, body: str) -> ModNote:
    """A note for other moderators; the user never sees it and it is not in the public log."""
    if not can(actor, Action.USER_REVIEW, user):
        raise Forbidden("Only moderators keep notes.")
    body = (body or "").strip()
    if not body:
        raise Refused("The note is empty.", field="body")
    if len(body) > NOTE_MAX_CHARS:
        raise Refused(f"Keep notes under {NOTE_MAX_CHARS} characters.", field="body")
    note = ModNote(user_id=user.id, author_id=actor.id, body=body)
    db.session.add(note)
    db.session.flush()
    return note
