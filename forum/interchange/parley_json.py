"""Parley's own export: every table that holds the site's content and history, as one JSON document.

{"format": "parley-export", "version": 1, "exported_at": …, "tables": {"users": [{…}, …], …}, "counts": {…}}

Written row by row and read back as a stream (ijson), so neither side holds a whole table in memory.
Tables come in an order where every row's references come before it, so a reader can insert as it goes.
Users are written without their password hashes: a restored account signs in after a password reset.
"""
import json
from collections.abc import Iterator
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TextIO

import ijson
import sqlalchemy as sa
from ijson.common import ObjectBuilder

from forum.interchange import BadFile
from forum.models.base import UTCDateTime

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


def from_json(table: sa.Table, record: dict) -> dict:
    """A row as the database takes it: timestamps and enums back from their JSON form; unknown keys dropped."""
    row = {}
    for column in table.columns:
        if column.name not in record:
            continue
        value = record[column.name]
        if value is not None and isinstance(column.type, UTCDateTime):
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise BadFile(f"{table.name}: {column.name} is not a timestamp: {value!r}.") from None
        elif value is not None and isinstance(column.type, sa.Enum) and column.type.enum_class is not None:
            try:
                value = column.type.enum_class(value)
            except ValueError:
                raise BadFile(f"{table.name}: {column.name} has an unknown value {value!r}.") from None
        row[column.name] = value
    return row


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
                yield from self._batches(ijson.parse(handle, use_float=True))
        except ijson.JSONError as exc:
            raise BadFile(f"The file is not valid JSON: {exc}.") from None
        except OSError as exc:
            raise BadFile(f"The file cannot be read: {exc}.") from None

    def _batches(self, events) -> Iterator[tuple[str, list[dict]]]:
        table, builder, batch, order = None, None, [], list(TABLES)
        for prefix, event, value in events:
            if builder is not None:
                builder.event(event, value)
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
                builder = ObjectBuilder()
                builder.event(event, value)
            elif prefix == f"tables.{table}" and event == "end_array" and batch:
                yield table, batch
                batch = []
            elif prefix.startswith("counts.") and event == "number":
                self.counts[prefix.split(".", 1)[1]] = value
        if not self.header:
            raise BadFile("This is not a Parley export: it has no \"format\" and \"version\".")
