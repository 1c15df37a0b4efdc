"""Display names: a reader chooses one on their account page, and every page that names an author shows
it with the @username next to it, the cached thread included, from the moment it changes."""
import html
import re

import pytest

from forum.actions.moderation import reject
from forum.models import User
from tests.conftest import recorded_sql
from tests.html_forms import submit_form


@pytest.fixture
def browser(own_sessions):
    return own_sessions


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _set_name(browser, typed: str):
    """Open the account page from the profile, as a reader would, and send the form with `typed`."""
    profile = browser.get("/").get_data(as_text=True)
    own_profile = re.search(r'<a class="nav-profile" href="([^"]+)"', profile).group(1)
    link = re.search(r'<a href="(/account/profile)">(?:Choose a|Change your) display name</a>',
                     browser.get(own_profile).get_data(as_text=True))
    assert link, "the profile page links to the display name page"
    page = browser.get(link.group(1)).get_data(as_text=True)
    return submit_form(browser, link.group(1), page, form_id="display-name-form", fill={"display_name": typed})


def _stored_name(db, user) -> str | None:
    db.session.expire_all()
    return db.session.get(User, user.id).display_name


def _head_of(page: str, comment_id: int) -> str:
    start = page.index(f'id="comment-{comment_id}"')
    return page[start:page.index("</header>", start)]


def test_a_reader_chooses_a_display_name_and_their_comments_show_it_with_the_username(db, make, browser, auth):
    article = make.article()
    ada = make.user()
    comment = make.comment(article, author=ada, body="Signed with a name people know me by.")
    auth.login(ada)
    response = _set_name(browser, "  Ada   Lovelace ")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/profile")
    assert _stored_name(db, ada) == "Ada Lovelace"
    form = browser.get("/account/profile").get_data(as_text=True)
    assert 'value="Ada Lovelace"' in form and "Your display name is saved." in form

    head = _head_of(browser.get(f"/articles/{article.slug}").get_data(as_text=True), comment.id)
    assert f'href="/users/{ada.username}">Ada Lovelace</a> <span class="handle">@{ada.username}</span>' in head
    assert '<span class="avatar' in head and 'aria-hidden="true">AL</span>' in head  # initials of the name
    profile = browser.get(f"/users/{ada.username}").get_data(as_text=True)
    assert f'<h1>Ada Lovelace <span class="handle">@{ada.username}</span>' in profile

    reply_form = browser.get(f"/articles/{article.slug}?reply_to={comment.id}").get_data(as_text=True)
    assert "Your reply to Ada Lovelace</h3>" in reply_form
    assert f'>Ada Lovelace <span class="handle">@{ada.username}</span></a>, who wrote:' in reply_form

    assert _set_name(browser, "").status_code == 302  # cleared: the username alone again
    head = _head_of(browser.get(f"/articles/{article.slug}").get_data(as_text=True), comment.id)
    assert f">{ada.username}</a>" in head and "handle" not in head


@pytest.mark.parametrize(("typed", "says"), [
    ("Sn4rkle Fan", "contains a word this site does not allow"),
    ("A" * 51, "at most 50 characters"),
    ("Ada\u202eecalevoL", "characters that change the direction of text"),
    # What would hold a comment refuses a name, which no moderator sees before it is shown (outsider review).
    ("Buy BTC at moon-token.io, you idiots", "looks like an insult, a threat, an advertisement or contact details"),
    ("+44 7700 900123", "looks like an insult, a threat, an advertisement or contact details"),
    ("I know where you live", "looks like an insult, a threat, an advertisement or contact details"),
])
def test_a_refused_display_name_comes_back_with_the_reason_and_what_was_typed(db, make, browser, auth, site_policy,
                                                                               typed, says):
    site_policy(banned_words="snarkle")
    ada = make.user()
    auth.login(ada)
    response = _set_name(browser, typed)
    assert response.status_code == 400
    page = _text(response)
    assert says in page and f'value="{typed}"' in page
    assert _stored_name(db, ada) is None


@pytest.mark.parametrize("typed", ["Dick Smith", "Mike from Scunthorpe", "Sheep farmer from Wales", "Bloody Mary",
                                   "Assassin's Creed fan", "Dr. Anne Hancock"])
def test_a_name_that_only_looks_rude_to_a_naive_filter_is_accepted(db, make, browser, auth, typed):
    ada = make.user()
    auth.login(ada)
    assert _set_name(browser, typed).status_code == 302
    assert _stored_name(db, ada) == typed


def test_nobody_else_and_no_visitor_reaches_the_display_name_page(db, make, browser, auth):
    assert browser.get("/account/profile").status_code == 302  # to sign in
    auth.login(make.user(banned_reason="Spam, again"))
    assert browser.get("/account/profile").status_code == 403  # a sanction is no time for a new name


def test_the_cached_thread_shows_a_new_name_at_once_to_visitors_and_readers(db, make, browser, auth):
    article = make.article()
    ada = make.user()
    # Five deep, so that the last reply is listed flat and says whom it answers.
    # Published as such: this is about names, not about what the model makes of "A reply at depth 1."
    parent = make.comment(article, author=make.user(), body="The first word.", status="published")
    for depth in range(1, 4):
        parent = make.comment(article, author=ada if depth == 3 else make.user(), parent=parent,
                              body=f"A reply at depth {depth}.", status="published")
    answer = make.comment(article, author=make.user(), parent=parent, body="An answer to Ada.", status="published")
    reader = make.user()
    db.session.flush()

    def heads():
        page = browser.get(f"/articles/{article.slug}").get_data(as_text=True)
        return _head_of(page, parent.id), _head_of(page, answer.id)

    auth.login(reader)
    heads()  # both shared renderings are in the cache now: the readers' ...
    auth.logout()
    heads()  # ... and the visitors' (the whole page)
    auth.login(ada)
    assert _set_name(browser, "Ada Lovelace").status_code == 302
    auth.logout()
    for viewer in (None, reader):
        if viewer is not None:
            auth.login(viewer)
        ada_head, answer_head = heads()
        assert f'>Ada Lovelace</a> <span class="handle">@{ada.username}</span>' in ada_head, viewer
        assert f'replying to Ada Lovelace <span class="handle">@{ada.username}</span>' in answer_head, viewer


def test_names_cost_no_query_on_the_thread_page_however_many_authors(db, make, browser, auth):
    """The name comes with the author row the thread loads anyway (a reader's render, not the cache's)."""
    article = make.article()
    auth.login(make.user("moderator"))  # staff get a fresh render every time: its queries are counted

    def add_named_comments(count: int):
        for _ in range(count):
            author = make.user()
            author.display_name = f"Named reader {author.id}"
            make.comment(article, author=author, body=f"A comment by named reader {author.id}.")

    def cost() -> tuple[int, str]:
        db.session.flush()
        with recorded_sql(db.session.connection()) as statements:
            page = browser.get(f"/articles/{article.slug}").get_data(as_text=True)
        return len(statements), page

    add_named_comments(2)
    few, _ = cost()
    add_named_comments(12)
    many, page = cost()
    assert many == few
    assert page.count('<span class="handle">@') == 14


def test_the_queue_and_the_public_log_show_the_name_with_the_username(db, make, client, auth, site_policy):
    site_policy(log_shows_reader_names=True)
    article = make.article()
    ada = make.user()
    ada.display_name = "Ada Lovelace"
    parent = make.comment(article, status="published", author=ada, body="Held up by nothing.")
    make.comment(article, status="pending", author=ada, parent=parent, body="Waiting for a moderator.")
    moderator = make.user("moderator")
    reject(moderator, make.comment(article, status="pending", author=ada), "Off topic")
    db.session.flush()
    named = f'Ada Lovelace</a> <span class="handle">@{ada.username}</span>'
    assert named in client.get("/moderation/log").get_data(as_text=True)
    auth.login(moderator)
    queue = client.get(f"/moderation/?article={article.id}").get_data(as_text=True)
    assert named in queue
    assert f'In reply to Ada Lovelace <span class="handle">@{ada.username}</span>:' in queue
