"""The OpenAPI document tells the truth: it declares every API route, and Schemathesis, throwing
generated requests at a live server (gunicorn, as in production) with a moderator's and a reader's
token, finds no 5xx and no response that differs from the document in status, content type or schema.
"""
import re
import subprocess
import sys
import time

import pytest
import requests

from tests.browser.conftest import REPO, free_port, run_cli, stop_server, wait_until_healthy
from tests.conftest import skip_or_fail

EXAMPLES = 8  # generated cases per operation and token: the whole run stays well under a minute
PASSWORD = "schemathesis-live-passphrase-52"
ARTICLE = """---
title: Can rivals cooperate on AI safety?
slug: rivals-and-ai-safety
summary: The article the API document's examples name.
question: Can they?
stances:
  - "Yes"
  - "No"
---
Two rivals, one risk.
"""


# --- The document against the routes (no server needed) ---

def test_the_document_declares_every_api_route_and_both_ways_to_sign_in(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    declared = {(method.upper(), op["operationId"]) for item in document["paths"].values() for method, op in item.items()}
    routes = {(method, rule.endpoint.split(".", 1)[1]) for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert declared == routes
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert schemes["csrfHeader"]["name"] == "X-CSRFToken" and schemes["sessionCookie"]["in"] == "cookie"
    for item in document["paths"].values():
        for op in item.values():
            errors = {code for code in op["responses"] if code.startswith("4")}
            assert {"400", "401", "403", "404"} <= errors, op["operationId"]
            for code in errors:
                assert op["responses"][code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"}
            if "requestBody" in op:
                assert {"413", "422"} <= errors


def test_schemathesis_accepts_the_document(client):
    import schemathesis

    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").get_json())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14


# --- The live server ---

def _token(base_url: str, username: str) -> str:
    """Sign in and make a token through the HTML pages, as a person would."""
    browser = requests.Session()

    def csrf(path):
        return re.search(r'<meta name="csrf-token" content="([^"]+)"', browser.get(base_url + path).text).group(1)

    signed_in = browser.post(f"{base_url}/auth/login", data={"login": username, "password": PASSWORD,
                                                             "csrf_token": csrf("/auth/login")}, allow_redirects=False)
    assert signed_in.status_code == 302, signed_in.text[-500:]
    page = browser.post(f"{base_url}/auth/tokens/", data={"name": "schemathesis", "csrf_token": csrf("/auth/tokens/")})
    return re.search(r'<code class="token-secret">(prl_[^<]+)</code>', page.text).group(1)


@pytest.fixture(scope="module")
def api_server(tmp_path_factory):
    """gunicorn on a fresh SQLite file: the article of the document's examples, a moderator and a reader."""
    import os

    workdir = tmp_path_factory.mktemp("api-live")
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "FLASK_APP", "FLASK_DEBUG"}}
    env.update(DATABASE_URL=f"sqlite:///{workdir / 'api.sqlite3'}", SECRET_KEY="api-schema-test-secret-key",
               PARLEY_RATELIMIT="0")  # the limits have tests of their own; here they would only answer 429
    run_cli(env, "db", "upgrade")
    port = free_port()
    log_path = workdir / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
             "wsgi:app"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for username, role in (("mona", "moderator"), ("rita", "reader")):
            run_cli(env, "users", "create", "--username", username, "--email", f"{username}@example.com",
                    "--role", role, "--password", PASSWORD)
        (workdir / "article.md").write_text(ARTICLE, encoding="utf-8")
        run_cli(env, "articles", "import", str(workdir / "article.md"), "--publish")
        base_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(base_url, server, log_path)
        tokens = {"moderator": _token(base_url, "mona"), "reader": _token(base_url, "rita")}
        # A few comments for the generated calls to find (ids 1, 2, 3: the document's example is 1).
        for body in ("A first view.", "A second view.", "A third view."):
            created = requests.post(f"{base_url}/api/v1/articles/rivals-and-ai-safety/comments", json={"body": body},
                                    headers={"Authorization": f"Bearer {tokens['reader']}"}, timeout=10)
            assert created.status_code == 201, created.text
        yield base_url, tokens, log_path
    finally:
        stop_server(server)


def test_schemathesis_finds_no_5xx_and_no_response_unlike_the_document(api_server):
    try:
        import schemathesis
        from hypothesis import HealthCheck, Phase, given, settings
        from schemathesis.checks import not_a_server_error
        from schemathesis.specs.openapi.checks import (
            content_type_conformance, response_schema_conformance, status_code_conformance,
        )
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        skip_or_fail(f"schemathesis is not installed: {exc}")
    base_url, tokens, log_path = api_server
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    examples = 0
    statuses: dict[int, int] = {}
    started = time.monotonic()
    for persona, token in tokens.items():
        for operation in operations:
            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy())
            def check(case):
                nonlocal examples
                response = case.call(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
                examples += 1
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                case.validate_response(response, checks=checks)

            try:
                check()
            except Exception:
                print(f"\n{persona} {operation.label} failed; server log tail:\n{log_path.read_text()[-3000:]}")
                raise
    print(f"\nschemathesis {schemathesis.__version__}: {len(operations)} operations × {len(tokens)} tokens "
          f"({', '.join(tokens)}), {examples} examples in {time.monotonic() - started:.1f} s; "
          f"statuses {dict(sorted(statuses.items()))}")
    assert examples >= len(operations) * len(tokens)
    assert any(200 <= status < 300 for status in statuses)
