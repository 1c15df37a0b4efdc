"""Passing outages of the services Parley leans on: which errors are one, and one log line each.

A database that is down, restarting or stuck behind a lock is answered with 503 and Retry-After
(forum/errors.py); a cache that cannot be reached costs a render. Either can last seconds while
every request meets it, so each cause is logged when it starts and when it ends, and not for
every request in between (a 15-second outage once wrote 113,000 lines of tracebacks: issue 11).
The state is per process, which is what a log line per worker means.
"""
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass

import sqlalchemy as sa

log = logging.getLogger(__name__)

DATABASE_DOWN = "database unreachable"
DATABASE_BUSY = "database busy"  # a statement or lock timeout, SQLite's write lock
CACHE_DOWN = "cache unreachable"

# PostgreSQL's SQLSTATEs for a server that is going away, coming back or refusing connections
# (class 08, 57P0x, too many connections), and for work cut short that may pass when tried again.
# https://www.postgresql.org/docs/current/errcodes-appendix.html
_DOWN_STATES = {"57P01", "57P02", "57P03", "57P04", "57P05", "53300"}
_BUSY_STATES = {"57014", "55P03", "40P01", "40001"}  # statement timeout, lock timeout, deadlock, serialization
_SQLITE_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def database_outage(error: BaseException) -> str | None:
    """DATABASE_DOWN or DATABASE_BUSY when `error` comes from a passing database outage, else None.

    A bug, or bad data that the database refuses, is not an outage: asking again would fail again."""
    if not isinstance(error, sa.exc.DBAPIError):
        return None
    if error.connection_invalidated:
        return DATABASE_DOWN
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        code = getattr(original, "sqlite_errorcode", None)
        return DATABASE_BUSY if code is not None and (code & 0xFF) in _SQLITE_BUSY else None  # extended codes
    state = getattr(original, "sqlstate", None)
    if state in _BUSY_STATES:
        return DATABASE_BUSY
    if state in _DOWN_STATES or (state or "").startswith("08"):
        return DATABASE_DOWN
    # psycopg gives no SQLSTATE when there is no server to give one: refused, reset, closed.
    if state is None and isinstance(error, sa.exc.OperationalError):
        return DATABASE_DOWN
    return None


@dataclass
class _Outage:
    began: float  # time.monotonic()
    failures: int = 1


_current: dict[str, _Outage] = {}
_lock = threading.Lock()


def failed(cause: str, error: BaseException) -> None:
    """Note that `cause` made something fail (a request, a cache read); only an outage's first failure is logged."""
    with _lock:
        outage = _current.get(cause)
        if outage is not None:
            outage.failures += 1
            return
        _current[cause] = _Outage(time.monotonic())
    first_line = next(iter(str(error).splitlines()), "")
    log.warning("%s: %s: %s (logged once until it recovers)", cause, type(error).__name__, first_line)


def recovered(cause: str) -> None:
    """Note that `cause` works again; logged once, if it had failed. Cheap when nothing had."""
    if cause not in _current:
        return
    with _lock:
        outage = _current.pop(cause, None)
    if outage is not None:
        log.warning("%s: recovered after %.1f s and %d failure(s)", cause, time.monotonic() - outage.began,
                    outage.failures)

