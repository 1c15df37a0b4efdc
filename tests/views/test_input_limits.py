"""Issue 11: every request has a bounded cost in its input, and no input gives a 500.

Length limits apply before any rendering; ids, times, cursors and JSON bodies out of range or shape are
refused with a 4xx, on SQLite and PostgreSQL alike."""
import time

import pytest

from forum.actions.articles import BODY_MAX_CHARS
from forum.actions.comments import MAX_COMMENT_CHARS
from tests.conftest import csrf_token
from tests.views.test_comments import Browser

# Rendering this took 26 s: the sanitizer's cost grows with the square of the entities in a text.
HUGE = "<" * 300_000
GENEROUS_SECONDS = 5  # a refusal takes milliseconds; rendering HUGE took 26 s


@pytest.fixture
def browser(app, client, db):
    return Browser(app, client, db)


def _timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_an_over_long_comment_preview_is_refused_before_it_is_rendered(make, auth, browser):
    article = make.article()
    author = auth.login(make.user())
    comment = make.comment(article, author=author)
    multipart = {"content_type": "multipart/form-data"}
    for path, data in [
        (f"/articles/{article.slug}/comments", {"body": HUGE, "preview": "1"}),
        (f"/comments/{comment.id}/edit", {"body": HUGE, "preview": "1"}),
    ]:
        response, seconds = _timed(lambda: browser.post(path, data, **multipart))
        assert response.status_code == 400, path
        page = response.get_data(as_text=True)
        assert f"at most {MAX_COMMENT_CHARS:,} characters" in page
        assert 'class="preview-label"' not in page
        assert "&lt;" * 1000 in page  # what was typed comes back to be shortened
        assert seconds < GENEROUS_SECONDS, (path, seconds)

    response, seconds = _timed(lambda: browser.post("/comments/preview", {"body": HUGE}, **multipart))
    assert response.status_code == 400 and "html" not in response.get_json()
    assert f"{MAX_COMMENT_CHARS:,}" in response.get_json()["error"]["message"]
    assert seconds < GENEROUS_SECONDS
    # Just over the limit is refused too, not rendered: the limit is the comment's own.
    assert browser.post("/comments/preview", {"body": "a" * (MAX_COMMENT_CHARS + 1)}).status_code == 400
    assert browser.post("/comments/preview", {"body": "*a*"}).get_json()["html"] == "<p><em>a</em></p>\n"


def test_an_over_long_article_preview_is_refused_before_it_is_rendered(make, auth, browser):
    auth.login_as("admin")
    multipart = {"content_type": "multipart/form-data"}
    response, seconds = _timed(lambda: browser.post(
        "/admin/articles/new", {"title": "Long", "body": HUGE, "preview": "1"}, **multipart))
    assert response.status_code == 400
    assert "The rendered article appears here as you type." in response.get_data(as_text=True)  # no preview
    assert f"{BODY_MAX_CHARS:,}" in response.get_data(as_text=True)
    assert seconds < GENEROUS_SECONDS
    response = browser.post("/admin/preview", {"body": HUGE}, **multipart)
    assert response.status_code == 413 and "html" not in response.get_json()


def test_a_huge_request_is_refused_before_a_view_reads_it(make, auth, client):
    article = make.article()
    auth.login(make.user())
    token = csrf_token(client)
    # Over the whole request's limit (MAX_CONTENT_LENGTH), and over one form field's (MAX_FORM_MEMORY_SIZE).
    too_big = client.post(f"/articles/{article.slug}/comments", data={"body": "a" * (2 * 1024 * 1024), "csrf_token": token})
    assert too_big.status_code == 413
    one_field = client.post(f"/articles/{article.slug}/comments", content_type="multipart/form-data",
                            data={"body": "a" * 600_000, "csrf_token": token})
    assert one_field.status_code == 413
