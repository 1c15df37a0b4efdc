"""What readers can see of a comment, and the counters that follow it: the one way a status changes.

Every counter changes in SQL (x = x + 1), never read-modify-write, so concurrent requests
on several hosts cannot lose an update.
"""
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum.actions.batches import chunks
from forum.extensions import db
from forum.mail import notices
from forum.models import Article, ArticleStance, Comment, CommentStatus, User
from forum.models.base import utcnow

# Statuses that count against the author's standing.
REJECTIONS = (CommentStatus.REJECTED, CommentStatus.SPAM)


def bump_version(article_id: int) -> None:
    """Mark the article's thread as changed: caches and the "new comments" ETag follow it."""
    db.session.execute(
        sa.update(Article).where(Article.id == article_id)
        .values(comments_version=Article.comments_version + 1)
    )


def bump_versions(article_ids) -> None:
    """bump_version for many threads at once."""
    for part in chunks(sorted(set(article_ids))):
        db.session.execute(
            sa.update(Article).where(Article.id.in_(part))
            .values(comments_version=Article.comments_version + 1)
        )


def count_visibility(comment: Comment, delta: int) -> None:
    """Add `delta` (+1 or -1) to the counters that count `comment` while it is published."""
    db.session.execute(
        sa.update(Article).where(Article.id == comment.article_id)
        .values(comment_count=Article.comment_count + delta)
    )
    if comment.root_id is not None:
        db.session.execute(
            sa.update(Comment).where(Comment.id == comment.root_id)
            .values(reply_count=Comment.reply_count + delta)
        )
    else:
        add_to_tally(comment.stance_id, delta)


def add_to_tally(stance_id: int | None, delta: int) -> None:
    if stance_id is not None:
        db.session.execute(
            sa.update(ArticleStance).where(ArticleStance.id == stance_id)
            .values(comment_count=ArticleStance.comment_count + delta)
        )


def _count_standing(comment: Comment, old: CommentStatus, new: CommentStatus, first_publication: bool) -> None:
    if comment.author_id is None:
        return
    changes = {}
    if first_publication:
        changes["published_count"] = User.published_count + 1
    if (new in REJECTIONS) != (old in REJECTIONS):
        changes["rejected_count"] = User.rejected_count + (1 if new in REJECTIONS else -1)
    if changes:
        db.session.execute(sa.update(User).where(User.id == comment.author_id).values(**changes))


def set_status(comment: Comment, status: CommentStatus) -> None:
    """Move a comment to `status`, keeping every counter, the author's standing and the thread's version right."""
    old = comment.status
    first_publication = status == CommentStatus.PUBLISHED and comment.published_at is None
    comment.status = status
    if first_publication:
        comment.published_at = utcnow()
    db.session.flush()
    if (old == CommentStatus.PUBLISHED) != (status == CommentStatus.PUBLISHED):
        count_visibility(comment, +1 if status == CommentStatus.PUBLISHED else -1)
    _count_standing(comment, old, status, first_publication)
    bump_version(comment.article_id)
    if status == CommentStatus.PUBLISHED and old != status and comment.parent_id is not None:
        # In this transaction: the notice exists if and only if the publication is committed.
        notices.queue_reply_notice(db.session, comment.id, utcnow())


def forget_first_publication(comment: Comment) -> None:
    """Undo the first publication of a comment that is no longer published (a moderator's undone approval)."""
    comment.published_at = None
    db.session.flush()
    if comment.author_id is not None:
        db.session.execute(
            sa.update(User).where(User.id == comment.author_id).values(published_count=User.published_count - 1)
        )


def recount(article_ids: set[int], user_ids: set[int]) -> None:
    """Set the counters of these articles, their comments and stances, and these users, from the rows (SQL),
    and bump the articles' versions: for changes made in bulk (imports, a deleted account's comments)
    rather than one comment at a time through set_status."""
    published = CommentStatus.PUBLISHED
    reply = aliased(Comment)
    for part in chunks(sorted(article_ids)):
        db.session.execute(sa.update(Article).where(Article.id.in_(part)).values(
            comment_count=sa.select(sa.func.count()).where(Comment.article_id == Article.id, Comment.status == published)
            .scalar_subquery(),
            comments_version=Article.comments_version + 1,
        ))
        db.session.execute(sa.update(Comment).where(Comment.article_id.in_(part), Comment.parent_id.is_(None)).values(
            reply_count=sa.select(sa.func.count()).select_from(reply)
            .where(reply.root_id == Comment.id, reply.status == published).scalar_subquery(),
        ))
        db.session.execute(sa.update(ArticleStance).where(ArticleStance.article_id.in_(part)).values(
            comment_count=sa.select(sa.func.count()).where(
                Comment.stance_id == ArticleStance.id, Comment.parent_id.is_(None), Comment.status == published)
            .scalar_subquery(),
        ))
    for part in chunks(sorted(user_ids)):
        db.session.execute(sa.update(User).where(User.id.in_(part)).values(
            published_count=sa.select(sa.func.count()).where(Comment.author_id == User.id,
                                                              Comment.published_at.is_not(None)).scalar_subquery(),
            rejected_count=sa.select(sa.func.count()).where(Comment.author_id == User.id,
                                                             Comment.status.in_(REJECTIONS)).scalar_subquery(),
        ))
