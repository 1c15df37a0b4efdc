"""The moderator's and the admin's journeys in real Chromium, at 1280 and 390 px, with and without JavaScript.

Every page a journey opens is checked by axe-core in light and dark mode (0 violations of any impact) and
saved as a screenshot under test-results/staff/ for a person to look at.
"""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible, assert_touch_targets
from tests.browser.conftest import REPO, run_cli

SCREENSHOTS = REPO / "test-results" / "staff"
STAFF = {
    "mara": ("moderator", "Mara's browser-test passphrase 58"),
    "otto": ("admin", "Otto's browser-test passphrase 26"),
}
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
QUEUE_SIZE = 32  # more than a page of 25: the queue must refill by itself


@pytest.fixture(scope="module")
def site(live_server, live_server_env):
    """The live server, its staff accounts, and an app bound to its database for setting up and checking rows."""
    for username, (role, password) in STAFF.items():
        run_cli(live_server_env, "users", "create", "--username", username, "--email", f"{username}@example.com",
                "--role", role, "--password", password)
    from forum import create_app
    app = create_app({"SQLALCHEMY_DATABASE_URI": live_server_env["DATABASE_URL"],
                      "SECRET_KEY": live_server_env["SECRET_KEY"]})
    return live_server, app


def held_comments(app, title: str, n: int) -> tuple[int, list[int]]:
    """A new article with `n` comments waiting in the pending queue, oldest first: (article id, comment ids)."""
    from forum.extensions import db
    from tests.factories import Factories

    with app.app_context():
        make = Factories(db.session)
        article = make.article(title=title)
        author = make.user(username=f"troll{article.id}")
        ids = [make.comment(article, author=author, status="pending",
                            body=f"Held comment {i + 1} of {n} on {title}: the moderator decides.").id
               for i in range(n)]
        db.session.commit()
        return article.id, ids


def edit_text(app, comment_id: int, text: str) -> None:
    """The author's edit, made while the moderator has the queue open."""
    from forum.extensions import db
    from forum.models import Comment

    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        comment.body_source, comment.body_html = text, f"<p>{text}</p>"
        db.session.commit()


def appeal_rejection(app, comment_id: int, text: str) -> None:
    """The author of a rejected comment appeals it."""
    from forum.actions.appeals import appeal
    from forum.extensions import db
    from forum.models import Comment, User

    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        appeal(db.session.get(User, comment.author_id), comment, text)
        db.session.commit()


def rows(app, query):
    from forum.extensions import db

    with app.app_context():
        return db.session.execute(query).all()


def open_as(browser, base_url: str, username: str | None, width: str, javascript: bool):
    context = browser.new_context(base_url=base_url, viewport=WIDTHS[width], java_script_enabled=javascript)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    page.javascript = javascript  # axe checks a copy of a page opened without JavaScript (accessibility.py)
    if username:
        page.goto("/auth/login?next=/")
        page.get_by_label("Username or e-mail").fill(username)
        page.get_by_label("Password").fill(STAFF[username][1])
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator(".flash").filter(has_text=f"Signed in as {username}.")).to_be_visible()
    return page


def look(page, name: str) -> None:
    """axe in light and dark mode, and a screenshot of each, for the page as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}.png"), full_page=True)
        assert_accessible(page, page.javascript, schemes=(scheme,))
    page.emulate_media(color_scheme="light")


def layout_shift(page) -> float:
    """The page's cumulative layout shift so far (Chromium's layout-shift entries; none is 0)."""
    return page.evaluate("""() => new Promise(done => {
        new PerformanceObserver(list => done(list.getEntries().reduce((sum, e) => sum + e.value, 0)))
            .observe({type: "layout-shift", buffered: true});
        setTimeout(() => done(0), 500);
    })""")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 60) <= page.viewport_size["height"]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_moderator_works_the_queue_with_the_keyboard(browser, site, width):
    from forum.models import Comment, CommentStatus, ModerationAction, Verb

    base_url, app = site
    article_id, ids = held_comments(app, f"Keyboard queue at {width}", QUEUE_SIZE)
    page = open_as(browser, base_url, "mara", width, javascript=True)
    page.goto(f"/moderation/?article={article_id}")
    queue = page.locator(".queue-item")
    expect(queue).to_have_count(25)
    pending_tab = page.locator(".queue-tabs .count[data-queue='pending']")
    expect(pending_tab).to_have_text(str(QUEUE_SIZE))
    first_item = page.locator(f"#item-{ids[0]}")
    assert layout_shift(page) == 0  # nothing moved while the page and its script loaded
    if width == "phone":
        # One item fits the screen, its decisions in one row of buttons at least 44 px tall.
        box = first_item.bounding_box()
        assert box["height"] <= WIDTHS["phone"]["height"], box
        buttons = [first_item.get_by_role("button", name=name).bounding_box() for name in ("Approve", "Reject", "Spam")]
        assert len({round(b["y"]) for b in buttons}) == 1 and all(b["height"] >= 44 for b in buttons), buttons
        assert all(right["x"] - (left["x"] + left["width"]) >= 8 for left, right in zip(buttons, buttons[1:]))
        # Every control of the item a thumb may hit: the selection box's label, the folded reasons, the
        # reason list, "Or type a reason", the decisions and Undo.
        assert_touch_targets(first_item.locator("label.select-item, summary, select, button"))
        assert_touch_targets(page.locator(".bulk-bar button, .bulk-bar select"))
    look(page, f"queue-{width}")

    # Nothing decided on this page yet: "u" says so, and reaches no older act of the moderator's.
    page.keyboard.press("u")
    expect(page.locator("#queue-status")).to_have_text(
        "Nothing to undo: you have decided nothing on this page since it loaded.")

    # "a" then "r" (and the reason's number) back to back: two comments, one log row each.
    page.keyboard.press("a")
    page.keyboard.press("r")
    page.keyboard.press("1")
    expect(page.locator(f"#item-{ids[1]}")).to_have_count(0)
    expect(first_item).to_have_count(0)
    expect(pending_tab).to_have_text(str(QUEUE_SIZE - 2))
    acts = rows(app, sa.select(ModerationAction.comment_id, ModerationAction.verb, ModerationAction.reason)
                .where(ModerationAction.comment_id.in_(ids[:2])).order_by(ModerationAction.id))
    assert acts == [(ids[0], Verb.APPROVE, ""), (ids[1], Verb.REJECT, "Personal attack on another reader")]

    # "u" takes the rejection back: the comment returns to the queue, and the log says so in a row of its own;
    # again, the approval; a third time there is nothing of this page's left to undo.
    page.keyboard.press("u")
    expect(page.locator(f"#item-{ids[1]}")).to_have_class(re.compile(r"\bcurrent\b"))
    expect(pending_tab).to_have_text(str(QUEUE_SIZE - 1))
    assert rows(app, sa.select(Comment.status).where(Comment.id == ids[1]))[0][0].value == "pending"
    assert rows(app, sa.select(ModerationAction.verb).where(ModerationAction.comment_id == ids[1])
                .order_by(ModerationAction.id))[-1][0] == Verb.UNDO
    page.keyboard.press("u")
    expect(first_item).to_have_class(re.compile(r"\bcurrent\b"))
    expect(pending_tab).to_have_text(str(QUEUE_SIZE))
    page.keyboard.press("u")
    expect(page.locator("#queue-status")).to_have_text(
        "Nothing to undo: you have decided nothing on this page since it loaded.")

    # A decision by mouse offers Undo next to its message; the button takes back that decision, as "u" does.
    first_item.get_by_role("button", name="Approve").click()
    expect(first_item).to_have_count(0)
    undo = page.locator("#queue-status").get_by_role("button", name="Undo")
    assert_touch_targets(undo)
    undo.click()
    expect(first_item).to_have_class(re.compile(r"\bcurrent\b"))
    expect(pending_tab).to_have_text(str(QUEUE_SIZE))

    # "f" on a held comment says why it cannot be featured.
    page.keyboard.press("f")
    expect(page.locator("#queue-status")).to_have_text("Only published comments can be featured; this one is pending.")

    # Approving on and on: the queue fetches what comes after the first 25 by itself.
    for _ in range(25):
        page.keyboard.press("a")
    expect(page.locator(f"#item-{ids[26]}")).to_be_visible()
    expect(pending_tab).to_have_text(str(QUEUE_SIZE - 25))
    assert rows(app, sa.select(sa.func.count()).select_from(ModerationAction)  # the two undone are logged too
                .where(ModerationAction.comment_id.in_(ids), ModerationAction.verb == Verb.APPROVE))[0][0] == 27
    look(page, f"queue-refilled-{width}")

    # A bulk act skips a comment its author edited after the page showed it, and names it.
    first_left, second_left = ids[25], ids[26]
    for comment_id in (first_left, second_left):
        page.locator(f"#item-{comment_id} label.select-item").click()
    edit_text(app, second_left, "Edited after the moderator looked: buy pills here.")
    page.locator("#bulk-form").get_by_role("button", name="Approve").click()
    expect(page.locator(".flash-success")).to_have_text("1 comment approved.")
    expect(page.locator(".flash-error")).to_contain_text(
        f"comment {second_left} (“Edited after the moderator looked: buy pills here.”): "
        "its author edited the text after you loaded the queue")
    assert [status for status, in rows(app, sa.select(Comment.status).where(Comment.id.in_([first_left, second_left]))
                                       .order_by(Comment.id))] == [CommentStatus.PUBLISHED, CommentStatus.PENDING]
    look(page, f"queue-bulk-skipped-{width}")
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_moderator_without_javascript_rejects_with_a_chosen_reason_and_reads_the_log(browser, site, width):
    from forum.models import ModerationAction, Verb

    base_url, app = site
    article_id, ids = held_comments(app, f"No-script queue at {width}", 3)
    page = open_as(browser, base_url, "mara", width, javascript=False)
    page.goto(f"/moderation/?article={article_id}")
    item = page.locator(f"#item-{ids[0]}")
    expect(item.locator("aside")).to_have_attribute("aria-label", re.compile(rf"^Comment {ids[0]} by troll"))
    # No reason is chosen for the moderator: Reject without one is refused, and the page says why.
    item.get_by_role("button", name="Reject").click()
    expect(page.locator(".flash").filter(has_text="Give the author a reason")).to_be_visible()
    expect(item).to_be_visible()
    item.locator("details.why summary").click()
    look(page, f"queue-nojs-{width}")
    item.locator("select[name='reason']").select_option("Off-topic")
    item.get_by_role("button", name="Reject").click()
    expect(page.locator(".flash").filter(has_text=f"Comment {ids[0]} rejected.")).to_be_visible()
    assert rows(app, sa.select(ModerationAction.verb, ModerationAction.reason)
                .where(ModerationAction.comment_id == ids[0])) == [(Verb.REJECT, "Off-topic")]

    # The selection, without a script: one of the two was edited since the page showed it, and is skipped.
    for comment_id in ids[1:]:
        page.locator(f"#item-{comment_id} label.select-item").click()
    edit_text(app, ids[2], "Edited after the page was shown.")
    page.locator("#bulk-form").get_by_role("button", name="Approve").click()
    expect(page.locator(".flash-success")).to_have_text("1 comment approved.")
    expect(page.locator(".flash-error")).to_contain_text(f"comment {ids[2]} (“Edited after the page was shown.”): "
                                                         "its author edited the text after you loaded the queue")
    expect(page.locator(f"#item-{ids[2]}")).to_contain_text("Edited after the page was shown.")

    # The author's page: sanctions come before the history.
    page.goto(f"/moderation/users/troll{article_id}")
    sanctions = page.get_by_role("heading", name="Sanctions")
    history = page.get_by_role("heading", name="Comments, every status")
    assert sanctions.bounding_box()["y"] < history.bounding_box()["y"]
    if width == "phone":
        assert in_viewport(page, sanctions)
    # A ban: a standard reason for the public log, and words to the person that only they (and we) read.
    page.locator(".sanctions summary", has_text="Ban").click()
    ban = page.locator("form[action$='/ban']")
    ban.get_by_label("Reason").select_option("Spam or advertising")
    ban.get_by_label("Message to them").fill(f"troll{article_id}: forty links to one shop in a day.")
    look(page, f"user-nojs-{width}")
    ban.get_by_role("button", name=re.compile("^Ban ")).click()
    expect(page.locator(".flash-success")).to_have_text(f"troll{article_id} is banned.")
    expect(page.locator(".flash-error")).to_contain_text("Spam or advertising — troll")

    # The author appeals the rejection; the appeal is upheld with a reason from the list and a message.
    appeal_rejection(app, ids[0], "It was on topic: the lanes pass my school.")
    page.goto(f"/moderation/?queue=appeals&article={article_id}")
    decision = page.locator(f"#item-{ids[0]} form.appeal-decision")
    decision.get_by_label("Reason").select_option("The comment breaks the rule it was rejected under")
    decision.locator("summary").click()
    decision.get_by_label(re.compile("^Message to the author")).fill("Your school is not in the article.")
    look(page, f"appeal-nojs-{width}")
    decision.get_by_role("button", name="Uphold").click()
    expect(page.locator(".flash-success")).to_have_text("Appeal upheld: the comment stays rejected.")

    # The public log shows the acts under a role, not the moderator's name, and keeps the typed words out.
    page.goto("/moderation/log?by=people")
    expect(page.locator("tbody tr").first.locator("td").nth(1)).to_have_text("a moderator")
    log = page.locator("tbody")
    expect(log).not_to_contain_text("mara")
    expect(log).to_contain_text("Spam or advertising (and a message written to the reader)")
    expect(log).to_contain_text("The comment breaks the rule it was rejected under (and a message written to the reader)")
    expect(log).not_to_contain_text("forty links")
    expect(log).not_to_contain_text("school")
    look(page, f"log-{width}")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_drafts_previews_publishes_once_and_reads_the_figures(browser, site, width, javascript):
    from forum.models import Article

    base_url, app = site
    title = f"Ferries at dawn ({width}, {'js' if javascript else 'nojs'})"
    page = open_as(browser, base_url, "otto", width, javascript=javascript)
    page.goto("/admin/articles/new")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Summary", exact=True).fill("Why the early boat matters to the islands.")
    page.get_by_label("Body (Markdown)").fill("The **first ferry** leaves at five.")
    if javascript:
        card = page.locator(".front-card")
        expect(card.locator(".front-card-title")).to_have_text(title)
        expect(card.locator(".summary")).to_have_text("Why the early boat matters to the islands.")
        expect(page.locator("#live-preview strong")).to_have_text("first ferry")
    else:
        page.get_by_role("button", name="Preview without saving").click()
        expect(page.locator(".front-card-title")).to_have_text(title)
        expect(page.locator("#live-preview strong")).to_have_text("first ferry")
    save, publish = page.get_by_role("button", name="Save draft"), page.get_by_role("button", name="Publish…")
    assert save.evaluate("b => getComputedStyle(b).backgroundColor") != \
        publish.evaluate("b => getComputedStyle(b).backgroundColor")
    if width == "phone":
        # The preview is one tap away, not under the whole form and its buttons.
        switch = page.get_by_role("navigation", name="Editor panes").get_by_role("link", name="Preview")
        assert in_viewport(page, switch)
        switch.click()
        expect(page.locator("#preview-pane")).to_be_in_viewport()
        page.get_by_role("navigation", name="Editor panes").get_by_role("link", name="Write").click()
    look(page, f"editor-{width}-{'js' if javascript else 'nojs'}")

    save.click()
    expect(page.locator(".flash").filter(has_text="Draft saved.")).to_be_visible()
    page.get_by_role("button", name="Publish…").click()
    expect(page.get_by_role("heading", name="Publish this article?")).to_be_visible()
    assert rows(app, sa.select(Article.status).where(Article.title == title))[0][0].value == "draft"
    expect(page.locator(".front-card-title")).to_have_text(title)
    look(page, f"publish-confirm-{width}-{'js' if javascript else 'nojs'}")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".flash").filter(has_text=f"“{title}” is published.")).to_be_visible()
    assert rows(app, sa.select(Article.status).where(Article.title == title))[0][0].value == "published"

    page.goto("/admin/activity")
    expect(page.locator("svg[role='img']")).to_have_count(2)
    expect(page.get_by_role("heading", name="90th percentile")).to_be_visible()
    look(page, f"figures-{width}-{'js' if javascript else 'nojs'}")
    assert page.problems == []
    page.context.close()
