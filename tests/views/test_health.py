"""/healthz: each dependency's state, 503 only when the database cannot serve, and never a hang.

Each state is produced for real: a second connection holds the write lock, REDIS_URL points at a port
where nothing listens or at a socket that never answers, and an old row waits in the outbox.
"""
import os
import socket
import time
from datetime import timedelta

import pytest

from forum import create_app
from forum.extensions import db as _db
from forum.health import MAIL_QUEUE_STALE_SECONDS
from forum.models import MailKind, MailOutcome, OutgoingMail
from forum.models.base import utcnow
from tests.conftest import free_port, skip_or_fail
from tests.smtp_server import mail, smtp_server  # noqa: F401  (fixtures)

# Far below what a lock or a dead server would cost without the checks' own timeouts (SQLite's busy
# timeout is 5 s, PostgreSQL waits for a lock forever, redis-py retries a timeout three times).
NO_HANG_SECONDS = 4


def statuses(response) -> dict[str, str]:
    return {name: check["status"] for name, check in response.get_json()["checks"].items()}


def test_a_healthy_site_says_so_for_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert statuses(response) == {"database_read": "ok", "database_write": "ok", "mail_queue": "off", "redis": "off"}
    assert all(isinstance(check["ms"], float) for check in response.get_json()["checks"].values())
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers  # no session is started for a load balancer


@pytest.fixture
def write_lock(db):
    """Another connection holds the lock every write needs, as a long import or a stuck transaction would."""
    holder = _db.engine.connect()
    if holder.dialect.name == "sqlite":
        holder.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        holder.begin()
        holder.exec_driver_sql("LOCK TABLE mail_outbox IN SHARE MODE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def test_a_database_locked_for_writing_answers_503_quickly(client, write_lock):
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    report = response.get_json()
    assert report["status"] == "unhealthy"
    assert statuses(response)["database_read"] == "ok"  # it answers, but cannot take a post
    assert report["checks"]["database_write"] == {**report["checks"]["database_write"], "status": "failing",
                                                  "required": True, "reason": "timed out or waited for a lock"}
    assert elapsed < NO_HANG_SECONDS


@pytest.mark.parametrize("url", [
    "sqlite:////nonexistent-parley-directory/parley.sqlite3",
    "postgresql+psycopg://postgres@127.0.0.1:{port}/parley",
])
def test_an_unreachable_database_answers_503(url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url.format(port=free_port()), "SECRET_KEY": "x", "TESTING": True})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unhealthy"
    assert statuses(response) == {"database_read": "failing", "database_write": "failing", "mail_queue": "off",
                                  "redis": "off"}
    assert "127.0.0.1" not in response.get_data(as_text=True)  # hosts and ports go to the log only
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def silent_redis():
    """A port that accepts connections and never answers, as a Redis stuck on a full disk or a long command."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


@pytest.mark.parametrize("redis", ["refused", "silent"])
def test_redis_down_leaves_the_site_serving_but_degraded(app, client, monkeypatch, silent_redis, redis):
    url = silent_redis if redis == "silent" else f"redis://127.0.0.1:{free_port()}/0"
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < NO_HANG_SECONDS
    assert response.status_code == 200  # rate limits and cache fall back to memory, mail waits in the outbox
    assert response.get_json()["status"] == "degraded"
    assert statuses(response) == {"database_read": "ok", "database_write": "ok", "mail_queue": "off",
                                  "redis": "failing"}
    assert response.get_json()["checks"]["redis"]["required"] is False


def test_with_redis_up_the_check_says_so(app, client, monkeypatch):
    url = os.environ.get("TEST_REDIS_URL") or skip_or_fail("This test needs TEST_REDIS_URL")
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    response = client.get("/healthz")
    assert response.status_code == 200 and statuses(response)["redis"] == "ok"


def queue_mail(db, age: timedelta, done: bool = False) -> None:
    queued = utcnow() - age
    db.session.add(OutgoingMail(kind=MailKind.REPLY, ident=1, created_at=queued, next_attempt_at=queued,
                                done_at=utcnow() if done else None, outcome=MailOutcome.SENT if done else None))
    db.session.flush()


def test_mail_waiting_too_long_in_the_outbox_makes_the_site_degraded(client, db, mail):
    queue_mail(db, timedelta(days=3), done=True)  # sent long ago: not waiting
    queue_mail(db, timedelta(seconds=5))
    fresh = client.get("/healthz")
    assert fresh.status_code == 200 and fresh.get_json()["status"] == "ok"
    assert fresh.get_json()["checks"]["mail_queue"]["waiting"] == 1

    queue_mail(db, timedelta(seconds=MAIL_QUEUE_STALE_SECONDS + 60))
    stale = client.get("/healthz")
    assert stale.status_code == 200
    assert stale.get_json()["status"] == "degraded"
    queue = stale.get_json()["checks"]["mail_queue"]
    assert (queue["status"], queue["waiting"]) == ("failing", 2)
    assert queue["oldest_seconds"] >= MAIL_QUEUE_STALE_SECONDS + 60
