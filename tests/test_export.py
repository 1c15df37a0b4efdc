"""`export` writes the whole site as JSON; `import parley` restores it, ids and all, into an empty database."""
import json
import os
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from forum import create_app
from forum.actions.accounts import register_user
from forum.actions.appeals import appeal
from forum.actions.comments import edit_comment, toggle_reaction
from forum.actions.moderation import flag_comment, reject
from forum.actions.restore import export_site, restore_site
from forum.config import TestConfig, normalise_database_url
from forum.extensions import db as _db
from forum.interchange import BadFile, parley_json
from forum.models import Comment, FlagReason, ReactionKind, StanceReader, User
from tests.factories import policy_with


def build_site(make):
    """A small site with a bit of everything the export carries."""
    admin, moderator = make.user("admin"), make.user("moderator")
    ada, bo = make.user(username="ada_exp"), make.user(username="bo_exp")
    article = make.article(question="Can rivals cooperate?", stances=["Yes", "No"], author=admin)
    policy = policy_with(edit_window_minutes=60, auto_slow_posts_per_minute=0)
    top = make.comment(article, status="published", author=ada, body="Yes, on *verification*.")
    reply = make.comment(article, status="published", author=bo, parent=top, body="Verification of what? «Ünïcode»")
    deep = make.comment(article, status="published", author=ada, parent=reply, body="Of compute, say.")
    held = make.comment(article, status="pending", author=bo)
    rejected = make.comment(article, status="published", author=bo, body="A rude remark.")
    reject(moderator, rejected, "Personal attack")
    appeal(bo, rejected, "It was a joke.")
    edit_comment(ada, top, "Yes, on *verification* of compute.", policy, stance_key="yes")
    toggle_reaction(bo, top, ReactionKind.UP, policy)
    flag_comment(ada, reply, FlagReason.OFF_TOPIC, "", policy)
    return {"admin": admin, "top": top, "reply": reply, "deep": deep, "held": held, "rejected": rejected}


def tables_of(session) -> dict:
    """Every exported table's rows, as the export writes them (ids and all)."""
    result = {}
    for name in parley_json.TABLES:
        table = _db.metadata.tables[name]
        columns = parley_json.exported_columns(table)
        rows = session.execute(sa.select(*columns).order_by(*table.primary_key.columns)).all()
        result[name] = [{c.name: parley_json._plain(v) for c, v in zip(columns, row)} for row in rows]
    return result


@contextmanager
def empty_database(dialect: str, tmp_path):
    """A second, empty, migrated database with an application of its own, and the session that goes with it."""
    cleanup = None
    if dialect == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        base = normalise_database_url(os.environ["TEST_DATABASE_URL"])
        schema = f"restore_{uuid.uuid4().hex[:8]}"
        admin_engine = sa.create_engine(base)
        with admin_engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"

        def cleanup():
            with admin_engine.begin() as conn:
                conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
            admin_engine.dispose()
    config = type("RestoreConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": str(tmp_path)})
    other = create_app(config)
    test_session = _db.session
    # The db fixture bound the global session to the test's connection; the other app needs its own.
    _db.session = _db._make_scoped_session({"expire_on_commit": False})
    try:
        with other.app_context():
            upgrade()
            yield other
            _db.session.remove()
            _db.engine.dispose()
    finally:
        _db.session = test_session
        if cleanup:
            cleanup()


def test_export_then_restore_gives_the_same_rows(app, db, make, tmp_path):
    site = build_site(make)
    path = tmp_path / "site.json"
    with open(path, "w", encoding="utf-8") as out:
        counts = export_site(out)
    original = tables_of(db.session)
    assert counts["comments"] == 5 and counts["comment_revisions"] == 1 and counts["reactions"] == 1
    assert counts["flags"] == 1 and counts["appeals"] == 1 and counts["moderation_actions"] >= 2

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "parley-export" and document["version"] == 1
    assert "password_hash" not in path.read_text(encoding="utf-8")
    assert document["counts"] == counts
    # As an export made before revision 0018_inbox: replies without their parent's author, which the
    # restore works out again (the comparison below then covers it).
    for record in document["tables"]["comments"]:
        del record["parent_author_id"]
    path.write_text(json.dumps(document), encoding="utf-8")

    with empty_database(db.engine.dialect.name, tmp_path):
        inserted = restore_site(parley_json.Reader(path))
        _db.session.commit()
        assert inserted == counts
        restored = tables_of(_db.session)
        assert restored == original  # same ids, links, counters, statuses, dates
        # Who counts for which stance is not in the file: the restore works it out from the comments.
        assert _db.session.execute(sa.select(StanceReader.user_id, StanceReader.comment_id)).all() == [
            (site["top"].author_id, site["top"].id)]
        deep = _db.session.get(Comment, site["deep"].id)
        assert (deep.parent_id, deep.root_id, deep.depth) == (site["reply"].id, site["top"].id, 2)
        admin = _db.session.get(User, site["admin"].id)
        assert not admin.check_password("")  # no hashes travel: a restored account needs a new password
        # The id sequences moved past the restored rows: new rows get fresh ids.
        newcomer = register_user("newcomer", "newcomer@example.org", "a long enough passphrase 42")
        assert newcomer.id > max(row["id"] for row in original["users"])
        _db.session.rollback()


def test_restore_refuses_a_database_that_is_not_empty(db, make, tmp_path):
    build_site(make)
    path = tmp_path / "site.json"
    with open(path, "w", encoding="utf-8") as out:
        export_site(out)
    with pytest.raises(BadFile, match="not empty"):
        restore_site(parley_json.Reader(path))


@pytest.mark.parametrize("text, message", [
    ('{"format": "something-else", "version": 1, "tables": {}}', "not a Parley export"),
    ('{"format": "parley-export", "version": 99, "tables": {}}', "version 99"),
    ('{"format": "parley-export", "version": 1, "tables": {"comments": [], "users": []}}', "out-of-order"),
    ('{"format": "parley-export", "version": 1, "tables": {"users": [', "not valid JSON"),
    ("[1, 2, 3]", "not a Parley export"),
])
def test_files_that_are_not_exports_are_refused(tmp_path, text, message):
    path = tmp_path / "odd.json"
    path.write_text(text)
    with pytest.raises(BadFile, match=message):
        list(parley_json.Reader(path).batches())


def test_the_commands(app, db, make, tmp_path):
    build_site(make)
    runner = app.test_cli_runner()
    path = tmp_path / "out.json"
    result = runner.invoke(args=["export", str(path)])
    assert result.exit_code == 0, result.output
    assert "5 comments" in result.output and path.exists()
    assert not (tmp_path / "out.json.partial").exists()
    refused = runner.invoke(args=["import", "parley", str(path)])
    assert refused.exit_code == 1 and "not empty" in refused.output


def test_a_row_the_database_refuses_is_a_clear_error_and_restores_nothing(app, db, make, tmp_path):
    path = tmp_path / "damaged.json"
    with open(path, "w", encoding="utf-8") as out:
        export_site(out)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tables"]["users"] = [{"id": 1}]  # a user with no name or e-mail
    path.write_text(json.dumps(document), encoding="utf-8")
    with empty_database(db.engine.dialect.name, tmp_path) as other:
        result = other.test_cli_runner().invoke(args=["import", "parley", str(path)])
        assert result.exit_code == 1
        assert "the database refused a row, so nothing was imported" in result.output
        assert _db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_set_password_gives_a_restored_account_a_way_in(app, db, make):
    user = make.user()
    user.password_hash = "!"  # as a restore leaves it
    db.session.flush()
    result = app.test_cli_runner().invoke(args=["users", "set-password", user.username,
                                                "--password", "a brand new passphrase 77"])
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert user.check_password("a brand new passphrase 77")
    weak = app.test_cli_runner().invoke(args=["users", "set-password", user.username, "--password", "short"])
    assert weak.exit_code == 1


# Crafted files (issue 11): refused with one line, after bounded memory, with nothing written

def _crafted(tmp_path, users: str) -> "os.PathLike":
    path = tmp_path / "crafted.json"
    path.write_text('{"format": "parley-export", "version": 1, "exported_at": "2026-01-01T00:00:00+00:00", '
                    '"tables": {"users": [' + users + "]}}", encoding="utf-8")
    return path


def test_arrays_nested_in_a_record_are_refused_while_streaming_with_little_memory(tmp_path):
    """5,000 nested arrays (10 KB) took over 60 MB through ijson's prefixes, growing with the square of
    the depth (40 KB: 1.1 GB); the depth is now refused as it streams in."""
    import tracemalloc

    path = _crafted(tmp_path, '{"id": 1, "username": ' + "[" * 5000 + "]" * 5000 + "}")
    tracemalloc.start()
    try:
        with pytest.raises(BadFile, match="nests deeper than"):
            list(parley_json.Reader(path).batches())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"{peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("users, message", [
    ('{"id": 1, "username": "' + "a" * (parley_json.MAX_VALUE_CHARS + 1) + '"}', "characters"),
    ('{"id": 1, ' + ", ".join(f'"k{n}": {n}' for n in range(parley_json.MAX_ROW_EVENTS)) + "}", "more than"),
    ('{"id": ' + "9" * 5000 + "}", "not valid JSON"),
    ('{"id": 2147483648, "username": "big"}', "users: id is not a whole number"),
    ('{"id": "one", "username": "text"}', "users: id is not a whole number"),
    ('{"id": 1, "username": "ada", "created_at": "9999-12-31T23:59:59-12:00"}', "created_at is not a timestamp"),
    ('{"id": 1, "username": "ada", "created_at": 20260101}', "created_at is not a timestamp"),
    ('{"id": 1, "username": "' + "a" * 31 + '"}', "username is longer than 30 characters"),
    ('{"id": 1, "username": "ada", "unclaimed": "yes"}', "unclaimed is not true or false"),
])
def test_a_crafted_or_malformed_export_ends_the_command_with_one_line_and_nothing_written(
        app, db, tmp_path, users, message):
    path = _crafted(tmp_path, users)
    with empty_database(db.engine.dialect.name, tmp_path) as other:
        result = other.test_cli_runner().invoke(args=["import", "parley", str(path)])
        assert result.exit_code == 1, result.output
        assert result.output.strip().count("\n") == 0 and message in result.output, result.output[:300]
        assert _db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_a_timestamp_without_a_zone_is_restored_as_utc(app, db, tmp_path):
    path = _crafted(tmp_path, '{"id": 7, "username": "naive", "email": "naive@example.org", "role": "reader", '
                              '"created_at": "2024-05-06T07:08:09"}')
    with empty_database(db.engine.dialect.name, tmp_path) as other:
        result = other.test_cli_runner().invoke(args=["import", "parley", str(path)])
        assert result.exit_code == 0, result.output
        restored = _db.session.get(User, 7)
        assert restored.created_at.isoformat() == "2024-05-06T07:08:09+00:00"
