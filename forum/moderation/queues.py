"""The moderators' queues: what waits for a decision, oldest first, by keyset, with context.

A page costs a fixed number of queries whatever the queue's length: the page itself, then
the parents, flags and authors' flag counts of the comments on it, each in one query.
Counts are capped, so that counting a queue of 100,000 costs no more than one of 1,000.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, lazyload

from forum import visibility
from forum.models import Appeal, Article, Comment, Flag, User
from forum.pagination import Page, keyset_page
from forum.visibility import Viewer

QUEUE_PAGE_SIZE = 25
COUNT_CAP = 1000  # beyond this a queue shows "1,000+": exact numbers stop mattering


class Queue(StrEnum):
    PENDING = "pending"  # held by the pipeline or hidden by flags
    REPORTED = "reported"  # flagged but still visible
    REJECTED = "rejected"
    SPAM = "spam"
    RECENT = "recent"  # published in the last two days, for a second look
    APPEALS = "appeals"


QUEUE_LABELS = {
    Queue.PENDING: "Pending", Queue.REPORTED: "Reported", Queue.REJECTED: "Rejected",
    Queue.SPAM: "Spam", Queue.RECENT: "Recent", Queue.APPEALS: "Appeals",
}


RECENT_WINDOW = timedelta(days=2)  # "published lately": long enough to cover a weekend


def _comment_queue(queue: Queue, article_id: int | None, viewer: Viewer):
    """(query, keyset columns) for a queue of comments; every queue reads oldest first, and holds only
    comments `viewer` sees (forum/visibility.py: a moderator's queue leaves out drafts' comments)."""
    query = sa.select(Comment).where(visibility.comments_seen_by(viewer))
    if queue is Queue.PENDING:
        query, order = query.where(visibility.HELD.clause()), [Comment.created_at, Comment.id]
    elif queue is Queue.REPORTED:
        query = query.where(visibility.PUBLIC.clause(), Comment.flagged_at.is_not(None))
        order = [Comment.flagged_at, Comment.id]
    elif queue is Queue.REJECTED:
        query, order = query.where(visibility.REJECTED_ONLY.clause()), [Comment.created_at, Comment.id]
    elif queue is Queue.SPAM:
        query, order = query.where(visibility.SPAM_ONLY.clause()), [Comment.created_at, Comment.id]
    else:
        since = datetime.now(timezone.utc) - RECENT_WINDOW
        query = query.where(visibility.PUBLIC.clause(), Comment.published_at > since)
        order = [Comment.published_at, Comment.id]
    if article_id is not None:
        query = query.where(Comment.article_id == article_id)
    return query, order


def _appeal_queue(article_id: int | None, viewer: Viewer):
    """Open appeals on comments `viewer` sees (a deletion closes its comment's appeal)."""
    query = (sa.select(Appeal).join(Comment, Comment.id == Appeal.comment_id)
             .where(Appeal.decided_at.is_(None), visibility.comments_seen_by(viewer)))
    if article_id is not None:
        query = query.where(Comment.article_id == article_id)
    return query


def count(session, queue: Queue, article_id: int | None = None, viewer: Viewer = visibility.MODERATOR) -> int:
    """How many items wait in `queue`, up to COUNT_CAP (one bounded query)."""
    if queue is Queue.APPEALS:
        inner = _appeal_queue(article_id, viewer).with_only_columns(Appeal.id)
    else:
        query, _ = _comment_queue(queue, article_id, viewer)
        inner = query.with_only_columns(Comment.id)
    return session.scalar(sa.select(sa.func.count()).select_from(inner.limit(COUNT_CAP + 1).subquery()))


WAITING = (Queue.PENDING, Queue.REPORTED, Queue.APPEALS)  # the queues where items wait for a person


def oldest_waiting(session, viewer: Viewer = visibility.MODERATOR) -> dict[Queue, datetime | None]:
    """When the item that has waited longest in each of WAITING came in (None: nothing waits): one query."""
    held, _ = _comment_queue(Queue.PENDING, None, viewer)
    reported, _ = _comment_queue(Queue.REPORTED, None, viewer)
    row = session.execute(sa.select(
        held.with_only_columns(sa.func.min(Comment.created_at)).scalar_subquery(),
        reported.with_only_columns(sa.func.min(Comment.flagged_at)).scalar_subquery(),
        _appeal_queue(None, viewer).with_only_columns(sa.func.min(Appeal.created_at)).scalar_subquery(),
    )).one()
    return {queue: _as_utc(when) for queue, when in zip(WAITING, row)}


def _as_utc(value) -> datetime | None:
    """An aggregate's timestamp (SQLite hands back text or a naive datetime) as an aware UTC datetime."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def counts(session, article_id: int | None = None, viewer: Viewer = visibility.MODERATOR) -> dict[Queue, int]:
    return {queue: count(session, queue, article_id, viewer) for queue in Queue}


@dataclass
class QueueItem:
    comment: Comment
    parent: Comment | None = None
    flags: list[Flag] = field(default_factory=list)
    author_flags_received: int = 0
    appeal: Appeal | None = None


@dataclass
class QueuePage:
    items: list[QueueItem]
    next_cursor: str | None


def load_queue(session, queue: Queue, article_id: int | None, cursor: str | None,
               per_page: int = QUEUE_PAGE_SIZE, viewer: Viewer = visibility.MODERATOR) -> QueuePage:
    """A page of `queue` with everything a moderator needs to decide each item."""
    if queue is Queue.APPEALS:
        query = _appeal_queue(article_id, viewer).options(
            joinedload(Appeal.comment).joinedload(Comment.author), joinedload(Appeal.comment).joinedload(Comment.article))
        page: Page = keyset_page(session, query, [Appeal.created_at, Appeal.id], cursor, per_page, descending=False)
        appeals = list(page.items)
        items = [QueueItem(a.comment, appeal=a) for a in appeals]
    else:
        query, order = _comment_queue(queue, article_id, viewer)
        query = query.options(joinedload(Comment.author), joinedload(Comment.article))
        page = keyset_page(session, query, order, cursor, per_page, descending=False)
        items = [QueueItem(c) for c in page.items]
    _add_context(session, items)
    return QueuePage(items, page.next_cursor)


def _add_context(session, items: list[QueueItem]) -> None:
    """Parents, flags and the authors' flag counts for a page of items: three queries."""
    if not items:
        return
    parent_ids = {i.comment.parent_id for i in items if i.comment.parent_id}
    parents = {}
    if parent_ids:
        parents = {c.id: c for c in session.scalars(
            sa.select(Comment).options(joinedload(Comment.author)).where(Comment.id.in_(parent_ids)))}
    comment_ids = [i.comment.id for i in items]
    flags_by_comment = defaultdict(list)
    for flag in session.scalars(
        sa.select(Flag).options(joinedload(Flag.user)).where(Flag.comment_id.in_(comment_ids)).order_by(Flag.id)
    ):
        flags_by_comment[flag.comment_id].append(flag)
    author_ids = {i.comment.author_id for i in items if i.comment.author_id}
    received = dict(session.execute(
        sa.select(Comment.author_id, sa.func.count(Flag.id))
        .join(Flag, Flag.comment_id == Comment.id)
        .where(Comment.author_id.in_(author_ids))
        .group_by(Comment.author_id)
    ).all()) if author_ids else {}
    for item in items:
        item.parent = parents.get(item.comment.parent_id)
        item.flags = flags_by_comment.get(item.comment.id, [])
        item.author_flags_received = received.get(item.comment.author_id, 0)


def articles_with_comments(session, viewer: Viewer = visibility.MODERATOR) -> list[Article]:
    """Articles for the queue's filter menu, newest first: those `viewer` sees."""
    return session.scalars(
        sa.select(Article).options(lazyload(Article.stances))  # the menu shows titles only
        .where(Article.comment_count > 0, visibility.articles_seen_by(viewer)).order_by(Article.id.desc()).limit(200)
    ).all()


def user_flag_count(session, user: User) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Flag).where(Flag.user_id == user.id))
