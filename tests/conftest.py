"""Test fixtures: the app on SQLite (always) and PostgreSQL (when TEST_DATABASE_URL is set).

Each database gets a fresh schema built by the migrations once per run; each test then runs
inside a transaction that is rolled back, so tests are isolated and fast.
"""
import os
import re
import socket
import uuid

import pytest
import sqlalchemy as sa
from flask import current_app, has_app_context, has_request_context
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession

from forum import create_app, fast_path
from forum.config import TestConfig, normalise_database_url
from forum.extensions import cache
from forum.extensions import db as _db
from forum.views import member_pages
from tests import factories

IN_CI = os.environ.get("CI") == "true"


def _give_this_worker_its_own_services() -> None:
    """Under pytest-xdist each worker process gets a PostgreSQL database and a Redis database of its own:
    tests drop the schema, flush Redis and commit for real, which two workers sharing one would see."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, …
    if not worker:
        return
    number = int(worker.removeprefix("gw"))
    if url := os.environ.get("TEST_DATABASE_URL"):
        base = sa.engine.make_url(normalise_database_url(url))
        own = base.set(database=f"{base.database}_{worker}")
        admin = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}) is None:
                conn.execute(sa.text(f'CREATE DATABASE "{own.database}"'))
        admin.dispose()
        os.environ["TEST_DATABASE_URL"] = own.render_as_string(hide_password=False)
    if url := os.environ.get("TEST_REDIS_URL"):
        match = re.fullmatch(r"(.*/)(\d+)", url)
        if match:  # redis://host:port/15 → /15 for gw0, /14 for gw1, …
            os.environ["TEST_REDIS_URL"] = f"{match[1]}{int(match[2]) - number}"


def pytest_configure(config):
    _give_this_worker_its_own_services()
    # SQLite cannot reflect expression indexes (lower(username)); PostgreSQL checks them instead.
    config.addinivalue_line("filterwarnings", "ignore:Skipped unsupported reflection:sqlalchemy.exc.SAWarning")
    config.addinivalue_line("markers", "slow: drives a real server for minutes (deselect locally with -m 'not slow')")


def cpu_seconds(work) -> float:
    """The CPU time `work()` takes in this thread, the garbage collector held off: a full collection of a test
    process's objects, which may start in any call, costs a quarter of a second that is not the call's (CI run:
    a linear-time test of 2 ms failed at 255 ms). For the linear-time tests, which bound the cost of hostile input."""
    import gc
    import time

    enabled = gc.isenabled()
    gc.disable()
    try:
        started = time.thread_time()
        work()
        return time.thread_time() - started
    finally:
        if enabled:
            gc.enable()


def skip_or_fail(reason: str):
    """Skip when a real component is missing; in CI a missing component is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must not be skipped)")
    pytest.skip(reason)


def free_port() -> int:
    """A loopback port nothing listens on (found free, then closed again): a service that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_postgres_schema(url: str) -> str:
    """Recreate the test database's public schema so the migrations start from empty."""
    engine = sa.create_engine(normalise_database_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return normalise_database_url(url)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'parley.sqlite3'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        skip_or_fail("PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1/parley_test)")
    return _fresh_postgres_schema(url)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    config = type("SessionTestConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_DIR": str(tmp_path_factory.mktemp("instance")),
    })
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


class _ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy picks an engine per table; in tests every statement must use the test's connection."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@sa.event.listens_for(_ConnectionBoundSession, "after_flush")
def _rows_written_by_the_test(_session, _flush_context):
    """Rows a test writes outside a request are never committed (the test's transaction is rolled back),
    so no commit tells the visitor fast path: forget its pages, as a commit would have. Changes made
    through the app's views commit, and go stale the way a deployed site's do."""
    if not has_request_context() and has_app_context():
        fast_path.clear(current_app)
        member_pages.clear(current_app)


@pytest.fixture
def db(app):
    """The database session, inside a transaction that is rolled back after the test."""
    with app.app_context():
        cache.clear()  # rendered threads of the previous test's rows, which the rollback removed
        fast_path.clear(app)
        member_pages.clear(app)
        connection = _db.engine.connect()
        transaction = connection.begin()
        if connection.dialect.name == "sqlite":
            # pysqlite sends no BEGIN until the first write, so the first SAVEPOINT would start the
            # real transaction and a view's commit would really commit. Begin it here instead.
            connection.exec_driver_sql("BEGIN")
        original_session = _db.session
        _db.session = _db._make_scoped_session({
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
            "class_": _ConnectionBoundSession,
            "expire_on_commit": False,  # as in forum/extensions.py
        })
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original_session
            transaction.rollback()
            connection.close()


@pytest.fixture
def live_app(app):
    """The test database through an engine of its own, as a deployed site's: for tests of concurrent
    transactions, which must see each other's commits (and delete what they wrote)."""
    live = create_app(dict(app.config))
    yield live
    with live.app_context():
        _db.engine.dispose()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def make(db):
    """Factories bound to this test's session: make.user(role="admin"), make.article(…)."""
    return factories.Factories(db.session)


class Auth:
    """Sign in and out through the real forms, as a person would."""

    def __init__(self, client, make):
        self.client = client
        self.make = make

    def login(self, user, password=factories.DEFAULT_PASSWORD):
        response = self.client.post(
            "/auth/login",
            data={"login": user.username, "password": password, "csrf_token": csrf_token(self.client)},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    def login_as(self, role: str):
        return self.login(self.make.user(role=role))

    def logout(self):
        return self.client.post("/auth/logout", data={"csrf_token": csrf_token(self.client)})


@pytest.fixture
def auth(client, make):
    return Auth(client, make)


_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_token(client, path=None) -> str:
    """The CSRF token the site hands this client's session, read from a page as a browser would
    (by default the front page, or the sign-in page for a visitor, whose front page carries none)."""
    html = client.get(path or "/").get_data(as_text=True)
    match = _CSRF_META.search(html)
    if match is None and path is None:
        path = "/auth/login"
        match = _CSRF_META.search(client.get(path).get_data(as_text=True))
    assert match, f"no csrf token on {path}"
    return match.group(1)


@pytest.fixture
def unique():
    """A short unique suffix for names in tests that share a database."""
    return lambda prefix="x": f"{prefix}{uuid.uuid4().hex[:8]}"


# --- SQL statement recording (reader discussion tests) ---

from contextlib import contextmanager  # noqa: E402

_TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")


@contextmanager
def recorded_sql(connection):
    """Collect the SQL statements sent through `connection` while the block runs.

    Transaction control (BEGIN, SAVEPOINT …) is left out: the test fixtures add savepoints that
    a real request does not send, and they are not queries.
    """
    statements: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _executemany):
        if not statement.lstrip().upper().startswith(_TRANSACTION_CONTROL):
            statements.append(statement)

    sa.event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(connection, "before_cursor_execute", record)


@pytest.fixture
def site_policy(db):
    """Save policy fields for this test, the rest at their defaults: site_policy(auto_close_days=7)."""
    from forum.models import SitePolicy
    from forum.models.policy import POLICY_ID

    def save(**changes):
        policy = db.session.get(SitePolicy, POLICY_ID)
        if policy is None:
            policy = SitePolicy.with_defaults()
            db.session.add(policy)
        for name, value in changes.items():
            assert hasattr(SitePolicy, name), name
            setattr(policy, name, value)
        db.session.flush()
        return policy

    return save


@pytest.fixture(autouse=True)
def _rate_limits_off_between_tests():
    """Flask-Limiter keeps one state per process, set by the last app built. Tests that build an
    app with limits on (test_rate_limits.py) must not leave them on for the tests after them."""
    from forum.extensions import limiter

    limiter.enabled = False
    yield
    limiter.enabled = False


# --- Requests with sessions of their own (moderation view tests) ---

@pytest.fixture
def own_sessions(app, client):
    """Give each request of `client` an application context, and so a database session, of its own, as in
    production. Without it a request reuses the test's context and session, so a view that rolls back
    (a refused form) also undoes the rows the test made, and g.policy outlives the request."""
    open_in_test_context = client.open

    def open_in_own_context(*args, **kwargs):
        with app.app_context():
            return open_in_test_context(*args, **kwargs)

    client.open = open_in_own_context
    return client
