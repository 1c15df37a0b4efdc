"""Export the whole site to Parley's JSON format, and restore such an export into an empty database."""
from datetime import datetime, timezone
from typing import TextIO

import sqlalchemy as sa

from forum.actions import tally
from forum.actions.import_accounts import UNUSABLE_PASSWORD
from forum.actions.import_threads import copy_parent_authors
from forum.extensions import db
from forum.interchange import BadFile
from forum.interchange import parley_json
from forum.models import Article


def export_site(out: TextIO, now: datetime | None = None) -> dict[str, int]:
    """Write every article, comment, user (no password hash), reaction, flag and log row to `out`."""
    return parley_json.write(db.session, db.metadata, out, now or datetime.now(timezone.utc))


def _refuse_unless_empty() -> None:
    held = {}
    for name in parley_json.TABLES:
        count = db.session.scalar(sa.select(sa.func.count()).select_from(db.metadata.tables[name]))
        if count:
            held[name] = count
    if held:
        listing = ", ".join(f"{count} {name}" for name, count in held.items())
        raise BadFile(
            f"The database is not empty ({listing}). An export is restored into an empty database only: "
            "point DATABASE_URL at a new database, run `flask --app wsgi db upgrade`, then import again."
        )


def _reset_sequences() -> None:
    """PostgreSQL hands out ids from sequences that explicit ids did not advance: move them past the rows."""
    if db.session.get_bind().dialect.name != "postgresql":
        return  # SQLite takes the next rowid after the largest one
    for name in parley_json.TABLES:
        table = db.metadata.tables[name]
        if "id" not in table.columns or len(table.primary_key.columns) != 1:
            continue
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
        ))


def restore_site(reader: parley_json.Reader) -> dict[str, int]:
    """Insert an export's rows, ids and all, into an empty database; returns the rows inserted per table."""
    _refuse_unless_empty()
    inserted = {name: 0 for name in parley_json.TABLES}
    for name, records in reader.batches():
        table = db.metadata.tables[name]
        rows = [parley_json.from_json(table, record) for record in records]
        if name == "users":
            for row in rows:
                row["password_hash"] = UNUSABLE_PASSWORD
        keys = set().union(*(row.keys() for row in rows))
        # One INSERT with many parameter sets needs the same keys in every row.
        db.session.execute(table.insert(), [{key: row.get(key) for key in keys} for row in rows])
        inserted[name] += len(rows)
    _reset_sequences()
    copy_parent_authors()  # exports made before revision 0018_inbox have none
    short = {name: (reader.counts[name], inserted[name]) for name in reader.counts
             if name in inserted and reader.counts[name] != inserted[name]}
    if short:
        raise BadFile(f"The export is incomplete: rows announced and found differ ({short}).")
    # Who counts for which stance is not exported: it follows from the comments (and an older export's
    # per-comment tally is dropped with its unknown column).
    tally.rebuild(db.session.scalars(sa.select(Article.id)))
    db.session.flush()
    return inserted
