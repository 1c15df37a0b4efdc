"""Retrains as rows: asked for by an admin or by the schedule, claimed by exactly one worker.

A retrain takes a minute or two of CPU, so it runs in `flask moderation worker`, never in a web
request. The request is a row (classifier_retrains) rather than a Redis job, as mail is: a request
survives Redis going down, and the same row is the history the admin page shows. A worker claims
the oldest waiting row with a lease (on PostgreSQL FOR UPDATE SKIP LOCKED, so two workers on two
hosts never take one row; on SQLite one atomic UPDATE); a worker that dies loses its lease and
another takes the row over.

The schedule is the policy's retrain_every_days: a worker queues a request when none was asked for
in that many days. The request carries its period's key (schedule_slot, unique), so workers on
several hosts noticing the same period queue it once.
"""
from datetime import datetime, timedelta

import sqlalchemy as sa

from forum.models import RetrainOrigin, RetrainOutcome, RetrainRequest, SitePolicy, User

LEASE_SECONDS = 30 * 60  # a retrain takes minutes; a worker silent this long has died
MESSAGE_MAX_CHARS = 4000
REQUEST_LOCK_KEY = 0x7061_726C_6579_0001  # "parley" and 1: the PostgreSQL advisory lock for queueing a retrain


def _waiting(now: datetime):
    return sa.and_(RetrainRequest.finished_at.is_(None),
                   sa.or_(RetrainRequest.claimed_until.is_(None), RetrainRequest.claimed_until <= now))


def _lock_the_queue(session) -> None:
    """Two clicks (or a click and the schedule) at once would each find none waiting and each queue one: a lock
    held until the caller's transaction ends makes the check and the insert one step. (The policy row may not
    exist to lock; SQLite has one writer at a time.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(REQUEST_LOCK_KEY)))


def request_retrain(session, origin: RetrainOrigin, actor: User | None, now: datetime) -> RetrainRequest:
    """Queue a retrain, or return the one already waiting (pressing "Retrain now" twice asks once)."""
    _lock_the_queue(session)
    waiting = session.scalar(
        sa.select(RetrainRequest).where(_waiting(now), RetrainRequest.claimed_by.is_(None))
        .order_by(RetrainRequest.id).limit(1)
    )
    if waiting is not None:
        return waiting
    row = RetrainRequest(origin=origin, requested_by_id=actor.id if actor else None, requested_at=now)
    session.add(row)
    session.flush()
    return row


def schedule_slot(every_days: int, now: datetime) -> str:
    """The key of the period `now` falls in, for a schedule of every `every_days` days."""
    return f"every {every_days} days: {int(now.timestamp() // (every_days * 86400))}"


def queue_if_due(session, policy: SitePolicy, now: datetime) -> RetrainRequest | None:
    """Queue the scheduled retrain when the policy asks for one and none was asked for in its period."""
    every = policy.retrain_every_days
    if not every:
        return None
    _lock_the_queue(session)
    recent = session.scalar(
        sa.select(sa.func.count()).select_from(RetrainRequest)
        .where(RetrainRequest.requested_at > now - timedelta(days=every))
    )
    if recent:
        return None
    row = RetrainRequest(origin=RetrainOrigin.SCHEDULE, requested_at=now, schedule_slot=schedule_slot(every, now))
    try:
        with session.begin_nested():
            session.add(row)
    except sa.exc.IntegrityError:  # another worker queued this period's retrain first
        return None
    return row


def claim(session, token: str, now: datetime) -> int | None:
    """Lease the oldest waiting retrain to worker `token`; its id, or None. Commit before working on it."""
    due = _waiting(now)
    oldest = (sa.select(RetrainRequest.id).where(due).order_by(RetrainRequest.id).limit(1)
              .with_for_update(skip_locked=True))
    return session.scalar(
        # `due` again in the outer WHERE: a row another worker claimed meanwhile no longer matches.
        sa.update(RetrainRequest).where(RetrainRequest.id.in_(oldest), due)
        .values(claimed_by=token, claimed_until=now + timedelta(seconds=LEASE_SECONDS))
        .returning(RetrainRequest.id)
        .execution_options(synchronize_session=False)
    )


def finish(session, request_id: int, token: str, outcome: RetrainOutcome, message: str, now: datetime,
           model_id: int | None = None) -> bool:
    """Record what came of a claimed retrain; False if this worker no longer held it (its lease ran out)."""
    done = session.execute(
        sa.update(RetrainRequest).where(RetrainRequest.id == request_id, RetrainRequest.claimed_by == token)
        .values(finished_at=now, outcome=outcome, message=message[:MESSAGE_MAX_CHARS], model_id=model_id,
                claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1
