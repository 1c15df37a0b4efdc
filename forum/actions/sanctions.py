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

REASON_MAX_CHARS = 500  # a warning's message; users.sanction_reason's width
MESSAGE_MAX_CHARS = 400  # typed to the person beside a standard reason: both fit users.sanction_reason
NOTE_MAX_CHARS = 2000
# The public log prints a sanction's reason, and words typed about one person may name or describe them, so
# a suspension, a ban and its lifting give one of these (as a rejection gives one of REJECTION_REASONS); what
# a moderator types goes to the person only, beside the standard reason.
SANCTION_REASONS = [
    "Repeated personal attacks on other readers",
    "Hate or dehumanising language",
    "Threats or incitement",
    "Spam or advertising",
    "Repeated off-topic posting after warnings",
    "A new account to get round an earlier sanction",
    "Misuse of flags",
]
LIFTING_REASONS = [
    "The sanction has served its purpose",
    "Granted on appeal",
    "The sanction was a mistake",
]
# What each of a banned author's held comments is rejected with; the public log shows it like a fixed reason.
BANNED_AUTHOR_REJECTION = "Author banned: {}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _require_sanction(actor: User, user: User) -> None:
    if not can(actor, Action.USER_SANCTION, user):
        raise Forbidden("Moderators sanction readers only; admins also moderators; nobody sanctions an admin.")


def _message(text: str) -> str:
    """A warning's words: the user reads them; the public log says only that there was one."""
    text = (text or "").strip()
    if not text:
        raise Refused("Say why: the user will read it.", field="message")
    if len(text) > REASON_MAX_CHARS:
        raise Refused(f"Keep it under {REASON_MAX_CHARS} characters.", field="message")
    return text


def standard_reason(reason: str, message: str, allowed: list[str]) -> tuple[str, str]:
    """(reason, message) checked: one of the `allowed` standard reasons (the public log shows it) and an
    optional typed message to the person (the log says only that there is one)."""
    reason, message = (reason or "").strip(), (message or "").strip()
    if reason not in allowed:
        raise Refused("Choose one of the standard reasons: the public log shows it. "
                      "Anything about this person goes in the message to them.", field="reason")
    if len(message) > MESSAGE_MAX_CHARS:
        raise Refused(f"Keep the message under {MESSAGE_MAX_CHARS} characters; it has {len(message):,}.",
                      field="message")
    return reason, message


def to_the_person(reason: str, message: str) -> str:
    """What the person reads: the standard reason, then the moderator's words to them."""
    return f"{reason} — {message}" if message else reason


def _details(message: str, **details) -> dict:
    """A log row's details; a typed message is kept there for moderators, out of the public reason."""
    return {**details, "message": message} if message else details


def warn(actor: User, user: User, message: str) -> Warning:
    """A warning the user must acknowledge before going on."""
    _require_sanction(actor, user)
    message = _message(message)
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


def suspend(actor: User, user: User, until: datetime, reason: str, message: str = "") -> None:
    """No posting, replying, editing, reacting or flagging until `until`, for a standard reason (SANCTION_REASONS)
    and an optional message to the person."""
    _require_sanction(actor, user)
    reason, message = standard_reason(reason, message, SANCTION_REASONS)
    if until.tzinfo is None:
        until = until.replace(tzinfo=timezone.utc)
    if until <= _now():
        raise Refused("The end of a suspension must be in the future.", field="until")
    user.suspended_until = until
    user.sanction_reason = to_the_person(reason, message)
    db.session.flush()
    log.record(actor, Verb.SUSPEND, user=user, reason=reason, details=_details(message, until=until.isoformat()))


def ban(actor: User, user: User, reason: str, reject_pending: bool = False, message: str = "") -> int:
    """Ban from commenting, for a standard reason and an optional message to the person; optionally reject
    every comment of theirs still waiting. Returns how many."""
    _require_sanction(actor, user)
    reason, message = standard_reason(reason, message, SANCTION_REASONS)
    user.banned_at = _now()
    user.sanction_reason = to_the_person(reason, message)
    db.session.flush()
    log.record(actor, Verb.BAN, user=user, reason=reason, details=_details(message, reject_pending=reject_pending))
    rejected = 0
    if reject_pending:
        pending = db.session.scalars(
            sa.select(Comment).options(joinedload(Comment.article))
            .where(Comment.author_id == user.id, visibility.HELD.clause(), visibility.comments_seen_by(actor))
        ).all()
        for comment in pending:
            reject(actor, comment, BANNED_AUTHOR_REJECTION.format(reason))
        rejected = len(pending)
    return rejected


def unban(actor: User, user: User, reason: str, message: str = "") -> None:
    """Lift a ban or a suspension, for a standard reason (LIFTING_REASONS) and an optional note for moderators."""
    _require_sanction(actor, user)
    reason, message = standard_reason(reason, message, LIFTING_REASONS)
    user.banned_at = None
    user.suspended_until = None
    user.sanction_reason = None
    db.session.flush()
    # Nobody tells the person of a lifting but the log, so what was typed is a note for moderators.
    log.record(actor, Verb.UNBAN, user=user, reason=reason, details={"note": message} if message else None)


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
