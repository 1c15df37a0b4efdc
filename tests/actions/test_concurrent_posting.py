"""One reader sending the same act several times at once, in real committed transactions (outsider review):
slow mode and the same-text rule hold, and a doubled flag is a refusal, not a server error. Several readers
bursting at once switch automatic slow mode on once."""
import threading

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum.actions import Refused
from forum.actions.comments import post_comment
from forum.actions.moderation import flag_comment
from forum.extensions import db
from forum.models import (
    Article, Comment, CommentStatus, Flag, FlagReason, ModerationAction, User, Verb, load_policy,
)
from forum.moderation.classifier import NullClassifier
from forum.moderation.scorer import NullScorer
from tests.actions.test_reaction_concurrency import committed_comment  # noqa: F401 (a fixture)
from tests.factories import policy_with

AT_ONCE = 6


def _at_once(app, act) -> list:
    """Run act(i) in AT_ONCE threads, each in an app context and transaction of its own, released together."""
    start = threading.Barrier(AT_ONCE)
    outcomes: list = []

    def run(i):
        with app.app_context():
            try:
                start.wait(timeout=30)
                act(i)
                db.session.commit()
                outcomes.append("ok")
            except Exception as error:  # the test reports it with its type
                db.session.rollback()
                outcomes.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an act never finished"
    return outcomes


def _post(reader_id, article_id, body):
    article = db.session.get(Article, article_id)
    post_comment(db.session.get(User, reader_id), article, body, load_policy(db.session),
                 scorer=NullScorer(), classifier=NullClassifier())


def _comments_of(app, reader_id, article_id) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Comment).where(
            Comment.author_id == reader_id, Comment.article_id == article_id)))


def test_slow_mode_holds_for_posts_sent_at_once(live_app, committed_comment):  # noqa: F811
    rows = committed_comment
    with live_app.app_context():
        db.session.execute(sa.update(Article).where(Article.id == rows.article_id).values(slow_mode_minutes=5))
        db.session.commit()
    reader = rows.reader_ids[0]
    outcomes = _at_once(live_app, lambda i: _post(reader, rows.article_id, f"Point number {i} about the treaty."))
    assert outcomes.count("ok") == 1, outcomes
    assert all(isinstance(o, Refused) for o in outcomes if o != "ok"), outcomes
    assert len(_comments_of(live_app, reader, rows.article_id)) == 1


def test_the_same_text_sent_at_once_is_published_once(live_app, committed_comment):  # noqa: F811
    rows = committed_comment
    reader = rows.reader_ids[1]
    outcomes = _at_once(live_app, lambda i: _post(reader, rows.article_id, "Buy my course, it explains everything."))
    assert outcomes == ["ok"] * AT_ONCE, outcomes
    statuses = sorted(c.status for c in _comments_of(live_app, reader, rows.article_id))
    assert statuses.count(CommentStatus.PUBLISHED) == 1, statuses


def test_a_flag_sent_twice_at_once_is_stored_once_and_refused_once(live_app, committed_comment):  # noqa: F811
    rows = committed_comment
    reader = rows.reader_ids[2]

    def flag(_):
        comment = db.session.scalar(
            sa.select(Comment).options(joinedload(Comment.article)).where(Comment.id == rows.comment_id))
        flag_comment(db.session.get(User, reader), comment, FlagReason.OFF_TOPIC, "", load_policy(db.session))

    try:
        outcomes = _at_once(live_app, flag)
        assert outcomes.count("ok") == 1, outcomes
        assert all(isinstance(o, Refused) for o in outcomes if o != "ok"), outcomes
        with live_app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Flag)
                                     .where(Flag.comment_id == rows.comment_id)) == 1
    finally:
        with live_app.app_context():
            db.session.execute(sa.delete(Flag).where(Flag.comment_id == rows.comment_id))
            db.session.commit()


def test_a_burst_seen_by_several_workers_at_once_switches_slow_mode_on_once(live_app, committed_comment):  # noqa: F811
    """Attack report finding 13: every worker had loaded the article before any switched slow mode on,
    and each logged its own switch."""
    rows = committed_comment
    every_post_is_a_burst = policy_with(auto_slow_posts_per_minute=1)
    loaded = threading.Barrier(AT_ONCE)

    def post(i):
        reader, article = db.session.get(User, rows.reader_ids[i]), db.session.get(Article, rows.article_id)
        assert article.slow_mode_minutes is None
        loaded.wait(timeout=30)
        post_comment(reader, article, f"Reader {i} joins the rush.", every_post_is_a_burst,
                     scorer=NullScorer(), classifier=NullClassifier())

    outcomes = _at_once(live_app, post)
    assert outcomes == ["ok"] * AT_ONCE, outcomes
    with live_app.app_context():
        switched = db.session.scalars(sa.select(ModerationAction.verb).where(
            ModerationAction.article_id == rows.article_id, ModerationAction.verb == Verb.SLOW_MODE)).all()
        assert switched == [Verb.SLOW_MODE]
        assert db.session.get(Article, rows.article_id).slow_mode_minutes == every_post_is_a_burst.auto_slow_minutes


def test_a_reply_sent_while_its_parent_is_being_rejected_is_refused(live_app, committed_comment):  # noqa: F811
    """The reply's page was read while the parent stood; the rejection commits while the reply is on its way."""
    from forum.actions.errors import Forbidden
    from forum.actions.moderation import reject
    from forum.models import Role

    rows = committed_comment
    with live_app.app_context():
        db.session.get(User, rows.reader_ids[1]).role = Role.MODERATOR
        db.session.commit()
    outcome: list = []
    parent_read = threading.Event()

    def reply():
        with live_app.app_context():
            parent = db.session.get(Comment, rows.comment_id, options=[joinedload(Comment.article)])  # as the reply form's page saw it: published
            parent_read.set()
            try:
                post_comment(db.session.get(User, rows.reader_ids[0]), db.session.get(Article, rows.article_id),
                             "A reply on its way.", load_policy(db.session), parent=parent,
                             scorer=NullScorer(), classifier=NullClassifier())
                db.session.commit()
                outcome.append("ok")
            except Exception as error:  # reported below with its type
                db.session.rollback()
                outcome.append(error)

    with live_app.app_context():
        rejecting = db.session.get(Comment, rows.comment_id)
        reject(db.session.get(User, rows.reader_ids[1]), rejecting, "Off topic")
        db.session.flush()  # the rejection is written, not yet committed
        replier = threading.Thread(target=reply)
        replier.start()
        parent_read.wait(timeout=30)
        replier.join(timeout=1)  # the reply reaches the parent's lock (PostgreSQL) or the write lock (SQLite)
        db.session.commit()
    replier.join(timeout=60)
    assert not replier.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Forbidden), outcome
    with live_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)
                                 .where(Comment.parent_id == rows.comment_id)) == 0
