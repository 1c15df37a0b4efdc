"""One reader's held comments approved by eight moderators at once, in real committed transactions: the reader
still counts once, at their latest stance (forum/actions/tally.py's guarded writes). Like
test_reaction_concurrency.py, this cannot use the rolled-back `db` fixture, and deletes what it wrote."""
import threading
import uuid

import sqlalchemy as sa

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


def test_approving_one_readers_comments_at_once_counts_them_once_at_the_latest(live_app):
    article_id, reader_id, comment_ids = _held_comments(live_app)
    try:
        start, outcomes = threading.Barrier(THREADS), []
        threads = [threading.Thread(target=_publish_in_own_transaction, args=(live_app, i, start, outcomes))
                   for i in comment_ids]
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
