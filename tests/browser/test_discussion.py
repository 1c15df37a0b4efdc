"""The discussion in real Chromium: post with a stance, preview, reply in place, react, see new comments."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTICLE_SLUG, POLL_SECONDS, sign_in

NOTICE_TIMEOUT_MS = (POLL_SECONDS + 9) * 1000  # a few polls' worth, however slow the machine


def tally_count(page, label: str) -> int:
    """How many readers the question's tally shows at the stance `label` (each counted once, at their latest)."""
    row = page.locator(".tally-row").filter(has=page.locator(".tally-label", has_text=re.compile(f"^{label}$")))
    return int(row.locator(".tally-count .n").inner_text())


def post_comment(page, text: str, stance: str | None = None) -> int:
    """Submit the comment form (wherever it sits now) and return the new comment's id."""
    page.get_by_label("Your comment", exact=True).fill(text)
    if stance is not None:
        page.locator("#comment-form label.stance-option", has_text=re.compile(f"^\\s*{stance}\\s*$")).click()
    before = page.url
    page.locator("#comment-form").get_by_role("button", name=re.compile(r"^Post (comment|reply)$")).click()
    # Posting redirects through the permalink to the article, anchored at the new comment.
    page.wait_for_url(lambda url: url != before and "#comment-" in url)
    expect(page.locator(".flash").filter(has_text="Your comment is published.")).to_be_visible()
    return int(page.url.rsplit("#comment-", 1)[1])


def test_reader_posts_with_a_stance_previews_and_replies_in_place(open_page):
    page = open_page("alice")

    # The inline preview shows the rendered text while typing, before anything is posted.
    page.get_by_label("Your comment", exact=True).fill("Protected lanes make **every** trip safer.")
    preview = page.locator("#comment-preview")
    expect(preview.locator("strong")).to_have_text("every")
    expect(preview).to_be_visible()

    comment_id = post_comment(page, "Protected lanes make **every** trip safer.", stance="Yes")
    comment = page.locator(f"#comment-{comment_id}")
    expect(comment.locator(".author")).to_have_text("alice")
    expect(comment.locator(".stance-badge")).to_have_text("Stance: Yes")
    expect(comment.locator(".comment-body strong")).to_have_text("every")
    # Alice now counts at "Yes" (whatever she said in earlier tests on this server): the tally from here on.
    yes_before, depends_before = tally_count(page, "Yes"), tally_count(page, "It depends")

    # Reply moves the form under the comment, without loading a page; replies take no stance.
    page.evaluate("window.__marker = 1")
    comment.locator(".comment-actions").get_by_role("link", name="Reply").click()
    form = page.locator(f"#comment-{comment_id} > #comment-form")
    expect(form).to_be_visible()
    expect(form.locator(".form-title")).to_have_text("Your reply to alice")
    expect(form.locator(".stance-field")).to_be_hidden()
    expect(form.get_by_role("button", name="Post reply")).to_be_visible()
    expect(page.get_by_label("Your comment", exact=True)).to_be_focused()
    assert page.evaluate("window.__marker") == 1

    reply_id = post_comment(page, "Even the school run gets calmer.")
    reply = page.locator(f"#comment-{comment_id} > ol.replies > #comment-{reply_id}")
    expect(reply).to_be_visible()
    expect(reply.locator(".comment-body")).to_have_text("Even the school run gets calmer.")
    expect(reply.locator(".stance-badge")).to_have_count(0)
    assert tally_count(page, "Yes") == yes_before, "a reply must not count in the tally"

    # A later comment with another stance moves her: one reader, counted once, at her latest stance.
    page.goto(f"/articles/{ARTICLE_SLUG}")
    post_comment(page, "On reflection, it depends on the junctions.", stance="It depends")
    assert (tally_count(page, "Yes"), tally_count(page, "It depends")) == (yes_before - 1, depends_before + 1)


def test_reacting_updates_the_count_without_a_reload(open_page):
    author_page = open_page("alice")
    comment_id = post_comment(author_page, "Painted lines are not protection; kerbs are.", stance="It depends")
    # No upvoting one's own comment: the author gets no buttons, only the counts.
    expect(author_page.locator(f"#comment-{comment_id} > .comment-actions form.react")).to_have_count(0)

    page = open_page("bob")
    page.goto(f"/comments/{comment_id}")
    upvote = page.locator(f"#comment-{comment_id} > .comment-actions button.vote.up")
    expect(upvote.locator(".n")).to_have_text("0")
    expect(upvote).to_have_attribute("aria-pressed", "false")
    page.evaluate("window.__marker = 1")

    upvote.click()
    expect(upvote.locator(".n")).to_have_text("1")
    expect(upvote).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__marker") == 1, "reacting reloaded the page"

    # The reaction was saved: a fresh load shows it, and a second click takes it back.
    page.reload()
    expect(upvote.locator(".n")).to_have_text("1")
    expect(upvote).to_have_attribute("aria-pressed", "true")
    page.evaluate("window.__marker = 2")
    upvote.click()
    expect(upvote.locator(".n")).to_have_text("0")
    expect(upvote).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.__marker") == 2, "taking a reaction back reloaded the page"


def test_an_open_page_announces_a_comment_posted_elsewhere(open_page):
    reader_page = open_page("bob")
    notice = reader_page.locator(".new-comments")
    expect(notice).to_be_hidden()
    reader_page.evaluate("window.__marker = 1")

    writer_page = open_page("alice")
    comment_id = post_comment(writer_page, "The bakery on my street says trade went up after its lane opened.")

    expect(notice).to_be_visible(timeout=NOTICE_TIMEOUT_MS)
    expect(notice.get_by_role("link")).to_have_text("1 new comment — show")
    assert reader_page.evaluate("window.__marker") == 1, "the notice came from a reload, not the poll"

    notice.get_by_role("link").click()
    reader_page.wait_for_url(f"**/articles/{ARTICLE_SLUG}?sort=newest#comments")
    expect(reader_page.locator(f"#comment-{comment_id} .comment-body")).to_have_text(
        "The bakery on my street says trade went up after its lane opened."
    )


def test_a_writer_signed_out_meanwhile_is_told_so_under_the_text(browser, live_server):
    """The preview's refusal is JSON, and the script shows its message rather than stopping (outsider review F15).
    (A page of its own: the refused request is logged on the console, which open_page counts as an error.)"""
    context = browser.new_context(base_url=live_server)
    try:
        page = context.new_page()
        sign_in(page, "alice")
        context.clear_cookies()  # the session ended (signed out in another tab)
        page.get_by_label("Your comment", exact=True).fill("Written after the session ended.")
        expect(page.locator("#comment-preview")).to_contain_text("you were signed out")
    finally:
        context.close()
