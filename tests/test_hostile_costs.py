"""No input stalls a worker or gives a 5xx, on any route (issue 11: the class, not the instances).

Every form field, query parameter and JSON body of every route gets the shapes that have stalled
or broken Parley before: backtracking bait for the word and spam patterns, entity and bracket
floods for the Markdown renderer and sanitizer, deep JSON, huge ids and dates. Each request must end
in a 4xx or a success, within a bound that linear code meets a hundred times over and quadratic
code at these sizes does not (the bound is generous on purpose: this is no benchmark).
"""
import time

import pytest

SECONDS_PER_REQUEST = 5.0

HOSTILE = {
    "leet ones": "1" * 2400 + " k " + "1" * 2400,
    "leet symbols": "$@" * 5000,
    "dashes": "-" * 10_000,
    "digits": "9" * 10_000,
    "urls": "http://" + "a." * 5000,
    "pitch": "work from home and earn $500 a day " * 280,
    "markup flood": "<&" * 150_000,  # far over every limit: refused before any rendering
    "square brackets": "[" * 10_000,  # at the comment limit, so rendered
    "emphasis": "*a" * 5_000,
    "huge id": str(2 ** 63 - 1),
    "far date": "9999-12-31T23:59:59",
    "control": "Bike\x01lanes\x0b\x1b[31m",
}
# Parsing a form of 300,000 characters costs a fifth of a second by itself; the flood goes in the one
# field every route that renders text reads, the others in every field.
BIG = 100_000
FIELDS = ["body", "title", "summary", "question", "stances", "parent_id", "reason", "note", "message",
          "username", "email", "login", "password", "confirm", "name", "stance", "kind", "slug", "url"]
QUERY_PARAMS = ["since", "after", "before", "sort", "stance", "queue", "cursor", "next", "url", "title", "page"]


@pytest.fixture
def site(app, database_url, db, make, auth, monkeypatch):
    """A signed-in admin (who reaches every form), an article with a comment, and routes to aim at."""
    if not database_url.startswith("sqlite"):
        # What these inputs cost is Python's work; the database's own limits (ids past INTEGER on
        # PostgreSQL) are checked on both databases in tests/views/test_input_limits.py.
        pytest.skip("the sweep runs once, on SQLite")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    article = make.article(question="Q?", stances=["Yes", "No"])
    comment = make.comment(article)
    admin = auth.login_as("admin")
    values = {"slug": article.slug, "article_id": article.id, "comment_id": comment.id,
              "user_id": admin.id, "username": admin.username, "appeal_id": 1, "token_id": 1}
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule.endswith("/logout"):
            continue
        routes.append((rule, rule.build({arg: values.get(arg, 1) for arg in rule.arguments},
                                        append_unknown=False)[1]))
    return routes


def _timed(call, what):
    started = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - started
    assert response.status_code < 500, f"{what} -> {response.status_code}"
    assert elapsed < SECONDS_PER_REQUEST, f"{what} took {elapsed:.1f} s"
    return response


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_every_form_field(client, site, shape):
    value = HOSTILE[shape]
    for rule, url in site:
        if "POST" in rule.methods and not rule.rule.startswith("/api/"):
            for field in (["body"] if len(value) > BIG else FIELDS):
                _timed(lambda: client.post(url, data={field: value, "preview": "1"}), f"POST {rule.rule} {field}={shape}")


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_every_query_parameter(client, site, shape):
    value = HOSTILE[shape][:4000]  # what fits in a request line
    for rule, url in site:
        if "GET" in rule.methods:
            _timed(lambda: client.get(url, query_string={name: value for name in QUERY_PARAMS}),
                   f"GET {rule.rule}?…={shape}")


@pytest.mark.parametrize("shape", list(HOSTILE) + ["deep arrays", "deep objects"])
def test_every_api_body(client, site, shape):
    if shape == "deep arrays":
        raw = "[" * 100_000
    elif shape == "deep objects":
        raw = '{"a":' * 50_000
    else:
        import json
        raw = json.dumps({field: HOSTILE[shape] for field in FIELDS})
    for rule, url in site:
        if rule.rule.startswith("/api/") and rule.methods & {"POST", "PATCH", "PUT"}:
            for method in rule.methods & {"POST", "PATCH", "PUT"}:
                _timed(lambda: client.open(url, method=method, data=raw, content_type="application/json"),
                       f"{method} {rule.rule} {shape}")
