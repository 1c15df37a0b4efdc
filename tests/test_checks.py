"""`flask check`: configuration problems are reported before a site goes live."""
import pytest

from forum.checks import check_config

GOOD_SECRET = "k" * 40


def severities(config, env):
    return {finding.severity for finding in check_config(config, env)}


def messages(config, env):
    return " ".join(finding.message for finding in check_config(config, env))


def test_a_sound_production_config_has_no_findings():
    config = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/parley", "REDIS_URL": "redis://r",
              "SESSION_COOKIE_SECURE": True, "PROXY_HOPS": 1, "SITE_URL": "https://talk.example"}
    assert check_config(config, {"SECRET_KEY": GOOD_SECRET}) == []


@pytest.mark.parametrize("production_sign", [{"SESSION_COOKIE_SECURE": True},
                                             {"SESSION_COOKIE_SECURE": False, "SITE_URL": "https://talk.example"}])
def test_a_production_site_with_no_proxy_in_front_is_warned(production_sign):
    """Attack report finding 1: two clients sending headers slowly held both sync workers."""
    config = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/parley", "REDIS_URL": "redis://r",
              "PROXY_HOPS": 0, **production_sign}
    [finding] = [f for f in check_config(config, {"SECRET_KEY": GOOD_SECRET}) if "PARLEY_PROXY_HOPS is 0" in f.message]
    assert finding.severity == "warning" and "deploy/haproxy.cfg" in finding.message


def test_a_development_site_is_not_told_to_add_a_proxy():
    config = {"SQLALCHEMY_DATABASE_URI": "sqlite:///x", "PROXY_HOPS": 0, "SITE_URL": "http://localhost:5000"}
    assert "PARLEY_PROXY_HOPS is 0" not in messages(config, {"SECRET_KEY": GOOD_SECRET})


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
