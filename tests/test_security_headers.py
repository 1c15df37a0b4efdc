"""Headers and cookies every response carries, and CSRF refusal on every state-changing route."""
import re

import pytest

from forum import create_app
from forum.config import TestConfig
from tests.factories import DEFAULT_PASSWORD


def test_content_security_policy_allows_no_inline_script(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_other_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def _cookie_attributes(response, name):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(name + "="):
            return {part.strip().split("=")[0].lower(): part for part in header.split(";")[1:]}
    raise AssertionError(f"no {name} cookie in {response.headers.getlist('Set-Cookie')}")


def test_session_and_remember_cookies_are_httponly_and_lax(client, make):
    user = make.user()
    from tests.conftest import csrf_token

    response = client.post("/auth/login", data={
        "login": user.username, "password": DEFAULT_PASSWORD, "remember": "y", "csrf_token": csrf_token(client),
    })
    for name in ("session", "remember_token"):
        attributes = _cookie_attributes(response, name)
        assert "httponly" in attributes
        assert attributes["samesite"].split("=")[1].lower() == "lax"
        assert "secure" not in attributes  # plain HTTP in tests: Secure is a setting


def test_cookies_are_secure_when_the_setting_says_so(database_url):
    config = type("SecureConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True,
    })
    app = create_app(config)
    response = app.test_client().get("/auth/login", base_url="https://localhost")
    assert "secure" in _cookie_attributes(response, "session")
    assert "Strict-Transport-Security" in response.headers


# POST routes authorised by a proof other than the session, where a CSRF token cannot exist; each still
# refuses a POST without that proof, with a 400 that says so (the pattern below).
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail clients POST without a session; the link's signed token decides.
    "notifications.unsubscribe": r"unsubscribe link is (incomplete|not valid)",
}


def test_every_state_changing_route_refuses_a_post_without_csrf_token(app, client, auth):
    """Walk the URL map: no POST route (signed in as admin, the widest access) accepts a tokenless form."""
    auth.login_as("admin")
    checked = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.build({arg: "1" for arg in rule.arguments}, append_unknown=False)[1]
        response = client.post(url, data={"body": "text", "reason": "x"})
        assert response.status_code == 400, (rule.rule, response.status_code)
        refusal = CSRF_EXEMPT.get(rule.endpoint, r"security token")
        assert re.search(refusal, response.get_data(as_text=True)), rule.rule
        checked.append(rule.rule)
    print(f"\n{len(checked)} state-changing routes refuse a form without its CSRF token")
    assert len(checked) >= 20


@pytest.mark.parametrize("path", ["/healthz"])
def test_health_check_answers_json(client, path):
    response = client.get(path)
    assert response.status_code == 200
    report = response.get_json()
    assert report["status"] == "ok"
    assert {name: check["status"] for name, check in report["checks"].items()} == {
        "database_read": "ok", "database_write": "ok", "mail_queue": "off", "redis": "off"}


def test_an_address_holding_a_nul_names_nothing(client):
    """PostgreSQL cannot even look such a value up: the answer is a 404, never a server error."""
    for path in ("/articles/a%00b", "/users/a%00b", "/api/v1/articles/a%00b/comments"):
        assert client.get(path).status_code == 404, path


def test_what_a_signed_in_reader_gets_is_for_their_browser_alone(client, auth, make):
    """Pages whose views set no Cache-Control of their own: the account pages, the API with a token; and a
    visitor's public page keeps its own header (outsider review)."""
    article = make.article()
    visitor = client.get(f"/articles/{article.slug}")
    assert "private" not in visitor.headers.get("Cache-Control", "")
    reader = auth.login(make.user())
    for path in ("/account/replies", "/account/profile", f"/articles/{article.slug}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] in ("private, no-cache", "no-store"), path
    assert reader is not None
    auth.logout()
    from forum.actions.tokens import create_token

    _token, secret = create_token(make.user(), "headers test")
    response = client.get(f"/api/v1/articles/{article.slug}/comments", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
