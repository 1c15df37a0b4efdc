"""Replies to a reader's comments, shown on the site (/account/replies) and counted in the header.

A reply is listed when everyone may see it (forum/visibility.py: published, on a published article) and
someone other than the reader wrote it. The header's count is those published since the reader last
opened the page, counted no further than UNREAD_SHOWN + 1 ("9+"), by the query that loads the signed-in
reader (forum/actions/sessions.py): a page view pays no statement for it. Both walk the index
ix_comments_parent_author, so their cost does not grow with how much the reader has written.

Mentions (@name) are not listed: Parley reads them only to spot one person following another
(moderation/harassment.py) and keeps no record of whom a comment names.
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, raiseload

from forum import visibility
from forum.models import Article, Comment, User
from forum.models.base import UTCDateTime
from forum.pagination import Page, keyset_page

REPLIES_PER_PAGE = 30
EXCERPT_CHARS = 200  # of the reply's text on the list: enough to tell replies apart; the link has the rest
UNREAD_SHOWN = 9  # the header says "9+" past this: the count's query stops at the row after it
_NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)  # a reader who never opened the page has seen nothing


def replies_to(user_id):
    """The SQL clause for replies to `user_id`'s comments the reader is shown: everyone's to see, not their own."""
    return sa.and_(
        Comment.parent_author_id == user_id,
        Comment.author_id.is_distinct_from(user_id),
        visibility.comments_seen_by(visibility.VISITOR),
    )


def unread_count_column():
    """How many replies came since the reader (User, in the enclosing query) last opened them, at most
    UNREAD_SHOWN + 1: a column to add to the query that loads the user."""
    seen = sa.func.coalesce(User.replies_seen_at, sa.literal(_NEVER, UTCDateTime))
    newest = (
        sa.select(Comment.id)
        .where(replies_to(User.id), Comment.published_at > seen)
        .limit(UNREAD_SHOWN + 1)
        .correlate(User)
        .subquery()
    )
    return sa.select(sa.func.count()).select_from(newest).scalar_subquery().label("unread_replies")


def unread_label(count: int) -> str:
    return f"{UNREAD_SHOWN}+" if count > UNREAD_SHOWN else str(count)


def load_replies(session, user: User, cursor: str | None, per_page: int = REPLIES_PER_PAGE) -> Page:
    """A keyset page of the replies to `user`'s comments, newest published first, with their authors and
    articles: one query."""
    query = (
        sa.select(Comment)
        # The page shows the article's title only: its author and stances, loaded with it elsewhere, stay out.
        .options(joinedload(Comment.author),
                 joinedload(Comment.article).options(raiseload(Article.author), raiseload(Article.stances)))
        .where(replies_to(user.id))
    )
    return keyset_page(session, query, [Comment.published_at, Comment.id], cursor, per_page)
