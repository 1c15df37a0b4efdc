"""Atom feeds of comments: one article's and the whole site's; published comments of published articles only."""
from datetime import timedelta

import html5lib
import pytest
from lxml import etree

from forum.actions.articles import unpublish_article
from forum.models.base import utcnow
from tests.conftest import recorded_sql

ATOM = "{http://www.w3.org/2005/Atom}"
HIDDEN = ("pending", "rejected", "spam", "deleted")


def parse(response) -> etree._Element:
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return etree.fromstring(response.data)  # raises on anything that is not well-formed XML


def entries(feed) -> list[dict]:
    return [
        {
            "id": e.findtext(f"{ATOM}id"), "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"), "author": e.findtext(f"{ATOM}author/{ATOM}name"),
            "content": e.findtext(f"{ATOM}content"), "type": e.find(f"{ATOM}content").get("type"),
            "published": e.findtext(f"{ATOM}published"),
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def discussion(make, db):
    """An article with published comments at known times, and one of each hidden kind."""
    article = make.article(title="Rivals & <safety>")
    ada = make.account(username="ada_feed")
    published = []
    for n in range(3):
        comment = make.comment_with_status(article, "published", author=ada,
                                           body=f"Point {n}: *emphasis* and <script>alert({n})</script>")
        comment.published_at = utcnow() + timedelta(days=3650, minutes=n)  # newest of the whole test database
        published.append(comment)
    reply = make.comment_with_status(article, "published", parent=published[0], body="A published reply.")
    reply.published_at = utcnow() + timedelta(days=3650, minutes=10)
    hidden = [make.comment_with_status(article, status, body=f"A {status} comment.") for status in HIDDEN]
    db.session.flush()
    return article, [reply, *reversed(published)], hidden


def test_an_articles_comment_feed_lists_its_published_comments_newest_first(client, db, make, discussion):
    article, newest_first, hidden = discussion
    other = make.article()
    make.comment_with_status(other, "published", body="On another article.")

    feed = parse(client.get(f"/articles/{article.slug}/comments.atom"))

    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Comments on \u201cRivals & <safety>\u201d"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"http://localhost/articles/{article.slug}/comments.atom"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://localhost/articles/{article.slug}"
    found = entries(feed)
    assert [e["link"] for e in found] == [f"http://localhost/comments/{c.id}" for c in newest_first]
    assert [e["id"] for e in found] == [e["link"] for e in found]
    first_top_level = found[-1]
    assert first_top_level["author"] == "ada_feed"
    assert first_top_level["title"] == "ada_feed on \u201cRivals & <safety>\u201d"
    assert first_top_level["type"] == "html"
    assert first_top_level["content"] == newest_first[-1].body_html  # the stored, sanitized HTML
    assert "<em>emphasis</em>" in first_top_level["content"] and "<script" not in first_top_level["content"]
    every_text = "".join(e["content"] for e in found)
    for status in HIDDEN:
        assert f"A {status} comment." not in every_text
    assert "On another article." not in every_text


def test_the_site_comment_feed_leaves_out_hidden_comments_and_unpublished_articles(client, db, make, discussion):
    article, newest_first, hidden = discussion
    withdrawn = make.article(title="Withdrawn")
    on_withdrawn = make.comment_with_status(withdrawn, "published", body="Under an article taken back.")
    on_withdrawn.published_at = utcnow() + timedelta(days=3650, minutes=20)
    unpublish_article(None, withdrawn)
    db.session.flush()

    found = entries(parse(client.get("/comments.atom")))

    links = [e["link"] for e in found]
    assert links[: len(newest_first)] == [f"http://localhost/comments/{c.id}" for c in newest_first]
    for comment in [*hidden, on_withdrawn]:
        assert f"http://localhost/comments/{comment.id}" not in links
    assert len(found) <= 30


def test_a_draft_or_missing_article_has_no_comment_feed_even_for_an_admin(client, auth, make):
    draft = make.article(published=False)
    auth.login_as("admin")
    assert client.get(f"/articles/{draft.slug}/comments.atom").status_code == 404
    assert client.get("/articles/no-such-article/comments.atom").status_code == 404


def test_an_empty_feed_is_still_valid(client, make):
    article = make.article()
    feed = parse(client.get(f"/articles/{article.slug}/comments.atom"))
    assert entries(feed) == [] and feed.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("path", ["/comments.atom", "/articles/{slug}/comments.atom"])
def test_a_feed_costs_the_same_queries_for_one_comment_and_many(client, db, make, path):
    counts = []
    for size in (1, 12):
        article = make.article()
        for _ in range(size):
            make.comment_with_status(article, "published", author=make.account())
        db.session.flush()
        with recorded_sql(db.session.connection()) as statements:
            assert client.get(path.format(slug=article.slug)).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 2, counts  # the article (for its feed), then one query for the comments


def test_the_article_page_and_the_index_link_their_feeds(client, make):
    article = make.article()
    for path, href in ((f"/articles/{article.slug}", f"/articles/{article.slug}/comments.atom"),
                       ("/", "/comments.atom")):
        document = html5lib.parse(client.get(path).get_data(as_text=True), treebuilder="etree",
                                  namespaceHTMLElements=False)
        links = [(link.get("type"), link.get("href")) for link in document.findall(".//head/link[@rel='alternate']")]
        assert ("application/atom+xml", href) in links
