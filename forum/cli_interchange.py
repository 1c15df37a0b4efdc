"""Command-line import and export: flask --app wsgi import disqus|wordpress|parley FILE · export FILE."""
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup, with_appcontext

from forum.actions.imports import import_export
from forum.actions.restore import export_site, restore_site
from forum.extensions import cache, db
from forum.interchange import BadFile, disqus, parley_json, wordpress

import_cli = AppGroup("import", help="Bring threads, authors and comments from Disqus, WordPress or a Parley export.")
FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _refused(path: Path, exc: Exception) -> click.ClickException:
    """A file the importer or the database would not take, said in one line; nothing was written."""
    db.session.rollback()
    if isinstance(exc, sa.exc.StatementError):  # the database's refusal, or a value its driver could not send
        reason = " ".join(str(exc.orig).split())  # the drivers' messages run over several lines
        return click.ClickException(f"{path}: the database refused a row, so nothing was imported: {reason}")
    return click.ClickException(f"{path}: {' '.join(str(exc).split())}")


def _import_comments(read, path: Path) -> None:
    try:
        counts = import_export(read(path))
    except (BadFile, sa.exc.StatementError) as exc:
        raise _refused(path, exc) from None
    db.session.commit()
    for line in counts.lines():
        click.echo(line)


@import_cli.command("disqus")
@click.argument("path", type=FILE)
def import_disqus(path):
    """Import a Disqus XML export; running it again adds nothing."""
    _import_comments(disqus.read, path)


@import_cli.command("wordpress")
@click.argument("path", type=FILE)
def import_wordpress(path):
    """Import a WordPress export (WXR); running it again adds nothing."""
    _import_comments(wordpress.read, path)


@import_cli.command("parley")
@click.argument("path", type=FILE)
def import_parley(path):
    """Restore a Parley export (from `export`) into an empty database."""
    try:
        inserted = restore_site(parley_json.Reader(path))
    except (BadFile, sa.exc.StatementError) as exc:
        raise _refused(path, exc) from None
    db.session.commit()
    # Restored threads start again at the versions they had when exported: pages cached from the
    # database that was replaced could otherwise match them.
    cache.clear()
    click.echo("Restored: " + ", ".join(f"{count} {name}" for name, count in inserted.items()))
    click.echo("Accounts have no passwords yet (exports never carry them): set one with "
               "`flask --app wsgi users set-password USERNAME`.")


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export_command(path):
    """Write the whole site (no password hashes) to PATH as Parley's JSON export."""
    partial = path.with_name(path.name + ".partial")
    # Written aside and renamed when complete, so a failed run never leaves a file that looks whole.
    with open(partial, "w", encoding="utf-8") as out:
        counts = export_site(out)
    partial.replace(path)
    click.echo(f"Wrote {path}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
