"""The embed: the loader script, the framed thread for allowed origins only, its headers, posting from it."""
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import sqlalchemy as sa

from forum.models import Article, ArticleStatus, ModerationAction, SitePolicy, Verb
from forum.models.policy import POLICY_ID
from tests.views.test_comments import Browser, form_values, parse_html

NEWS = "https://news.example.org"
BLOG = "http://blog.example.net:8080"


@pytest.fixture
def browser(app, client, db):
    return Browser(app, client, db)


@pytest.fixture
def allowed(site_policy):
    """Two publishers allowed to embed, as an admin would have saved them."""
    return site_policy(embed_origins=f"{NEWS}\n{BLOG}")


def embed_url(url: str, **params) -> str:
    return "/embed/thread?" + urlencode({"url": url, **params})


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def stories(db, url: str) -> list[Article]:
    return db.session.scalars(sa.select(Article).where(Article.external_url == url)).all()


def test_an_origin_no_admin_allowed_gets_a_clear_403_and_no_thread(db, browser, allowed):
    response = browser.get(embed_url("https://elsewhere.example/story", title="Not ours"))
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert "https://elsewhere.example is not one of the sites allowed to embed threads" in text
    assert "Admin → Policy → Embedding" in text
    assert stories(db, "https://elsewhere.example/story") == []


def test_with_no_origin_allowed_nothing_can_embed(db, browser):
    assert browser.get(embed_url(f"{NEWS}/story")).status_code == 403


def test_an_address_that_is_not_a_web_page_is_a_400(browser, allowed):
    for url in ("", "javascript:alert(1)", "ftp://news.example.org/x", "https://user:pw@news.example.org/x", "http://[::1"):
        response = browser.get(embed_url(url))
        assert response.status_code == 400, url


def test_an_allowed_page_gets_its_thread_created_once_for_equivalent_urls(db, browser, allowed):
    first = browser.get(embed_url(f"{NEWS}/2026/bike-lanes?id=7&utm_source=feed#comments", title="Bike lanes vote"))
    assert first.status_code == 200
    [story] = stories(db, f"{NEWS}/2026/bike-lanes?id=7")
    assert story.title == "Bike lanes vote" and story.status == ArticleStatus.PUBLISHED and story.is_external
    for same in (f"HTTPS://News.Example.ORG:443/2026/bike-lanes?id=7", f"{NEWS}/2026/bike-lanes?fbclid=abc&id=7#top"):
        assert browser.get(embed_url(same, title="A later title")).status_code == 200
    assert [s.id for s in stories(db, f"{NEWS}/2026/bike-lanes?id=7")] == [story.id]
    assert db.session.get(Article, story.id).title == "Bike lanes vote"  # the first title stays


def test_external_stories_stay_out_of_the_sites_own_list_and_feed(db, make, browser, allowed):
    own = make.article(title="Our own reporting")
    assert browser.get(embed_url(f"{NEWS}/2026/elsewhere", title="Somebody else's page")).status_code == 200
    index = browser.get("/").get_data(as_text=True)
    feed = browser.get("/feed.atom").get_data(as_text=True)
    assert own.title in index and own.title in feed
    assert "Somebody else" not in index and "Somebody else" not in feed
    listed = [a["title"] for a in browser.get("/api/v1/articles").get_json()["articles"]]
    assert own.title in listed and "Somebody else's page" not in listed


def test_a_page_without_a_title_is_named_after_its_address(db, browser, allowed):
    assert browser.get(embed_url(f"{BLOG}/posts/hello/")).status_code == 200
    [story] = stories(db, f"{BLOG}/posts/hello/")
    assert story.title == "blog.example.net:8080/posts/hello"


def test_the_embed_page_is_the_thread_without_the_site_around_it(browser, allowed):
    html, tree = browser.page(embed_url(f"{NEWS}/story", theme="dark", origin=NEWS))
    assert tree.find("header", class_="site-header") is None
    assert tree.find("section", class_="discussion") is not None
    assert tree.find("html").attrs["data-theme"] == "dark"
    assert tree.find("body").attrs["data-parent-origin"] == NEWS
    assert tree.find("base").attrs["target"] == "_blank"  # permalinks and profiles open a new tab
    sign_in = next(a for a in tree.find_all("a") if a.text() == "Sign in to comment")
    assert "data-popup" in sign_in.attrs
    assert parse_qs(urlsplit(sign_in.attrs["href"]).query)["next"] == ["/embed/signed-in"]
    sort_link = next(a for a in tree.find_all("a") if a.text() == "Newest")
    assert sort_link.attrs["href"].startswith("/embed/thread?") and sort_link.attrs["target"] == "_self"


def test_a_parent_origin_that_is_not_allowed_is_never_told_anything(browser, allowed):
    _html, tree = browser.page(embed_url(f"{NEWS}/story", origin="https://spy.example"))
    assert tree.find("body").attrs["data-parent-origin"] == ""


def test_frame_ancestors_lists_the_allowed_origins_on_the_embed_page_only(make, browser, allowed):
    embedded = browser.get(embed_url(f"{NEWS}/story"))
    assert directives(embedded)["frame-ancestors"] == f"{NEWS} {BLOG}"
    assert "X-Frame-Options" not in embedded.headers
    assert directives(embedded)["script-src"] == "'self'"  # only framing is relaxed
    article = make.article()
    for path in ("/", f"/articles/{article.slug}", "/embed/signed-in", "/auth/login", "/embed.js"):
        response = browser.get(path)
        assert directives(response)["frame-ancestors"] == "'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_the_article_page_of_an_external_story_links_back_and_admins_see_it_marked(db, make, browser, auth, allowed):
    browser.get(embed_url(f"{NEWS}/story", title="Their story"))
    [story] = stories(db, f"{NEWS}/story")
    _html, tree = browser.page(f"/articles/{story.slug}")
    assert any(a.attrs.get("href") == f"{NEWS}/story" for a in tree.find_all("a"))
    auth.login(make.user("admin"))
    html, _tree = browser.page("/admin/")
    assert "external story" in html and f"for {NEWS}/story" in html


def test_a_comment_posted_in_the_frame_lands_back_in_the_frame(db, make, browser, auth, allowed):
    browser.get(embed_url(f"{NEWS}/story"))
    [story] = stories(db, f"{NEWS}/story")
    auth.login(make.user())
    _html, tree = browser.page(embed_url(f"{NEWS}/story", theme="light", origin=NEWS))
    form = tree.find("form", id="comment-form")
    assert form.attrs["target"] == "_self"
    action = form.attrs["action"]
    assert parse_qs(urlsplit(action).query)["embed"] == ["1"]

    response = browser.post(action, {**form_values(form), "body": "Posted from inside the frame."})
    assert response.status_code == 302
    location = urlsplit(response.location)
    assert location.path == "/embed/thread"
    assert parse_qs(location.query)["url"] == [f"{NEWS}/story"]
    assert parse_qs(location.query)["origin"] == [NEWS] and parse_qs(location.query)["theme"] == ["light"]
    html = browser.get(response.location).get_data(as_text=True)
    assert "Posted from inside the frame." in html and "Your comment is published." in html
    assert db.session.get(Article, story.id).comment_count == 1


def test_a_refused_comment_comes_back_inside_the_frame_with_what_was_typed(make, browser, auth, allowed):
    browser.get(embed_url(f"{NEWS}/story"))
    auth.login(make.user())
    _html, tree = browser.page(embed_url(f"{NEWS}/story", origin=NEWS))
    form = tree.find("form", id="comment-form")
    typed = "x" * 20_000
    response = browser.post(form.attrs["action"], {**form_values(form), "body": typed})
    assert response.status_code == 400
    page = parse_html(response.get_data(as_text=True))
    assert page.find("header", class_="site-header") is None
    assert typed in page.find("textarea").text()
    assert directives(response)["frame-ancestors"] == f"{NEWS} {BLOG}"


def test_a_form_refused_before_its_view_still_shows_in_the_frame(make, browser, auth, allowed):
    """An expired CSRF token (or a rate limit) answers before the view: the frame shows why, not a blank."""
    browser.get(embed_url(f"{NEWS}/story"))
    auth.login(make.user())
    _html, tree = browser.page(embed_url(f"{NEWS}/story", origin=NEWS))
    form = tree.find("form", id="comment-form")
    response = browser.post(form.attrs["action"], {**form_values(form), "csrf_token": "expired", "body": "Hello."})
    assert response.status_code == 400
    assert directives(response)["frame-ancestors"] == f"{NEWS} {BLOG}"
    assert "X-Frame-Options" not in response.headers


def test_a_visitor_whose_session_did_not_reach_the_frame_is_sent_back_to_it(db, browser, allowed):
    browser.get(embed_url(f"{NEWS}/story"))
    [story] = stories(db, f"{NEWS}/story")
    response = browser.post(f"/articles/{story.slug}/comments?embed=1&origin={NEWS}", {"body": "Hello"})
    assert response.status_code == 302 and response.location.startswith("/embed/thread")


def test_only_external_stories_are_framed(make, browser, auth, allowed):
    """?embed=1 on an article of Parley's own changes nothing: it is not embedded anywhere."""
    article = make.article()
    auth.login(make.user())
    response = browser.post(f"/articles/{article.slug}/comments?embed=1", {"body": "x" * 20_000})
    assert response.status_code == 400
    assert directives(response)["frame-ancestors"] == "'none'"
    assert parse_html(response.get_data(as_text=True)).find("header", class_="site-header") is not None


def test_the_signed_in_page_tells_the_opener_and_needs_a_session(make, browser, auth):
    response = browser.get("/embed/signed-in")
    assert response.status_code == 302 and "/auth/login" in response.location
    user = auth.login(make.user())
    html, tree = browser.page("/embed/signed-in")
    assert tree.find("body").attrs["data-signed-in"] == "1"
    assert f"You are signed in as {user.username}" in html


def test_the_loader_script_is_cached_long_and_loadable_from_any_site(browser):
    response = browser.get("/embed.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.cache_control.public and response.cache_control.max_age >= 24 * 60 * 60
    assert "parley:height" in response.get_data(as_text=True)


def test_the_admin_sets_the_allowed_origins_and_the_change_is_logged(db, make, browser, auth):
    admin = auth.login(make.user("admin"))
    _html, tree = browser.page("/admin/policy")
    form = next(f for f in tree.find_all("form") if f.find("textarea", name="embed_origins"))
    values = form_values(form)

    refused = browser.post("/admin/policy", {**values, "embed_origins": "https://ok.example\nhttps://bad.example/path"})
    assert refused.status_code == 400
    text = refused.get_data(as_text=True)
    assert "is not an origin: give the scheme and host only" in text
    assert "https://bad.example/path" in text  # what was typed is kept

    typed = "HTTPS://News.Example.org/\n\nhttp://blog.example.net:8080"
    saved = browser.post("/admin/policy", {**values, "embed_origins": typed})
    assert saved.status_code == 302
    assert db.session.get(SitePolicy, POLICY_ID).embed_origins == f"{NEWS}\n{BLOG}"
    row = db.session.scalar(sa.select(ModerationAction).where(ModerationAction.verb == Verb.POLICY_CHANGE)
                            .order_by(ModerationAction.id.desc()))
    assert row.actor_id == admin.id and "embed origins" in row.reason
    assert "embed origins" in browser.get("/moderation/log?verb=policy_change").get_data(as_text=True)
    assert browser.get(embed_url(f"{NEWS}/story")).status_code == 200


def test_removing_an_origin_stops_its_embeds_at_once(db, browser, site_policy):
    site_policy(embed_origins=NEWS)
    assert browser.get(embed_url(f"{NEWS}/story")).status_code == 200
    site_policy(embed_origins=BLOG)
    assert browser.get(embed_url(f"{NEWS}/story")).status_code == 403


def test_new_stories_are_limited_per_address_but_views_of_existing_ones_are_not(tmp_path):
    """Anyone can make up addresses on an allowed site; each new one would be a thread."""
    from flask_migrate import upgrade

    from forum import create_app
    from forum.config import TestConfig
    from forum.extensions import db as _db

    limited = create_app(type("LimitedConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limited.sqlite3'}", "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_EMBED_STORY": "2 per minute",
    }))
    with limited.app_context():
        upgrade()
        policy = SitePolicy.with_defaults()
        policy.embed_origins = NEWS
        _db.session.add(policy)
        _db.session.commit()
    client = limited.test_client()
    codes = [client.get(embed_url(f"{NEWS}/story-{n}")).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert client.get(embed_url(f"{NEWS}/story-0")).status_code == 200
    assert client.get(embed_url(f"{NEWS}/story-1")).status_code == 200


def test_embed_cookies_make_the_session_cookie_samesite_none_and_secure(database_url):
    """PARLEY_EMBED_COOKIES=1 for cross-site embeds: Talisman must not put Lax back."""
    from forum import create_app
    from forum.config import TestConfig

    config = type("EmbedCookies", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "SESSION_COOKIE_SAMESITE": "None", "SESSION_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_SAMESITE": "None", "REMEMBER_COOKIE_SECURE": True,
    })
    response = create_app(config).test_client().get("/auth/login", base_url="https://localhost")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert "samesite=none" in attributes and "secure" in attributes and "httponly" in attributes


def test_a_new_storys_title_passes_the_word_lists_and_loses_direction_overrides(db, client, site_policy):
    """Outsider review: an anonymous first visit named a story "kill yourself admin", and the public log
    and admin list showed it; right-to-left overrides in a title reordered the log's lines."""
    import sqlalchemy as sa

    from forum.models import Article, ModerationAction

    site_policy(embed_origins="https://news.example.org")
    abusive = "https://news.example.org/2026/abusive-title"
    assert client.get("/embed/thread", query_string={"url": abusive, "title": "kill yourself admin"}).status_code == 200
    story = db.session.scalar(sa.select(Article).where(Article.external_url == abusive))
    assert "kill" not in story.title.lower() and "abusive" in story.title.lower()  # the address stands in
    assert "kill yourself" not in client.get("/moderation/log").get_data(as_text=True)

    turned = "https://news.example.org/2026/bidi"
    client.get("/embed/thread", query_string={"url": turned, "title": "Budget \u202egnikcehc\u202c vote"})
    story = db.session.scalar(sa.select(Article).where(Article.external_url == turned))
    assert story.title == "Budget gnikcehc vote"


@pytest.mark.parametrize("path", [
    "/ada-lovelace-is-a-stupid-idiot-and-a-moron",
    "/2026/kill%20yourself%20admin",
    "/2026/kill_yourself/admin",
])
def test_a_made_up_address_that_fails_the_word_lists_names_its_story_by_host_only(db, client, allowed, path):
    """Attack report finding 9: any visitor's made-up address on an allowed site became a story's title."""
    url = f"{BLOG}{path}"
    assert client.get("/embed/thread", query_string={"url": url}).status_code == 200
    [story] = stories(db, url)
    assert story.title == "blog.example.net:8080" and story.slug.startswith("blog-example-net-8080-")


def test_opening_a_thread_writes_nothing_to_the_public_log(db, client, allowed):
    """Opening a thread is nobody's act, and any visitor can cause it for any made-up address."""
    client.get("/embed/thread", query_string={"url": f"{NEWS}/2026/quiet-story", "title": "A quiet story"})
    [story] = stories(db, f"{NEWS}/2026/quiet-story")
    assert db.session.scalars(sa.select(ModerationAction).where(ModerationAction.article_id == story.id)).all() == []
    assert "A quiet story" not in client.get("/moderation/log").get_data(as_text=True)
