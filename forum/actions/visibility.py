"""The one way a comment's status changes (visibility.set_status), and the counters that follow it.

forum/visibility.py says which moves are allowed and who then sees what; this module makes the move
and keeps every counter, the author's standing, the thread's version and the comment's other state
in step. Every counter changes in SQL (x = x + 1), never read-modify-write, so concurrent requests
on several hosts cannot lose an update.
"""
import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from forum import thread_cache, visibility
from forum.actions import tally
from forum.actions.batches import chunks
from forum.actions.errors import Refused
from forum.extensions import db
from forum.mail import notices
from forum.models import Appeal, Article, Comment, CommentRevision, CommentStatus, User
from forum.models.base import utcnow

# What a closed appeal says when its comment was deleted before a moderator decided.
APPEAL_CLOSED_BY_DELETION = "Closed without a decision: its author deleted the comment."


class IllegalTransition(Refused):
    """A status change the life cycle does not allow (a 409 in the API, a message on the page)."""


def with_article(comment: Comment) -> Comment:
    """`comment` with its article loaded, which the visibility rules ask about (from the session's identity
    map when it is there): callers need not have loaded it."""
    if "article" not in sa.inspect(comment).dict:
        set_committed_value(comment, "article", db.session.get(Article, comment.article_id))
    return comment


def bump_version(article_id: int) -> None:
    """Mark the article's thread as changed: caches and the "new comments" ETag follow it."""
    db.session.execute(
        sa.update(Article).where(Article.id == article_id)
        .values(comments_version=Article.comments_version + 1)
    )
    thread_cache.note_thread_changed(db.session, [article_id])


def bump_versions(article_ids) -> None:
    """bump_version for many threads at once."""
    article_ids = set(article_ids)
    thread_cache.note_thread_changed(db.session, article_ids)
    for part in chunks(sorted(article_ids)):
        db.session.execute(
            sa.update(Article).where(Article.id.in_(part))
            .values(comments_version=Article.comments_version + 1)
        )


def count_visibility(comment: Comment, delta: int, author_deltas: dict[str, int] | None = None) -> dict[str, int]:
    """Add `delta` (+1 or -1) to the counters that count `comment` while it is published, and bump its
    thread's version; on PostgreSQL, move the author's counters by `author_deltas` in the same statement.
    Returns the author's deltas still to write (all of them elsewhere)."""
    # The thread's version moves in the same statement: one round trip fewer on every post. (updated_at by
    # hand: SQLAlchemy leaves a column's onupdate out of an UPDATE that carries a WITH.)
    now = utcnow()
    statement = (sa.update(Article).where(Article.id == comment.article_id)
                 .values(comment_count=Article.comment_count + delta, comments_version=Article.comments_version + 1,
                         updated_at=now))
    left = dict(author_deltas or {})
    if left and db.session.get_bind().dialect.name == "postgresql":
        # And the author's counters, as a data-modifying WITH (which PostgreSQL runs whether or not the
        # UPDATE reads it): another round trip fewer on every publication.
        statement = statement.add_cte(_author_counters(comment, left).cte("author_counters"))
        _keep_loaded_row_in_step(User, comment.author_id, left)
        left = {}
    # Through the connection: the ORM's UPDATE would drop the WITH; the session's rows are kept in step here.
    db.session.connection().execute(statement)
    _keep_loaded_row_in_step(Article, comment.article_id, {"comment_count": delta, "comments_version": 1},
                             updated_at=now)
    thread_cache.note_thread_changed(db.session, [comment.article_id])
    if comment.root_id is not None:
        db.session.execute(
            sa.update(Comment).where(Comment.id == comment.root_id)
            .values(reply_count=Comment.reply_count + delta)
        )
    elif comment.stance_id is not None and tally.counts_in_tally(comment):
        tally.retally(comment.article_id, comment.author_id)
    return left


def _author_deltas(comment: Comment, old: CommentStatus | None, new: CommentStatus,
                   first_publication: bool) -> dict[str, int]:
    """How the author's standing counters move: published once, on the first publication; rejected as the
    comment enters or leaves a removed status."""
    if comment.author_id is None:
        return {}
    deltas = {}
    if first_publication:
        deltas["published_count"] = 1
    removed_before, removed_now = old in visibility.REMOVED, new in visibility.REMOVED
    if removed_now != removed_before:
        deltas["rejected_count"] = 1 if removed_now else -1
    return deltas


def _author_counters(comment: Comment, deltas: dict[str, int]):
    return (sa.update(User).where(User.id == comment.author_id)
            .values(**{name: getattr(User, name) + delta for name, delta in deltas.items()}))


def _keep_loaded_row_in_step(model, row_id: int, deltas: dict[str, int], **values) -> None:
    """What the ORM does for its own UPDATE (synchronize_session, "evaluate"): the row's object in this
    session, if there is one, shows the counters moved by `deltas` and the new `values`, without reading
    the row again."""
    row = db.session.identity_map.get(sa.inspect(model).identity_key_from_primary_key((row_id,)))
    if row is None:
        return
    loaded = sa.inspect(row).dict
    changes = {name: loaded[name] + delta for name, delta in deltas.items() if name in loaded}
    for name, value in {**changes, **values}.items():
        set_committed_value(row, name, value)


def _erase(comment: Comment) -> None:
    """What a deletion takes with it: the text and its earlier versions, and any appeal still open (so that
    no decision can publish it again). The log keeps what it needs: its rows carry their reasons."""
    comment.body_source = comment.body_html = ""
    comment.content_hash = None
    db.session.execute(sa.delete(CommentRevision).where(CommentRevision.comment_id == comment.id))
    # Through the ORM rather than an UPDATE: a caller holding the appeal (the moderation view) sees it closed.
    for row in db.session.scalars(sa.select(Appeal).where(Appeal.comment_id == comment.id, Appeal.decided_at.is_(None))):
        row.decided_at, row.decision_reason = utcnow(), APPEAL_CLOSED_BY_DELETION
    db.session.flush()


def set_status(comment: Comment, status: CommentStatus) -> None:
    """Move a comment to `status` if its life cycle allows it (IllegalTransition otherwise), keeping every
    counter, the author's standing and the thread's version right. A new comment (not yet flushed) may
    start in any status the life cycle lets a comment start in."""
    old = comment.status if sa.inspect(comment).has_identity else None
    refusal = visibility.transition_refusal(old, status)
    if refusal:
        raise IllegalTransition(refusal)
    was_public, is_public = old in visibility.PUBLIC, status in visibility.PUBLIC
    first_publication = is_public and comment.published_at is None
    comment.status = status
    if first_publication:
        comment.published_at = utcnow()
    if not is_public:
        comment.featured_at = None  # pinned only while published: a pinned root hid its replies (issue 12)
    db.session.flush()
    if status in visibility.WITHDRAWN:
        _erase(comment)
    author_deltas = _author_deltas(comment, old, status, first_publication)
    if was_public != is_public:  # which bumps the thread's version too
        author_deltas = count_visibility(comment, +1 if is_public else -1, author_deltas)
    else:
        bump_version(comment.article_id)
    if author_deltas:
        db.session.execute(_author_counters(comment, author_deltas))
    if is_public and not was_public and comment.parent_id is not None:
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
    """Set the counters of these articles, their comments and tallies, and these users, from the rows (SQL),
    and bump the articles' versions: for changes made in bulk (imports, a deleted account's comments)
    rather than one comment at a time through set_status."""
    reply = aliased(Comment)
    thread_cache.note_thread_changed(db.session, article_ids)
    for part in chunks(sorted(article_ids)):
        db.session.execute(sa.update(Article).where(Article.id.in_(part)).values(
            comment_count=sa.select(sa.func.count()).where(Comment.article_id == Article.id,
                                                           visibility.PUBLIC.clause()).scalar_subquery(),
            comments_version=Article.comments_version + 1,
        ))
        db.session.execute(sa.update(Comment).where(Comment.article_id.in_(part), Comment.parent_id.is_(None)).values(
            reply_count=sa.select(sa.func.count()).select_from(reply)
            .where(reply.root_id == Comment.id, visibility.PUBLIC.clause(reply)).scalar_subquery(),
        ))
    tally.rebuild(article_ids)
    for part in chunks(sorted(user_ids)):
        db.session.execute(sa.update(User).where(User.id.in_(part)).values(
            published_count=sa.select(sa.func.count()).where(Comment.author_id == User.id,
                                                              Comment.published_at.is_not(None)).scalar_subquery(),
            rejected_count=sa.select(sa.func.count()).where(Comment.author_id == User.id,
                                                             visibility.REMOVED.clause()).scalar_subquery(),
        ))
