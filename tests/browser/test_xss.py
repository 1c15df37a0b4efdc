"""Public XSS payloads posted as comments, then every page showing them opened in Chromium: nothing runs."""
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from tests.browser.conftest import free_port, run_cli
from tests.conftest import skip_or_fail

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
XSS_LISTS = CORPUS / "payloadsallthethings-xss-intruders"
WHOLE_LISTS = ["XSS_Polyglots.txt", "xss_payloads_quick.txt", "BRUTELOGIC-XSS-STRINGS.txt", "RSNAKE_XSS.txt"]
SAMPLED_LIST = "MarioXSSVectors.txt"  # 330 long, alike lines: evenly spaced ones make up the rest
PAYLOAD_COUNT = 300
POSTED_THROUGH_FORM = 20  # typed into the textarea and posted with the button; the rest go over HTTP
PERMALINK_EVERY = 10  # open every tenth comment's permalink

READER = ("mallory", "Mallory's XSS-test passphrase 59")
ADMIN = ("xss-admin", "The XSS-test admin passphrase 17")
ARTICLE_SLUG = "xss-payloads"
ARTICLE_SOURCE = """\
---
title: Hostile input
slug: xss-payloads
summary: The XSS browser test fills the thread of this article with attack payloads.
---
Every comment below is a public XSS payload. None of them may run.
"""

# The scheme and host of a URL, or a scheme-relative "//host"; not "javascript://…", which names no host.
URL_HOST = re.compile(r"(?i)(?:\bhttps?:|(?<![\w:]))//(?=[\w%])[\w.%@:-]*")
XML_NAMESPACE = "http://www.w3.org"  # the name in xmlns="…", never fetched: left as written

# Runs in every frame before the page's own scripts: counts calls of the dialog functions
# (print() raises no dialog event) and keeps the Content-Security-Policy violations.
WATCH_SCRIPT = """
window.__xss_fired = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const original = window[name];
  window[name] = function () { window.__xss_fired += 1; return original.apply(this, arguments); };
}
window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp_violations.push(event.violatedDirective + " blocked " + event.blockedURI);
});
"""
SETTLE = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))"
TAKE_FINDINGS = """() => {
  const found = [window.__xss_fired, window.__csp_violations];
  window.__xss_fired = 0;
  window.__csp_violations = [];
  return found;
}"""


def read_lines(name: str) -> list[str]:
    text = (XSS_LISTS / name).read_text(encoding="utf-8")
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]


def select_payloads() -> list[str]:
    """Every line of the short lists, then evenly spaced lines of Mario's list; each payload once."""
    chosen = [line for name in WHOLE_LISTS for line in read_lines(name)]
    sampled = read_lines(SAMPLED_LIST)
    wanted = PAYLOAD_COUNT - len(chosen)
    chosen += sampled[::max(1, len(sampled) // wanted)][:wanted]
    return list(dict.fromkeys(chosen))


def aim_at_beacon(payload: str, beacon_url: str, index: int) -> str:
    """The payload with every host it names replaced by the beacon, so that any load it manages is seen."""
    def replace(match: re.Match) -> str:
        if match.group().lower().startswith(XML_NAMESPACE):
            return match.group()
        return f"{beacon_url}/b/{index}"
    return URL_HOST.sub(replace, payload)


@pytest.fixture(scope="session")
def attack_payloads() -> list[str]:
    """Session-scoped, so that a missing corpus skips before the server and the browser start."""
    if not XSS_LISTS.is_dir():
        skip_or_fail(f"the XSS payload lists are not at {XSS_LISTS} (../shared/corpus, see its README)")
    return select_payloads()


class Beacon:
    """A tiny HTTP server on 127.0.0.1 that notes every request it gets."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                hits.append(f"{self.command} {self.path}")
                self.send_response(204)
                self.end_headers()

            do_GET = do_HEAD = do_POST = do_PUT = do_OPTIONS = answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def beacon():
    server = Beacon()
    yield server
    server.server.shutdown()
    server.server.server_close()


@dataclass
class Watch:
    """What the browser did that an inert comment can never make it do, across all the test's contexts."""

    site: str
    beacon: Beacon
    dialogs: list[str] = field(default_factory=list)
    beacon_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)  # pages where a dialog function was called
    csp_violations: list[str] = field(default_factory=list)
    navigated_away: list[str] = field(default_factory=list)  # pages that left for another by themselves
    pages_opened: int = 0

    def attach(self, context) -> None:
        context.add_init_script(WATCH_SCRIPT)
        context.on("dialog", self._on_dialog)
        context.on("request", self._on_request)
        context.on("weberror", lambda error: self.script_errors.append(str(error.error)))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {dialog.page.url if dialog.page else '?'}")
        dialog.dismiss()

    def _on_request(self, request) -> None:
        if request.url.startswith(self.beacon.url + "/"):
            self.beacon_requests.append(request.url)
        elif not request.url.startswith(self.site + "/"):
            self.foreign_requests.append(request.url)

    def inspect(self, page, newly_opened: bool = True) -> None:
        """Let the page's handlers run, then read what the watch script saw in it."""
        self.pages_opened += newly_opened
        opened = page.url
        try:
            page.evaluate(SETTLE)
            fired, violations = page.evaluate(TAKE_FINDINGS)
        except PlaywrightError as error:  # the page was replaced while being read
            self.navigated_away.append(f"{opened}: {error.message.splitlines()[0]}")
            return
        if fired:
            self.fired.append(f"{fired} call(s) on {page.url}")
        self.csp_violations += [f"{violation} on {page.url}" for violation in violations]

    def clear(self) -> None:
        for found in (self.dialogs, self.beacon_requests, self.foreign_requests, self.script_errors,
                      self.fired, self.csp_violations, self.navigated_away, self.beacon.hits):
            found.clear()
        self.pages_opened = 0


@pytest.fixture
def watch(live_server, beacon):
    return Watch(site=live_server, beacon=beacon)


@pytest.fixture
def open_watched(browser, live_server, watch):
    """open_watched(enforce_csp): a page in a fresh context that `watch` observes.

    Every host but 127.0.0.1 goes to a proxy that does not exist, so no request can leave the
    machine. `enforce_csp=False` switches the site's Content-Security-Policy off.
    """
    no_exit = {"server": f"http://127.0.0.1:{free_port()}", "bypass": "127.0.0.1"}
    contexts = []

    def open_page(enforce_csp: bool):
        context = browser.new_context(base_url=live_server, bypass_csp=not enforce_csp, proxy=no_exit,
                                      service_workers="block")
        contexts.append(context)
        watch.attach(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, account: tuple[str, str]) -> None:
    username, password = account
    page.goto(f"/auth/login?next=/articles/{ARTICLE_SLUG}")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".flash").filter(has_text=f"Signed in as {username}.")).to_be_visible()


def register(page, account: tuple[str, str]) -> None:
    username, password = account
    page.goto(f"/auth/register?next=/articles/{ARTICLE_SLUG}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat password").fill(password)
    page.get_by_role("button", name=re.compile("^Create")).click()
    expect(page.locator(".flash").filter(has_text=f"Welcome to Parley, {username}.")).to_be_visible()


def prove_the_watch_sees(page, watch: Watch) -> None:
    """A page that does open a dialog and call the beacon is caught: a clean run means something."""
    page.set_content(f'<img src="{watch.beacon.url}/b/control"><script>alert("control")</script>')
    watch.inspect(page)
    assert watch.dialogs and watch.fired and watch.beacon_requests and watch.beacon.hits, \
        "the watch missed a dialog or a beacon call"
    watch.clear()


def prove_the_watch_sees_violations(page, watch: Watch) -> None:
    """Under the site's policy, markup that tries to load from the beacon is reported, and stopped."""
    page.evaluate(f"""() => document.body.insertAdjacentHTML(
        "beforeend", '<img src="{watch.beacon.url}/b/control">')""")
    page.wait_for_function("() => window.__csp_violations.length > 0")
    watch.inspect(page)
    assert watch.csp_violations and not watch.beacon.hits and not watch.dialogs, \
        "the policy did not stop, or the watch did not see, a load from the beacon"
    watch.clear()


def set_auto_slow_mode(page, posts_per_minute: str) -> str:
    """Set the policy's automatic slow mode through the admin form; return the value it had."""
    page.goto("/admin/policy")
    threshold = page.get_by_label(re.compile(r"^Comments per minute on one article"))
    before = threshold.input_value()
    threshold.fill(posts_per_minute)
    page.get_by_role("button", name="Save policy").click()
    expect(page.locator(".flash").filter(has_text="The policy is saved.")).to_be_visible()
    return before


def post_through_form(page, watch: Watch, body: str) -> int:
    """Type into the comment form, wait for the live preview, press Post; the new comment's id.

    Posting lands on the page of the thread that shows the new comment, under the form again.
    """
    with page.expect_response("**/comments/preview"):
        page.get_by_label("Your comment", exact=True).fill(body)
    expect(page.locator("#comment-preview")).to_be_visible()
    watch.inspect(page, newly_opened=False)
    before = page.url
    page.locator("#comment-form").get_by_role("button", name="Post comment").click()
    page.wait_for_url(lambda url: url != before and re.search(r"#comment-\d+$", url) is not None)
    expect(page.locator(".flash")).to_have_text(re.compile(r"Your comment (is published\.|is held for a moderator: .+\.|was not published: .+\.)"))
    watch.inspect(page)
    return int(page.url.rsplit("#comment-", 1)[1])


def post_over_http(page, site: str, csrf_token: str, body: str) -> int:
    """The same form post, sent with the page's session cookie; the new comment's id."""
    response = page.context.request.post(
        f"{site}/articles/{ARTICLE_SLUG}/comments",
        form={"csrf_token": csrf_token, "body": body, "post": "1"}, max_redirects=0,
    )
    assert response.status == 302, f"posting {body!r} answered {response.status}:\n{response.text()[:500]}"
    return int(re.search(r"(?:/comments/|#comment-)(\d+)$", response.headers["location"]).group(1))


def comment_ids(page, selector: str = "li.comment") -> set[int]:
    ids = page.locator(selector).evaluate_all("items => items.map(item => item.id)")
    return {int(i.removeprefix("comment-")) for i in ids}


def walk_thread_by_links(page, watch: Watch) -> set[int]:
    """Every page of the thread, oldest first, each loaded whole from its "Show more comments" link."""
    seen: set[int] = set()
    url = f"/articles/{ARTICLE_SLUG}?sort=oldest"
    while url:
        page.goto(url)
        watch.inspect(page)
        seen |= comment_ids(page)
        more = page.locator("a.more")
        url = more.get_attribute("href") if more.count() else None
    return seen


def walk_thread_in_place(page, watch: Watch) -> set[int]:
    """The whole thread in one page: clicking "Show more comments" inserts the next page as HTML."""
    page.goto(f"/articles/{ARTICLE_SLUG}?sort=oldest")
    while page.locator("a.more").count():
        shown = page.locator("li.comment").count()
        page.locator("a.more").click()
        expect(page.locator("li.comment")).not_to_have_count(shown)
    watch.inspect(page)
    return comment_ids(page)


def walk_pager(page, watch: Watch, url: str, item_selector: str) -> int:
    """A listing and its next pages; how many items they showed."""
    items = 0
    while url:
        page.goto(url)
        watch.inspect(page)
        items += page.locator(item_selector).count()
        following = page.locator("nav.pager a[rel=next]")
        url = following.get_attribute("href") if following.count() else None
    return items


def test_attack_payloads_posted_as_comments_run_nothing_in_chromium(attack_payloads, open_watched, watch, beacon,
                                                                     live_server, live_server_env, tmp_path):
    payloads = [aim_at_beacon(payload, beacon.url, index) for index, payload in enumerate(attack_payloads)]
    run_cli(live_server_env, "users", "create", "--username", ADMIN[0], "--email", f"{ADMIN[0]}@example.com",
            "--role", "admin", "--password", ADMIN[1])
    (tmp_path / "article.md").write_text(ARTICLE_SOURCE, encoding="utf-8")
    run_cli(live_server_env, "articles", "import", str(tmp_path / "article.md"), "--publish")

    admin = open_watched(enforce_csp=False)
    sign_in(admin, ADMIN)
    # A few hundred comments a minute would switch the article's slow mode on by itself.
    auto_slow_before = set_auto_slow_mode(admin, "0")
    try:
        # The author writes under the Content-Security-Policy the site serves, and the live
        # preview puts each rendered payload into that page.
        writer = open_watched(enforce_csp=True)
        register(writer, READER)
        # The author reads it all back with that policy off: the sanitizer alone has to hold.
        reader = open_watched(enforce_csp=False)
        sign_in(reader, READER)
        prove_the_watch_sees_violations(writer, watch)
        prove_the_watch_sees(reader, watch)

        posted = [post_through_form(writer, watch, body) for body in payloads[:POSTED_THROUGH_FORM]]
        csrf_token = writer.locator('meta[name="csrf-token"]').get_attribute("content")
        posted += [post_over_http(writer, live_server, csrf_token, body) for body in payloads[POSTED_THROUGH_FORM:]]
        writer.context.close()
        assert len(set(posted)) == len(payloads)

        # Held comments show only to their author, so every one of them is on these pages.
        seen_page_by_page = walk_thread_by_links(reader, watch)
        seen_in_one_page = walk_thread_in_place(reader, watch)
        held = comment_ids(reader, "li.comment.own-pending, li.comment.own-rejected")
        permalinks_without_their_comment = []
        for comment_id in posted[::PERMALINK_EVERY]:
            reader.goto(f"/comments/{comment_id}")
            watch.inspect(reader)
            if reader.locator(f"li#comment-{comment_id}").count() != 1:
                permalinks_without_their_comment.append(comment_id)
        on_profile = walk_pager(reader, watch, f"/users/{READER[0]}", "ol.profile-comments > li")
        # Moderators read every held comment in their queue: the prize of a stored XSS.
        walk_pager(admin, watch, "/moderation/?queue=pending", ".comment-body")
    finally:
        set_auto_slow_mode(admin, auto_slow_before)

    print(f"\nXSS in Chromium: {len(posted)} payloads posted ({POSTED_THROUGH_FORM} through the form, "
          f"{len(held)} held or rejected by moderation), "
          f"{watch.pages_opened} pages opened, {len(watch.dialogs)} dialogs, {len(beacon.hits)} beacon hits, "
          f"{len(watch.foreign_requests)} requests to other hosts, {len(watch.fired)} pages calling a dialog "
          f"function, {len(watch.csp_violations)} CSP violations, {len(watch.script_errors)} script errors")
    assert watch.dialogs == []
    assert watch.fired == []
    assert watch.beacon_requests == [] and beacon.hits == []
    assert watch.foreign_requests == []
    assert watch.csp_violations == []
    assert watch.script_errors == []
    assert watch.navigated_away == []
    # Nothing hid the rest of a page either: every comment shows, as itself, wherever it is listed.
    assert seen_page_by_page == set(posted)
    assert seen_in_one_page == set(posted)
    assert permalinks_without_their_comment == []
    assert on_profile == len(posted)
