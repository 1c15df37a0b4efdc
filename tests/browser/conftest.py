"""Browser-test fixtures: a real server on a fresh SQLite file, and real Chromium driven by Playwright.

The server is set up the way an operator would: migrations, accounts and the article go in
through the `flask` CLI in subprocesses, then gunicorn serves the app. Nothing here uses the
`app` or `db` fixtures of tests/conftest.py: the browser talks to the server over HTTP only.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVER_START_SECONDS = 60
POLL_SECONDS = 1  # the thread's "new comments?" poll; 30 in production

READERS = {
    "alice": "Alice's browser-test passphrase 41",
    "bob": "Bob's browser-test passphrase 73",
}
ARTICLE_SLUG = "bike-lanes"
ARTICLE_SOURCE = """\
---
title: Should the city build more bike lanes?
slug: bike-lanes
summary: A short article for the browser test.
question: Should the city build more bike lanes?
stances:
  - "Yes"
  - "No"
  - It depends
---
The council votes next week on a **new network** of protected bike lanes.
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cli(env: dict, *args: str) -> None:
    """Run `flask --app wsgi ARGS…` as an operator would; fail with its output when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(f"flask {' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def stop_server(server: subprocess.Popen) -> None:
    """Ask gunicorn to stop, and kill it if it has not within ten seconds."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_until_healthy(base_url: str, server: subprocess.Popen, log_path: Path) -> None:
    """Wait until the app itself answers /healthz (gunicorn listens before its worker has loaded the app)."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset, timed out, or an HTTP error status
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer {base_url}/healthz within {SERVER_START_SECONDS} s:\n"
                f"{log_path.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def live_server_env(tmp_path_factory) -> dict:
    """The environment of the server and of its `flask` CLI: a test may add accounts with run_cli(env, …)."""
    workdir = tmp_path_factory.mktemp("browser-db")
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "FLASK_APP", "FLASK_DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'b.sqlite3'}",
        SECRET_KEY="browser-test-secret-key",
        PARLEY_THREAD_POLL_SECONDS=str(POLL_SECONDS),
        # The XSS test posts a few hundred comments as one reader; the limits have tests of their own.
        PARLEY_RATELIMIT="0",
    )
    return env


@pytest.fixture(scope="session")
def live_server(live_server_env, tmp_path_factory):
    """The base URL of gunicorn serving a fresh database with two readers and one article."""
    workdir = tmp_path_factory.mktemp("browser")
    env = live_server_env
    run_cli(env, "db", "upgrade")
    port = int(os.environ.get("BROWSER_TEST_PORT") or 0) or free_port()  # a fixed port where ports are shared out
    log_path = workdir / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--threads", "8", "--access-logfile", "-", "wsgi:app"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    # The server starts while the accounts and the article go in: it reads the database per request.
    try:
        for username, password in READERS.items():
            run_cli(env, "users", "create", "--username", username, "--email", f"{username}@example.com",
                    "--password", password)
        article_file = workdir / "article.md"
        article_file.write_text(ARTICLE_SOURCE, encoding="utf-8")
        run_cli(env, "articles", "import", str(article_file), "--publish")
        base_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(base_url, server, log_path)
        yield base_url
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Debian's package; never `playwright install`)."""
    if not Path(CHROMIUM_PATH).exists():
        skip_or_fail(f"Chromium is not installed at {CHROMIUM_PATH} (set CHROMIUM_PATH, or apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(username=None): a page in its own browser context, signed in through the login form.

    Every page records uncaught script errors and console errors; the test fails on any of them.
    """
    contexts = []
    problems = []

    def open_page_as(username: str | None = None):
        context = browser.new_context(base_url=live_server)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"{username}: uncaught {error}"))
        page.on("console", lambda message: problems.append(
            f"{username}: console {message.type}: {message.text} ({message.location.get('url')})"
        ) if is_reportable(message) else None)
        if username is not None:
            sign_in(page, username)
        return page

    yield open_page_as
    for context in contexts:
        context.close()
    assert problems == [], "the browser reported errors:\n" + "\n".join(problems)


def is_reportable(message) -> bool:
    """A console error, except Chromium's own request for /favicon.ico (the site ships no icon)."""
    return message.type == "error" and not (message.location.get("url") or "").endswith("/favicon.ico")


def sign_in(page, username: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"/auth/login?next=/articles/{ARTICLE_SLUG}")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(READERS[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/articles/{ARTICLE_SLUG}")
    expect(page.locator(".flash").filter(has_text=f"Signed in as {username}.")).to_be_visible()
