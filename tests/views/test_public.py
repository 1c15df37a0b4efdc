"""Public pages: the front page's keyset pages, one article with its question, and the Atom feed."""
import random
from datetime import datetime, timedelta, timezone

import html5lib
import pytest
import sqlalchemy as sa
from lxml import etree

from forum.actions.articles import unpublish_article
from forum.models import Article, ArticleStatus

ATOM = "{http://www.w3.org/2005/Atom}"
# Later than anything other tests publish, so these articles lead the front page and the feed
# even when the database holds rows from elsewhere.
FUTURE = datetime(2090, 1, 1, tzinfo=timezone.utc)


def page(response):
    return html5lib.parse(response.get_data(as_text=True), treebuilder="etree", namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def listed_slugs(document) -> list[str]:
    return [a.get("href").rsplit("/", 1)[-1] for a in document.findall(".//article/h2/a")]


def next_link(document) -> str | None:
    link = document.find(".//a[@rel='next']")
    return link.get("href") if link is not None else None


def published_count(db) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Article).where(Article.status == ArticleStatus.PUBLISHED)
    )


def test_front_page_walks_every_published_article_once_newest_first(client, db, make):
    per_page = client.application.config["ARTICLES_PER_PAGE"]
    assert per_page == 10
    articles = [make.article(title=f"Walked {n}") for n in range(25)]
    # Publication order differs from creation order, and articles share times in threes,
    # so the order and the page boundaries depend on the (published_at, id) key, not on ids alone.
    hours = list(range(25))
    random.Random(25).shuffle(hours)
    for article, hour in zip(articles, hours):
        article.published_at = FUTURE + timedelta(hours=hour // 3)
    drafts = [make.article(title=f"Draft {n}", published=False) for n in range(3)]
    drafts[1].published_at = FUTURE + timedelta(hours=4)  # never published, with a time among the others
    unpublished = make.article(title="Taken back")
    unpublished.published_at = FUTURE + timedelta(hours=5)
    unpublish_article(None, unpublished)
    db.session.flush()
    newest_first = [a.slug for a in sorted(articles, key=lambda a: (a.published_at, a.id), reverse=True)]

    walked, pages, url = [], [], "/"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        document = page(response)
        pages.append(listed_slugs(document))
        walked += pages[-1]
        url = next_link(document)
        assert len(pages) <= 100, "the pages never end"

    assert walked[:25] == newest_first
    assert [len(p) for p in pages[:2]] == [10, 10]
    assert all(len(p) == per_page for p in pages[:-1]) and 0 < len(pages[-1]) <= per_page
    assert len(walked) == len(set(walked)), "an article appeared twice"
    assert len(walked) == published_count(db), "an article was skipped"
    hidden = {d.slug for d in drafts} | {unpublished.slug}
    assert not hidden & set(walked)


def test_front_page_lists_title_summary_and_question(client, db, make):
    article = make.article(title="Listed With Its Question", question="Agree?", stances=["Yes", "No"])
    article.published_at = FUTURE
    db.session.flush()
    cards = [card for card in page(client.get("/")).iter("article") if article.slug in
             [a.get("href", "").rsplit("/", 1)[-1] for a in card.iter("a")]]
    assert len(cards) == 1
    assert "Listed With Its Question" in text_of(cards[0])
    assert article.summary in text_of(cards[0])
    assert "Agree?" in text_of(cards[0])


@pytest.mark.parametrize("cursor", [
    "garbage",
    "~",
    "2024-01-01T00:00:00+00:00",
    "2024-01-01T00:00:00+00:00~not-a-number",
    "not-a-date~12",
    "2024-13-45T00:00:00~12",
    "2024-01-01T00:00:00+00:00~1~2",
    "99999-01-01T00:00:00~1",
    "2024-01-01T00:00:00+00:00~99999999999999999999",
    "2024-01-01T00:00:00+00:00~-99999999999999999999",
])
def test_malformed_cursor_is_a_bad_request(client, make, cursor):
    make.article()
    response = client.get("/", query_string={"after": cursor})
    assert response.status_code == 400


@pytest.mark.parametrize("cursor", ["9999-12-31T23:59:59-12:00~1", "0001-01-01T00:00:00+14:00~1", "2024-01-01~0"])
def test_odd_but_well_formed_cursor_is_not_a_server_error(client, make, cursor):
    make.article()
    assert client.get("/", query_string={"after": cursor}).status_code in {200, 400}


def test_article_page_shows_body_question_and_stances(client, make):
    article = make.article(
        title="Guardrails for Rivals", body="## Where they agree\n\nOn **biosecurity**, at least.",
        question="Can rivals cooperate on AI safety?", stances=["Yes", "No", "It depends"],
    )
    response = client.get(f"/articles/{article.slug}")
    assert response.status_code == 200
    document = page(response)
    [body] = [div for div in document.iter("div") if "prose" in div.get("class", "").split()]
    assert [text_of(h) for h in body.iter("h2")] == ["Where they agree"]
    assert [text_of(s) for s in body.iter("strong")] == ["biosecurity"]
    assert text_of(document.find(".//article//h1")) == "Guardrails for Rivals"
    everything = text_of(document.find(".//main"))
    assert "Can rivals cooperate on AI safety?" in everything
    for label in ("Yes", "No", "It depends"):
        assert label in [text_of(a) for a in document.iter("a")], label


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/no-such-article").status_code == 404


def test_draft_is_404_for_anonymous_visitors(client, make):
    draft = make.article(published=False)
    assert client.get(f"/articles/{draft.slug}").status_code == 404


def test_atom_feed_has_one_entry_per_published_article(client, db, make):
    published = [make.article(title=f"In the feed {n}") for n in range(3)]
    for n, article in enumerate(published):
        article.published_at = FUTURE + timedelta(hours=n)
    draft = make.article(title="Not in the feed", published=False)
    db.session.flush()

    response = client.get("/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = etree.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}title") and feed.findtext(f"{ATOM}updated")

    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(published_count(db), 30)
    by_title = {entry.findtext(f"{ATOM}title"): entry for entry in entries}
    assert draft.title not in by_title
    for article in published:
        entry = by_title[article.title]
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").endswith(f"/articles/{article.slug}")
    assert [entry.findtext(f"{ATOM}title") for entry in entries[:3]] == [a.title for a in reversed(published)]
