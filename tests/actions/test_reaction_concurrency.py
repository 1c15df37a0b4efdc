"""Reactions from eight threads at once, in real committed transactions: the counters stay equal to the rows.

These tests cannot use the rolled-back `db` fixture: concurrent transactions must see each other's
commits. The `committed_comment` fixture writes real rows with the app's own session and deletes them
again afterwards. They run on an app whose engine is set up as a deployed site's is: the test app's
SQLite engine issues BEGIN before every transaction (tests/conftest.py, for rollback isolation), and a
transaction that reads before it writes then fails with "database is locked" instead of waiting.
"""
import threading
import uuid
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum.actions.accounts import register_user
from forum.actions.articles import ArticleDraft, publish_article, save_article
from forum.actions.comments import post_comment, toggle_reaction
from forum.extensions import db
from forum.models import (
    Article, ArticleStance, Comment, CommentRevision, ModerationAction, Reaction, ReactionKind, User, load_policy,
)
from forum.moderation.scorer import NullScorer
from tests.factories import DEFAULT_PASSWORD

THREADS = 8


@dataclass
class CommittedComment:
    article_id: int
    comment_id: int
    reader_ids: list[int]
    user_ids: list[int]


def _delete_rows(rows: CommittedComment) -> None:
    """Remove every row the fixture and the test wrote, children first."""
    session = db.session
    session.execute(sa.delete(Reaction).where(Reaction.comment_id == rows.comment_id))
    session.execute(sa.delete(ModerationAction).where(sa.or_(
        ModerationAction.article_id == rows.article_id,
        ModerationAction.comment_id == rows.comment_id,
        ModerationAction.actor_id.in_(rows.user_ids),
        ModerationAction.target_user_id.in_(rows.user_ids),
    )))
    session.execute(sa.delete(CommentRevision).where(CommentRevision.comment_id == rows.comment_id))
    session.execute(sa.delete(Comment).where(Comment.article_id == rows.article_id))
    session.execute(sa.delete(ArticleStance).where(ArticleStance.article_id == rows.article_id))
    session.execute(sa.delete(Article).where(Article.id == rows.article_id))
    session.execute(sa.delete(User).where(User.id.in_(rows.user_ids)))
    session.commit()


@pytest.fixture
def committed_comment(live_app):
    """A published comment and eight readers, committed for real; all of it deleted after the test."""
    suffix = uuid.uuid4().hex[:8]
    with live_app.app_context():
        author = register_user(f"author_{suffix}", f"author_{suffix}@example.org", DEFAULT_PASSWORD)
        readers = [
            register_user(f"reader{i}_{suffix}", f"reader{i}_{suffix}@example.org", DEFAULT_PASSWORD)
            for i in range(THREADS)
        ]
        article = save_article(None, None, ArticleDraft(
            title=f"Concurrency {suffix}", body="Text.", slug="", summary="", question="", stances=[],
        ))
        publish_article(None, article)
        comment = post_comment(author, article, f"React to me, {suffix}.", load_policy(db.session), scorer=NullScorer())
        rows = CommittedComment(
            article_id=article.id, comment_id=comment.id,
            reader_ids=[r.id for r in readers], user_ids=[author.id] + [r.id for r in readers],
        )
        db.session.commit()
    try:
        yield rows
    finally:
        with live_app.app_context():
            db.session.rollback()
            _delete_rows(rows)


def _toggle_in_own_transaction(app, user_id: int, comment_id: int, start: threading.Barrier, outcomes: list):
    """One request's worth of work: load, wait for the others, toggle, commit."""
    with app.app_context():
        try:
            user = db.session.get(User, user_id)
            comment = db.session.scalar(
                sa.select(Comment).options(joinedload(Comment.article)).where(Comment.id == comment_id)
            )
            policy = load_policy(db.session)
            start.wait(timeout=30)
            toggle_reaction(user, comment, ReactionKind.UP, policy)
            db.session.commit()
            outcomes.append("ok")
        except Exception as error:  # reported by the test, with its type and message
            db.session.rollback()
            outcomes.append(error)


def _run_at_once(app, user_ids: list[int], comment_id: int) -> list:
    start = threading.Barrier(len(user_ids))
    outcomes: list = []
    threads = [
        threading.Thread(target=_toggle_in_own_transaction, args=(app, user_id, comment_id, start, outcomes))
        for user_id in user_ids
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a toggle never finished"
    return outcomes


def _counted_and_stored(app, comment_id: int) -> tuple[int, int, int]:
    """(up_count, down_count, reaction rows), read in a new transaction."""
    with app.app_context():
        up, down = db.session.execute(
            sa.select(Comment.up_count, Comment.down_count).where(Comment.id == comment_id)
        ).one()
        rows = db.session.scalar(sa.select(sa.func.count()).select_from(Reaction).where(Reaction.comment_id == comment_id))
        return up, down, rows


def test_eight_readers_upvoting_at_once_count_eight(live_app, committed_comment):
    outcomes = _run_at_once(live_app, committed_comment.reader_ids, committed_comment.comment_id)
    errors = [o for o in outcomes if o != "ok"]
    assert not errors, f"{len(errors)} of {THREADS} concurrent upvotes failed: {errors!r}"
    assert _counted_and_stored(live_app, committed_comment.comment_id) == (THREADS, 0, THREADS)


def test_one_reader_toggling_eight_times_at_once_leaves_count_equal_to_rows(live_app, committed_comment):
    reader = committed_comment.reader_ids[0]
    outcomes = _run_at_once(live_app, [reader] * THREADS, committed_comment.comment_id)
    up, down, rows = _counted_and_stored(live_app, committed_comment.comment_id)
    assert up == rows and rows in (0, 1) and down == 0
    succeeded = outcomes.count("ok")
    # Every toggle that committed flipped the state once: the last state is the parity of the successes.
    assert rows == succeeded % 2, outcomes
    errors = [o for o in outcomes if o != "ok"]
    assert not errors, f"{len(errors)} of {THREADS} concurrent toggles failed: {errors!r}"
