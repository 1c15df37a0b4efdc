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


def reply_notice(session, reply_id: int) -> ReplyNotice | None:
    """The notice owed for a published reply, or None: nobody to tell, or told already (one query)."""
    parent, parent_author, replier = aliased(Comment), aliased(User), aliased(User)
    row = session.execute(
        sa.select(Comment, parent_author, replier.username, Article.title, Article.status)
        .join(parent, parent.id == Comment.parent_id)
        .join(parent_author, parent_author.id == parent.author_id)
        .outerjoin(replier, replier.id == Comment.author_id)
        .join(Article, Article.id == Comment.article_id)
        .where(Comment.id == reply_id)
    ).first()
    if row is None:
        return None
    reply, recipient, replier_name, title, article_status = row
    if (reply.status != CommentStatus.PUBLISHED or reply.reply_notified_at is not None
            or reply.author_id == recipient.id or not recipient.email_replies or recipient.is_banned
            or article_status != ArticleStatus.PUBLISHED):
        return None
    return ReplyNotice(reply.id, recipient, replier_name or "Someone", title, reply.body_html)


def claim_reply_notice(session, reply_id: int) -> bool:
    """Mark the reply as announced; False when another worker got there first (at most one e-mail)."""
    result = session.execute(
        sa.update(Comment)
        .where(Comment.id == reply_id, Comment.reply_notified_at.is_(None))
        .values(reply_notified_at=datetime.now(timezone.utc))
    )
    return result.rowcount == 1


def digest_recipients(session) -> list[User]:
    """Staff who asked for the daily digest and may still see the queues."""
    users = session.scalars(
        sa.select(User).where(User.email_digest.is_(True), User.banned_at.is_(None)).order_by(User.id)
    ).all()
    return [user for user in users if can(user, Action.MODERATION_AREA)]
