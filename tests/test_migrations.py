"""The schema comes from the migrations alone, and they build exactly what the models describe."""
import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from forum.extensions import db as _db


def test_migrations_from_empty_match_the_models(app, db):
    # The app fixture ran `db upgrade` on an empty database; nothing may differ from the models.
    with warnings.catch_warnings():
        # SQLite cannot reflect expression indexes (lower(username)); PostgreSQL checks them.
        warnings.filterwarnings("ignore", message=".*expression-based index.*")
        with _db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, _db.metadata)
    assert differences == []


def test_case_insensitive_unique_indexes_exist(app, db):
    """Reflection cannot see expression indexes on SQLite, so ask each database directly."""
    import sqlalchemy as sa

    if db.engine.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users'"
    else:
        query = "SELECT indexname FROM pg_indexes WHERE tablename = 'users'"
    names = set(db.session.execute(sa.text(query)).scalars())
    assert {"uq_users_username_lower", "uq_users_email_lower"} <= names


def test_downgrade_to_empty_and_back(tmp_path):
    """Every revision can be undone and redone (on a scratch SQLite database)."""
    from flask_migrate import downgrade, upgrade

    from forum import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade()
        with _db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*expression-based index.*")
                assert compare_metadata(context, _db.metadata) == []


def _revision(name: str):
    """A revision's module, loaded from migrations/versions (not a package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "migrations" / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"revision_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_inbox_revision_gives_earlier_replies_their_parents_author(db, make):
    """0018_inbox, undone and redone inside the test's transaction (rolled back after it): replies written
    before it learn whom they answer, top-level comments answer nobody, and the index is there."""
    import sqlalchemy as sa
    from alembic.operations import Operations

    article, ada, bob = make.article(), make.user(), make.user()
    parent = make.comment(article, author=ada, status="published")
    reply = make.comment(article, author=bob, parent=parent, status="published")
    answer = make.comment(article, author=ada, parent=reply, status="published")
    db.session.flush()
    connection = db.session.connection()
    revision = _revision("0018_inbox")
    with Operations.context(MigrationContext.configure(connection)):
        revision.downgrade()
        revision.upgrade()
    rows = dict(connection.execute(sa.text("SELECT id, parent_author_id FROM comments WHERE id IN (:a, :b, :c)"),
                                   {"a": parent.id, "b": reply.id, "c": answer.id}).all())
    assert rows == {parent.id: None, reply.id: ada.id, answer.id: bob.id}
    indexes = {index["name"]: index["column_names"] for index in sa.inspect(connection).get_indexes("comments")}
    assert indexes[revision.INDEX] == ["parent_author_id", "status", "published_at", "id"]
