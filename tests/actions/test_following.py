"""Following someone from thread to thread: one author naming or replying to the same person in several
threads within a day is held with a reason that says whom and how often, found with one query."""
from datetime import timedelta

import pytest

from forum.actions.comments import post_comment
from forum.models import CommentStatus, load_policy
from forum.models.base import utcnow
from forum.moderation.harassment import FOLLOWING_THREADS
from forum.moderation.scorer import NullScorer
from forum.moderation.classifier import NullClassifier
from tests.conftest import recorded_sql


def post(make_or_author, article, body, db, parent=None, now=None):
    return post_comment(make_or_author, article, body, load_policy(db.session), parent=parent,
                        scorer=NullScorer(), classifier=NullClassifier(), now=now or utcnow())


def trusted(user):
    """A reader past new-user pre-moderation, so that only the rules decide."""
    user.published_count = 50
    return user


@pytest.fixture
def follower(make):
    return trusted(make.user(username="shadow"))


def test_naming_the_same_person_in_several_threads_is_held(make, db, follower):
    articles = [make.article() for _ in range(FOLLOWING_THREADS)]
    for number, article in enumerate(articles[:-1]):
        earlier = post(follower, article, f"Morning @Mark_T, wrong again I see ({number}).", db)
        assert earlier.status == CommentStatus.PUBLISHED, earlier.reasons
    comment = post(follower, articles[-1], "And here too, @mark_t.", db)
    assert comment.status == CommentStatus.PENDING
    assert f"harassment: named @mark_t in {FOLLOWING_THREADS} threads today" in comment.reasons


def test_replying_to_the_same_person_in_several_threads_is_held(make, db, follower):
    target = make.user(username="ruth")
    articles = [make.article() for _ in range(FOLLOWING_THREADS)]
    parents = [make.comment(article, author=target) for article in articles]
    for number, (article, parent) in enumerate(zip(articles[:-1], parents[:-1])):
        post(follower, article, f"Not this again ({number}).", db, parent=parent)
    comment = post(follower, articles[-1], "Not this again either.", db, parent=parents[-1])
    assert f"harassment: named @ruth in {FOLLOWING_THREADS} threads today" in comment.reasons


def test_many_comments_in_one_thread_or_long_ago_are_not_following(make, db, follower):
    article, elsewhere = make.article(), make.article()
    for number in range(FOLLOWING_THREADS):
        post(follower, article, f"@mark you keep saying that ({number}).", db)
    old = make.article()
    post(follower, old, "@mark as I said yesterday.", db, now=utcnow() - timedelta(days=2))
    comment = post(follower, elsewhere, "@mark same point here.", db)
    assert comment.status == CommentStatus.PUBLISHED, comment.reasons


def test_other_authors_naming_the_same_person_do_not_count(make, db):
    articles = [make.article() for _ in range(FOLLOWING_THREADS)]
    for number, article in enumerate(articles[:-1]):
        post(trusted(make.user()), article, f"Good point @mark ({number}).", db)
    assert post(trusted(make.user()), articles[-1], "Agree with @mark.", db).status == CommentStatus.PUBLISHED


def test_the_lookup_is_one_query(make, db, follower):
    article = make.article()
    parent = make.comment(article)
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        post(follower, article, "@ann and @bob, see above.", db, parent=parent)
    following = [s for s in statements if "count(DISTINCT CASE" in s]
    assert len(following) == 1, following
