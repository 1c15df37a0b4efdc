"""A signed-in reader's cached article page in one statement: the article's state (is the kept page still
the page?) and the reader's overlay on it: their own comments there, as plain rows, and their reactions and
flags among the page's comments (forum/views/member_pages.py lays them on the kept HTML).

Core rows, not ORM entities: the page only reads them, and loading entities cost more than the query.
"""
import json
from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from forum import visibility
from forum.models import Article, Comment, ReactionKind
from forum.threads import read_mark_columns, viewer_mark_columns

_ARTICLE_COLUMNS = (Article.id, Article.slug, Article.status, Article.external_url, Article.created_at,
                    Article.updated_at, Article.comments_version, Article.comments_closed, Article.published_at)
# What a reader's own comment's footer asks of it (templates/comments/_comment.html, comment_actions).
_OWN_COLUMNS = (Comment.id, Comment.author_id, Comment.status, Comment.created_at, Comment.edited_at,
                Comment.up_count, Comment.down_count)
OWN_COLUMNS = tuple(column.key for column in _OWN_COLUMNS)  # the attributes of each of `own`


class MemberOverlay(NamedTuple):
    article: SimpleNamespace  # the article's state, with what its comments' footers ask of it
    own: list[SimpleNamespace]  # the reader's comments under it that they see (every status but deleted)
    reactions: dict[int, ReactionKind]  # their reactions among the page's comments, by comment id
    flagged: frozenset[int]  # the page's comments they flagged


def load_member_overlay(session, slug: str, viewer, comment_ids: list[int]) -> MemberOverlay | None:
    """The article `slug` names and `viewer`'s overlay on a page showing `comment_ids`; None when no
    article has that slug. One query, whatever the thread and the reader hold."""
    dialect = session.get_bind().dialect.name
    ids = comment_ids if dialect == "postgresql" else json.dumps(comment_ids)
    rows = session.connection().execute(_statement(dialect), {
        "slug": slug, "viewer_id": viewer.id, "comment_ids": ids}).all()
    if not rows:
        return None
    first = rows[0]
    article = SimpleNamespace(**{column.key: getattr(first, column.key) for column in _ARTICLE_COLUMNS})
    own = [SimpleNamespace(**{key: getattr(row, f"own_{key}") for key in OWN_COLUMNS},
                           article=article, author=viewer)
           for row in rows if row.own_id is not None]
    return MemberOverlay(article, own, *read_mark_columns(first.reactions, first.flags))


def _page_ids(dialect: str):
    """The page's comment ids as one parameter (an array, or a JSON list on SQLite), not one each: an
    expanding IN list is written into the statement on every request, which cost more than running it."""
    if dialect == "postgresql":
        return sa.select(sa.func.unnest(sa.bindparam("comment_ids", type_=postgresql.ARRAY(sa.Integer))))
    return sa.select(sa.column("value", sa.Integer)).select_from(sa.func.json_each(sa.bindparam("comment_ids")))


@lru_cache(maxsize=4)
def _statement(dialect: str):
    """Built once per database: building it cost about as much as running it."""
    viewer_id = sa.bindparam("viewer_id", type_=sa.Integer)
    reactions, flags = viewer_mark_columns(dialect, viewer_id, _page_ids(dialect))
    # Readers in good standing only come here (not staff): they see their own comments of every status
    # but deleted, and everyone's published ones (visibility.comments_seen_by).
    own_here = sa.and_(Comment.article_id == Article.id, Comment.author_id == viewer_id,
                       visibility.comments_seen_by(visibility.Viewer(viewer_id, False, False),
                                                   articles_known_visible=True))
    return (
        sa.select(*_ARTICLE_COLUMNS, reactions.label("reactions"), flags.label("flags"),
                  *(column.label(f"own_{column.key}") for column in _OWN_COLUMNS))
        .select_from(Article).outerjoin(Comment, own_here)
        .where(Article.slug == sa.bindparam("slug"))
    )
