"""Replies on the site: /account/replies lists the replies to a reader's comments that everyone may see,
and the header counts the new ones without a statement of its own (forum/inbox.py)."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from forum import inbox
from forum.actions.articles import unpublish_article
from forum.actions.visibility import set_status
from forum.markup import RENDERER_VERSION
from forum.models import Comment, CommentStatus
from forum.models.base import utcnow
from forum.pagination import encode_cursor
from forum.templating import format_ago
from tests.conftest import recorded_sql
from tests.views.test_comments import Browser, parse_html


@pytest.fixture
def browser(app, client, db):
    return Browser(app, client, db)


@pytest.fixture
def ada_thread(make):
    """Ada wrote a comment on an article; nobody has answered yet."""
    article = make.article(title="Trams or buses?")
    ada = make.user(username="ada_i")
    parent = make.comment(article, author=ada, status="published", body="Trams last longer than buses.")
    return article, ada, parent


def header_link(tree):
    return tree.find("header").find("a", class_="nav-replies")


def header_text(browser) -> str:
    _, tree = browser.page("/")
    return " ".join(header_link(tree).text().split())


def listed_ids(tree) -> list[int]:
    ids = []
    for item in tree.find("ol", class_="inbox").find_all("li"):
        for link in item.find_all("a"):
            href = link.attrs.get("href", "")
            if href.startswith("/comments/"):
                ids.append(int(href.rsplit("/", 1)[1]))
                break
    return ids


def insert_replies(db, article, parent, author, count: int, start: datetime | None = None) -> list[int]:
    """`count` published replies to `parent`, a minute apart from `start` (a day ago), oldest first, as
    post_comment and set_status would store them."""
    start = start or utcnow() - timedelta(days=1)
    rows = [dict(article_id=article.id, author_id=author.id, parent_id=parent.id, root_id=parent.id, depth=1,
                 parent_author_id=parent.author_id, body_source=f"Reply {n}.", body_html=f"<p>Reply {n}.</p>\n",
                 renderer_version=RENDERER_VERSION, status=CommentStatus.PUBLISHED,
                 created_at=start + timedelta(minutes=n), published_at=start + timedelta(minutes=n))
            for n in range(count)]
    return list(db.session.scalars(sa.insert(Comment).returning(Comment.id, sort_by_parameter_order=True), rows))


def test_the_page_lists_published_replies_to_the_reader_newest_first(make, auth, browser, ada_thread):
    article, ada, parent = ada_thread
    bob, cara = make.user(username="bob_i"), make.user(username="cara_i")
    first = make.comment(article, author=bob, parent=parent, status="published", body="Buses go *anywhere*.")
    second = make.comment(article, author=cara, parent=parent, status="published", body="Both, <b>surely</b>.")
    make.comment(article, author=ada, parent=second, status="published", body="Ada answering Cara.")  # to Cara
    make.comment(article, author=ada, parent=parent, status="published", body="Ada adding to herself.")
    other = make.comment(article, author=bob, status="published", body="Bob's own point.")
    make.comment(article, author=cara, parent=other, status="published", body="Cara answering Bob.")

    auth.login(ada)
    html, tree = browser.page("/account/replies")
    assert listed_ids(tree) == [second.id, first.id]
    items = tree.find("ol", class_="inbox").find_all("li")
    assert "cara_i" in items[0].text() and "Trams or buses?" in items[0].text()
    assert items[0].find(class_="excerpt").text() == "Both, <b>surely</b>."  # text, escaped, not markup
    assert items[1].find(class_="excerpt").text() == "Buses go anywhere."
    assert items[0].find("time").attrs["datetime"] == second.published_at.isoformat()
    assert "Ada answering Cara." not in html and "Ada adding to herself." not in html
    assert "Cara answering Bob." not in html


def test_held_rejected_and_withdrawn_replies_and_replies_on_a_hidden_article_are_not_listed(
        make, auth, browser, ada_thread):
    article, ada, parent = ada_thread
    shown = make.comment(article, parent=parent, status="published", body="A published reply.")
    make.comment(article, parent=parent, status="pending", body="A held reply.")
    rejected = make.comment(article, parent=parent, status="published", body="A reply rejected later.")
    set_status(rejected, CommentStatus.REJECTED)
    make.comment(article, parent=parent, status="spam", body="A spam reply.")
    deleted = make.comment(article, parent=parent, status="published", body="A reply its author withdrew.")
    set_status(deleted, CommentStatus.DELETED)
    elsewhere = make.article()
    hidden_parent = make.comment(elsewhere, author=ada, status="published")
    make.comment(elsewhere, parent=hidden_parent, status="published", body="A reply on an unpublished article.")
    unpublish_article(make.user(role="admin"), elsewhere)

    auth.login(ada)
    assert header_text(browser) == "Replies 1 new"
    html, tree = browser.page("/account/replies")
    assert listed_ids(tree) == [shown.id]
    for text in ("A held reply.", "A reply rejected later.", "A spam reply.", "A reply on an unpublished article."):
        assert text not in html


def test_moderators_too_see_only_published_replies(make, auth, browser, ada_thread):
    article, _, _ = ada_thread
    moderator = make.user(role="moderator")
    their = make.comment(article, author=moderator, status="published")
    make.comment(article, parent=their, status="pending", body="Held, in the queue, not in the inbox.")
    auth.login(moderator)
    assert header_text(browser) == "Replies"
    html, tree = browser.page("/account/replies")
    assert listed_ids(tree) == [] and "Held, in the queue" not in html


def test_the_header_counts_new_replies_and_opening_the_page_clears_the_count(make, db, auth, browser, ada_thread):
    article, ada, parent = ada_thread
    auth.login(ada)
    _, tree = browser.page("/")
    link = header_link(tree)
    assert link.text() == "Replies" and link.attrs["href"] == "/account/replies"

    insert_replies(db, article, parent, make.user(), 2)
    _, tree = browser.page(f"/articles/{article.slug}")
    assert " ".join(header_link(tree).text().split()) == "Replies 2 new"
    assert header_link(tree).find(class_="unread-count").text() == "2 new"

    _, tree = browser.page("/account/replies")
    assert header_link(tree).attrs.get("aria-current") == "page"
    assert header_link(tree).find(class_="unread-count") is None  # this page shows them: no count beside it
    assert header_text(browser) == "Replies"
    db.session.refresh(ada)
    assert ada.replies_seen_at is not None

    insert_replies(db, article, parent, make.user(), 1, start=utcnow())  # published after she looked
    assert header_text(browser) == "Replies 1 new"
    browser.get("/account/replies?after=" + encode_cursor(utcnow(), 1))  # an older page clears nothing
    assert header_text(browser) == "Replies 1 new"


def test_past_nine_new_replies_the_header_says_nine_plus(db, make, auth, browser, ada_thread):
    article, ada, parent = ada_thread
    insert_replies(db, article, parent, make.user(), 12)
    auth.login(ada)
    assert header_text(browser) == "Replies 9+ new"


def test_replies_come_in_pages_of_a_fixed_cost(db, make, auth, browser, ada_thread, own_sessions):
    article, ada, parent = ada_thread
    replier = make.user()
    auth.login(ada)

    def cost(path) -> tuple[int, object]:
        db.session.flush()
        with recorded_sql(db.session.connection()) as statements:
            response = own_sessions.get(path)
        assert response.status_code == 200
        return len(statements), parse_html(response.get_data(as_text=True))

    ids = insert_replies(db, article, parent, replier, 2)
    few, _ = cost("/account/replies")
    ids += insert_replies(db, article, parent, replier, inbox.REPLIES_PER_PAGE + 5)
    many, tree = cost("/account/replies")
    # The reader with the policy and the count; the page of replies with their authors and articles; the mark.
    assert few == many == 3
    again, _ = cost("/account/replies")
    assert again == 2  # nothing new since: nothing to mark
    newest_first = sorted(ids, key=lambda i: (db.session.get(Comment, i).published_at, i), reverse=True)
    assert listed_ids(tree) == newest_first[:inbox.REPLIES_PER_PAGE]
    older = tree.find("a", rel="next").attrs["href"]
    following, tree = cost(older)
    assert following == 2  # an older page marks nothing
    assert listed_ids(tree) == newest_first[inbox.REPLIES_PER_PAGE:]
    assert tree.find("a", rel="next") is None


def test_a_signed_in_thread_page_shows_the_count_at_no_extra_statement(db, make, auth, own_sessions, ada_thread):
    """The count rides on the statement that loads the reader: the cached thread page stays at two."""
    article, ada, parent = ada_thread
    make.comment(article, parent=parent, status="published")
    auth.login(ada)
    own_sessions.get(f"/articles/{article.slug}")  # the welcome message: the reader's own render
    own_sessions.get(f"/articles/{article.slug}")  # the page every reader shares, now kept
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        response = own_sessions.get(f"/articles/{article.slug}")
    assert len(statements) == 2
    assert "parent_author_id" in statements[0] and "site_policy" in statements[0]
    assert " ".join(header_link(parse_html(response.get_data(as_text=True))).text().split()) == "Replies 1 new"


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/account/replies")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("seconds,said", [
    (20, "just now"), (60, "1 minute ago"), (3 * 3600 + 5, "3 hours ago"), (86400, "1 day ago"),
    (9 * 86400, "1 week ago"), (40 * 86400, "1 month ago"), (800 * 86400, "2 years ago"),
])
def test_times_are_said_relative_to_now(seconds, said):
    now = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)
    assert format_ago(now - timedelta(seconds=seconds), now) == said
