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
    import sqlalchemy as sa

    indexes = {ix["name"] for ix in sa.inspect(db.session.connection()).get_indexes("users")}
    if db.engine.dialect.name == "postgresql":
        assert {"uq_users_username_lower", "uq_users_email_lower"} <= indexes
