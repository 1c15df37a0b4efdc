"""A signed-in reader's article page from the page every reader shares (forum/views/member_pages.py):
each reader sees their own name, count, token, reactions, flags and footers, and nobody else's."""
import re

import pytest

from forum import thread_cache
from forum.actions.comments import toggle_reaction
from forum.actions.moderation import flag_comment
from forum.models import FlagReason, ReactionKind, load_policy
from tests.conftest import Auth, recorded_sql


def _reader_client(app, make):
    """A browser of its own, each request in its own application context (as conftest.own_sessions)."""
    client = app.test_client()
    open_in_test_context = client.open

    def open_in_own_context(*args, **kwargs):
        with app.app_context():
            return open_in_test_context(*args, **kwargs)

    client.open = open_in_own_context
    return client, Auth(client, make)


def _footer(html: str, comment_id: int) -> str:
    start = html.index(f'<footer class="comment-actions" data-for="{comment_id}">')
    return html[start:html.index("</footer>", start)]


def _header(html: str) -> str:
    return html[html.index('<header class="site-header">'):html.index("</header>")]


@pytest.fixture
def two_readers(app, db, make):
    """An article where Ada and Bao each wrote a comment, reacted or flagged differently, and Ada has a reply."""
    article = make.article()
    ada, bao = make.user(username="ada_reads"), make.user(username="bao_reads")
    adas = make.comment(article, author=ada, body="Ada's own point, still editable.")
    baos = make.comment(article, author=bao, body="Bao's own point, still editable.")
    liked = make.comment(article, body="A point Ada found helpful.")
    flagged = make.comment(article, body="A point Bao flagged.")
    make.comment(article, parent=adas, body="Somebody answers Ada.", status="published")
    policy = load_policy(db.session)
    toggle_reaction(ada, liked, ReactionKind.UP, policy)
    flag_comment(bao, flagged, FlagReason.ABUSE, "", policy)
    db.session.flush()
    browsers = {}
    for name, user in (("ada", ada), ("bao", bao)):
        client, auth = _reader_client(app, make)
        auth.login(user)
        browsers[name] = client
    return article, browsers, {"ada": adas, "bao": baos, "liked": liked, "flagged": flagged}


def _get(client, article):
    response = client.get(f"/articles/{article.slug}")
    assert response.status_code == 200
    return response


def test_each_reader_sees_only_their_own_parts_of_the_shared_page(db, two_readers):
    article, browsers, comments = two_readers
    for client in browsers.values():
        _get(client, article)  # the welcome message: each reader's own render
    _get(browsers["ada"], article)  # Ada's request keeps the page every reader shares
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        bao_response = _get(browsers["bao"], article)  # Bao's comes from the page kept for Ada's
    assert len(statements) == 2, [" ".join(s.split())[:90] for s in statements]
    ada_response = _get(browsers["ada"], article)

    pages = {"ada": ada_response.get_data(as_text=True), "bao": bao_response.get_data(as_text=True)}
    for name, html in pages.items():
        other = "bao" if name == "ada" else "ada"
        assert thread_cache.CSRF_PLACEHOLDER not in html and thread_cache.ACCOUNT_NAV_PLACEHOLDER not in html
        header = _header(html)
        assert f"{name}_reads" in header and f"{other}_reads" not in header
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)
        assert re.findall(r'name="csrf_token" value="([^"]+)"', html) and \
            set(re.findall(r'name="csrf_token" value="([^"]+)"', html)) == {token}
        # Edit and delete on one's own comment only; the other's can be flagged and reacted to.
        assert f"/comments/{comments[name].id}/edit" in _footer(html, comments[name].id)
        assert f"/comments/{comments[other].id}/edit" not in html
        assert f"/comments/{comments[other].id}/flag" in _footer(html, comments[other].id)
    assert pages["ada"] != pages["bao"]
    assert re.search(r'<meta name="csrf-token" content="([^"]+)"', pages["ada"]).group(1) != \
        re.search(r'<meta name="csrf-token" content="([^"]+)"', pages["bao"]).group(1)

    # Ada's reaction and reply count are hers; Bao's flag is his.
    assert 'class="vote up held" aria-pressed="true"' in _footer(pages["ada"], comments["liked"].id)
    assert 'aria-pressed="true"' not in pages["bao"]
    assert '<span class="flagged">Flagged</span>' in _footer(pages["bao"], comments["flagged"].id)
    assert "Flagged" not in pages["ada"]
    assert "unread-count" in _header(pages["ada"]) and "unread-count" not in _header(pages["bao"])

    # Never a response another cache may keep.
    for response in (ada_response, bao_response):
        assert response.headers["Cache-Control"] == "private, no-cache"
        assert "ETag" not in response.headers


def test_a_reader_with_a_held_comment_on_the_thread_gets_their_own_render(db, make, two_readers, site_policy):
    article, browsers, comments = two_readers
    for client in browsers.values():
        _get(client, article)
        _get(client, article)  # the shared page, kept
    site_policy(moderation_mode="pre")
    held = make.comment(article, author=comments["ada"].author, body="Ada's comment, waiting for a moderator.")
    db.session.flush()
    ada = _get(browsers["ada"], article).get_data(as_text=True)
    bao = _get(browsers["bao"], article).get_data(as_text=True)
    assert "waiting for a moderator" in ada and "Held for review" in ada
    assert f'id="comment-{held.id}"' not in bao
