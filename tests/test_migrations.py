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
