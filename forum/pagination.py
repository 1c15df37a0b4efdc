"""Keyset pagination: every list walks an index from a cursor, never with OFFSET."""
from dataclasses import dataclass
import math
from datetime import datetime
from typing import Any, Sequence

import sqlalchemy as sa
from werkzeug.exceptions import BadRequest

from forum.models.base import INTEGER_RANGE, parse_utc

CURSOR_SEPARATOR = "~"


@dataclass
class Page:
    items: Sequence[Any]
    next_cursor: str | None


def encode_cursor(*values) -> str:
    return CURSOR_SEPARATOR.join(v.isoformat() if isinstance(v, datetime) else str(v) for v in values)


def _parse(part: str, kind):
    if kind is datetime:
        return parse_utc(part)
    value = kind(part)
    if kind is int and value not in INTEGER_RANGE or kind is float and not math.isfinite(value):
        raise ValueError("out of range")
    return value


def decode_cursor(cursor: str, *types) -> tuple:
    """Parse a cursor made by encode_cursor; a malformed one is the client's error (400)."""
    parts = cursor.split(CURSOR_SEPARATOR)
    if len(parts) != len(types):
        raise BadRequest("This page link is malformed; go back to the first page.")
    try:
        return tuple(_parse(part, kind) for part, kind in zip(parts, types))
    except (ValueError, OverflowError):
        raise BadRequest("This page link is malformed; go back to the first page.") from None


def keyset_page(session, query, order_columns, cursor: str | None, per_page: int, descending=True) -> Page:
    """One page of `query` ordered by `order_columns` (the last one unique), starting after `cursor`.

    Fetches one row more than asked to learn whether another page exists.
    """
    key = sa.tuple_(*order_columns)
    if cursor:
        types = [col.type.python_type for col in order_columns]
        values = decode_cursor(cursor, *types)
        query = query.where(key < sa.tuple_(*values) if descending else key > sa.tuple_(*values))
    ordering = [col.desc() if descending else col.asc() for col in order_columns]
    rows = session.scalars(query.order_by(*ordering).limit(per_page + 1)).all()
    return next_page(rows, per_page, [col.key for col in order_columns])


def next_page(rows: Sequence[Any], per_page: int, order_keys) -> Page:
    """The page of `rows`, read with a limit of per_page + 1 in the order of the attributes named
    `order_keys`: the extra row, if any, only tells that another page exists."""
    if len(rows) <= per_page:
        return Page(rows, None)
    rows = rows[:per_page]
    last = rows[-1]
    return Page(rows, encode_cursor(*(getattr(last, key) for key in order_keys)))
