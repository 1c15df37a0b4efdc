"""The embed in real Chromium: a plain page on another port shows a thread through embed.js, a reader
signs in through the popup, comments inside the frame, and the comment is on Parley's own page."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READERS, free_port, run_cli

ADMIN, ADMIN_PASSWORD = "embed_admin", "Embed admin's browser-test passphrase 19"
READER = "bob"  # one of the live server's readers
STORY_PATH = "/2026/harbour-bridge"
WAIT_MS = 10_000
# Signing in hashes a password, which on a loaded two-core machine has taken longer than WAIT_MS (CI, session 8).
SIGN_IN_WAIT_MS = 30_000


def publisher_page(parley: str) -> bytes:
    """What a publisher pastes: the div and the script, in a page that has nothing else of Parley."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The Harbour Gazette</title><link rel="icon" href="data:,"></head>
<body>
  <h1>The harbour bridge reopens</h1>
  <p>After two years of works, the bridge carries trams again.</p>
  <div id="parley-thread" data-url="{STORY_PATH}?utm_source=newsletter" data-title="The harbour bridge reopens"
       data-theme="dark"></div>
  <script src="{parley}/embed.js" async></script>
</body></html>""".encode()


@pytest.fixture(scope="module")
def publisher(live_server):
    """A plain HTTP server on another loopback port: the publisher's site."""
    body = publisher_page(live_server)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            status = 200 if self.path == STORY_PATH else 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) if status == 200 else 0))
            self.end_headers()
            if status == 200:
                self.wfile.write(body)

        def log_message(self, *args):  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def admin(live_server_env, live_server):
    run_cli(live_server_env, "users", "create", "--username", ADMIN, "--email", "embed-admin@example.com",
            "--role", "admin", "--password", ADMIN_PASSWORD)


def sign_in_form(page, username: str, password: str) -> None:
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def allow_origin(page, origin: str) -> None:
    """As the admin, on the policy page: the publisher's origin may embed threads."""
    page.goto("/auth/login?next=/admin/policy")
    sign_in_form(page, ADMIN, ADMIN_PASSWORD)
    page.wait_for_url("**/admin/policy")
    page.get_by_label("Sites allowed to embed comment threads").fill(origin)
    page.get_by_role("button", name="Save policy").click()
    expect(page.locator(".flash").filter(has_text="The policy is saved.")).to_be_visible()


def fitted_height(page, frame) -> float:
    """Wait until the frame is exactly as tall as the page inside it (no inner scroll bar, no gap); its height."""
    content_height = frame.locator("html").evaluate("root => Math.ceil(root.getBoundingClientRect().height)")
    page.wait_for_function(
        """wanted => {
            const height = document.querySelector('#parley-thread iframe').getBoundingClientRect().height;
            return Math.abs(height - wanted) <= 1;
        }""",
        arg=content_height, timeout=WAIT_MS,
    )
    return content_height


def test_a_thread_embedded_on_another_site_takes_a_comment(open_page, live_server, publisher, admin):
    allow_origin(open_page(None), publisher)

    page = open_page(None)
    page.goto(publisher + STORY_PATH)
    frame = page.frame_locator("#parley-thread iframe")
    sign_in_link = frame.get_by_role("link", name="Sign in to comment")
    expect(sign_in_link).to_be_visible(timeout=WAIT_MS)
    # The page's data-theme reaches the frame, and a later switch on the page follows.
    expect(frame.locator("html")).to_have_attribute("data-theme", "dark")
    page.locator("#parley-thread").evaluate("holder => holder.setAttribute('data-theme', 'light')")
    expect(frame.locator("html")).to_have_attribute("data-theme", "light")
    height_before = fitted_height(page, frame)

    # Sign in through the popup; it closes itself and the frame reloads with the comment form.
    with page.expect_popup() as opened:
        sign_in_link.click()
    popup = opened.value
    sign_in_form(popup, READER, READERS[READER])
    popup.wait_for_event("close", timeout=SIGN_IN_WAIT_MS)
    body = frame.get_by_label("Your comment", exact=True)
    expect(body).to_be_visible(timeout=WAIT_MS)

    text = "Good to have the trams back over the water."
    body.fill(text)
    frame.get_by_role("button", name="Post comment").click()
    expect(frame.locator(".flash").filter(has_text="Your comment is published.")).to_be_visible(timeout=WAIT_MS)
    expect(frame.locator(".comment-body").filter(has_text=text)).to_be_visible()
    assert page.url == publisher + STORY_PATH  # all of it happened inside the frame
    # The page loaded after posting still follows the scheme the page switched to, not the first one.
    expect(frame.locator("html")).to_have_attribute("data-theme", "light")

    # The frame grew to fit its longer content.
    assert fitted_height(page, frame) > height_before

    # On Parley's own article page for the story: the comment, and the link back to the publisher.
    article_href = frame.get_by_role("link", name="Parley", exact=True).get_attribute("href")
    page.goto(live_server + article_href)
    expect(page.locator(".comment-body").filter(has_text=text)).to_be_visible()
    expect(page.locator(".external-story a")).to_have_attribute("href", publisher + STORY_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("The harbour bridge reopens")
