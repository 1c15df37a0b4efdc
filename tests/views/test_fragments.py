"""Rendered comments kept by the worker (forum/fragments.py): a page for everyone alike is a join of them.

The thread cache is off here, so that every request renders its thread page; what is counted is how
many top-level comments (each with its replies) were rendered rather than taken from the fragments.
"""
import re

import pytest

from forum import fast_path
from forum.actions.comments import delete_comment, edit_comment, toggle_reaction
from forum.actions.moderation import reject, set_featured
from forum.extensions import cache
from forum.models import ReactionKind, load_policy
from forum.views import member_pages


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


# --- A page joined from fragments is the page rendered in full, for every kind of viewer ---

def _busy_thread(db, make) -> dict:
    """A thread with what a page shows differently to different people: replies nested and listed flat,
    an edit, a tombstone, held and rejected comments, a featured one, reactions, a display name, a
    staff author. Returns the people to view it as."""
    policy = load_policy(db.session)
    article = make.article(question="Cooperate?", stances=["Yes", "No"])
    named, held_author, reader = make.user(), make.user(), make.user()
    named.display_name = "Ada Lovelace"
    moderator, admin = make.user(role="moderator"), make.user(role="admin")
    root = make.comment(article, author=named, body="A root with replies under it.", stance_key="yes")
    reply = make.comment(article, author=reader, body="A reply as first written.", parent=root)
    edit_comment(reader, reply, "A reply as corrected later.", policy)
    deep = reply
    for depth in range(3):  # depths 2 to 4: the last ones are listed flat, saying whom they answer
        deep = make.comment(article, author=named if depth else None, body=f"A deeper reply, {depth}.", parent=deep)
    withdrawn = make.comment(article, author=reader, body="Withdrawn by its author later.")
    make.comment(article, body="The reply that keeps a tombstone standing.", parent=withdrawn)
    delete_comment(reader, withdrawn)
    make.comment(article, author=held_author, body="Held for review, seen by its author.", status="pending")
    make.comment(article, author=held_author, body="A held reply, seen by its author.", parent=root, status="pending")
    rejected = make.comment(article, author=held_author, body="Rejected by a moderator, with a reason.")
    reject(moderator, rejected, "Off topic here.")
    featured = make.comment(article, author=named, body="Featured by a moderator.", stance_key="no")
    set_featured(moderator, featured, True)
    helpful = make.comment(article, author=moderator, body="Written by staff and found helpful.")
    toggle_reaction(reader, helpful, ReactionKind.UP, policy)
    toggle_reaction(held_author, helpful, ReactionKind.DOWN, policy)
    db.session.flush()
    return {"article": article, "reader": reader, "held_author": held_author, "moderator": moderator, "admin": admin,
            "reply": reply, "helpful": helpful, "policy": policy}


_TOKEN = re.compile(r'(name="csrf_token" value=")[^"]*(")')
NOT_FOR_EVERYONE = ("Held for review, seen by its author.", "A held reply, seen by its author.",
                    "Rejected by a moderator, with a reason.", "Withdrawn by its author later.")


@pytest.mark.parametrize("thread_cache", [False, True], ids=["uncached", "cached"])
@pytest.mark.parametrize("viewer", ["visitor", "reader", "held_author", "moderator", "admin"])
def test_a_page_joined_from_fragments_is_the_page_rendered_in_full(app, db, make, own_sessions, auth, fragments,
                                                                   monkeypatch, viewer, thread_cache):
    people = _busy_thread(db, make)
    article = people["article"]
    if viewer != "visitor":
        auth.login(people[viewer])
    monkeypatch.setitem(app.config, "THREAD_CACHE", thread_cache)

    def thread_html() -> str:
        cache.clear()  # no shared rendering, visitor's page nor member's page kept: the thread is rendered each time
        fast_path.clear(app)
        member_pages.clear(app)
        return _TOKEN.sub(r"\1-\2", _thread(_page(own_sessions, article)))

    monkeypatch.delitem(app.extensions, "parley_fragments")
    full = thread_html()  # every comment rendered by the macro
    monkeypatch.setitem(app.extensions, "parley_fragments", fragments)
    thread_html()
    misses = fragments.misses
    joined = thread_html()
    assert joined == full
    if viewer == "visitor" or viewer == "reader" and thread_cache:  # pages for everyone alike: joined
        assert fragments.hits == misses == 4  # the featured one, two with replies (one a tombstone), one alone
    shown = {text for text in NOT_FOR_EVERYONE if text in full}
    assert shown == {"held_author": set(NOT_FOR_EVERYONE[:3]), "moderator": set(NOT_FOR_EVERYONE[:3]),
                     "admin": set(NOT_FOR_EVERYONE[:3])}.get(viewer, set())
    assert "A reply as corrected later." in full and "first written" not in full
    assert "The reply that keeps a tombstone standing." in full and "Deleted by its author." in full


# Each change, and how many top-level subtrees it renders again: the one its comment is in (the reader
# wrote in two: a reply under the first root, and the withdrawn root, whose key holds its author too).
CHANGES = {
    "reacted to": (lambda t: toggle_reaction(t["held_author"], t["helpful"], ReactionKind.UP, t["policy"]), 1),
    "edited": (lambda t: edit_comment(t["reader"], t["reply"], "A reply corrected once more.", t["policy"]), 1),
    "rejected": (lambda t: reject(t["moderator"], t["reply"], "No longer welcome."), 1),
    "its author renamed": (lambda t: setattr(t["reader"], "display_name", "Grace Hopper"), 2),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_changed_comment_is_rendered_again_and_the_page_stays_the_full_render(app, db, make, own_sessions,
                                                                                fragments, monkeypatch, change):
    thread = _busy_thread(db, make)
    before = _thread(_page(own_sessions, thread["article"]))
    make_change, subtrees = CHANGES[change]
    make_change(thread)
    db.session.flush()
    misses = fragments.misses
    joined = _thread(_page(own_sessions, thread["article"]))
    assert fragments.misses == misses + subtrees
    assert joined != before
    monkeypatch.delitem(app.extensions, "parley_fragments")
    assert _thread(_page(own_sessions, thread["article"])) == joined
