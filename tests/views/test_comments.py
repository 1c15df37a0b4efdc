"""Reader discussion over HTTP: the thread page, posting, limits, editing, deleting, reacting, closing, polling."""
import itertools
import re
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import sqlalchemy as sa

from forum.actions.visibility import set_status
from forum.markup import RENDERER_VERSION
from forum.models import Article, Comment, CommentRevision, CommentStatus, ModerationAction, Reaction, Verb
from forum.models.base import utcnow
from forum.ranking import Sort
from forum.threads import REPLIES_PER_ROOT
from tests.conftest import recorded_sql
from tests.html_forms import submit_form

STANCES = ["Yes", "No", "It depends"]
MAX_QUERIES_PER_PAGE = 8  # the bound for a page of a thread, whatever its length


# A small HTML tree, enough to ask where an element sits (the standard library only).

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list = []  # Elements and strings

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def elements(self) -> list["Element"]:
        return [child for child in self.children if isinstance(child, Element)]

    def iter(self):
        for child in self.elements():
            yield child
            yield from child.iter()

    def find_all(self, tag=None, class_=None, **attrs) -> list["Element"]:
        return [
            e for e in self.iter()
            if (tag is None or e.tag == tag) and (class_ is None or class_ in e.classes)
            and all(e.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, class_=None, **attrs) -> "Element | None":
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def form_values(form: Element) -> dict[str, str]:
    """What a browser would send for `form` as it stands (submit buttons left out)."""
    values = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name:
            continue
        if element.tag == "input":
            kind = element.attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in element.attrs:
                    values[name] = element.attrs.get("value", "y")
            elif kind not in ("submit", "button"):
                values[name] = element.attrs.get("value", "")
        elif element.tag == "textarea":
            values[name] = re.sub(r"^\r?\n", "", element.text())
        elif element.tag == "select":
            options = element.find_all("option")
            chosen = [o for o in options if "selected" in o.attrs] or options[:1]
            values[name] = chosen[0].attrs.get("value", chosen[0].text()) if chosen else ""
    return values


# Requests as a browser makes them

class Browser:
    """The test client, each request in a fresh app context as in production: its own `g` and its own
    session, on the test's connection (so it sees the test's rows and they are still rolled back)."""

    def __init__(self, app, client, db):
        self.app, self.client, self.db = app, client, db

    def open(self, path, method="GET", **kwargs):
        self.db.session.flush()
        with self.app.app_context():
            response = self.client.open(path, method=method, **kwargs)
        self.db.session.expire_all()  # what the request changed is read again
        return response

    def get(self, path, **kwargs):
        return self.open(path, "GET", **kwargs)

    def post(self, path, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf())
        return self.open(path, "POST", data=data, **kwargs)

    def csrf(self) -> str:
        # A visitor's front page is shared by every visitor and carries no token; the sign-in page does.
        pattern = r'<meta name="csrf-token" content="([^"]+)"'
        found = re.search(pattern, self.get("/").get_data(as_text=True))
        return (found or re.search(pattern, self.get("/auth/login").get_data(as_text=True))).group(1)

    def page(self, path, expect=200) -> tuple[str, Element]:
        response = self.get(path)
        assert response.status_code == expect, (path, response.status_code)
        html = response.get_data(as_text=True)
        return html, parse_html(html)

    def post_comment(self, article, body, parent=None, stance="", **extra):
        data = {"body": body, "stance": stance, "parent_id": str(parent.id) if parent else "", "post": "1", **extra}
        return self.post(f"/articles/{article.slug}/comments", data)


@pytest.fixture
def browser(app, client, db):
    return Browser(app, client, db)


@pytest.fixture
def many_posts(site_policy):
    """Tests that post dozens of comments in a second are not about automatic slow mode."""
    site_policy(auto_slow_posts_per_minute=0)


def comment_ids_shown(tree: Element) -> list[int]:
    return [int(li.attrs["id"].removeprefix("comment-")) for li in tree.find_all("li", class_="comment")]


def top_level_ids_shown(tree: Element) -> list[int]:
    thread = tree.find("ol", class_="thread")
    return [int(li.attrs["id"].removeprefix("comment-")) for li in thread.elements() if "comment" in li.classes]


def fresh(db, column, comment_or_article):
    return db.session.scalar(sa.select(column).where(column.class_.id == comment_or_article.id))


def newest_comment(db, article) -> Comment:
    return db.session.scalar(
        sa.select(Comment).where(Comment.article_id == article.id).order_by(Comment.id.desc()).limit(1)
    )


# A thread written straight into the tables, for sizes that posting one by one would make slow

def insert_thread(db, article, authors, top_level: int, chains: int = 0, chain_length: int = 0):
    """`top_level` comments, oldest first, then `chains` reply chains `chain_length` deep under the newest
    ones, with root, depth and every counter as the actions keep them. Returns (root ids, chains of ids)."""
    start = utcnow() - timedelta(days=1)
    moment = itertools.count()

    def row(author, parent_id=None, root_id=None, depth=0):
        n = next(moment)
        at = start + timedelta(seconds=n)
        return dict(
            article_id=article.id, author_id=author.id, parent_id=parent_id, root_id=root_id, depth=depth,
            body_source=f"Comment {n} on *{article.slug}*.", body_html=f"<p>Comment {n} on <em>{article.slug}</em>.</p>\n",
            renderer_version=RENDERER_VERSION, status=CommentStatus.PUBLISHED, created_at=at, published_at=at,
        )

    def insert(rows) -> list[int]:
        return list(db.session.scalars(sa.insert(Comment).returning(Comment.id, sort_by_parameter_order=True), rows))

    roots = insert([row(authors[i % len(authors)]) for i in range(top_level)])
    chain_roots = [roots[-1 - (c * 7) % top_level] for c in range(chains)]
    chain_ids = [[] for _ in range(chains)]
    parents = chain_roots
    for depth in range(1, chain_length + 1):
        parents = insert([
            row(authors[(c + depth) % len(authors)], parent_id=parents[c], root_id=chain_roots[c], depth=depth)
            for c in range(chains)
        ])
        for chain, comment_id in zip(chain_ids, parents):
            chain.append(comment_id)
    replies = Counter(chain_roots)
    if replies:
        db.session.execute(sa.update(Comment), [
            {"id": root_id, "reply_count": n * chain_length} for root_id, n in replies.items()
        ])
    db.session.execute(
        sa.update(Article).where(Article.id == article.id)
        .values(comment_count=Article.comment_count + top_level + chains * chain_length)
    )
    return roots, chain_ids


# Signing in to comment

def test_visitors_see_a_sign_in_link_that_brings_them_back(make, browser):
    article = make.article()
    reader = make.user()
    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("form", class_="comment-form") is None
    link = next(a for a in tree.find_all("a") if a.text() == "Sign in to comment")
    target = urlsplit(link.attrs["href"])
    assert target.path == "/auth/login"
    assert parse_qs(target.query)["next"] == [f"/articles/{article.slug}#comment-form"]

    response = browser.post(link.attrs["href"], {
        "login": reader.username, "password": "correct horse battery staple",
        "next": f"/articles/{article.slug}#comment-form",
    })
    assert response.status_code == 302
    assert response.location == f"/articles/{article.slug}#comment-form"
    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("form", class_="comment-form") is not None


def test_a_visitor_posting_nothing_is_sent_to_sign_in_and_nothing_is_saved(make, db, browser):
    article = make.article()
    response = browser.post_comment(article, "  ")  # with text, the text comes back (test_kept_text.py)
    assert response.status_code == 302
    assert urlsplit(response.location).path == "/auth/login"
    assert unquote(parse_qs(urlsplit(response.location).query)["next"][0]) == f"/articles/{article.slug}#comment-form"
    assert fresh(db, Article.comment_count, article) == 0


# Posting and replying

def test_a_reader_posts_a_comment_and_a_reply(make, db, auth, browser):
    article = make.article()
    auth.login(make.user(username="ada"))

    response = browser.post_comment(article, "A first *thought*.")
    assert response.status_code == 302
    comment = newest_comment(db, article)
    # Straight to the page of the thread that holds it (issue 12), not through its permalink's redirect.
    assert f"/articles/{article.slug}" in response.location and response.location.endswith(f"#comment-{comment.id}")
    assert (comment.body_source, comment.status, comment.depth) == ("A first *thought*.", CommentStatus.PUBLISHED, 0)

    html, tree = browser.page(f"/articles/{article.slug}?reply_to={comment.id}")
    form = tree.find("form", class_="comment-form")
    assert form_values(form)["parent_id"] == str(comment.id)
    assert browser.post_comment(article, "And a reply.", parent=comment).status_code == 302
    reply = newest_comment(db, article)
    assert (reply.parent_id, reply.root_id, reply.depth) == (comment.id, comment.id, 1)

    html, tree = browser.page(f"/articles/{article.slug}")
    li = tree.find("li", id=f"comment-{comment.id}")
    assert "<em>thought</em>" in html
    assert li.find("li", id=f"comment-{reply.id}").find(class_="comment-body").text().strip() == "And a reply."
    assert tree.find("h2", id="comments-heading").text() == "2 comments"


def test_a_reply_sent_through_the_reply_form_keeps_its_parent(make, db, auth, browser):
    """Without JavaScript the Reply link opens the form; the browser sends every field of it, in order."""
    article = make.article(question="Which first?", stances=STANCES)
    comment = make.comment(article, body="Lanes first.")
    auth.login(make.user())

    page_url = f"/articles/{article.slug}?reply_to={comment.id}"
    db.session.expunge_all()  # the view loads the answered comment itself, as in production
    html, tree = browser.page(page_url)
    # Under the comment it answers, naming and quoting it.
    form = tree.find("li", id=f"comment-{comment.id}").find("form", id="comment-form")
    assert form is not None and "Lanes first." in form.find("blockquote", class_="quoted").text()
    footer = tree.find("li", id=f"comment-{comment.id}").find("footer", class_="comment-actions")
    assert footer.find("a", class_="reply-link") is not None and "&lt;footer" not in html
    response = submit_form(browser, page_url, html, form_id="comment-form",
                           fill={"body": "Buses first, surely."}, button="post")
    assert response.status_code == 302
    reply = newest_comment(db, article)
    assert reply.body_source == "Buses first, surely."
    assert (reply.parent_id, reply.root_id, reply.depth) == (comment.id, comment.id, 1)


def test_replies_deeper_than_three_are_shown_flat_under_the_depth_three_one(make, browser):
    article = make.article()
    ada, bao, chidi = make.user(username="ada"), make.user(username="bao"), make.user(username="chidi")
    top = make.comment(article, author=ada)
    d1 = make.comment(article, author=bao, parent=top)
    d2 = make.comment(article, author=chidi, parent=d1)
    d3 = make.comment(article, author=ada, parent=d2)
    d4 = make.comment(article, author=bao, parent=d3)
    d5 = make.comment(article, author=chidi, parent=d4)

    html, tree = browser.page(f"/articles/{article.slug}")

    def reply_list(comment) -> Element:
        [replies] = [e for e in tree.find("li", id=f"comment-{comment.id}").elements() if e.tag == "ol"]
        return replies

    for parent, child in ((top, d1), (d1, d2), (d2, d3)):
        assert reply_list(parent).classes == {"replies"}
        assert [li.attrs["id"] for li in reply_list(parent).elements()] == [f"comment-{child.id}"]
    flat = reply_list(d3)
    assert flat.classes == {"replies", "flat"}
    assert [li.attrs["id"] for li in flat.elements()] == [f"comment-{d4.id}", f"comment-{d5.id}"]
    assert tree.find("li", id=f"comment-{d4.id}").find("li") is None  # nothing nested under the depth-4 reply
    assert [li.find(class_="replying-to").text() for li in flat.elements()] == ["replying to @ada", "replying to @bao"]
    assert tree.find("li", id=f"comment-{d3.id}").find("header").find(class_="replying-to") is None


# Limits, and the typed text kept

@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_an_empty_comment_comes_back_with_a_message(make, db, auth, browser, body):
    article = make.article()
    auth.login(make.user())
    response = browser.post_comment(article, body)
    assert response.status_code == 400
    assert "Write something first: the comment is empty." in response.get_data(as_text=True)
    assert fresh(db, Article.comment_count, article) == 0


def test_a_comment_of_invisible_characters_comes_back_with_a_message(make, db, auth, browser, client):
    """Outside test, finding 14: this body was published as a blank comment, from the form and the API alike."""
    article = make.article()
    auth.login(make.user())
    typed = " \u200b\u00a0 "
    response = browser.post_comment(article, typed)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "only spaces or invisible characters" in html
    assert form_values(parse_html(html).find("form", class_="comment-form"))["body"].strip() == typed.strip()
    api = client.post(f"/api/v1/articles/{article.slug}/comments", json={"body": "\u200b\u2060"},
                      headers={"X-CSRFToken": browser.csrf()})
    assert api.status_code in (400, 422) and "invisible characters" in api.get_data(as_text=True)
    assert fresh(db, Article.comment_count, article) == 0


def test_a_comment_over_the_limit_comes_back_with_a_message_and_the_text(make, db, auth, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    auth.login(make.user())
    typed = "Long & <winded> " + "x" * (10_001 - len("Long & <winded> "))
    assert len(typed) == 10_001
    response = browser.post_comment(article, typed, stance="no")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "A comment may be at most 10,000 characters; this one has 10,001." in html
    form = parse_html(html).find("form", class_="comment-form")
    assert form_values(form)["body"] == typed
    assert form_values(form)["stance"] == "no"
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(Comment).where(Comment.article_id == article.id))


def test_exactly_ten_thousand_characters_are_accepted(make, db, auth, browser):
    article = make.article()
    auth.login(make.user())
    assert browser.post_comment(article, "y" * 10_000).status_code == 302
    assert len(newest_comment(db, article).body_source) == 10_000


def test_preview_without_javascript_renders_and_saves_nothing(make, db, auth, browser):
    article = make.article()
    auth.login(make.user())
    response = browser.post(f"/articles/{article.slug}/comments", {"body": "Is *this* right?", "preview": "1"})
    assert response.status_code == 200
    form = parse_html(response.get_data(as_text=True)).find("form", class_="comment-form")
    assert form.find(id="comment-preview").find("em").text() == "this"
    assert form_values(form)["body"] == "Is *this* right?"
    assert fresh(db, Article.comment_count, article) == 0


# Markup as readers see it

def test_comment_markup_is_cleaned_on_the_page(make, auth, browser):
    article = make.article()
    auth.login(make.user())
    sources = [
        "<script>alert('owned')</script>",
        '<img src="x" onerror="alert(1)">',
        "[innocent](javascript:alert(2))",
        "# Shouting\n\n![pic](https://example.org/p.png)",
        "Read [the source](https://example.org/source).",
    ]
    for source in sources:
        assert browser.post_comment(article, source).status_code == 302
    html, tree = browser.page(f"/articles/{article.slug}")
    bodies = tree.find("ol", class_="thread").find_all(class_="comment-body")
    assert len(bodies) == len(sources)
    shown = "".join(body.text() for body in bodies)
    assert "<script>alert('owned')</script>" in shown  # as text, for reading
    assert '<img src="x" onerror="alert(1)">' in shown
    for body in bodies:
        assert not body.find_all("script") and not body.find_all("img")
        assert not [e for e in body.iter() if e.tag in ("h1", "h2", "h3") or any(a.startswith("on") for a in e.attrs)]
    links = [a for body in bodies for a in body.find_all("a")]
    assert sorted((a.attrs["href"], a.attrs["rel"]) for a in links) == [
        ("https://example.org/p.png", "nofollow ugc noopener"),  # the image's link, as a plain link
        ("https://example.org/source", "nofollow ugc noopener"),
    ]
    assert "javascript:" not in "".join(a.attrs.get("href", "") for a in tree.find_all("a"))


# Editing

def test_the_author_edits_within_the_window_and_the_page_says_edited(make, db, auth, browser):
    article = make.article()
    author = auth.login(make.user())
    comment = make.comment(article, author=author, body="Frist!")

    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("li", id=f"comment-{comment.id}").find(class_="edited") is None
    edit_link = tree.find("a", href=f"/comments/{comment.id}/edit")
    assert edit_link is not None
    html, tree = browser.page(edit_link.attrs["href"])
    form = tree.find("form", class_="comment-form")
    assert form_values(form)["body"] == "Frist!"

    response = browser.post(f"/comments/{comment.id}/edit", {"body": "First!", "save": "1"})
    assert response.status_code == 302
    assert fresh(db, Comment.body_source, comment) == "First!"
    html, tree = browser.page(f"/articles/{article.slug}")
    li = tree.find("li", id=f"comment-{comment.id}")
    assert li.find(class_="edited").text() == "edited"
    assert li.find(class_="comment-body").text().strip() == "First!"


def test_the_edit_page_puts_no_full_stop_after_a_title_ending_in_a_question_mark(make, db, auth, browser):
    """Walk-through finding 14: "… Making AI Safe?." read as a slip."""
    article = make.article(title="Can Rivals Cooperate on Making AI Safe?")
    author = auth.login(make.user())
    comment = make.comment(article, author=author)
    html, tree = browser.page(f"/comments/{comment.id}/edit")
    intro = " ".join(tree.find("p", class_="meta").text().split())
    assert intro.startswith("On Can Rivals Cooperate on Making AI Safe? You can edit for ")
    assert "minutes after posting" in intro and "(s)" not in html


def test_an_edit_after_the_window_is_refused(make, db, auth, browser):
    article = make.article()
    author = auth.login(make.user())
    comment = make.comment(article, author=author, body="Too late to change.")
    comment.created_at = utcnow() - timedelta(minutes=16)

    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("a", href=f"/comments/{comment.id}/edit") is None
    assert browser.get(f"/comments/{comment.id}/edit").status_code == 403
    late = browser.post(f"/comments/{comment.id}/edit", {"body": "Changed anyway."})
    assert late.status_code == 403
    assert fresh(db, Comment.body_source, comment) == "Too late to change."
    # Outsider review: the edit was thrown away behind a generic 403; now the page says why and keeps it.
    text = late.get_data(as_text=True)
    assert "15-minute edit window has closed" in text and "Changed anyway." in text


def test_someone_elses_comment_has_no_edit_page(make, db, auth, browser):
    comment = make.comment(make.article(), body="Not yours.")
    auth.login(make.user())
    response = browser.post(f"/comments/{comment.id}/edit", {"body": "Mine now."})
    assert response.status_code == 403 and "Mine now." not in response.get_data(as_text=True)


def test_the_admin_sets_the_edit_window_on_the_policy_page(make, db, auth, browser):
    article = make.article()
    author = make.user()
    comment = make.comment(article, author=author)
    comment.created_at = utcnow() - timedelta(minutes=20)

    auth.login(make.user(role="admin"))
    html, tree = browser.page("/admin/policy")
    form = next(f for f in tree.find_all("form") if f.find("input", name="edit_window_minutes"))
    values = form_values(form)
    assert values["edit_window_minutes"] == "15"
    # A browser sends a textarea's lines with CRLF: the word lists it sends back unchanged stay unchanged.
    sent = {name: value.replace("\n", "\r\n") if name.endswith("_words") else value for name, value in values.items()}
    response = browser.post("/admin/policy", {**sent, "edit_window_minutes": "30"})
    assert response.status_code == 302
    logged = db.session.scalars(sa.select(ModerationAction).where(ModerationAction.verb == Verb.POLICY_CHANGE)
                                .order_by(ModerationAction.id.desc())).first()
    assert set(logged.details["changed"]) == {"edit_window_minutes"}
    auth.logout()

    auth.login(author)
    assert browser.get(f"/comments/{comment.id}/edit").status_code == 200
    assert browser.post(f"/comments/{comment.id}/edit", {"body": "Fixed within half an hour."}).status_code == 302
    assert fresh(db, Comment.body_source, comment) == "Fixed within half an hour."


def test_earlier_versions_are_shown_to_moderators_only(make, db, auth, browser):
    article = make.article()
    author = auth.login(make.user())
    comment = make.comment(article, author=author, body="What I first wrote.")
    assert browser.post(f"/comments/{comment.id}/edit", {"body": "What I meant."}).status_code == 302
    assert [r.body_source for r in db.session.scalars(
        sa.select(CommentRevision).where(CommentRevision.comment_id == comment.id))] == ["What I first wrote."]

    history = f"/comments/{comment.id}/history"
    assert browser.get(history).status_code == 403  # not even for the author
    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("a", href=history) is None
    auth.logout()
    assert urlsplit(browser.get(history).location).path == "/auth/login"

    auth.login_as("moderator")
    html, tree = browser.page(history)
    assert [r.text().strip() for r in tree.find_all(class_="revision")] == ["What I meant.", "What I first wrote."]
    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("a", href=history) is not None


# Deleting

def test_a_deleted_comment_with_replies_leaves_a_tombstone_and_without_replies_vanishes(make, db, auth, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    author = auth.login(make.user())
    answered = make.comment(article, author=author, body="Answered by someone.", stance_key="yes")
    reply = make.comment(article, parent=answered, body="An answer to it.")
    alone = make.comment(article, author=author, body="Nobody answered this.")

    html, tree = browser.page(f"/comments/{alone.id}/delete")
    assert "Nobody answered this." in html
    for comment in (answered, alone):
        response = browser.post(f"/comments/{comment.id}/delete")
        assert response.status_code == 302

    html, tree = browser.page(f"/articles/{article.slug}")
    tombstone = tree.find("li", id=f"comment-{answered.id}")
    assert "tombstone" in tombstone.classes
    assert tombstone.find(class_="tombstone-text").text() == "Deleted by its author."
    assert "Answered by someone." not in html
    assert tombstone.find("li", id=f"comment-{reply.id}") is not None
    assert tree.find("li", id=f"comment-{alone.id}") is None
    assert "Nobody answered this." not in html

    assert dict(db.session.execute(sa.select(Comment.id, Comment.status).where(Comment.author_id == author.id)).all()) == {
        answered.id: CommentStatus.DELETED, alone.id: CommentStatus.DELETED,
    }
    assert fresh(db, Article.comment_count, article) == 1
    assert tree.find("h2", id="comments-heading").text() == "1 comment"
    assert tree.find("li", class_="tally-row").find(class_="tally-count").text() == "0"


def test_only_the_author_may_delete(make, db, auth, browser):
    comment = make.comment(make.article())
    auth.login_as("moderator")
    assert browser.get(f"/comments/{comment.id}/delete").status_code == 403
    assert browser.post(f"/comments/{comment.id}/delete").status_code == 403
    assert fresh(db, Comment.status, comment) == CommentStatus.PUBLISHED


# Reactions

def test_reactions_toggle_switch_and_answer_json(make, db, auth, browser):
    article = make.article()
    comment = make.comment(article)
    auth.login(make.user())
    react = f"/comments/{comment.id}/react"
    as_json = {"Accept": "application/json"}

    def state():
        row = db.session.execute(sa.select(Comment.up_count, Comment.down_count).where(Comment.id == comment.id)).one()
        return tuple(row), db.session.scalar(sa.select(sa.func.count()).select_from(Reaction).where(Reaction.comment_id == comment.id))

    # The not-helpful count is the author's and the moderators' to see, not every reader's (issue 14).
    answer = browser.post(react, {"kind": "up"}, headers=as_json)
    assert (answer.status_code, answer.json) == (200, {"held": "up", "up": 1, "down": None})
    assert state() == ((1, 0), 1)
    answer = browser.post(react, {"kind": "up"}, headers=as_json)
    assert answer.json == {"held": None, "up": 0, "down": None}
    assert state() == ((0, 0), 0)
    browser.post(react, {"kind": "up"}, headers=as_json)
    answer = browser.post(react, {"kind": "down"}, headers=as_json)
    assert answer.json == {"held": "down", "up": 0, "down": None}
    assert state() == ((0, 1), 1)

    # Without JavaScript: a plain form post, then back to the page at the comment (issue 14, bug 4),
    # which shows the helpful count and names each button with it.
    response = browser.post(react, {"kind": "up"}, headers={"Referer": f"http://localhost/articles/{article.slug}?sort=newest"})
    assert (response.status_code, response.location) == (302, f"/articles/{article.slug}?sort=newest#comment-{comment.id}")
    html, tree = browser.page(f"/articles/{article.slug}")
    buttons = tree.find("li", id=f"comment-{comment.id}").find("form", class_="react").find_all("button")
    assert [(b.attrs["value"], b.attrs.get("aria-label"), b.attrs["aria-pressed"]) for b in buttons] == [
        ("up", "Helpful, 1", "true"), ("down", None, "false"),
    ]
    assert buttons[1].find(class_="n") is None and "Not helpful" in buttons[1].text()
    elsewhere = browser.post(react, {"kind": "up"}, headers={"Referer": "https://elsewhere.example/articles/x"})
    assert elsewhere.location == f"/comments/{comment.id}"
    assert browser.post(react, {"kind": "sideways"}).status_code == 400


def test_no_reaction_to_ones_own_comment(make, db, auth, browser):
    article = make.article()
    author = auth.login(make.user())
    comment = make.comment(article, author=author)
    html, tree = browser.page(f"/articles/{article.slug}")
    li = tree.find("li", id=f"comment-{comment.id}")
    assert li.find("form", class_="react") is None
    # The author, who may not react, reads both counts (only they and the moderators do).
    assert [v.text() for v in li.find_all(class_="vote-count")] == ["0 found this helpful", "0 not helpful"]
    answer = browser.post(f"/comments/{comment.id}/react", {"kind": "up"}, headers={"Accept": "application/json"})
    assert answer.status_code == 403
    assert answer.json["error"]["code"] == 403
    assert fresh(db, Comment.up_count, comment) == 0


def test_visitors_are_asked_to_sign_in_to_react(make, db, browser):
    comment = make.comment(make.article())
    response = browser.post(f"/comments/{comment.id}/react", {"kind": "up"})
    assert urlsplit(response.location).path == "/auth/login"
    assert fresh(db, Comment.up_count, comment) == 0


def test_a_signed_out_reaction_from_the_script_is_told_so_in_json(make, db, browser):
    """thread.js asks for JSON: a redirect to the sign-in page would leave it nothing to read (review F15)."""
    comment = make.comment(make.article())
    response = browser.post(f"/comments/{comment.id}/react", {"kind": "up"}, headers={"Accept": "application/json"})
    assert response.status_code == 401 and "signed out" in response.json["error"]["message"]
    assert fresh(db, Comment.up_count, comment) == 0


# Sorting, filtering, stances

def test_unknown_sort_stance_or_cursor_is_a_bad_request(make, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    assert browser.get(f"/articles/{article.slug}?sort=loudest").status_code == 400
    assert browser.get(f"/articles/{article.slug}?stance=maybe").status_code == 400
    assert browser.get(f"/articles/{article.slug}/comments?sort=loudest").status_code == 400
    assert browser.get(f"/articles/{article.slug}?sort=best&after=not-a-cursor").status_code == 400
    for sort in Sort:
        assert browser.get(f"/articles/{article.slug}?sort={sort.value}&stance=no").status_code == 200


def test_the_tally_and_the_stance_filter(make, db, auth, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    yes = [make.comment(article, stance_key="yes") for _ in range(2)]
    no = make.comment(article, stance_key="no")
    make.comment(article, parent=no)
    held = make.comment(article, stance_key="no")
    set_status(held, CommentStatus.PENDING)
    make.comment(article)

    html, tree = browser.page(f"/articles/{article.slug}")
    rows = tree.find("ul", class_="tally").find_all("li", class_="tally-row")
    # Drawn bars (not the browser's meter), in the stances' own colours, as wide as each share.
    assert [(r.find(class_="tally-label").text(), r.find(class_="tally-count").text(),
             (r.find("rect", class_="fill") or Element("rect", {})).attrs.get("width")) for r in rows] == [
        ("Yes", "2 · 67%", "66.7"), ("No", "1 · 33%", "33.3"), ("It depends", "0 · 0%", None),
    ]
    assert [sorted(r.classes) for r in rows] == [["stance-0", "tally-row"], ["stance-1", "tally-row"],
                                                 ["stance-2", "tally-row"]]
    assert [li.find(class_="stance-badge").text() for li in tree.find_all("li", id=f"comment-{yes[0].id}")] == [
        "Stance: Yes"]
    # Filtering is its own labelled control, apart from the question and from the reader's own choice.
    filters = tree.find("nav", class_="thread-controls").find_all("ul", class_="pills")[1]
    assert [a.text() for a in filters.find_all("a")] == ["Everyone", "Yes", "No", "It depends"]

    html, tree = browser.page(f"/articles/{article.slug}?stance=yes")
    assert sorted(top_level_ids_shown(tree)) == sorted(c.id for c in yes)
    html, tree = browser.page(f"/articles/{article.slug}?stance=no")
    assert top_level_ids_shown(tree) == [no.id]
    html, tree = browser.page(f"/articles/{article.slug}?stance=it-depends")
    assert top_level_ids_shown(tree) == []
    assert "No comments take this stance yet." in html


def test_the_tally_counts_each_reader_once_at_their_latest_stance(make, db, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    talker, changed_mind = make.user(), make.user()
    for n in range(3):
        make.comment(article, author=talker, stance_key="it-depends", body=f"It depends, part {n}.")
    make.comment(article, stance_key="yes")
    make.comment(article, stance_key="no")
    make.comment(article, author=changed_mind, stance_key="yes", body="Yes, at first.")
    make.comment(article, author=changed_mind, stance_key="no", body="No, on second thoughts.")

    html, tree = browser.page(f"/articles/{article.slug}")
    counts = [r.find(class_="tally-count").text() for r in tree.find_all("li", class_="tally-row")]
    assert counts == ["1 · 25%", "2 · 50%", "1 · 25%"]  # not 2, 2 and 3 comments
    assert tree.find("p", class_="tally-note").text().startswith("4 readers, each counted once")
    # The filter still shows comments: all three of the talker's.
    html, tree = browser.page(f"/articles/{article.slug}?stance=it-depends")
    assert len(top_level_ids_shown(tree)) == 3


def test_the_tally_over_time_is_drawn_once_answers_span_two_days(make, db, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    early = make.comment(article, stance_key="yes")
    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find("figure", class_="stance-trend") is None, "one day of answers is a dot, not a line"
    make.comment(article, stance_key="no")
    db.session.execute(sa.update(Comment).where(Comment.id == early.id)
                       .values(created_at=early.created_at - timedelta(days=2)))
    html, tree = browser.page(f"/articles/{article.slug}")
    chart = tree.find("figure", class_="stance-trend").find("svg")
    assert chart.attrs["role"] == "img" and chart.attrs["aria-label"].endswith("Yes 1, No 1, It depends 0.")
    assert [sorted(line.classes) for line in chart.find_all("polyline")] == [["stance-0"], ["stance-1"], ["stance-2"]]


def test_changing_the_stance_while_editing_moves_the_tally(make, db, auth, browser):
    article = make.article(question="Will it work?", stances=STANCES)
    auth.login(make.user())
    assert browser.post_comment(article, "Surely.", stance="yes").status_code == 302
    comment = newest_comment(db, article)
    html, tree = browser.page(f"/comments/{comment.id}/edit")
    assert form_values(tree.find("form", class_="comment-form"))["stance"] == "yes"
    assert browser.post(f"/comments/{comment.id}/edit", {"body": "On reflection, no.", "stance": "no"}).status_code == 302
    html, tree = browser.page(f"/articles/{article.slug}")
    counts = [r.find(class_="tally-count").text() for r in tree.find_all("li", class_="tally-row")]
    assert counts == ["0 · 0%", "1 · 100%", "0 · 0%"]
    assert tree.find("li", id=f"comment-{comment.id}").find(class_="stance-badge").text() == "Stance: No"


# Pages and permalinks

@pytest.fixture
def long_thread(make, db):
    """120 top-level comments (the newest with a reply chain), on an article with stances."""
    article = make.article()
    authors = [make.user() for _ in range(3)]
    roots, chains = insert_thread(db, article, authors, top_level=120, chains=1, chain_length=2)
    return article, roots, chains[0]


@pytest.mark.parametrize("sort", list(Sort))
def test_show_more_walks_every_top_level_comment_once(long_thread, browser, sort):
    article, roots, _ = long_thread
    seen, fragments_seen = [], []
    html, tree = browser.page(f"/articles/{article.slug}?sort={sort.value}")
    while True:
        seen += top_level_ids_shown(tree)
        more = tree.find("a", class_="more")
        if more is None:
            break
        # The same next page, as a fragment for JavaScript and as a whole page without it.
        fragment = parse_html(browser.get(more.attrs["data-fragment-url"]).get_data(as_text=True))
        fragments_seen += [int(li.attrs["id"].removeprefix("comment-")) for li in fragment.elements()
                           if "comment" in li.classes]
        html, tree = browser.page(more.attrs["href"].split("#")[0])
        assert len(seen) < 1000
    assert sorted(seen) == sorted(roots) and len(seen) == 120
    assert fragments_seen == seen[50:]
    if sort is Sort.OLDEST:
        assert seen == roots


def test_the_permalink_opens_the_page_holding_the_comment(long_thread, browser):
    article, roots, chain = long_thread
    on_page_three = roots[110]  # oldest first, 50 a page
    html, tree = browser.page(f"/articles/{article.slug}?sort=oldest")
    assert on_page_three not in comment_ids_shown(tree)

    response = browser.get(f"/comments/{on_page_three}")
    assert response.status_code == 302
    assert response.location.endswith(f"#comment-{on_page_three}")
    html, tree = browser.page(response.location)
    assert tree.find("li", id=f"comment-{on_page_three}") is not None


def test_the_permalink_of_a_reply_opens_the_page_holding_it(long_thread, browser):
    article, roots, chain = long_thread
    deepest = chain[-1]
    response = browser.get(f"/comments/{deepest}")
    assert response.location.endswith(f"#comment-{deepest}")
    html, tree = browser.page(response.location)
    assert tree.find("li", id=f"comment-{deepest}") is not None


@pytest.mark.parametrize("sort", list(Sort))
def test_a_new_comment_in_a_long_thread_leads_where_its_permalink_does(long_thread, make, auth, db, browser, sort):
    """Posting works out where the comment will be read before storing it (views/thread_pages.py
    new_comment_location); the permalink works it out from the stored comment: they agree."""
    article, roots, _chain = long_thread
    auth.login(make.user())
    response = browser.post(f"/articles/{article.slug}/comments?sort={sort.value}",
                            {"body": f"A new comment, read in {sort.value} order.", "parent_id": "", "stance": "",
                             "post": "1"})
    posted = newest_comment(db, article)
    assert response.location == browser.get(f"/comments/{posted.id}?sort={sort.value}").location
    if sort is Sort.OLDEST:  # the last of 121: on a later page, among its neighbours
        assert "after=" in response.location
    html, tree = browser.page(response.location.split("#")[0])
    assert tree.find("li", id=f"comment-{posted.id}") is not None


def test_a_new_reply_past_its_roots_first_replies_leads_where_its_permalink_does(make, db, auth, browser):
    article = make.article()
    root = make.comment(article, body="A root with many replies.")
    for n in range(REPLIES_PER_ROOT + 2):
        make.comment(article, parent=root, body=f"Reply number {n}.")
    auth.login(make.user())
    response = browser.post(f"/articles/{article.slug}/comments",
                            {"body": "One more reply.", "parent_id": str(root.id), "stance": "", "post": "1"})
    reply = newest_comment(db, article)
    assert reply.parent_id == root.id
    assert f"/comments/{root.id}/replies" in response.location
    assert response.location == browser.get(f"/comments/{reply.id}").location


def test_after_a_reply_the_whole_thread_is_shown_in_the_readers_sort(make, db, auth, browser):
    """Issue 14, bug 2: the redirect after posting opened "Oldest" from the answered comment's root,
    so a thread of ten showed one comment and no way back."""
    article = make.article()
    authors = [make.user() for _ in range(3)]
    roots, _ = insert_thread(db, article, authors, top_level=10)
    auth.login(make.user())
    answered = db.session.get(Comment, roots[-1])  # the newest: "oldest from its root" showed it alone

    response = browser.post(f"/articles/{article.slug}/comments?sort=newest",
                            {"body": "A reply.", "parent_id": str(answered.id), "stance": "", "post": "1"})
    reply = newest_comment(db, article)
    assert reply.parent_id == answered.id
    assert response.location.endswith(f"#comment-{reply.id}")
    query = parse_qs(urlsplit(response.location).query)
    assert query.get("sort") == ["newest"] and "after" not in query
    html, tree = browser.page(response.location.split("#")[0])
    assert top_level_ids_shown(tree) == list(reversed(roots))
    assert tree.find("li", id=f"comment-{reply.id}") is not None

    response = browser.get(f"/comments/{roots[0]}")
    html, tree = browser.page(response.location.split("#")[0])
    assert sorted(top_level_ids_shown(tree)) == sorted(roots), "a permalink shows the thread around the comment"


def test_a_permalink_far_down_a_long_thread_opens_among_its_neighbours(long_thread, browser):
    article, roots, _chain = long_thread
    target = roots[80]
    response = browser.get(f"/comments/{target}?sort=oldest")
    assert response.location.endswith(f"#comment-{target}")
    assert parse_qs(urlsplit(response.location).query)["sort"] == ["oldest"]
    html, tree = browser.page(response.location.split("#")[0])
    shown = top_level_ids_shown(tree)
    assert target in shown and shown.index(target) == 5, "five earlier comments lead to it"
    assert shown == roots[75:125]
    first = tree.find("a", class_="thread-start")
    assert first is not None and "after=" not in first.attrs["href"], "a way back to the first comments"


# Closed threads

def test_a_moderator_closes_a_thread_which_stays_readable(make, db, auth, browser):
    article = make.article()
    comment = make.comment(article, body="Said before closing.")
    reader = make.user()

    auth.login_as("moderator")
    assert browser.post(f"/moderation/articles/{article.id}/close").status_code == 302
    assert fresh(db, Article.comments_closed, article)
    auth.logout()

    auth.login(reader)
    html, tree = browser.page(f"/articles/{article.slug}")
    assert "Comments are closed" in tree.find(class_="closed-note").text()
    assert tree.find("form", class_="comment-form") is None
    assert "Said before closing." in html
    assert tree.find("li", id=f"comment-{comment.id}").find("form", class_="react") is None

    response = browser.post_comment(article, "Am I too late?")
    assert response.status_code == 403
    assert "Comments are closed" in response.get_data(as_text=True)
    assert browser.post(f"/comments/{comment.id}/react", {"kind": "up"}).status_code == 403
    assert fresh(db, Article.comment_count, article) == 1
    auth.logout()

    auth.login_as("admin")
    assert browser.post(f"/moderation/articles/{article.id}/reopen").status_code == 302
    auth.logout()
    auth.login(reader)
    assert browser.post_comment(article, "Open again, then.").status_code == 302
    assert fresh(db, Article.comment_count, article) == 2


def test_readers_cannot_close_threads(make, db, auth, browser):
    article = make.article()
    auth.login(make.user())
    assert browser.post(f"/moderation/articles/{article.id}/close").status_code == 403
    assert not fresh(db, Article.comments_closed, article)


def test_threads_close_by_themselves_after_the_policy_s_days(make, db, auth, browser, site_policy):
    article = make.article()
    make.comment(article, body="From the first week.")
    article.published_at = utcnow() - timedelta(days=8)
    site_policy(auto_close_days=7)
    auth.login(make.user())

    html, tree = browser.page(f"/articles/{article.slug}")
    assert "Comments are closed" in tree.find(class_="closed-note").text()
    assert "From the first week." in html
    assert browser.post_comment(article, "Still there?").status_code == 403

    site_policy(auto_close_days=30)
    html, tree = browser.page(f"/articles/{article.slug}")
    assert tree.find(class_="closed-note") is None
    assert browser.post_comment(article, "Still there?").status_code == 302


# "New comments" while the page is open

def test_the_new_comments_endpoint_counts_with_an_etag(make, db, browser):
    article = make.article()
    make.comment(article)
    html, tree = browser.page(f"/articles/{article.slug}")
    poll = tree.find("section", id="comments").attrs["data-new-url"]

    first = browser.get(poll)
    assert (first.status_code, first.json) == (200, {"count": 0})
    assert first.headers["ETag"]
    again = browser.get(poll, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""

    reply = make.comment(article, parent=make.comment(article))
    held = make.comment(article)
    set_status(held, CommentStatus.PENDING)
    changed = browser.get(poll, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.json == {"count": 2}  # the held one is not news
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert reply.depth == 1  # replies are news too


def test_the_new_comments_endpoint_takes_an_iso_time(make, browser):
    article = make.article()
    make.comment(article)
    url = f"/articles/{article.slug}/comments/new"
    an_hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    assert browser.get(url, query_string={"since": an_hour_ago}).json == {"count": 1}
    naive = (datetime.now(timezone.utc) - timedelta(hours=1)).replace(tzinfo=None).isoformat()
    assert browser.get(url, query_string={"since": naive}).json == {"count": 1}  # read as UTC
    for malformed in ("yesterday", "", "2024-13-45T99:00:00"):
        refused = browser.get(url, query_string={"since": malformed})
        # JSON, as its answers always are, though the polling script asks for nothing in particular (review F15)
        assert refused.status_code == 400 and "ISO 8601" in refused.json["error"]["message"]
    assert browser.get(url).status_code == 400


# Own comments that are not published

@pytest.mark.parametrize("status,note", [
    (CommentStatus.PENDING, "Held for review"), (CommentStatus.REJECTED, "Not published"),
])
def test_authors_see_their_unpublished_comments_with_the_status(make, db, auth, browser, status, note):
    article = make.article()
    author = make.user()
    comment = make.comment(article, author=author, body="My contested view.")
    set_status(comment, status)
    profile_label = {"pending": "held for review", "rejected": "rejected"}[status.value]

    auth.login(author)
    html, tree = browser.page(f"/articles/{article.slug}")
    li = tree.find("li", id=f"comment-{comment.id}")
    assert f"own-{status.value}" in li.classes
    assert li.find(class_="status-note").text().startswith(note)
    html, tree = browser.page(f"/users/{author.username}")
    assert tree.find(class_="status").text() == profile_label
    assert "My contested view." in html
    auth.logout()

    auth.login(make.user())
    for path in (f"/articles/{article.slug}", f"/users/{author.username}"):
        html, tree = browser.page(path)
        assert "My contested view." not in html
        assert tree.find("li", id=f"comment-{comment.id}") is None
    auth.logout()
    html, tree = browser.page(f"/articles/{article.slug}")
    assert "My contested view." not in html


# What a page of the thread costs

def _measure_page(db, browser, article) -> tuple[int, float, str]:
    path = f"/articles/{article.slug}"  # read before counting: the test's own session may refresh the article
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        started = time.perf_counter()
        response = browser.get(path)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return len(statements), elapsed, response.get_data(as_text=True)


@pytest.mark.parametrize("viewer", ["anonymous", "reader"])
def test_a_thread_page_costs_the_same_queries_for_10_and_1000_comments(make, db, auth, browser, viewer, request):
    authors = [make.user() for _ in range(5)]
    small, large = make.article(), make.article()
    insert_thread(db, small, authors, top_level=7, chains=1, chain_length=3)
    roots, chains = insert_thread(db, large, authors, top_level=700, chains=60, chain_length=5)
    if viewer == "reader":
        reader = auth.login(make.user())
        liked = roots[-5:] + [chain[-1] for chain in chains[:3]]
        db.session.execute(sa.insert(Reaction), [{"comment_id": i, "user_id": reader.id, "kind": "up"} for i in liked])
        db.session.execute(sa.update(Comment).where(Comment.id.in_(liked)).values(up_count=Comment.up_count + 1))

    queries_small, _, _ = _measure_page(db, browser, small)
    queries_large, seconds, html = _measure_page(db, browser, large)
    tree = parse_html(html)
    assert tree.find("h2", id="comments-heading").text() == "1000 comments"
    assert len(top_level_ids_shown(tree)) == 50
    assert len(comment_ids_shown(tree)) > 50  # the replies under them came too
    assert tree.find("a", class_="more") is not None
    print(f"\n[{request.node.callspec.id}] GET /articles/<slug> as {viewer}: {queries_small} queries for 10 comments, "
          f"{queries_large} for 1,000; the 1,000-comment page took {seconds * 1000:.0f} ms")
    assert queries_small == queries_large <= MAX_QUERIES_PER_PAGE
