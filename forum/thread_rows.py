"""A thread page's comments as plain read-only rows: Core queries, no ORM identity map.

A thread page only reads its comments, dozens of them on every request; made into ORM entities
(identity map, instance state, a joined author each) they cost about half of a page whose comment
HTML came from the fragments (forum/fragments.py). Here each comment is a CommentRow, a named tuple
with every column of the comments table, its author as an AuthorRow and its article, read by the
same names the templates, permissions.can() and visibility's predicates use on the model.

The statements are built once per kind of page (sort, kind of viewer, stance filter, cursor) with
the values as parameters: building and compiling them cost a page more than running them.
"""
import json
from collections import namedtuple
from datetime import datetime, timezone
from functools import lru_cache

import sqlalchemy as sa

from forum import visibility
from forum.models import Comment, User
from forum.models.base import UTCDateTime

comments = Comment.__table__
users = User.__table__

# Every column but the Markdown source, which no page shows (the API reads it, at the end of the row);
# the reasons last.
SHOWN_COLUMNS = tuple(column.key for column in comments.columns if column.key not in ("body_source", "reasons")) \
    + ("reasons",)
_AUTHOR_COLUMNS = ("id", "username", "display_name", "role")
# Read as the database hands them over and made Python values only when read: a page whose comments
# come from the fragments reads none of them, and making them (a datetime parsed from SQLite's text,
# the zone set, JSON decoded) cost about as much as the rest of the query.
_AS_STORED = {key for key in SHOWN_COLUMNS if isinstance(comments.c[key].type, (UTCDateTime, sa.JSON))}


def _aware(stored) -> datetime | None:
    """What UTCDateTime makes of a stored timestamp: SQLite's text parsed, always in UTC when it has no zone."""
    value = datetime.fromisoformat(stored) if isinstance(stored, str) else stored
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def _as_list(stored) -> list:
    """The reasons: SQLite's JSON text decoded (PostgreSQL's driver decodes it itself)."""
    return json.loads(stored) if isinstance(stored, str) else list(stored or ())


def _read_as(convert, index: int) -> property:
    return property(lambda row: convert(tuple.__getitem__(row, index)), doc=f"column {index}, converted when read")


class AuthorRow(namedtuple("AuthorRow", _AUTHOR_COLUMNS)):
    """What a thread shows of a comment's author (or of the author a flat reply answers)."""

    __slots__ = ()
    shown_name = User.shown_name


class CommentRow(namedtuple("CommentRow", SHOWN_COLUMNS + ("author", "body_source", "article"))):
    """A comment as a thread page reads it. Its `key` is everything its HTML may be made from."""

    __slots__ = ()

    @property
    def key(self) -> tuple:
        """Every shown column (as stored) and the author: the comment's version, for the fragments."""
        return self[:len(SHOWN_COLUMNS) + 1]

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


# The timestamps and the reasons are read as the model gives them (aware datetimes, a list of reasons).
for _key in _AS_STORED:
    setattr(CommentRow, _key, _read_as(_as_list if _key == "reasons" else _aware, SHOWN_COLUMNS.index(_key)))

_ROW_SIZE = len(SHOWN_COLUMNS)
_SELECTED = [sa.type_coerce(comments.c[key], sa.String) if key in _AS_STORED else comments.c[key]
             for key in SHOWN_COLUMNS] + [users.c[key] for key in _AUTHOR_COLUMNS] + [comments.c.body_source]


def comment_rows(result, article) -> list[CommentRow]:
    """The rows of a statement made by this module, each with `article` (the page's: one, already loaded)."""
    made = []
    reasons = _ROW_SIZE - 1
    for row in result.all():
        author = AuthorRow(*row[_ROW_SIZE:-1]) if row[_ROW_SIZE] is not None else None
        stored = row[reasons]  # a key part: SQLite's text as it is, a decoded list (PostgreSQL) as a tuple
        made.append(CommentRow(*row[:reasons], stored if isinstance(stored, str) else tuple(stored or ()), author,
                               row[-1], article))
    return made


def _with_authors():
    return sa.select(*_SELECTED).select_from(comments.outerjoin(users, users.c.id == comments.c.author_id))


def _viewer(kind: str) -> visibility.Viewer:
    """The viewer of a kind ("visitor", "reader", "staff"), with the reader's id as a parameter."""
    if kind == "visitor":
        return visibility.VISITOR
    return visibility.Viewer(sa.bindparam("viewer_id", type_=sa.Integer), staff=kind == "staff")


def viewer_kind(viewer: visibility.Viewer) -> str:
    if viewer.id is None:
        return "visitor"
    return "staff" if viewer.staff else "reader"


def top_level_clauses(article_id, viewer: visibility.Viewer, entity=Comment) -> list:
    """An article's top-level comments that a thread page lists for `viewer`: not the featured ones,
    which are pinned above page one."""
    return [entity.article_id == article_id, entity.parent_id.is_(None),
            visibility.thread_roots_seen_by(viewer, entity), ~visibility.featured_clause(entity)]


@lru_cache(maxsize=64)
def top_level_statement(order_keys: tuple[str, ...], descending: bool, kind: str, stance: bool, cursor: bool):
    """A keyset page of an article's top-level comments (not the featured ones) that a kind of viewer sees.

    Parameters: article_id, viewer_id (readers and staff), stance_id, the cursor's values
    (after_<column>) and limit."""
    order = [comments.c[key] for key in order_keys]
    statement = _with_authors().where(
        *top_level_clauses(sa.bindparam("article_id", type_=sa.Integer), _viewer(kind), comments.c))
    if stance:
        statement = statement.where(comments.c.stance_id == sa.bindparam("stance_id", type_=sa.Integer))
    if cursor:
        key = sa.tuple_(*order)
        after = sa.tuple_(*(sa.bindparam(f"after_{column.key}", type_=column.type) for column in order))
        statement = statement.where(key < after if descending else key > after)
    return statement.order_by(*(column.desc() if descending else column.asc() for column in order)) \
        .limit(sa.bindparam("limit", type_=sa.Integer))


@lru_cache(maxsize=4)
def featured_statement(stance: bool):
    """An article's featured top-level comments, latest featured first. Parameters: article_id, stance_id."""
    statement = _with_authors().where(
        comments.c.article_id == sa.bindparam("article_id", type_=sa.Integer), comments.c.parent_id.is_(None),
        visibility.featured_clause(comments.c),
    ).order_by(comments.c.featured_at.desc())
    if stance:
        statement = statement.where(comments.c.stance_id == sa.bindparam("stance_id", type_=sa.Integer))
    return statement


@lru_cache(maxsize=4)
def first_replies_statement(per_root: int):
    """The oldest `per_root` replies under each root (root_ids), oldest first.

    The database ranks the replies within each root (a window function, on SQLite and PostgreSQL
    alike, over ix_comments_root) and hands back only the first ones."""
    ranked = (
        sa.select(comments.c.id, sa.func.row_number().over(
            partition_by=comments.c.root_id, order_by=(comments.c.created_at, comments.c.id)).label("rank"))
        .where(comments.c.root_id.in_(sa.bindparam("root_ids", expanding=True)))
        .subquery()
    )
    return (
        _with_authors().join(ranked, ranked.c.id == comments.c.id)
        .where(ranked.c.rank <= per_root)
        .order_by(comments.c.created_at, comments.c.id)
    )
