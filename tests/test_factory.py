"""The app factory: configuration comes in from outside, never from hidden defaults."""
from forum import create_app
from forum.config import normalise_database_url


def test_config_is_injected():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_no_hard_coded_secret(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app()
    assert app.config["SECRET_KEY"]
    assert len(app.config["SECRET_KEY"]) >= 32
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]  # kept, not regenerated


def test_database_url_spellings():
    assert normalise_database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path):
    import sqlalchemy as sa

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'wal.sqlite3'}"})
    from forum.extensions import db

    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() == 5000
