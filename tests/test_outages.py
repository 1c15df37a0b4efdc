"""Degrade, don't fail (issue 11), in one process: which database errors are passing outages, Redis
down behind the rate limits, a database down or locked answered 503 with Retry-After by a page that
needs no database, and one log line per outage. tests/test_service_outages.py does the same to a
running gunicorn."""
import logging
import sqlite3
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from forum import create_app, outages
from forum.config import TestConfig, normalise_database_url
from forum.extensions import db as _db
from forum.extensions import limiter
from forum.models import Article, Comment
from tests.factories import DEFAULT_PASSWORD
from tests.live_server import PrivateRedis, free_port
from tests.views.test_comments import Browser
from tests.views.test_embed import NEWS, embed_url

BODY = "A civil comment about evaluation standards that every rule lets through."


def _app(**settings):
    config = type("OutageConfig", (TestConfig,), {"WTF_CSRF_ENABLED": False, **settings})
    return create_app(config)


def _unreachable_postgresql() -> str:
    return f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"  # a port where nothing listens


def _signed_in_cookie(app, user_id: int = 1) -> str:
    """The session cookie of a signed-in reader, as the site would have set it before the outage."""
    return app.session_interface.get_signing_serializer(app).dumps({"_user_id": f"{user_id}:1", "_fresh": True})


@pytest.fixture(autouse=True)
def no_outage_yet(caplog):
    """Outages are remembered per process: each test starts, and leaves, with none."""
    causes = (outages.DATABASE_DOWN, outages.DATABASE_BUSY, outages.CACHE_DOWN)
    for cause in causes:
        outages.recovered(cause)
    caplog.clear()
    yield
    for cause in causes:
        outages.recovered(cause)


@pytest.fixture
def shared_limiter():
    """The limiter is one object for every app in the test run; these tests point it at a Redis they kill."""
    enabled = limiter.enabled
    yield
    limiter._storage_dead = False  # Flask-Limiter's "counting in memory until Redis answers again"
    limiter.enabled = enabled


# --- Which errors are outages ---------------------------------------------------------------------

def _error_of(engine: sa.Engine, *statements: str) -> sa.exc.SQLAlchemyError:
    with pytest.raises(sa.exc.SQLAlchemyError) as caught, engine.connect() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    return caught.value


def test_a_database_that_cannot_be_reached_is_an_outage():
    engine = sa.create_engine(normalise_database_url(_unreachable_postgresql()))
    assert outages.database_outage(_error_of(engine, "SELECT 1")) == outages.DATABASE_DOWN


def test_timeouts_and_cut_connections_are_outages_and_mistakes_are_not(app, database_url, tmp_path):
    if database_url.startswith("sqlite"):
        path = tmp_path / "locked.sqlite3"
        holder = sqlite3.connect(path)
        holder.execute("CREATE TABLE t (x)")
        holder.commit()
        engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
        assert outages.database_outage(_error_of(engine, "SELECT * FROM no_such_table")) is None
        holder.execute("BEGIN IMMEDIATE")
        assert outages.database_outage(_error_of(engine, "INSERT INTO t VALUES (1)")) == outages.DATABASE_BUSY
        holder.close()
        engine.dispose()
        return

    engine = sa.create_engine(database_url)
    assert outages.database_outage(
        _error_of(engine, "SET statement_timeout = 50", "SELECT pg_sleep(2)")) == outages.DATABASE_BUSY
    with engine.connect() as holder:
        holder.exec_driver_sql("SET lock_timeout = 2000")  # the test fails rather than hangs
        holder.exec_driver_sql("LOCK TABLE site_policy IN ACCESS EXCLUSIVE MODE")
        assert outages.database_outage(
            _error_of(engine, "SET lock_timeout = 50", "SELECT * FROM site_policy")) == outages.DATABASE_BUSY
        holder.rollback()
    with engine.connect() as victim, engine.connect() as admin:
        pid = victim.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        admin.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
        with pytest.raises(sa.exc.SQLAlchemyError) as cut:
            victim.exec_driver_sql("SELECT 1")
    assert outages.database_outage(cut.value) == outages.DATABASE_DOWN
    assert outages.database_outage(_error_of(engine, "SELECT 1 / 0")) is None
    assert outages.database_outage(_error_of(engine, "SELECT * FROM no_such_table")) is None
    engine.dispose()


def test_the_configured_timeouts_reach_the_database(database_url, tmp_path):
    settings = {"DATABASE_STATEMENT_TIMEOUT": 7, "DATABASE_LOCK_TIMEOUT": 3}
    if database_url.startswith("sqlite"):
        app = _app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'timeouts.sqlite3'}", **settings)
        with app.app_context(), _db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 3000
        return
    # Settings the URL carries are kept beside them.
    app = _app(SQLALCHEMY_DATABASE_URI=f"{database_url}?options=-csearch_path%3Dpublic", **settings)
    with app.app_context(), _db.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "7s"
        assert connection.exec_driver_sql("SHOW lock_timeout").scalar() == "3s"
        assert connection.exec_driver_sql("SHOW search_path").scalar() == "public"
    with app.app_context():
        _db.engine.dispose()


# --- Redis down behind the rate limits ------------------------------------------------------------

@pytest.mark.parametrize("action", ["comment", "sign-in", "register", "edit", "react", "flag"])
def test_rate_limited_posts_work_while_redis_is_down(action, database_url, make, shared_limiter, unique):
    app = _app(SQLALCHEMY_DATABASE_URI=database_url, RATELIMIT_ENABLED=True,
               RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
               RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 1})
    client = app.test_client()
    reader, other = make.user(), make.user()
    article = make.article()
    comment = make.comment(article, author=reader)
    theirs = make.comment(article, author=other)
    if action != "register":
        assert client.post("/auth/login", data={"login": reader.username, "password": DEFAULT_PASSWORD}).status_code == 302
    name = unique("new")
    path, form = {
        "comment": (f"/articles/{article.slug}/comments", {"body": BODY}),
        "sign-in": ("/auth/login", {"login": reader.username, "password": DEFAULT_PASSWORD}),
        "register": ("/auth/register", {"username": name, "email": f"{name}@example.org",
                                        "password": "a long enough passphrase", "confirm": "a long enough passphrase"}),
        "edit": (f"/comments/{comment.id}/edit", {"body": BODY + " Edited."}),
        "react": (f"/comments/{theirs.id}/react", {"kind": "up"}),
        "flag": (f"/comments/{theirs.id}/flag", {"reason": "spam"}),
    }[action]
    assert client.post(path, data=form).status_code == 302


def test_redis_failing_after_the_commit_does_not_fail_the_comment(database_url, make, shared_limiter, tmp_path,
                                                                   caplog):
    """The limiter writes its headers after the view has committed; if Redis dies in between, the reader
    must still hear that the comment is stored, or they post it again."""
    redis = PrivateRedis(tmp_path)
    redis.start()
    app = _app(SQLALCHEMY_DATABASE_URI=database_url, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=redis.url,
               RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 1})
    client = app.test_client()
    reader = make.user()
    article = make.article()
    assert client.post("/auth/login", data={"login": reader.username, "password": DEFAULT_PASSWORD}).status_code == 302

    def kill_redis(_session):
        redis.kill()  # the view's commit is the only one in this request

    event.listen(Session, "after_commit", kill_redis)
    try:
        with caplog.at_level(logging.INFO, logger=app.logger.name):
            response = client.post(f"/articles/{article.slug}/comments", data={"body": BODY})
    finally:
        event.remove(Session, "after_commit", kill_redis)
        redis.kill()
    assert redis.process.returncode is not None, "Redis was not killed during the request"
    assert response.status_code == 302
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Comment).where(Comment.body_source == BODY)) == 1
    changes = [r.getMessage() for r in caplog.records if "POST /articles/" in r.getMessage()]
    assert changes == [f"user {reader.id} POST /articles/{article.slug}/comments -> 302"]


@contextmanager
def statements_after_commit():
    """The SQL any engine sends after a session has committed, while the block runs."""
    late, committed = [], []

    def commit(_session):
        committed.append(True)

    def execute(_conn, _cursor, statement, *_):
        if committed:
            late.append(statement)

    event.listen(Session, "after_commit", commit)
    event.listen(sa.Engine, "before_cursor_execute", execute)
    try:
        yield late
    finally:
        event.remove(sa.Engine, "before_cursor_execute", execute)
        event.remove(Session, "after_commit", commit)


def test_a_reply_posted_in_a_frame_asks_the_database_nothing_after_its_commit(app, client, db, make, auth,
                                                                              site_policy):
    """Once the comment is stored the database may be gone; where the frame goes next is known before."""
    site_policy(embed_origins=NEWS)
    browser = Browser(app, client, db)
    assert browser.get(embed_url(f"{NEWS}/story")).status_code == 200
    story = db.session.scalar(sa.select(Article).where(Article.external_url == f"{NEWS}/story"))
    root = make.comment(story)
    reply = make.comment(story, parent=root)
    auth.login(make.user())
    with statements_after_commit() as late:
        response = browser.post(f"/articles/{story.slug}/comments?embed=1&origin={NEWS}",
                                {"body": BODY, "parent_id": str(reply.id)})
    assert response.status_code == 302 and response.location.startswith("/embed/thread")
    assert late == []


# --- The database down or locked: 503 with Retry-After, from a page that needs no database -------

def test_a_signed_in_reader_gets_a_503_page_while_the_database_is_down():
    app = _app(SQLALCHEMY_DATABASE_URI=_unreachable_postgresql())
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], _signed_in_cookie(app))
    for response in (client.get("/"), client.post("/articles/any/comments", data={"body": BODY})):
        page = response.get_data(as_text=True)
        assert response.status_code == 503, page[:300]
        assert int(response.headers["Retry-After"]) > 0
        assert response.mimetype == "text/html"
        assert "try again in a few seconds" in page and "what you typed is still there" in page
        assert "Sign out" not in page and "Sign in" not in page  # who is signed in is in the database


def test_the_api_answers_503_in_json_while_the_database_is_down():
    app = _app(SQLALCHEMY_DATABASE_URI=_unreachable_postgresql())
    response = app.test_client().get("/api/v1/articles", headers={"Authorization": "Bearer prl_anything"})
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"]["code"] == "unavailable"


def test_a_locked_database_answers_503_within_the_lock_timeout(app, database_url, unique):
    """A table (PostgreSQL) or the whole file (SQLite) locked by someone else: the request gives up
    after DATABASE_LOCK_TIMEOUT, instead of holding its worker for as long as the lock lasts."""
    locked = _app(SQLALCHEMY_DATABASE_URI=database_url, DATABASE_LOCK_TIMEOUT=0.2)
    name = unique("locked")
    holder = sa.create_engine(database_url)
    with holder.connect() as connection:
        if database_url.startswith("sqlite"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock
        else:
            # Bounded both ways, so that a request that waits for the lock fails the test instead of hanging it.
            connection.exec_driver_sql("SET lock_timeout = 2000")
            connection.exec_driver_sql("SET idle_in_transaction_session_timeout = 10000")
            connection.exec_driver_sql("LOCK TABLE users IN ACCESS EXCLUSIVE MODE")
        response = locked.test_client().post("/auth/register", data={
            "username": name, "email": f"{name}@example.org",
            "password": "a long enough passphrase", "confirm": "a long enough passphrase"})
        connection.rollback()
    holder.dispose()
    with locked.app_context():
        _db.engine.dispose()
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0


# --- One log line per outage ----------------------------------------------------------------------

def test_an_outage_is_logged_once_and_its_end_once(database_url, make, tmp_path, caplog):
    redis = PrivateRedis(tmp_path)  # not started yet: the cache is down
    app = _app(SQLALCHEMY_DATABASE_URI=database_url, CACHE_TYPE="RedisCache", CACHE_REDIS_URL=redis.url,
               CACHE_OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 1})
    article = make.article()
    client = app.test_client()
    try:
        with caplog.at_level(logging.WARNING):
            assert all(client.get(f"/articles/{article.slug}").status_code == 200 for _ in range(10))
            redis.start()
            assert all(client.get(f"/articles/{article.slug}").status_code == 200 for _ in range(3))
    finally:
        redis.kill()
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 2, lines
    assert lines[0].startswith(outages.CACHE_DOWN) and "logged once" in lines[0]
    assert lines[1].startswith(f"{outages.CACHE_DOWN}: recovered after")
    assert not any(r.exc_info for r in caplog.records)


def test_a_database_outage_is_logged_once_not_per_request(caplog):
    app = _app(SQLALCHEMY_DATABASE_URI=_unreachable_postgresql())
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        statuses = {client.get("/").status_code for _ in range(10)}
    assert statuses == {503}
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and lines[0].startswith(outages.DATABASE_DOWN), lines
    assert not any(r.exc_info for r in caplog.records)


def test_a_connection_cut_before_the_request_ends_does_not_fail_the_answer(database_url):
    """The fault-injection test once got a 500 for a page that had rendered: the server cut the
    connection, and closing the request's session tried to roll back on it."""
    if not database_url.startswith("postgresql"):
        pytest.skip("cutting one connection from outside needs PostgreSQL")
    app = _app(SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        backend = _db.session.execute(sa.text("SELECT pg_backend_pid()")).scalar()  # a transaction is open
        killer = sa.create_engine(normalise_database_url(database_url))
        with killer.begin() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        killer.dispose()
    # Leaving the context closed the session without raising; the next request works.
    with app.app_context():
        assert _db.session.execute(sa.text("SELECT 1")).scalar() == 1
        _db.engine.dispose()
