"""Configuration read from the environment, with a TestConfig for the test suite."""
import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def normalise_database_url(url: str) -> str:
    """Accept the URL spellings hosts hand out and name the driver we ship (psycopg 3)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def default_database_url() -> str:
    INSTANCE_DIR.mkdir(exist_ok=True)
    return f"sqlite:///{INSTANCE_DIR / 'parley.sqlite3'}"


def instance_secret_key() -> str:
    """A key generated on first start and kept in instance/, so sessions survive restarts.

    There is deliberately no hard-coded fallback: a default secret is how sessions get forged.
    """
    INSTANCE_DIR.mkdir(exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        # O_EXCL: when several workers start at once, exactly one writes the key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY") or None  # filled in by create_app when absent
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL") or default_database_url()
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL") or None

    # Rate limits (Flask-Limiter syntax). Counters live in Redis when REDIS_URL is set.
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_KEY_PREFIX = "parley"
    # Off only for load tests that must measure the app, not the limiter (PARLEY_RATELIMIT=0).
    RATELIMIT_ENABLED = os.environ.get("PARLEY_RATELIMIT", "1") == "1"
    RATELIMIT_LOGIN_PER_ACCOUNT = "5 per 15 minutes"  # failed sign-ins for one account, from anywhere
    RATELIMIT_LOGIN_PER_ADDRESS = "20 per 15 minutes"  # failed sign-ins from one address, any account
    RATELIMIT_REGISTER = "5 per hour"  # accounts created per address
    RATELIMIT_REGISTER_ATTEMPTS = "30 per hour"  # failed sign-up forms per address (typos are normal)
    RATELIMIT_PASSWORD = "5 per 15 minutes"  # wrong current passwords, per account
    RATELIMIT_POST = "10 per minute"  # comments and replies, per account
    RATELIMIT_EDIT = "20 per minute"
    RATELIMIT_REACT = "60 per minute"
    RATELIMIT_FLAG = "20 per hour"
    # Security headers: HSTS and Secure cookies only make sense behind HTTPS.
    FORCE_HTTPS = os.environ.get("PARLEY_FORCE_HTTPS") == "1"

    # Sessions are signed cookies: any host behind the load balancer can serve any request.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("PARLEY_SECURE_COOKIES") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30  # seconds: a month

    # 1 MiB is ten times the longest article we have seen; larger bodies get a 413.
    MAX_CONTENT_LENGTH = 1024 * 1024

    INSTANCE_DIR = str(INSTANCE_DIR)  # the demo's credentials file lives here
    # How often an open thread asks whether new comments exist; the browser test sets it low.
    THREAD_POLL_SECONDS = int(os.environ.get("PARLEY_THREAD_POLL_SECONDS", "30"))
    ARTICLES_PER_PAGE = 10
    USERS_PER_PAGE = 50
    SITE_NAME = os.environ.get("PARLEY_SITE_NAME", "Parley")


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # the test fixtures always set their own
    SERVER_NAME = "localhost"
    RATELIMIT_ENABLED = False
