"""Who is told what: the reply notice (once, to an opted-in parent author) and the digest's recipients.

The rule for a reply notice is one query, used twice: when the reply is published, to put a notice in
the outbox only for someone who is to be told, and again when the notice is sent, since the reader
may have opted out, been banned or seen the reply withdrawn in between.
"""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum import visibility
from forum.mail import outbox
from forum.models import Article, Comment, MailKind, OutgoingMail, User
from forum.models.base import UTCDateTime
from forum.permissions import Action, can

_parent, _parent_author, _replier = aliased(Comment), aliased(User), aliased(User)


@dataclass(frozen=True)
class ReplyNotice:
    reply_id: int
    recipient: User
    replier_name: str
    article_title: str
    reply_html: str


def _owed(*columns) -> sa.Select:
    """Published replies whose parent's author asked to be told, may be, and was not told yet."""
    return (
        sa.select(*columns)
        .select_from(Comment)
        .join(_parent, _parent.id == Comment.parent_id)
        .join(_parent_author, _parent_author.id == _parent.author_id)
        .join(Article, Article.id == Comment.article_id)
        .where(
            visibility.PUBLIC.clause(), Comment.reply_notified_at.is_(None),
            Comment.author_id.is_distinct_from(_parent_author.id),  # no notice of one's own reply
            _parent_author.email_replies.is_(True), _parent_author.banned_at.is_(None),
            visibility.articles_seen_by(visibility.VISITOR),
        )
    )


def queue_reply_notice(session, reply_id: int, now: datetime) -> bool:
    """Put the notice of this just-published reply in the outbox, in the caller's transaction, when someone
    is to be told and no notice of it is waiting already; True when one was queued."""
    waiting = sa.select(OutgoingMail.id).where(
        OutgoingMail.kind == MailKind.REPLY, OutgoingMail.ident == Comment.id, OutgoingMail.done_at.is_(None),
    )
    rows = _owed(
        sa.literal(MailKind.REPLY.value), Comment.id, sa.literal(now, UTCDateTime), sa.literal(now, UTCDateTime),
    ).where(Comment.id == reply_id, ~sa.exists(waiting))
    result = session.execute(
        sa.insert(OutgoingMail).from_select(["kind", "ident", "created_at", "next_attempt_at"], rows)
    )
    if result.rowcount:
        outbox.note_queued(session)
    return bool(result.rowcount)


def reply_notices(session, reply_ids: list[int]) -> list[ReplyNotice]:
    """The notices still owed for these replies, in one query: none for a reply nobody is to be told about."""
    if not reply_ids:
        return []
    rows = session.execute(
        _owed(Comment.id, Comment.body_html, _parent_author, _replier.username, Article.title)
        .outerjoin(_replier, _replier.id == Comment.author_id)
        .where(Comment.id.in_(reply_ids))
        .order_by(Comment.id)
    ).all()
    return [
        ReplyNotice(reply_id, recipient, replier_name or "Someone", title, body_html)
        for reply_id, body_html, recipient, replier_name, title in rows
    ]


def mark_told(session, reply_id: int, now: datetime) -> None:
    """The reply's notice went out: it is never sent again, whatever happens to the reply later."""
    session.execute(sa.update(Comment).where(Comment.id == reply_id).values(reply_notified_at=now))


def digest_recipients(session) -> list[User]:
    """Staff who asked for the daily digest and may still see the queues."""
    users = session.scalars(
        sa.select(User).where(User.email_digest.is_(True), User.banned_at.is_(None)).order_by(User.id)
    ).all()
    return [user for user in users if can(user, Action.MODERATION_AREA)]
