"""One reader's held comments published at once, in real committed transactions: the reader still counts once,
at their latest stance. Status changes queue on the article's row (its counters), so the first test shows the
end result; the second calls the tally without that lock, as a stance edit does, to reach its guarded writes.
Like test_reaction_concurrency.py, these cannot use the rolled-back `db` fixture, and delete what they wrote."""
import threading
import uuid

import pytest
import sqlalchemy as sa

from forum.actions import tally

from forum.actions.accounts import register_user
from forum.actions.articles import ArticleDraft, publish_article, save_article
from forum.actions.visibility import set_status
from forum.extensions import db
from forum.models import (
    Article, ArticleStance, Comment, CommentStatus, ModerationAction, StanceReader, User, load_policy,
)
from forum.models.base import utcnow
from forum.moderation.scorer import NullScorer
from tests.factories import DEFAULT_PASSWORD, policy_with

THREADS = 8


def _held_comments(app) -> tuple[int, int, list[int]]:
    """(article id, reader id, the reader's held comments oldest first, alternating Yes and No)."""
    from datetime import timedelta

    from forum.actions.comments import post_comment
    from forum.models import ModerationMode

    suffix = uuid.uuid4().hex[:8]
    with app.app_context():
        reader = register_user(f"tally_{suffix}", f"tally_{suffix}@example.org", DEFAULT_PASSWORD)
        article = save_article(None, None, ArticleDraft(
            title=f"Tally {suffix}", body="Text.", slug="", summary="", question="Agree?", stances=["Yes", "No"]))
        publish_article(None, article)
        policy = policy_with(moderation_mode=ModerationMode.PRE, auto_slow_posts_per_minute=0,
                             edit_window_minutes=load_policy(db.session).edit_window_minutes)
        started = utcnow() - timedelta(hours=1)
        ids = [post_comment(reader, article, f"View {n} of {suffix}.", policy, stance_key=("yes", "no")[n % 2],
                            scorer=NullScorer(), now=started + timedelta(minutes=n)).id for n in range(THREADS)]
        db.session.commit()
        return article.id, reader.id, ids


def _publish_in_own_transaction(app, comment_id: int, start: threading.Barrier, outcomes: list) -> None:
    with app.app_context():
        try:
            comment = db.session.get(Comment, comment_id)
            start.wait(timeout=30)
            set_status(comment, CommentStatus.PUBLISHED)
            db.session.commit()
            outcomes.append("ok")
        except Exception as error:  # reported by the test, with its type and message
            db.session.rollback()
            outcomes.append(error)


def _publish_then_tally_in_own_transaction(app, comment_id: int, start: threading.Barrier, outcomes: list) -> None:
    """Publish with no counter and no lock on the article, then let every thread read the tally at once."""
    with app.app_context():
        try:
            db.session.execute(sa.update(Comment).where(Comment.id == comment_id).values(status=CommentStatus.PUBLISHED))
            article_id, author_id = db.session.execute(
                sa.select(Comment.article_id, Comment.author_id).where(Comment.id == comment_id)).one()
            start.wait(timeout=30)
            tally.retally(article_id, author_id)
            db.session.commit()
            outcomes.append("ok")
        except Exception as error:  # reported by the test, with its type and message
            db.session.rollback()
            outcomes.append(error)


@pytest.mark.parametrize("publish", [_publish_in_own_transaction, _publish_then_tally_in_own_transaction])
def test_publishing_one_readers_comments_at_once_counts_them_once_at_the_latest(live_app, publish):
    if publish is _publish_then_tally_in_own_transaction and live_app.config["SQLALCHEMY_DATABASE_URI"].startswith(
            "sqlite"):
        pytest.skip("SQLite runs one writer at a time: the reads cannot meet")
    article_id, reader_id, comment_ids = _held_comments(live_app)
    try:
        start, outcomes = threading.Barrier(THREADS), []
        threads = [threading.Thread(target=publish, args=(live_app, i, start, outcomes)) for i in comment_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "an approval never finished"
        assert outcomes == ["ok"] * THREADS, outcomes
        with live_app.app_context():
            counts = dict(db.session.execute(sa.select(ArticleStance.key, ArticleStance.reader_count)
                                             .where(ArticleStance.article_id == article_id)).all())
            counted = db.session.execute(sa.select(StanceReader.comment_id)
                                         .where(StanceReader.article_id == article_id)).scalars().all()
        assert counts == {"yes": 0, "no": 1} and counted == [comment_ids[-1]]
    finally:
        with live_app.app_context():
            db.session.rollback()
            db.session.execute(sa.delete(ModerationAction).where(sa.or_(ModerationAction.article_id == article_id,
                                                                        ModerationAction.target_user_id == reader_id)))
            db.session.execute(sa.delete(Comment).where(Comment.article_id == article_id))
            db.session.execute(sa.delete(Article).where(Article.id == article_id))
            db.session.execute(sa.delete(User).where(User.id == reader_id))
            db.session.commit()
