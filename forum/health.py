"""The checks behind /healthz: each dependency on a short timeout, so an outage or a lock fails a check fast
instead of hanging it, and the load balancer hears whether this process can serve.

The database must answer and take writes, or nothing can be posted: "unhealthy", HTTP 503, and the load
balancer sends readers elsewhere. Redis and the mail queue are optional: without Redis the rate limits
and the cache fall back to each process's memory and mail waits in the outbox, so they make the site
"degraded", still HTTP 200.
"""
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from forum.mail import outbox
from forum.models import MailKind, OutgoingMail

if TYPE_CHECKING:  # redis-py is loaded only where a Redis client is made (forum/redis_client.py)
    from redis import Redis

STATEMENT_TIMEOUT_MS = 1000  # for any one query of a check (PostgreSQL)
# A write that waits longer than this for a lock counts as refused: Parley's own writes hold locks for
# milliseconds, so a longer wait means something is holding the database.
LOCK_WAIT_MS = 500
REDIS_TIMEOUT_SECONDS = 0.5
# Mail waiting longer than this means no sender is working or the mail server keeps refusing.
MAIL_QUEUE_STALE_SECONDS = 15 * 60


@dataclass
class Check:
    status: str  # "ok", "failing", or "off" (not configured)
    required: bool  # failing, the site cannot serve
    ms: float = 0.0
    detail: dict = field(default_factory=dict)  # shown in the report
    error: str | None = None  # for the log only: it may name hosts and ports


@dataclass
class Report:
    checks: dict[str, Check]

    @property
    def status(self) -> str:
        failing = [check for check in self.checks.values() if check.status == "failing"]
        if any(check.required for check in failing):
            return "unhealthy"
        return "degraded" if failing else "ok"

    @property
    def http_status(self) -> int:
        return 503 if self.status == "unhealthy" else 200

    def as_json(self) -> dict:
        return {"status": self.status, "checks": {
            name: {"status": check.status, "required": check.required, "ms": round(check.ms, 1), **check.detail}
            for name, check in self.checks.items()
        }}


def check(session, redis: "Redis | None", mail_on: bool, now: datetime) -> Report:
    """Every check. Each query runs in a savepoint that is rolled back; a failure rolls the session back."""
    # The write goes first: on SQLite a transaction that has already read does not wait for the write
    # lock but is refused at once, so any other post's brief write would make the database look locked.
    write = _timed(True, lambda: _write(session, now), session)
    read = _timed(True, lambda: _read(session), session)
    if not mail_on:
        mail = Check("off", False)
    elif read.status == "ok":
        mail = _timed(False, lambda: _mail_queue(session, now), session)
    else:
        mail = Check("failing", False, detail={"reason": "not tried: the database did not answer"})
    redis_check = _timed(False, lambda: _ping(redis), None) if redis is not None else Check("off", False)
    return Report({"database_read": read, "database_write": write, "mail_queue": mail, "redis": redis_check})


def _timed(required: bool, run, session) -> Check:
    started = time.perf_counter()
    try:
        status, detail = run()
        error = None
    except Exception as exc:
        if not isinstance(exc, sa.exc.SQLAlchemyError) and not _is_redis_error(exc):
            raise
        if session is not None:
            session.rollback()  # a connection that failed to open leaves the session needing it
        status, detail, error = "failing", {"reason": _reason(exc)}, f"{type(exc).__name__}: {exc}"
    return Check(status, required, (time.perf_counter() - started) * 1000, detail, error)


def _is_redis_error(exc: Exception) -> bool:
    """Whether `exc` is redis-py's; if redis-py was never imported (no Redis client made), nothing raised it."""
    redis = sys.modules.get("redis")
    return redis is not None and isinstance(exc, redis.RedisError)


def _reason(exc: Exception) -> str:
    """What failed, in words that name no host, port or file."""
    text = str(exc).lower()
    if "timeout" in text or "timed out" in text or "lock" in text:
        return "timed out or waited for a lock"
    if _is_redis_error(exc):
        return "unreachable"
    if "read-only" in text or "readonly" in text:
        return "read-only"
    return "unreachable or refused"


@contextmanager
def _bounded(session):
    """A savepoint, rolled back afterwards, in which no query runs longer than STATEMENT_TIMEOUT_MS nor waits
    for a lock longer than LOCK_WAIT_MS (SQLite has no statement timeout; its reads do not wait on writers)."""
    nested = session.begin_nested()
    connection = session.connection()
    try:
        if connection.dialect.name == "postgresql":
            # SET LOCAL lasts until the savepoint is rolled back.
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}")
            yield connection
        else:
            before = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
            try:
                yield connection
            finally:
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(before)}")
    finally:
        nested.rollback()


def _read(session):
    with _bounded(session) as connection:
        connection.execute(sa.select(OutgoingMail.id).limit(1)).all()
    return "ok", {}


def _write(session, now: datetime):
    """A real insert, rolled back: it needs what every post needs (the write lock on SQLite, a writable
    primary on PostgreSQL) and leaves no row behind."""
    with _bounded(session) as connection:
        connection.execute(sa.insert(OutgoingMail.__table__).values(
            kind=MailKind.REPLY, ident=0, created_at=now, next_attempt_at=now))
    return "ok", {}


def _mail_queue(session, now: datetime):
    with _bounded(session):
        waiting, oldest = outbox.backlog(session)
    age = int((now - oldest).total_seconds()) if oldest is not None else None
    stale = age is not None and age > MAIL_QUEUE_STALE_SECONDS
    return "failing" if stale else "ok", {"waiting": waiting, "oldest_seconds": age,
                                          "stale_after_seconds": MAIL_QUEUE_STALE_SECONDS}


def _ping(redis: "Redis"):
    redis.ping()
    return "ok", {}
