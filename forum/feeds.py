"""Atom feeds: one builder for the articles feed and the comment feeds, and the comments they list."""
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, lazyload

from forum import visibility
from forum.markup import xml_text
from forum.models import Article, Comment

FEED_ENTRIES = 30  # the newest items a feed reader sees; older ones are on the site
EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)  # "updated" of a feed with no entries yet


@dataclass(frozen=True)
class Entry:
    link: str  # also the entry's id: permalinks never change
    title: str
    author: str
    published: datetime
    updated: datetime
    content_html: str  # sanitized on write by markup.py
    summary: str = ""
    author_uri: str = ""  # the author's profile, whose address carries the username the name may hide


def atom(*, title: str, home: str, self_url: str, entries: list[Entry], feed_id: str | None = None) -> bytes:
    """A valid Atom document; `entries` newest first, and kept in that order. The id defaults to self_url."""
    # Imported here: feedgen and lxml cost each web worker 5 MB, and most never serve a feed (issue 15).
    from feedgen.feed import FeedGenerator

    # Every text goes through xml_text: one character XML cannot hold, in any row however old, would
    # otherwise make the whole feed fail for everyone.
    fg = FeedGenerator()
    fg.id(xml_text(feed_id or self_url))
    fg.title(xml_text(title))
    fg.link(href=xml_text(home), rel="alternate")
    fg.link(href=xml_text(self_url), rel="self")
    fg.updated(max((e.updated for e in entries), default=EPOCH))
    for item in entries:
        entry = fg.add_entry(order="append")
        entry.id(xml_text(item.link))
        entry.title(xml_text(item.title))
        entry.link(href=xml_text(item.link))
        entry.author(name=xml_text(item.author), **({"uri": xml_text(item.author_uri)} if item.author_uri else {}))
        entry.published(item.published)
        entry.updated(item.updated)
        if item.summary:
            entry.summary(xml_text(item.summary))
        entry.content(xml_text(item.content_html), type="html")
    return fg.atom_str(pretty=True)


def recent_comments(session, article: Article | None = None, limit: int = FEED_ENTRIES) -> list[Comment]:
    """The newest comments everyone sees (visibility.py), of one article if given: one query."""
    query = (
        sa.select(Comment)
        .join(Article, Article.id == Comment.article_id)
        # The article's stances (loaded with every article by default) play no part in a feed.
        .options(contains_eager(Comment.article).options(lazyload(Article.stances)), joinedload(Comment.author))
        .where(visibility.comments_seen_by(visibility.VISITOR, articles_known_visible=True),
               visibility.articles_seen_by(visibility.VISITOR))
        .order_by(Comment.published_at.desc(), Comment.id.desc())
        .limit(limit)
    )
    if article is not None:
        query = query.where(Comment.article_id == article.id)
    return session.scalars(query).unique().all()


def comment_entry(comment: Comment, permalink: str, profile_url: str = "") -> Entry:
    """`profile_url`: where the comment's author is, if it has one (the feed names them by display name)."""
    author = comment.author.shown_name if comment.author else "[deleted account]"
    published = comment.published_at or comment.created_at
    return Entry(
        link=permalink, title=f"{author} on \u201c{comment.article.title}\u201d", author=author,
        published=published, updated=max(published, comment.edited_at or published),
        content_html=comment.body_html, author_uri=profile_url if comment.author else "",
    )
