"""Every list page costs the same number of queries however much there is to list.

The thread page has its own test (test_comments.py); these are the other pages a busy site
serves most: the article list, a profile, a moderation queue and the public log.
"""
import pytest

from forum.actions.moderation import approve
from forum.models import CommentStatus
from tests.conftest import recorded_sql


@pytest.fixture
def browser(own_sessions):
    return own_sessions


def _cost(db, browser, path: str) -> int:
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        response = browser.get(path)
    assert response.status_code == 200, path
    return len(statements)


def test_the_article_list_costs_the_same_for_3_and_30_articles(db, make, browser):
    for _ in range(3):
        make.article()
    few = _cost(db, browser, "/")
    for _ in range(27):
        make.article()
    assert _cost(db, browser, "/") == few


def test_a_profile_costs_the_same_for_2_and_40_comments(db, make, browser, auth):
    author = make.user()
    articles = [make.article() for _ in range(4)]
    for n in range(2):
        make.comment(articles[n], author=author, body=f"Comment {n} on the profile, in plain words.")
    auth.login(make.user())
    few = _cost(db, browser, f"/users/{author.username}")
    for n in range(38):
        make.comment(articles[n % 4], author=author, body=f"Another comment, number {n}, in plain words.")
    assert _cost(db, browser, f"/users/{author.username}") == few


def test_the_moderation_queue_and_the_log_cost_the_same_for_3_and_60_items(db, make, browser, auth, site_policy):
    site_policy(moderation_mode="pre")
    articles = [make.article() for _ in range(3)]
    moderator = make.user(role="moderator")
    held = [make.comment(articles[n % 3], body=f"Held comment {n}, waiting its turn.") for n in range(6)]
    assert {c.status for c in held} == {CommentStatus.PENDING}
    for comment in held[:3]:
        approve(moderator, comment)  # three items left in the queue, three rows in the log
    auth.login(moderator)
    queue_few = _cost(db, browser, "/moderation/")
    log_few = _cost(db, browser, "/moderation/log")
    for n in range(57):
        comment = make.comment(articles[n % 3], body=f"Another held comment, number {n}, still waiting.")
        if n % 2:
            approve(moderator, comment)  # a log row, written by a moderator about a reader
    assert _cost(db, browser, "/moderation/") == queue_few
    assert _cost(db, browser, "/moderation/log") == log_few
