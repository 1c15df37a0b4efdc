"""Parley's own export: every table that holds the site's content and history, as one JSON document.

{"format": "parley-export", "version": 1, "exported_at": …, "tables": {"users": [{…}, …], …}, "counts": {…}}

Written row by row and read back as a stream (ijson), so neither side holds a whole table in memory.
Tables come in an order where every row's references come before it, so a reader can insert as it goes.
Users are written without their password hashes: a restored account signs in after a password reset.
"""
import json
import math
from collections.abc import Iterator
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TextIO

import ijson
import sqlalchemy as sa
from ijson.common import ObjectBuilder

from forum.interchange import BadFile
from forum.models.base import INTEGER_RANGE, UTCDateTime, parse_utc

FORMAT = "parley-export"
VERSION = 1
# Parents before children. API tokens are left out: they are secrets, and their owners make new ones.
TABLES = (
    "users", "site_policy", "articles", "article_stances", "comments", "comment_revisions", "reactions",
    "flags", "moderation_actions", "mod_notes", "warnings", "appeals",
)
LEFT_OUT_COLUMNS = {"users": {"password_hash"}}
FETCH_ROWS = 1000  # rows per round trip while exporting
BATCH_ROWS = 1000  # rows per INSERT while restoring
# Bounds on what a file may hold, checked while it streams in, so that a crafted file is refused after
# a bounded amount of memory (issue 11: arrays nested in a user record grew memory with the square of
# their depth, 1.1 GB for 40 KB). An export nests 7 deep at most: the document, "tables", a table, a
# row, and a log row's details with a list in them.
MAX_DEPTH = 10
MAX_VALUE_CHARS = 2_000_000  # ten times the longest article body; a string or number longer is refused
MAX_ROW_EVENTS = 10_000  # keys, values and brackets in one row: a row has a few dozen


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def exported_columns(table: sa.Table) -> list[sa.Column]:
    """The columns of `table` an export carries: all but secrets."""
    return [c for c in table.columns if c.name not in LEFT_OUT_COLUMNS.get(table.name, set())]


def write(session, metadata: sa.MetaData, out: TextIO, now: datetime) -> dict[str, int]:
    """Write the whole export to `out`; returns the rows written per table."""
    counts: dict[str, int] = {}
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "exported_at": now.isoformat()})[:-1])
    out.write(', "tables": {')
    for index, name in enumerate(TABLES):
        table = metadata.tables[name]
        columns = exported_columns(table)
        out.write(("," if index else "") + f"\n{json.dumps(name)}: [")
        rows = session.execute(
            sa.select(*columns).order_by(*table.primary_key.columns).execution_options(yield_per=FETCH_ROWS)
        )
        written = 0
        for row in rows:
            record = {column.name: _plain(value) for column, value in zip(columns, row)}
            out.write(("," if written else "") + "\n" + json.dumps(record, ensure_ascii=False))
            written += 1
        out.write("\n]")
        counts[name] = written
    out.write("\n}, " + json.dumps({"counts": counts})[1:] + "\n")
    return counts


def _column_value(column: sa.Column, value):
    """`value` from the file as `column` stores it; ValueError saying what is wrong otherwise."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        try:
            return parse_utc(value)
        except (TypeError, ValueError):
            raise ValueError("is not a timestamp (ISO 8601, in the years 1 to 9999)") from None
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise ValueError("is not true or false")
    elif isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int) or value not in INTEGER_RANGE:
            raise ValueError(f"is not a whole number from {INTEGER_RANGE.start} to {INTEGER_RANGE.stop - 1}")
    elif isinstance(kind, sa.Float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError("is not a number")
    elif isinstance(kind, sa.String):  # Text too
        if not isinstance(value, str):
            raise ValueError("is not text")
        if kind.length is not None and len(value) > kind.length:
            raise ValueError(f"is longer than {kind.length} characters")
    return value


def from_json(table: sa.Table, record: dict) -> dict:
    """A row as the database takes it, each value checked against its column's type and width:
    timestamps and enums back from their JSON form; unknown keys dropped."""
    row = {}
    for column in table.columns:
        if column.name not in record:
            continue
        value = record[column.name]
        if value is not None:
            try:
                value = _column_value(column, value)
            except ValueError as exc:
                shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
                raise BadFile(f"{table.name}: {column.name} {exc}: {shown}.") from None
        row[column.name] = value
    return row


def _bounded(events) -> Iterator[tuple[str, str, object]]:
    """ijson's (prefix, event, value) from its basic events, refusing a file past MAX_DEPTH or with a
    value past MAX_VALUE_CHARS as soon as the event arrives.

    ijson's own parse() writes every event's full prefix, whose length grows with the depth: the
    prefixes are worked out here instead, once the depth is known to be small."""
    path: list[str] = []
    for event, value in events:
        if event == "map_key":
            path[-1] = value
            prefix = ".".join(path[:-1])
        elif event in ("start_map", "start_array"):
            if len(path) >= MAX_DEPTH:
                raise BadFile(f"The file nests deeper than {MAX_DEPTH} levels; a Parley export never does.")
            prefix = ".".join(path)
            path.append("" if event == "start_map" else "item")
        elif event in ("end_map", "end_array"):
            path.pop()
            prefix = ".".join(path)
        else:
            prefix = ".".join(path)
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise BadFile(f"{prefix or 'The file'} holds a value of {len(value):,} characters; "
                          f"an export's are {MAX_VALUE_CHARS:,} at most.")
        yield prefix, event, value


class Reader:
    """Stream (table name, batch of records) pairs out of an export; `counts` holds its totals once read."""

    def __init__(self, path: Path | str):
        self.path = path
        self.header: dict = {}
        self.counts: dict[str, int] = {}

    def _check_header(self) -> None:
        if self.header.get("format") != FORMAT:
            raise BadFile(f"This is not a Parley export: its \"format\" is not {FORMAT!r}.")
        if self.header.get("version") != VERSION:
            raise BadFile(f"This export has format version {self.header.get('version')!r}; "
                          f"this Parley reads version {VERSION}.")

    def batches(self) -> Iterator[tuple[str, list[dict]]]:
        """(table, records) in file order, BATCH_ROWS records at most at a time."""
        try:
            with open(self.path, "rb") as handle:
                yield from self._batches(_bounded(ijson.basic_parse(handle, use_float=True)))
        except BadFile:
            raise
        except (ijson.JSONError, ValueError) as exc:  # ValueError: a number past Python's 4,300 digits
            raise BadFile(f"The file is not valid JSON: {exc}.") from None
        except OSError as exc:
            raise BadFile(f"The file cannot be read: {exc}.") from None

    def _batches(self, events) -> Iterator[tuple[str, list[dict]]]:
        table, builder, batch, order, row_events = None, None, [], list(TABLES), 0
        for prefix, event, value in events:
            if builder is not None:
                builder.event(event, value)
                row_events += 1
                if row_events > MAX_ROW_EVENTS:
                    raise BadFile(f"{table}: a row holds more than {MAX_ROW_EVENTS:,} values; an export's hold a few dozen.")
                if event == "end_map" and prefix == f"tables.{table}.item":
                    batch.append(builder.value)
                    builder = None
                    if len(batch) >= BATCH_ROWS:
                        yield table, batch
                        batch = []
            elif prefix in ("format", "version", "exported_at"):
                self.header[prefix] = value
            elif prefix == "tables" and event == "start_map":
                self._check_header()
            elif prefix == "tables" and event == "map_key":
                if value not in order:
                    raise BadFile(f"Unknown or out-of-order table {value!r}; expected one of {order}.")
                order = order[order.index(value) + 1:]
                table = value
            elif prefix == f"tables.{table}.item" and event == "start_map":
                builder, row_events = ObjectBuilder(), 0
                builder.event(event, value)
            elif prefix == f"tables.{table}" and event == "end_array" and batch:
                yield table, batch
                batch = []
            elif prefix.startswith("counts.") and event == "number":
                self.counts[prefix.split(".", 1)[1]] = value
        if not self.header:
            raise BadFile("This is not a Parley export: it has no \"format\" and \"version\".")
