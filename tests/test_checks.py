"""`flask check`: configuration problems are reported before a site goes live."""
from forum.checks import check_config

GOOD_SECRET = "k" * 40


def severities(config, env):
    return {finding.severity for finding in check_config(config, env)}


def messages(config, env):
    return " ".join(finding.message for finding in check_config(config, env))


def test_a_sound_production_config_has_no_findings():
    config = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/parley", "REDIS_URL": "redis://r",
              "SESSION_COOKIE_SECURE": True}
    assert check_config(config, {"SECRET_KEY": GOOD_SECRET}) == []


def test_debug_is_an_error():
    assert "error" in severities({"DEBUG": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}, {"SECRET_KEY": GOOD_SECRET})


def test_missing_or_short_secret():
    postgres = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/p", "REDIS_URL": "redis://r", "SESSION_COOKIE_SECURE": True}
    assert "SECRET_KEY is not set" in messages(postgres, {})
    assert "error" in severities(postgres, {})
    assert "shorter than 32" in messages(postgres, {"SECRET_KEY": "short"})


def test_sqlite_on_several_hosts_is_an_error():
    config = {"SQLALCHEMY_DATABASE_URI": "sqlite:///x", "REDIS_URL": "redis://r", "SESSION_COOKIE_SECURE": True}
    assert "SQLite with REDIS_URL" in messages(config, {"SECRET_KEY": GOOD_SECRET})


def test_cli_exits_non_zero_on_errors(app, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    result = app.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 1
    assert "Debug mode is on" in result.output
