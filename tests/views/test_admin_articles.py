"""The admin's article editor over HTTP: drafts, publishing, previews and forms that keep what was typed."""
import html5lib
import pytest
import sqlalchemy as sa

from forum.models import Article, ArticleStatus
from tests.conftest import csrf_token

NEW_ARTICLE = "/admin/articles/new"


def page(response):
    return html5lib.parse(response.get_data(as_text=True), treebuilder="etree", namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def field_box(document, name):
    """The form field's wrapper: its label, control, help and errors."""
    for box in document.iter("div"):
        if "field" in box.get("class", "").split() and box.find(f".//*[@name='{name}']") is not None:
            return box
    raise AssertionError(f"no field named {name!r}")


def field_value(document, name) -> str:
    control = document.find(f".//*[@name='{name}']")
    return text_of(control) if control.tag == "textarea" else control.get("value", "")


def field_errors(document, name) -> list[str]:
    return [text_of(p) for p in field_box(document, name).iter("p") if "error" in p.get("class", "").split()]


def article_form(client, **fields) -> dict:
    """What a browser sends from the editor: every field, the token, and the button pressed."""
    data = {
        "title": "Rivals and Guardrails", "slug": "", "summary": "Two rivals talk safety.",
        "body": "## Where they agree\n\nOn *biosecurity*.", "question": "Can they cooperate?",
        "stances": "Yes\nNo\nIt depends", "moderation_mode": "", "save": "1",
    }
    data.update(fields)
    data["csrf_token"] = csrf_token(client, NEW_ARTICLE)
    return data


def listed_titles(client) -> list[str]:
    """The titles of the articles on the front page."""
    return [text_of(a) for a in page(client.get("/")).findall(".//article/h2/a")]


def article_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Article))


def find_article(db, **where) -> Article | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(Article).filter_by(**where))


@pytest.fixture
def admin(auth):
    return auth.login_as("admin")


def test_new_article_form(client, admin):
    response = client.get(NEW_ARTICLE)
    assert response.status_code == 200
    document = page(response)
    for name in ("title", "slug", "summary", "body", "question", "stances"):
        assert document.find(f".//form//*[@name='{name}']") is not None, name
    buttons = {button.get("name") for button in document.iter("button")}
    assert {"save", "publish", "preview"} <= buttons


def test_save_draft_is_seen_only_by_admins(client, db, auth, admin):
    response = client.post(NEW_ARTICLE, data=article_form(client))
    assert response.status_code == 302
    article = find_article(db, slug="rivals-and-guardrails")
    assert article.status == ArticleStatus.DRAFT
    assert article.author_id == admin.id
    assert [stance.label for stance in article.stances] == ["Yes", "No", "It depends"]

    assert "Rivals and Guardrails" not in listed_titles(client)
    shown = client.get("/articles/rivals-and-guardrails")
    assert shown.status_code == 200
    assert "Draft" in text_of(page(shown).find(".//article"))

    auth.logout()
    assert client.get("/articles/rivals-and-guardrails").status_code == 404
    auth.login_as("reader")
    assert client.get("/articles/rivals-and-guardrails").status_code == 404
    auth.logout()
    auth.login_as("moderator")
    assert client.get("/articles/rivals-and-guardrails").status_code == 404


def test_publish_saves_then_asks_once_showing_the_front_page_card(client, db, auth, admin):
    """Issue 14: "Save draft" and "Publish" looked alike and publishing asked nothing. Publish now saves the
    draft and asks once, on a page that shows the article as the front page will (no JavaScript needed)."""
    document = page(client.get(NEW_ARTICLE))
    classes = {button.get("name"): button.get("class", "") for button in document.iter("button")}
    assert "secondary" in classes["save"] and "publish-button" in classes["publish"]
    data = article_form(client)
    del data["save"]
    response = client.post(NEW_ARTICLE, data={**data, "publish": "1"})
    article = find_article(db, slug="rivals-and-guardrails")
    assert article.status == ArticleStatus.DRAFT
    assert response.status_code == 302 and response.location == f"/admin/articles/{article.id}/publish"
    confirm = page(client.get(response.location))
    card = confirm.find(".//article[@class='article-card front-card']")
    assert text_of(card.find(".//h2")) == "Rivals and Guardrails"
    assert text_of(card.find(".//p[@class='summary']")) == article.summary
    form = confirm.find(f".//form[@class='confirm-actions']")
    token = form.find(".//input[@name='csrf_token']").get("value")
    assert client.post(f"/admin/articles/{article.id}/publish", data={"csrf_token": token}).status_code == 302
    article = find_article(db, slug="rivals-and-guardrails")
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None

    auth.logout()
    assert "Rivals and Guardrails" in listed_titles(client)
    shown = client.get("/articles/rivals-and-guardrails")
    assert shown.status_code == 200
    assert "Draft" not in text_of(page(shown).find(".//article"))


def _dashboard_button(client, action: str):
    """The dashboard's bare POST form for `action`, or None when the page has none."""
    for form in page(client.get("/admin/")).iter("form"):
        if form.get("action") == action:
            return form
    return None


def test_publish_and_unpublish_from_the_dashboard(client, db, make, admin):
    article = make.article(title="From the Dashboard", published=False, author=admin)
    publish_url = f"/admin/articles/{article.id}/publish"
    unpublish_url = f"/admin/articles/{article.id}/unpublish"

    assert f'href="{publish_url}"' in client.get("/admin/").get_data(as_text=True)  # asks first: a link
    assert _dashboard_button(client, unpublish_url) is None
    response = client.post(publish_url, data={"csrf_token": csrf_token(client, "/admin/")})
    assert response.status_code == 302
    assert find_article(db, id=article.id).status == ArticleStatus.PUBLISHED
    assert "From the Dashboard" in listed_titles(client)

    assert _dashboard_button(client, unpublish_url) is not None
    assert f'href="{publish_url}"' not in client.get("/admin/").get_data(as_text=True)
    response = client.post(unpublish_url, data={"csrf_token": csrf_token(client, "/admin/")})
    assert response.status_code == 302
    assert find_article(db, id=article.id).status == ArticleStatus.DRAFT
    assert "From the Dashboard" not in listed_titles(client)


def test_publish_without_token_changes_nothing(client, db, make, admin):
    article = make.article(published=False, author=admin)
    response = client.post(f"/admin/articles/{article.id}/publish", data={})
    assert response.status_code == 400
    assert find_article(db, id=article.id).status == ArticleStatus.DRAFT


def test_preview_button_renders_and_saves_nothing(client, db, admin):
    count = article_count(db)
    data = article_form(client, body="# Heading\n\n**bold** <script>alert('x')</script>")
    del data["save"]
    response = client.post(NEW_ARTICLE, data={**data, "preview": "1"})
    assert response.status_code == 200
    document = page(response)
    preview = document.find(".//*[@id='live-preview']")
    assert [text_of(h) for h in preview.iter("h2")] == ["Heading"]
    assert [text_of(s) for s in preview.iter("strong")] == ["bold"]
    assert not list(preview.iter("script"))
    assert field_value(document, "title") == "Rivals and Guardrails"
    assert article_count(db) == count


def test_preview_endpoint_returns_clean_html(client, admin):
    token = csrf_token(client, NEW_ARTICLE)
    source = "## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"
    response = client.post("/admin/preview", data={"body": source}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    html = response.get_json()["html"]
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    tags = {element.tag for element in fragment.iter() if isinstance(element.tag, str)}
    assert {"h2", "table", "th", "td", "img"} <= tags
    assert "script" not in tags
    assert not [el for el in fragment.iter() if any(name.startswith("on") for name in el.attrib)]


def test_preview_endpoint_accepts_the_token_as_a_field(client, admin):
    token = csrf_token(client, NEW_ARTICLE)
    response = client.post("/admin/preview", data={"body": "*hi*", "csrf_token": token})
    assert response.status_code == 200
    assert "<em>hi</em>" in response.get_json()["html"]


def test_preview_endpoint_needs_the_token(client, admin):
    response = client.post("/admin/preview", data={"body": "*hi*"})
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["reader", "moderator"])
def test_preview_endpoint_is_for_admins(client, auth, role):
    auth.login_as(role)
    response = client.post("/admin/preview", data={"body": "*hi*", "csrf_token": csrf_token(client)})
    assert response.status_code == 403


TYPED = {
    "summary": "A summary worth keeping.",
    "body": "## Kept\n\nEvery *word* of this body.",
    "question": "Will the typed question survive?",
    "stances": "Yes\nNo\nIt depends",
}


def assert_typed_fields_kept(document, title):
    assert field_value(document, "title") == title
    assert field_value(document, "summary") == TYPED["summary"]
    assert field_value(document, "question") == TYPED["question"]
    for name in ("body", "stances"):  # compared raw: the line breaks must come back too
        control = document.find(f".//textarea[@name='{name}']")
        assert "".join(control.itertext()).replace("\r\n", "\n").strip("\n") == TYPED[name]


def test_missing_title_is_an_error_next_to_the_field(client, db, admin):
    count = article_count(db)
    response = client.post(NEW_ARTICLE, data=article_form(client, title="", **TYPED))
    assert response.status_code == 400
    document = page(response)
    assert field_errors(document, "title")
    assert not field_errors(document, "body")
    assert_typed_fields_kept(document, "")
    assert article_count(db) == count


def test_slug_clash_is_an_error_next_to_the_slug(client, db, make, admin):
    make.article(title="The Article Already There", slug="taken")
    response = client.post(NEW_ARTICLE, data=article_form(client, title="A New One", slug="taken", **TYPED))
    assert response.status_code == 400
    document = page(response)
    [error] = field_errors(document, "slug")
    assert "The Article Already There" in error
    assert field_value(document, "slug") == "taken"
    assert_typed_fields_kept(document, "A New One")
    assert find_article(db, title="A New One") is None


def test_stance_error_is_next_to_the_stances(client, db, admin):
    response = client.post(NEW_ARTICLE, data=article_form(client, stances="Only one"))
    assert response.status_code == 400
    assert field_errors(page(response), "stances")
    assert find_article(db, slug="rivals-and-guardrails") is None


def test_editing_keeps_the_article_published(client, db, make, admin):
    article = make.article(title="Published Before", author=admin, question="Q?", stances=["Yes", "No"])
    first_published_at = article.published_at
    edit_url = f"/admin/articles/{article.id}/edit"

    document = page(client.get(edit_url))
    assert field_value(document, "title") == "Published Before"
    assert "publish" not in {button.get("name") for button in document.iter("button")}

    data = article_form(client, title="Published, Then Edited", slug=article.slug, question="Q?", stances="Yes\nNo")
    data["csrf_token"] = csrf_token(client, edit_url)
    response = client.post(edit_url, data=data)
    assert response.status_code == 302

    edited = find_article(db, id=article.id)
    assert edited.title == "Published, Then Edited"
    assert edited.status == ArticleStatus.PUBLISHED
    assert edited.published_at == first_published_at
    assert "Published, Then Edited" in listed_titles(client)


@pytest.mark.parametrize("role", ["reader", "moderator"])
def test_non_admins_cannot_post_articles(client, db, auth, role):
    auth.login_as(role)
    assert client.get(NEW_ARTICLE).status_code == 403
    data = {"title": "Not Theirs", "body": "Text.", "moderation_mode": "", "csrf_token": csrf_token(client)}
    assert client.post(NEW_ARTICLE, data=data).status_code == 403
    assert find_article(db, title="Not Theirs") is None
