"""Who is told what: the reply notice (once, to an opted-in parent author) and the digest's recipients."""
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum.models import Article, ArticleStatus, Comment, CommentStatus, User
from forum.permissions import Action, can


@dataclass(frozen=True)
class ReplyNotice:
    reply_id: int
    recipient: User
    replier_name: str
    article_title: str
    reply_html: str


def reply_notices(session, reply_ids: list[int]) -> list[ReplyNotice]:
    """The notices owed for these published replies, in one query: none for a reply nobody is to be told
    about, or that was announced already."""
    if not reply_ids:
        return []
    parent, parent_author, replier = aliased(Comment), aliased(User), aliased(User)
    rows = session.execute(
        sa.select(Comment, parent_author, replier.username, Article.title, Article.status)
        .join(parent, parent.id == Comment.parent_id)
        .join(parent_author, parent_author.id == parent.author_id)
        .outerjoin(replier, replier.id == Comment.author_id)
        .join(Article, Article.id == Comment.article_id)
        .where(Comment.id.in_(reply_ids))
        .order_by(Comment.id)
    ).all()
    return [
        ReplyNotice(reply.id, recipient, replier_name or "Someone", title, reply.body_html)
        for reply, recipient, replier_name, title, article_status in rows
        if reply.status == CommentStatus.PUBLISHED and reply.reply_notified_at is None
        and reply.author_id != recipient.id and recipient.email_replies and not recipient.is_banned
        and article_status == ArticleStatus.PUBLISHED
    ]


def claim_reply_notices(session, reply_ids: list[int]) -> set[int]:
    """Mark these replies as announced; returns those this call claimed (another worker may have got
    some first: at most one e-mail per reply)."""
    if not reply_ids:
        return set()
    return set(session.scalars(
        sa.update(Comment)
        .where(Comment.id.in_(reply_ids), Comment.reply_notified_at.is_(None))
        .values(reply_notified_at=datetime.now(timezone.utc))
        .returning(Comment.id)
    ))


def digest_recipients(session) -> list[User]:
    """Staff who asked for the daily digest and may still see the queues."""
    users = session.scalars(
        sa.select(User).where(User.email_digest.is_(True), User.banned_at.is_(None)).order_by(User.id)
    ).all()
    return [user for user in users if can(user, Action.MODERATION_AREA)]
