"""The visitor fast path (forum/fast_path.py): whole pages for visitors from the cache, before Flask works.

A page counts as served by the fast path when Flask never started the request (its request_started
signal did not fire) and no SQL was sent. Changes are made through the site's own forms, which
commit, because only a commit replaces the generation tokens a stored page depends on.
"""
import os
from contextlib import contextmanager

import pytest
from flask import request_started

from forum import create_app
from forum.extensions import db as _db
from tests.conftest import Auth, csrf_token, recorded_sql, skip_or_fail


class Visitor:
    """A client that sends no cookie, each request in an app context of its own (as in production)."""

    def __init__(self, app, db, client=None):
        self.app, self.db = app, db
        self.client = client or app.test_client(use_cookies=False)

    def get(self, path, **kwargs):
        self.db.session.flush()
        with self.app.app_context():
            return self.client.get(path, **kwargs)

    def post(self, path, data):
        with self.app.app_context():
            return self.client.post(path, data=data)


@contextmanager
def flask_requests(app):
    """How many requests Flask itself handled while the block ran."""
    started = []

    def note(sender, **_extra):
        started.append(sender)

    request_started.connect(note, app)
    try:
        yield started
    finally:
        request_started.disconnect(note, app)


def _headers(response) -> dict:
    return {name: value for name, value in response.headers.items() if name != "Date"}


def _served_fast(app, db, visitor, path, **kwargs):
    """(response, whether the fast path answered it)."""
    with flask_requests(app) as started, recorded_sql(db.session.connection()) as statements:
        response = visitor.get(path, **kwargs)
    return response, not started and not statements


def _warm(app, db, visitor, path):
    """Ask until the fast path answers (a worker learns an article's id on its first render)."""
    for _ in range(3):
        response, fast = _served_fast(app, db, visitor, path)
        if fast:
            return response
    raise AssertionError(f"{path} never came from the fast path")


@pytest.fixture
def visitor(app, db):
    return Visitor(app, db)


@pytest.fixture
def signed_in(app, db, make):
    """A second person, with cookies, signed in through the form."""
    client = app.test_client()
    person = Visitor(app, db, client)
    client.open = _in_own_context(app, client.open)
    return person, Auth(client, make)


def _in_own_context(app, open_):
    def opened(*args, **kwargs):
        with app.app_context():
            return open_(*args, **kwargs)
    return opened


@pytest.mark.parametrize("path", ["/", "/articles/{slug}", "/articles/{slug}?sort=best", "/feed.atom",
                                  "/comments.atom", "/articles/{slug}/comments.atom"])
def test_the_fast_path_sends_what_the_full_path_sent(app, db, make, visitor, path):
    article = make.article(question="Cooperate?", stances=["Yes", "No"])
    make.comment(article, body="A comment both paths must show alike.", stance_key="yes")
    path = path.format(slug=article.slug)
    full = None
    for _ in range(3):
        response, fast = _served_fast(app, db, visitor, path)
        if fast:
            break
        full = response
    assert fast, "the third request still reached Flask"
    assert full is not None and full.status_code == response.status_code == 200
    assert response.get_data() == full.get_data()
    assert _headers(response) == _headers(full)
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                 "Content-Type", "ETag", "Last-Modified", "Cache-Control"):
        assert response.headers.get(name), name
    assert response.headers["Cache-Control"] == "public, no-cache"
    assert "Set-Cookie" not in response.headers
    assert 'name="csrf-token"' not in response.get_data(as_text=True)


def test_a_visitor_with_a_matching_etag_gets_a_304_on_both_paths(app, db, make, visitor, signed_in):
    article = make.article()
    make.comment(article, body="A comment the browser already has.")
    path = f"/articles/{article.slug}"
    stored = _warm(app, db, visitor, path)
    etag = stored.headers["ETag"]

    fast, served_fast = _served_fast(app, db, visitor, path, headers={"If-None-Match": etag})
    assert served_fast and fast.status_code == 304 and fast.get_data() == b""
    assert fast.headers["ETag"] == etag
    stale, _ = _served_fast(app, db, visitor, path, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200

    from forum import fast_path

    fast_path.clear(app)  # the full path, with the page not stored
    full, served_fast = _served_fast(app, db, visitor, path, headers={"If-None-Match": etag})
    assert not served_fast and full.status_code == 304
    assert {k: v for k, v in _headers(full).items() if k != "Last-Modified"} == \
        {k: v for k, v in _headers(fast).items() if k != "Last-Modified"}

    # A signed-in reader's page is theirs alone and never the same twice (the CSRF token is signed with the
    # time): no validator, and no cache but their browser's.
    person, auth = signed_in
    auth.login(make.user())
    page = person.get(path, headers={"If-None-Match": etag})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-cache"
    assert "ETag" not in page.headers


def test_signed_in_readers_never_get_the_fast_path(app, db, make, visitor, signed_in):
    article = make.article()
    make.comment(article, body="Everyone reads this one.")
    path = f"/articles/{article.slug}"
    person, auth = signed_in
    reader = auth.login(make.user())
    _warm(app, db, visitor, path)
    _warm(app, db, visitor, "/")
    for where in (path, "/"):
        with flask_requests(app) as started:
            page = person.get(where)
        assert started, where
        assert page.headers["Cache-Control"] == "private, no-cache"
        html = page.get_data(as_text=True)
        assert 'name="csrf-token"' in html and reader.username in html
    # Nor do requests with a remember-me cookie, or an API token, whoever they turn out to be.
    for headers in ({"Cookie": "remember_token=1|abc"}, {"Authorization": "Bearer anything"}):
        with flask_requests(app) as started:
            visitor.get(path, headers=headers)
        assert started, headers


def _post_comment(person, slug, body):
    token = csrf_token(person.client, f"/articles/{slug}")
    response = person.post(f"/articles/{slug}/comments",
                           {"body": body, "stance": "", "parent_id": "", "post": "1", "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[-400:]


def test_a_new_comment_shows_at_once_to_visitors_and_in_the_feeds(app, db, make, visitor, signed_in):
    article = make.article()
    make.comment(article, body="The first comment, cached.")
    paths = [f"/articles/{article.slug}", f"/articles/{article.slug}/comments.atom", "/comments.atom"]
    person, auth = signed_in
    auth.login(make.user())  # rows made outside a request forget the stored pages (conftest): made first
    for path in paths:
        _warm(app, db, visitor, path)
    _post_comment(person, article.slug, "A second comment, posted through the form.")
    for path in paths:
        assert "A second comment, posted through the form." in visitor.get(path).get_data(as_text=True), path


def test_an_edit_and_a_moderators_removal_show_at_once(app, db, make, visitor, signed_in):
    article = make.article()
    author = make.user()
    comment = make.comment(article, author=author, body="The words as first written.")
    moderator = make.user(role="moderator")
    path = f"/articles/{article.slug}"
    _warm(app, db, visitor, path)
    person, auth = signed_in
    auth.login(author)
    edit = f"/comments/{comment.id}/edit"
    response = person.post(edit, {"body": "The words as corrected.", "csrf_token": csrf_token(person.client, edit)})
    assert response.status_code == 302
    html = visitor.get(path).get_data(as_text=True)
    assert "The words as corrected." in html and "first written" not in html

    _warm(app, db, visitor, path)
    auth.logout()
    auth.login(moderator)
    response = person.post(f"/moderation/comments/{comment.id}/spam", {"csrf_token": csrf_token(person.client)})
    assert response.status_code == 302
    assert "The words as corrected." not in visitor.get(path).get_data(as_text=True)


def test_an_edited_article_shows_at_once_on_its_page_the_list_and_the_feed(app, db, make, visitor, signed_in):
    admin = make.user(role="admin")
    article = make.article(title="The Title Before", author=admin)
    paths = [f"/articles/{article.slug}", "/", "/feed.atom"]
    person, auth = signed_in
    auth.login(admin)
    for path in paths:
        _warm(app, db, visitor, path)
    edit = f"/admin/articles/{article.id}/edit"
    response = person.post(edit, {
        "title": "The Title After", "slug": article.slug, "summary": "Edited.", "body": "New text.",
        "question": "", "stances": "", "moderation_mode": "", "save": "1", "csrf_token": csrf_token(person.client, edit),
    })
    assert response.status_code == 302, response.get_data(as_text=True)[-400:]
    for path in paths:
        html = visitor.get(path).get_data(as_text=True)
        assert "The Title After" in html and "The Title Before" not in html, path


def test_with_the_cache_down_visitors_get_the_full_path(app, db, make, tmp_path):
    down = create_app({
        "TESTING": True, "SECRET_KEY": "fast-path-down", "INSTANCE_DIR": str(tmp_path), "SERVER_NAME": "localhost",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "RATELIMIT_ENABLED": False,
        "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": "redis://127.0.0.1:9/0",  # nothing listens on port 9
    })
    article = make.article()
    make.comment(article, body="Readable while the cache is down.")
    visitor = Visitor(down, db)
    for _ in range(3):
        with flask_requests(down) as started:
            response = visitor.get(f"/articles/{article.slug}")
        assert started and response.status_code == 200
        assert "Readable while the cache is down." in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers


def _redis_hosts(app, tmp_path, names):
    """Apps on the test database whose fast path keeps pages and tokens in Redis, one token per generation
    (the file store has one token for everything, so it cannot tell which pages a change reaches)."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        skip_or_fail("TEST_REDIS_URL is not set: the Redis fast path is not tested")
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    return [create_app({
        "TESTING": True, "SECRET_KEY": "fast-path-hosts", "INSTANCE_DIR": str(tmp_path / name),
        "SERVER_NAME": "localhost", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": False, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url,
    }) for name in names]


def test_through_redis_a_change_on_one_host_reaches_the_others(app, db, make, tmp_path):
    hosts = _redis_hosts(app, tmp_path, ("one", "two"))
    article = make.article()
    make.comment(article, body="Cached on both hosts.")
    path = f"/articles/{article.slug}"
    poster = Visitor(hosts[0], db, hosts[0].test_client())
    poster.client.open = _in_own_context(hosts[0], poster.client.open)
    Auth(poster.client, make).login(make.user())
    on_one, on_two = Visitor(hosts[0], db), Visitor(hosts[1], db)
    _warm(hosts[0], db, on_one, path)
    _warm(hosts[1], db, on_two, path)  # the entry host one stored, once host two knows the slug

    _post_comment(poster, article.slug, "Posted on host one.")
    response, fast = _served_fast(hosts[1], db, on_two, path)
    assert not fast and "Posted on host one." in response.get_data(as_text=True)
    with hosts[0].app_context():
        _db.engine.dispose()


def test_a_new_comment_changes_the_count_on_the_front_page_and_the_articles_feed(app, db, make, tmp_path):
    """Both show what comments do to an article (its count, its updated time): outsider review F11."""
    (host,) = _redis_hosts(app, tmp_path, ("one",))
    article = make.article()
    make.comment(article, body="The first comment, counted.")
    poster = Visitor(host, db, host.test_client())
    poster.client.open = _in_own_context(host, poster.client.open)
    Auth(poster.client, make).login(make.user())
    visitor = Visitor(host, db)
    before = {path: _warm(host, db, visitor, path).get_data(as_text=True) for path in ("/", "/feed.atom")}
    assert "1 comment<" in before["/"]

    _post_comment(poster, article.slug, "A second comment, to be counted.")
    front = visitor.get("/").get_data(as_text=True)
    assert "2 comments<" in front and "1 comment<" not in front
    assert visitor.get("/feed.atom").get_data(as_text=True) != before["/feed.atom"]
    with host.app_context():
        _db.engine.dispose()


def test_visitors_see_the_helpful_count_but_not_the_not_helpful_one_also_from_the_cache(app, db, make, visitor,
                                                                                       signed_in):
    """Walk-through finding 15: everyone reads the helpful count; only moderators and the author the other."""
    article = make.article()
    comment = make.comment(article, body="A comment two readers react to.")
    path = f"/articles/{article.slug}"
    person, auth = signed_in
    auth.login(make.user())
    _warm(app, db, visitor, path)
    react = f"/comments/{comment.id}/react"
    assert person.post(react, {"kind": "up", "csrf_token": csrf_token(person.client, path)}).status_code == 302
    auth.logout()
    auth.login(make.user())
    assert person.post(react, {"kind": "down", "csrf_token": csrf_token(person.client, path)}).status_code == 302
    for _ in range(2):  # rendered afresh, then from the cache
        html = visitor.get(path).get_data(as_text=True)
        assert "1 found this helpful" in html and "not helpful" not in html.lower()
    assert _served_fast(app, db, visitor, path)[1]
