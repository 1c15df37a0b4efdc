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
    ada = make.user(username="ada_feed")
    published = []
    for n in range(3):
        comment = make.comment(article, status="published", author=ada,
                                           body=f"Point {n}: *emphasis* and <script>alert({n})</script>")
        comment.published_at = utcnow() + timedelta(days=3650, minutes=n)  # newest of the whole test database
        published.append(comment)
    reply = make.comment(article, status="published", parent=published[0], body="A published reply.")
    reply.published_at = utcnow() + timedelta(days=3650, minutes=10)
    hidden = [make.comment(article, status=status, body=f"A {status} comment.") for status in HIDDEN]
    db.session.flush()
    return article, [reply, *reversed(published)], hidden


def test_an_articles_comment_feed_lists_its_published_comments_newest_first(client, db, make, discussion):
    article, newest_first, hidden = discussion
    other = make.article()
    make.comment(other, status="published", body="On another article.")

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
    on_withdrawn = make.comment(withdrawn, status="published", body="Under an article taken back.")
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
            make.comment(article, status="published", author=make.user())
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


# Characters XML cannot hold (issue 11)

def test_a_control_character_in_an_embedded_storys_title_is_left_out_and_the_feeds_still_work(
        db, make, client, site_policy):
    """Anyone could name a story by embedding it: "Bike\\x01lanes" made /comments.atom a 500 for everyone."""
    import sqlalchemy as sa

    from forum.models import Article

    site_policy(embed_origins="https://news.example.org")
    url = "https://news.example.org/bike-lanes"
    assert client.get("/embed/thread", query_string={"url": url, "title": "Bike\x01lanes \x0b and\tbuses"}).status_code == 200
    story = db.session.scalar(sa.select(Article).where(Article.external_url == url))
    assert story.title == "Bikelanes and buses"
    make.comment(story, status="published", body="Protected ones, please.")

    for path in ("/comments.atom", f"/articles/{story.slug}/comments.atom"):
        titles = [entry["title"] for entry in entries(parse(client.get(path)))]
        assert any("Bikelanes and buses" in title for title in titles), path


def test_feeds_leave_out_what_xml_cannot_hold_in_rows_stored_before(db, make, client):
    """Rows written before titles were cleaned, or by a restore, still hold such characters."""
    article = make.article(title="Clean for now")
    author = make.user(username="ctl_feed")
    comment = make.comment(article, status="published", author=author, body="Fine text.")
    comment.published_at = utcnow() + timedelta(days=3651)  # first in the site's feed
    article.title, article.summary = "Old\x02title", "Sum\x1bmary\ufffe"
    article.body_html = "<p>Bo\x1fdy\x07</p>"
    comment.body_html = "<p>Com\x08ment \x7ftext</p>"
    author.username = "ctl\x0cfeed"
    db.session.flush()

    [site_entry] = entries(parse(client.get("/comments.atom")))[:1]
    assert site_entry["title"] == "ctlfeed on \u201cOldtitle\u201d" and site_entry["author"] == "ctlfeed"
    assert site_entry["content"] == "<p>Comment \x7ftext</p>"  # DEL is allowed in XML
    assert entries(parse(client.get(f"/articles/{article.slug}/comments.atom")))
    [listed] = [e for e in entries(parse(client.get("/feed.atom"))) if e["title"] == "Oldtitle"]
    assert listed["content"] == "<p>Body</p>"


def test_with_a_public_address_set_feeds_and_the_api_link_to_it_whatever_host_was_asked(app, client, db, make, discussion,
                                                                                         monkeypatch):
    """A feed is cached and fetched by many readers: built from the Host header, its links would go wherever
    the first requester pointed them (outsider review)."""
    article, newest_first, _hidden = discussion
    monkeypatch.setitem(app.config, "SITE_URL", "https://news.example/talk/")

    feed = parse(client.get(f"/articles/{article.slug}/comments.atom"))
    listed = client.get("/api/v1/articles").get_json()["articles"]

    base = "https://news.example/talk"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{base}/articles/{article.slug}"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{base}/articles/{article.slug}/comments.atom"
    assert [e["link"] for e in entries(feed)] == [f"{base}/comments/{c.id}" for c in newest_first]
    assert f"{base}/articles/{article.slug}" in [a["url"] for a in listed]


def test_a_comment_entry_names_its_author_by_display_name_and_links_their_profile(client, db, make):
    article = make.article()
    named, plain = make.user(username="ada_named"), make.user(username="bo_plain")
    named.display_name = "Ada Lovelace"
    make.comment(article, author=named, body="Named.", status="published")
    make.comment(article, author=plain, body="Plain.", status="published")
    db.session.flush()
    feed = parse(client.get(f"/articles/{article.slug}/comments.atom"))
    authors = sorted((e.findtext(f"{ATOM}author/{ATOM}name"), e.findtext(f"{ATOM}author/{ATOM}uri"))
                     for e in feed.findall(f"{ATOM}entry"))
    assert [name for name, _ in authors] == ["Ada Lovelace", "bo_plain"]
    assert authors[0][1].endswith("/users/ada_named") and authors[1][1].endswith("/users/bo_plain")
