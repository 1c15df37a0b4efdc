"""Rendered comments kept by the worker (forum/fragments.py): a page for everyone alike is a join of them.

The thread cache is off here, so that every request renders its thread page; what is counted is how
many top-level comments (each with its replies) were rendered rather than taken from the fragments.
"""
import pytest

from forum.actions.comments import edit_comment
from forum.models import load_policy


@pytest.fixture
def fragments(app, monkeypatch):
    monkeypatch.setitem(app.config, "THREAD_CACHE", False)
    kept = app.extensions["parley_fragments"]
    kept.clear()
    kept.hits = kept.misses = 0
    return kept


def _page(browser, article) -> str:
    response = browser.get(f"/articles/{article.slug}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _thread(html: str) -> str:
    start = html.index('<ol class="thread">')
    return html[start:html.index("</section>", start)]


def test_a_second_render_joins_the_kept_comments_into_the_same_html(db, make, own_sessions, fragments):
    article = make.article(question="Cooperate?", stances=["Yes", "No"])
    roots = [make.comment(article, body=f"Top-level comment number {n}.", stance_key="yes") for n in range(4)]
    make.comment(article, body="A reply under the first one.", parent=roots[0])
    first = _thread(_page(own_sessions, article))
    assert (fragments.hits, fragments.misses) == (0, 4)
    second = _thread(_page(own_sessions, article))
    assert second == first
    assert (fragments.hits, fragments.misses) == (4, 4)


def test_a_changed_comment_renders_its_subtree_again_and_nothing_else(db, make, own_sessions, fragments):
    article = make.article()
    author = make.user()
    roots = [make.comment(article, author=author, body=f"Top-level comment number {n}.") for n in range(3)]
    reply = make.comment(article, author=author, body="The reply as first written.", parent=roots[1])
    _page(own_sessions, article)
    edit_comment(author, reply, "The reply as corrected.", load_policy(db.session))
    db.session.flush()
    html = _page(own_sessions, article)
    assert "The reply as corrected." in html and "first written" not in html
    assert (fragments.hits, fragments.misses) == (2, 4)


def test_the_templates_digest_is_part_of_every_key(app, db, make, own_sessions, fragments, monkeypatch):
    article = make.article()
    for n in range(3):
        make.comment(article, body=f"Top-level comment number {n}.")
    _page(own_sessions, article)
    # What a release with changed templates computes from their sources (forum/thread_cache.template_revision).
    monkeypatch.setitem(app.extensions, "parley_template_revision", "another-release")
    _page(own_sessions, article)
    assert (fragments.hits, fragments.misses) == (0, 6)


def test_a_page_rendered_for_one_reader_keeps_no_fragment(db, make, own_sessions, auth, fragments):
    article = make.article()
    for n in range(3):
        make.comment(article, body=f"Top-level comment number {n}.")
    auth.login_as("moderator")  # a moderator's page shows what readers do not: rendered for them alone
    _page(own_sessions, article)
    _page(own_sessions, article)
    assert (fragments.hits, fragments.misses) == (0, 0)


def test_signed_in_readers_share_the_readers_fragments_with_their_own_overlay(db, make, own_sessions, auth,
                                                                              fragments, monkeypatch, app):
    monkeypatch.setitem(app.config, "THREAD_CACHE", True)  # the readers' shared rendering is what keeps them
    article = make.article()
    reader = make.user()
    own = make.comment(article, author=reader, body="The reader's own comment.")
    make.comment(article, body="Someone else's comment.")
    auth.login(make.user())
    _page(own_sessions, article)
    assert fragments.misses == 2
    auth.logout()
    auth.login(reader)
    html = _page(own_sessions, article)
    assert f'href="/comments/{own.id}/edit"' in html  # their footer, laid over the shared rendering
    assert "\x00" not in html  # no placeholder left for the CSRF token
