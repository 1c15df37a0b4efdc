"""Garbage in, never a 5xx out: hypothesis throws arbitrary text, huge inputs, NUL bytes,
invalid UTF-8 and stray fields at every form and query parameter."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = 25  # per test; several hundred requests in all, seconds not minutes

FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=50).map(lambda s: s * 40),
    st.sampled_from(["\x00", "a\x00b", "%", "🙂" * 500, " " * 20, "<script>alert(1)</script>", "../../etc/passwd",
                     "' OR 1=1 --", "9" * 400, "-1", "0", "2026-13-45T99:99"]),
)
fields = st.dictionaries(st.sampled_from(["body", "stance", "parent_id", "reason", "note", "kind", "title",
                                          "slug", "summary", "question", "stances", "username", "email",
                                          "password", "confirm", "login", "extra", "csrf_token"]), text, max_size=6)
QUERY_PARAMS = ["sort", "stance", "after", "since", "queue", "article", "verb", "next", "reply_to"]


@pytest.fixture
def site(app, db, make, auth, monkeypatch):
    """A signed-in admin (who reaches every form) and content for the routes to act on."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)  # so the fuzz reaches the forms
    article = make.article(question="Q?", stances=["Yes", "No"])
    comment = make.comment(article) if hasattr(make, "comment") else None
    admin = auth.login_as("admin")
    return article, comment, admin


def _urls(app, article, comment, admin):
    values = {"slug": article.slug, "article_id": article.id, "comment_id": comment.id if comment else 1,
              "user_id": admin.id, "username": admin.username, "appeal_id": 1}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        url = rule.build({arg: values.get(arg, 1) for arg in rule.arguments}, append_unknown=False)[1]
        yield rule, url


def _assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} -> {response.status_code}"


@FUZZ
@given(data=fields)
def test_every_form_answers_garbage_with_a_4xx_or_success(app, client, site, data):
    for rule, url in _urls(app, *site):
        if "POST" in rule.methods and not rule.rule.endswith("/logout"):
            _assert_no_server_error(client.post(url, data=data), f"POST {rule.rule} {data!r}")


@FUZZ
@given(params=st.dictionaries(st.sampled_from(QUERY_PARAMS), text, max_size=4))
def test_every_page_answers_odd_query_parameters(app, client, site, params):
    for rule, url in _urls(app, *site):
        if "GET" in rule.methods:
            _assert_no_server_error(client.get(url, query_string=params), f"GET {rule.rule} {params!r}")


def test_invalid_utf8_and_oversized_bodies(app, client, site):
    article = site[0]
    url = f"/articles/{article.slug}/comments"
    raw = b"body=%FF%FE%80abc&stance=%C3%28"
    response = client.post(url, data=raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    huge = client.post(url, data={"body": "x" * (2 * 1024 * 1024)})
    assert huge.status_code == 413
    assert "too large" in huge.get_data(as_text=True).lower()


def test_typed_text_is_kept_when_a_comment_is_refused(client, site):
    article = site[0]
    typed = "A thoughtful reply " + "é" * 10_000
    response = client.post(f"/articles/{article.slug}/comments", data={"body": typed})
    assert response.status_code == 400
    assert typed in response.get_data(as_text=True)


def test_nul_bytes_get_a_clear_400(client, site):
    response = client.post(f"/articles/{site[0].slug}/comments", data={"body": "a\x00b"})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
