"""Automatic slow mode: a burst from enough people switches it on, it ends by itself after a quiet spell,
and a moderator's slow mode stays until lifted (attack report findings 10 and 13)."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.actions import Refused
from forum.actions.comments import post_comment
from forum.actions.moderation import set_slow_mode
from forum.models import ModerationAction, Verb
from forum.models.base import utcnow
from forum.moderation.scorer import NullScorer
from tests.factories import policy_with

# Ten quiet minutes end it; while on, a reader waits 30 minutes between comments (long enough that a
# refusal in these tests can only come from slow mode still being on).
POLICY = policy_with(auto_slow_posts_per_minute=3, auto_slow_minutes=30, auto_slow_quiet_minutes=10)


def say(author, article, when, policy=POLICY):
    return post_comment(author, article, f"A thought at {when.isoformat()} by {author.username}.", policy,
                        scorer=NullScorer(), now=when)


def acts(db, article) -> list[tuple]:
    """The article's slow-mode acts, oldest first: (actor id, verb)."""
    rows = db.session.scalars(sa.select(ModerationAction).where(
        ModerationAction.article_id == article.id, ModerationAction.verb.in_([Verb.SLOW_MODE, Verb.NORMAL_MODE]))
        .order_by(ModerationAction.id))
    return [(row.actor_id, row.verb) for row in rows]


@pytest.fixture
def article(make):
    return make.article()


@pytest.fixture
def burst(make, article):
    """Three readers comment within a minute at `start`: slow mode switches on."""
    start = utcnow()
    readers = [make.user() for _ in range(3)]
    for i, reader in enumerate(readers):
        say(reader, article, start + timedelta(seconds=i))
    assert article.slow_mode_minutes == 30
    return start, readers


def test_two_readers_alone_do_not_slow_a_thread_however_fast_they_post(db, make, article):
    policy = policy_with(auto_slow_posts_per_minute=7)
    start, pair = utcnow(), [make.user(), make.user()]
    for i in range(10):
        say(pair[i % 2], article, start + timedelta(seconds=i), policy)
    assert article.slow_mode_minutes is None and acts(db, article) == []
    say(make.user(), article, start + timedelta(seconds=11), policy)  # a third voice: 3 + 3 + 1 counted
    assert article.slow_mode_minutes == policy.auto_slow_minutes
    assert article.slow_mode_reason == "automatic: 11 comments from 3 readers in the last minute"


def test_automatic_slow_mode_ends_by_itself_after_a_quiet_spell_and_says_so(db, make, article, burst):
    start, readers = burst
    assert article.slow_mode_until == start + timedelta(seconds=2, minutes=10)
    with pytest.raises(Refused, match="Slow mode is on"):
        say(readers[0], article, start + timedelta(minutes=5))
    say(make.user(), article, start + timedelta(minutes=5))  # one comment is no burst: the clock runs on

    later = say(readers[0], article, start + timedelta(minutes=11))

    assert later.status.value == "published"
    assert (article.slow_mode_minutes, article.slow_mode_reason, article.slow_mode_until) == (None, None, None)
    assert acts(db, article) == [(None, Verb.SLOW_MODE), (None, Verb.NORMAL_MODE)]
    ended = db.session.scalar(sa.select(ModerationAction).where(ModerationAction.article_id == article.id,
                                                                ModerationAction.verb == Verb.NORMAL_MODE))
    assert ended.reason.startswith("automatic: no burst for 10 minutes")


def test_a_burst_that_goes_on_keeps_it_on_without_logging_again(db, make, article, burst):
    start, readers = burst
    for i in range(3):
        say(make.user(), article, start + timedelta(minutes=9, seconds=i))
    assert article.slow_mode_until == start + timedelta(minutes=19, seconds=2)
    with pytest.raises(Refused, match="Slow mode is on"):
        say(readers[0], article, start + timedelta(minutes=11))
    assert acts(db, article) == [(None, Verb.SLOW_MODE)]


def test_a_moderators_slow_mode_does_not_end_by_itself(db, make, article):
    moderator, reader = make.user("moderator"), make.user()
    set_slow_mode(moderator, article, 30, "Heated thread")
    start = utcnow()
    say(reader, article, start)
    with pytest.raises(Refused, match="Slow mode is on"):
        say(reader, article, start + timedelta(minutes=20))
    assert article.slow_mode_until is None and acts(db, article)[-1] == (moderator.id, Verb.SLOW_MODE)


def test_a_moderator_taking_over_an_automatic_slow_mode_keeps_it(db, make, article, burst):
    start, readers = burst
    set_slow_mode(make.user("moderator"), article, 30, "Staying slow tonight")
    with pytest.raises(Refused, match="Staying slow tonight"):
        say(readers[0], article, start + timedelta(minutes=25))
