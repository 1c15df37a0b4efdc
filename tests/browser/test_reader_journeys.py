"""A reader's journeys in real Chromium (issue 14), at desk and phone widths, with and without JavaScript.

Each journey asserts what the reader gets (a reply keeps its parent, the thread stays whole after
posting, focus lands on the new comment, counts show where readers look), runs axe-core on every page
it opens in light and dark, and saves screenshots under test-results/ for a person to look at.
"""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import RESULTS_DIR, assert_accessible, assert_touch_targets
from tests.browser.conftest import ARTICLE_SLUG, READERS, run_cli

WIDTHS = {"desk": 1280, "phone": 390}
STAFF, STAFF_PASSWORD = "mara_moderator", "Mara's browser-test passphrase 58"
ADMIN, ADMIN_PASSWORD = "otto_admin", "Otto's browser-test passphrase 26"
SCREENSHOTS = RESULTS_DIR / "screenshots"


@pytest.fixture(scope="module")
def staff_account(live_server, live_server_env):
    run_cli(live_server_env, "users", "create", "--username", STAFF, "--email", "mara.reader-journeys@example.com",
            "--role", "moderator", "--password", STAFF_PASSWORD)
    return STAFF


@pytest.fixture(scope="module")
def admin_account(live_server, live_server_env):
    run_cli(live_server_env, "users", "create", "--username", ADMIN, "--email", "otto.reader-journeys@example.com",
            "--role", "admin", "--password", ADMIN_PASSWORD)
    return ADMIN


@pytest.fixture(scope="module")
def earlier_stances(live_server, live_server_env):
    """Two readers who took a stance days ago, so that the article's page draws the tally over time."""
    from datetime import timedelta

    import sqlalchemy as sa

    from forum import create_app
    from forum.extensions import db
    from forum.models import Article
    from forum.models.base import utcnow
    from tests.factories import Factories

    app = create_app({"SQLALCHEMY_DATABASE_URI": live_server_env["DATABASE_URL"],
                      "SECRET_KEY": live_server_env["SECRET_KEY"]})
    with app.app_context():
        make = Factories(db.session)
        article = db.session.scalar(sa.select(Article).where(Article.slug == ARTICLE_SLUG))
        for days_ago, stance in ((6, article.stances[0]), (3, article.stances[-1])):
            make.comment(article, author=make.user(), status="published", stance_key=stance.key,
                         body=f"Written {days_ago} days ago, answering {stance.label}.", now=utcnow() - timedelta(days=days_ago))
        db.session.commit()


@pytest.fixture(params=[(w, js) for w in WIDTHS for js in (True, False)],
                ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}")
def reader_view(request, browser, live_server):
    """(open(username=None) -> page, width name, JavaScript on?) for one width and one JavaScript setting."""
    width, javascript = request.param
    contexts, problems = [], []

    def open_as(username: str | None = None, password: str | None = None):
        context = browser.new_context(base_url=live_server, java_script_enabled=javascript,
                                      viewport={"width": WIDTHS[width], "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"uncaught {error}"))
        if username is not None:
            sign_in(page, username, password or READERS[username])
        return page

    yield open_as, width, javascript
    for context in contexts:
        context.close()
    assert problems == [], "the browser reported errors:\n" + "\n".join(problems)


def sign_in(page, username: str, password: str) -> None:
    page.goto(f"/auth/login?next=/articles/{ARTICLE_SLUG}")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/articles/{ARTICLE_SLUG}")


def shoot(page, name: str, width: str, javascript: bool, full_page: bool = False) -> Path:
    """A screenshot of the page as it is, in light (NAME-WIDTH-JS.png) and in dark (…-dark.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}-{'js' if javascript else 'nojs'}.png"
    page.screenshot(path=str(path), full_page=full_page)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=str(path.with_name(f"{path.stem}-dark.png")), full_page=full_page)
    page.emulate_media(color_scheme="light")
    return path


def post(page, text: str, stance: str | None = None) -> int:
    """Fill and send the comment form wherever it sits; the new comment's id, read from the address."""
    form = page.locator("#comment-form")
    if stance is not None:
        form.locator("label.stance-option", has_text=re.compile(f"^\\s*{stance}\\s*$")).click()
    form.get_by_label("Your comment", exact=True).fill(text)
    before = page.url
    form.get_by_role("button", name=re.compile(r"^Post (comment|reply)$")).click()
    page.wait_for_url(lambda url: url != before and "#comment-" in url)
    return int(page.url.rsplit("#comment-", 1)[1])


def comment(page, comment_id: int):
    return page.locator(f"#comment-{comment_id}")


# Every control that stands on its own: links in running text (an article, a comment, a sentence) are text, and
# a text field's label is not a target (its field is). A radio button or check box counts by its label's row.
SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, input, select, textarea, summary')].flatMap(e => {
  const r = e.getBoundingClientRect(), style = getComputedStyle(e);
  if (e.type === 'hidden' || !r.width || style.visibility === 'hidden' || e.classList.contains('skip-link')) return [];
  if (e.closest('.prose, .comment-body, .kept-text, p:not(.more-replies)') && e.tagName === 'A'
      && !e.matches('.comment-count, .back-link, .profile > p > a, .site-footer a')) return [];
  const box = (e.type === 'radio' || e.type === 'checkbox') && e.closest('label') ? e.closest('label').getBoundingClientRect() : r;
  return box.height >= 44 && (box.width >= 44 || e.tagName === 'A') ? [] : [[e.tagName, (e.innerText || e.name || '').trim().slice(0, 30), Math.round(box.width), Math.round(box.height)]];
})"""


def assert_big_targets(page) -> None:
    """Walk-through finding 6: at phone width every control is at least 44 px tall (and wide, but for links)."""
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], f"targets under 44 px on {page.url}: {small}"


def test_a_visitor_finds_the_discussion_from_the_front_page(reader_view, earlier_stances):
    open_as, width, javascript = reader_view
    page = open_as()
    page.goto("/")
    card = page.locator(".article-card").filter(has=page.get_by_role("link", name=re.compile("bike lanes")))
    count = card.locator("a.comment-count")
    expect(count).to_have_text(re.compile(r"^(\d+ comments?|No comments yet: start the discussion)$"))
    assert_accessible(page, javascript)
    shoot(page, "front-page", width, javascript)

    count.click()
    page.wait_for_url(f"**/articles/{ARTICLE_SLUG}#comments")
    expect(page.locator("#comments-heading")).to_be_in_viewport()
    # The headline says how many comments there are and jumps to them (far down on a phone).
    expect(page.locator(".article header a.comment-count")).to_have_attribute("href", "#comments")
    expect(page.locator(".question .tally-bar")).to_have_count(3)
    expect(page.locator(".stance-trend polyline")).to_have_count(3)  # the tally over time, one line a stance
    expect(page.locator(".signin-prompt")).to_be_visible()
    assert_accessible(page, javascript)
    shoot(page, "article-visitor", width, javascript, full_page=True)


def test_a_reader_comments_replies_and_reacts(reader_view):
    open_as, width, javascript = reader_view
    tag = f"{width}-{'js' if javascript else 'nojs'}"
    alice = open_as("alice")
    assert_accessible(alice, javascript)
    first = post(alice, f"Protected lanes ({tag}) would get my kids to school on their own.", stance="Yes")
    second = post(alice, f"Shops on the high street worry about parking ({tag}).\n\n- deliveries\n- disabled bays",
                  stance="It depends")

    # After posting, the thread is whole: the earlier comment is still there, the new one is in view.
    expect(comment(alice, first)).to_be_visible()
    expect(comment(alice, second)).to_be_in_viewport()
    expect(comment(alice, second).locator(".stance-badge")).to_contain_text("It depends")
    expect(comment(alice, second).locator(".avatar")).to_have_text("Al")
    if javascript:  # focus follows (issue 14, bug 4); without JavaScript the browser only scrolls
        assert alice.evaluate("document.activeElement.id") == f"comment-{second}"
        expect(comment(alice, second).locator("time")).to_have_text(re.compile(r"now|second|minute"))
    assert_accessible(alice, javascript)
    shoot(alice, "after-posting", width, javascript)

    # Bob replies to alice's first comment.
    bob = open_as("bob")
    bob.goto(f"/articles/{ARTICLE_SLUG}")
    comment(bob, first).get_by_role("link", name="Reply to alice").click()
    form = bob.locator(f"#comment-{first} > #comment-form")
    expect(form).to_be_visible()  # under the comment it answers, with JavaScript or without
    if not javascript:
        expect(form.locator(".replying-note")).to_contain_text("Replying to @alice, who wrote:")
        expect(form.locator(".replying-note blockquote")).to_contain_text("Protected lanes")
    expect(form.locator(".form-title")).to_have_text("Your reply to alice")
    expect(form.locator(".stance-field")).to_be_hidden()
    expect(form.locator(".comment-body-field .help")).to_contain_text("Markdown works")
    form.get_by_label("Your comment", exact=True).fill(f"Mine too ({tag}), once the junction is fixed.")
    expect(form.locator(".comment-body-field .help")).to_be_visible()  # the hint stays while typing
    assert_accessible(bob, javascript)
    shoot(bob, "reply-form", width, javascript)
    reply = post(bob, f"Mine too ({tag}), once the junction is fixed.")
    expect(bob.locator(f"#comment-{first} > ol.replies > #comment-{reply}")).to_be_visible()
    expect(comment(bob, second)).to_be_visible()

    # A reaction, named with its count; without JavaScript the page comes back at the comment.
    helpful = comment(bob, second).get_by_role("button", name=re.compile(r"^Helpful, \d+$"))
    expect(helpful).to_have_accessible_name("Helpful, 0")
    helpful.click()
    expect(helpful).to_have_accessible_name("Helpful, 1")
    expect(helpful).to_have_attribute("aria-pressed", "true")
    if not javascript:
        assert bob.url.endswith(f"#comment-{second}")
        expect(comment(bob, second)).to_be_in_viewport()
    expect(comment(bob, second).get_by_role("button", name="Not helpful")).to_be_visible()
    expect(comment(bob, second).locator("button.vote.down .n")).to_have_count(0)
    assert_accessible(bob, javascript)

    if width == "phone":  # Reply, Flag and the reactions for a reader; Edit and Delete for the author
        assert_touch_targets(comment(bob, second).locator(".comment-actions a, .comment-actions button"))
        assert_touch_targets(comment(alice, second).locator(".comment-actions a, .comment-actions button"))
        expect(comment(alice, second).get_by_role("link", name="Delete")).to_be_visible()
        assert_big_targets(bob)

    # A flag: back at the comment, which says "Flagged", and the thanks in view (walk-through finding 4).
    comment(bob, second).get_by_role("link", name="Flag").click()
    bob.wait_for_url(f"**/comments/{second}/flag")
    if width == "phone":
        assert_big_targets(bob)
    bob.get_by_label("Off-topic").check()
    bob.get_by_role("button", name="Send flag").click()
    bob.wait_for_url(f"**#comment-{second}")
    expect(comment(bob, second).locator(".flagged")).to_have_text("Flagged")
    expect(comment(bob, second).get_by_role("link", name="Flag")).to_have_count(0)
    expect(comment(bob, second)).to_be_in_viewport()
    if javascript:  # without it, "Flagged" at the comment is the confirmation in view
        expect(bob.locator("#flashes")).to_be_in_viewport()
        expect(bob.locator("#flashes")).to_contain_text("your flag was received")
    assert_accessible(bob, javascript)
    shoot(bob, "thread-reader", width, javascript, full_page=True)

    # The permalink opens the thread around the comment, highlighted.
    bob.goto(f"/comments/{reply}")
    bob.wait_for_url(f"**/articles/{ARTICLE_SLUG}*#comment-{reply}")
    expect(comment(bob, first)).to_be_visible()
    expect(comment(bob, second)).to_be_visible()
    expect(comment(bob, reply)).to_be_in_viewport()
    assert_accessible(bob, javascript)

    # The front page counts the discussion, as the article's heading does.
    heading = bob.locator("#comments-heading").inner_text()
    bob.goto("/")
    expect(bob.locator(".article-card a.comment-count").first).to_have_text(heading)
    assert int(heading.split()[0]) >= 3

    # The author's own profile: lists inside a comment are not styled as the profile's list (bug 3).
    alice.goto("/users/alice")
    inner = alice.locator(".profile-comments .comment-body li").first
    expect(inner).to_have_text("deliveries")
    assert inner.evaluate("e => getComputedStyle(e).borderBottomStyle") == "none"
    assert_accessible(alice, javascript)
    if width == "phone":
        assert_big_targets(alice)
    shoot(alice, "profile", width, javascript)


def assert_header_fits_one_row(page) -> None:
    items = page.locator(".site-header .brand, .site-header .nav > li")
    tops = {round(box["y"] + box["height"] / 2) for box in (item.bounding_box() for item in items.all()
                                                            if item.is_visible())}
    assert max(tops) - min(tops) <= 4, f"the header wraps: {tops}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the header overflows"


def test_staff_header_fits_one_row(reader_view, staff_account):
    open_as, width, javascript = reader_view
    page = open_as(staff_account, STAFF_PASSWORD)
    assert_header_fits_one_row(page)
    assert_accessible(page, javascript)
    shoot(page, "article-staff", width, javascript)


def test_a_reply_reaches_its_reader_on_the_site(reader_view, admin_account):
    """Without e-mail: the header counts the new reply, the replies page lists it and leads to it. The reader
    is an admin, whose header holds the most links."""
    open_as, width, javascript = reader_view
    tag = f"{width}-{'js' if javascript else 'nojs'}"
    otto = open_as(admin_account, ADMIN_PASSWORD)
    asked = post(otto, f"Has anyone ridden the new lanes at rush hour yet? ({tag})")
    bob = open_as("bob")
    bob.goto(f"/articles/{ARTICLE_SLUG}")
    comment(bob, asked).get_by_role("link", name=f"Reply to {ADMIN}").click()
    reply = post(bob, f"Twice this week, and nobody parked in them ({tag}).")

    otto.goto(f"/articles/{ARTICLE_SLUG}")
    replies = otto.locator(".site-header a.nav-replies")
    expect(replies).to_have_accessible_name("Replies 1 new")
    assert_header_fits_one_row(otto)
    assert_accessible(otto, javascript)
    shoot(otto, "header-unread-replies", width, javascript)

    replies.click()
    otto.wait_for_url("**/account/replies")
    expect(otto.get_by_role("heading", name="Replies to you")).to_be_visible()
    newest = otto.locator("ol.inbox > li").first
    expect(newest.locator(".excerpt")).to_have_text(f"Twice this week, and nobody parked in them ({tag}).")
    expect(newest.locator("time")).to_have_text(re.compile(r"just now|minute"))
    expect(replies).to_have_accessible_name("Replies")  # seen now: no count
    assert_header_fits_one_row(otto)
    assert_accessible(otto, javascript)
    shoot(otto, "replies-page", width, javascript, full_page=True)

    newest.get_by_role("link", name=re.compile("^Read the reply in its thread")).click()
    otto.wait_for_url(f"**/articles/{ARTICLE_SLUG}*#comment-{reply}")
    expect(comment(otto, reply)).to_be_in_viewport()
