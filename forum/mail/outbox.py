"""The mail outbox: e-mail owed waits in the mail_outbox table until a sender has sent it.

A row is written in the transaction of the change that owes the mail (notices.queue_reply_notice), so a
rollback drops it and a commit keeps it, whatever Redis or the mail server do afterwards. Senders (the
mail worker, or a web process once its response is out) claim rows with a lease: on PostgreSQL a claim
skips the rows another sender is claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer at a time, so
one UPDATE … RETURNING claims atomically there. Each message is marked sent in its own transaction right
after the mail server took it. A failure is tried again later, each time after a longer wait, up to
MAX_ATTEMPTS; a row whose sender died is taken again once its lease has run out.

The session also remembers that it queued mail, so that once the transaction commits the web layer can
wake a sender (take_ready). That is only a wake-up: the row is what counts.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from forum.models import MailKind, MailOutcome, OutgoingMail

BATCH_SIZE = 20  # rows one claim takes; one SMTP connection sends them
LEASE_SECONDS = 300  # a sender takes no new message from its claim once this is nearly over (delivery.py)
MAX_ATTEMPTS = 8
# Waits after a failure: 1, 2, 4 … minutes, at most an hour; with 8 attempts, about two hours in all.
RETRY_FIRST_SECONDS = 60
RETRY_LONGEST_SECONDS = 60 * 60
KEEP_DONE_DAYS = 7  # finished rows stay this long, for an operator asking "did that mail go?"
ERROR_MAX_CHARS = 300

_QUEUED = "parley_outbox_queued"
_READY = "parley_outbox_ready"


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: MailKind
    ident: int
    attempts: int  # this one included


def _due(now: datetime):
    return sa.and_(
        OutgoingMail.done_at.is_(None), OutgoingMail.next_attempt_at <= now, OutgoingMail.attempts < MAX_ATTEMPTS,
        sa.or_(OutgoingMail.claimed_until.is_(None), OutgoingMail.claimed_until <= now),
    )


def claim(session, token: str, now: datetime) -> list[Claimed]:
    """Lease up to BATCH_SIZE due rows to the sender `token`, oldest first; commit before sending them."""
    due = _due(now)
    ids = (sa.select(OutgoingMail.id).where(due).order_by(OutgoingMail.next_attempt_at, OutgoingMail.id)
           .limit(BATCH_SIZE).with_for_update(skip_locked=True))
    rows = session.execute(
        # `due` again in the outer WHERE: a row another sender claimed meanwhile no longer matches.
        sa.update(OutgoingMail).where(OutgoingMail.id.in_(ids), due)
        .values(claimed_until=now + timedelta(seconds=LEASE_SECONDS), claimed_by=token,
                attempts=OutgoingMail.attempts + 1)
        .returning(OutgoingMail.id, OutgoingMail.kind, OutgoingMail.ident, OutgoingMail.attempts)
        .execution_options(synchronize_session=False)
    ).all()
    return sorted((Claimed(*row) for row in rows), key=lambda row: row.id)


def _held(row: Claimed, token: str):
    """The row, as long as this sender still holds it."""
    return sa.update(OutgoingMail).where(OutgoingMail.id == row.id, OutgoingMail.claimed_by == token) \
        .execution_options(synchronize_session=False)


def finish(session, row: Claimed, token: str, outcome: MailOutcome, now: datetime, error: str | None = None) -> None:
    session.execute(_held(row, token).values(done_at=now, outcome=outcome, claimed_until=None, claimed_by=None,
                                             last_error=error))


def retry_delay(attempts: int) -> timedelta:
    """How long a row waits after its `attempts`-th failure."""
    return timedelta(seconds=min(RETRY_FIRST_SECONDS * 2 ** (attempts - 1), RETRY_LONGEST_SECONDS))


def failed(session, row: Claimed, token: str, error: str, now: datetime) -> bool:
    """Record a failed attempt: the row is tried again later, or given up after its last attempt (True)."""
    error = error[:ERROR_MAX_CHARS]
    if row.attempts >= MAX_ATTEMPTS:
        finish(session, row, token, MailOutcome.FAILED, now, error)
        return True
    session.execute(_held(row, token).values(next_attempt_at=now + retry_delay(row.attempts), claimed_until=None,
                                             claimed_by=None, last_error=error))
    return False


def release(session, rows: list[Claimed], token: str) -> None:
    """Hand back claimed rows that were not tried (the lease was running out): due again at once."""
    for row in rows:
        session.execute(_held(row, token).values(claimed_until=None, claimed_by=None,
                                                 attempts=OutgoingMail.attempts - 1))


def tidy(session, now: datetime) -> None:
    """Give up rows whose last attempt's sender died, and drop rows finished over KEEP_DONE_DAYS ago."""
    session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.done_at.is_(None), OutgoingMail.attempts >= MAX_ATTEMPTS,
               OutgoingMail.claimed_until <= now)
        .values(done_at=now, outcome=MailOutcome.FAILED, claimed_until=None, claimed_by=None,
                last_error="The sender stopped during the last attempt.")
        .execution_options(synchronize_session=False)
    )
    session.execute(
        sa.delete(OutgoingMail).where(OutgoingMail.done_at < now - timedelta(days=KEEP_DONE_DAYS))
        .execution_options(synchronize_session=False)
    )


def backlog(session, cap: int = 1000) -> tuple[int, datetime | None]:
    """How many rows wait to be sent (counted up to `cap`), and when the oldest was queued."""
    waiting = OutgoingMail.done_at.is_(None)
    count = session.scalar(sa.select(sa.func.count()).select_from(
        sa.select(OutgoingMail.id).where(waiting).limit(cap).subquery()))
    oldest = session.scalar(sa.select(sa.func.min(OutgoingMail.created_at)).where(waiting))
    return count, oldest


# --- The wake-up: which sessions committed mail ---

def note_queued(session: Session) -> None:
    """This transaction put mail in the outbox: once it commits, a sender should look."""
    session.info[_QUEUED] = True


def take_ready(session: Session) -> bool:
    """Whether mail was committed since the last call; the caller wakes a sender."""
    return session.info.pop(_READY, False)


@event.listens_for(Session, "after_commit")
def _commit(session: Session) -> None:
    if session.info.pop(_QUEUED, False):
        session.info[_READY] = True


@event.listens_for(Session, "after_soft_rollback")
def _rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint inside it
        session.info.pop(_QUEUED, None)
