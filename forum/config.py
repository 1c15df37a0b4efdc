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
    # How long one statement may run, and wait for a lock, before it fails and the request is answered
    # 503 with Retry-After: well below gunicorn's 30-second worker timeout, so that a table locked by
    # hand or a runaway query costs a few answers, not every worker. SQLite waits for its write lock as
    # long as for any other lock. 0 lifts a limit (PostgreSQL), e.g. for a long maintenance command.
    DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("PARLEY_DB_STATEMENT_TIMEOUT", "10"))  # seconds
    DATABASE_LOCK_TIMEOUT = float(os.environ.get("PARLEY_DB_LOCK_TIMEOUT", "5"))  # seconds
    DATABASE_CONNECT_TIMEOUT = 5  # seconds to reach PostgreSQL; an unreachable host must not hang a worker
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # A Redis that stops answering costs each request at most this long, then the request goes on
    # without it (counters in memory, threads rendered): Redis helps, it is never required.
    REDIS_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1} if REDIS_URL else {}  # seconds

    # Rate limits (Flask-Limiter syntax). Counters live in Redis when REDIS_URL is set; while Redis
    # is down each worker counts in its own memory (a looser limit, not an error page).
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_STORAGE_OPTIONS = REDIS_TIMEOUTS
    RATELIMIT_KEY_PREFIX = "parley"
    # Off only for load tests that must measure the app, not the limiter (PARLEY_RATELIMIT=0).
    RATELIMIT_ENABLED = os.environ.get("PARLEY_RATELIMIT", "1") == "1"
    RATELIMIT_LOGIN_PER_ADDRESS = "20 per 15 minutes"  # failed sign-ins from one address, any account
    # (Failed sign-ins per account slow that account down instead: forum/actions/sessions.py.) A browser
    # that signed in to the account before (its device cookie) passes the address's limit, and has its own:
    RATELIMIT_LOGIN_PER_DEVICE = "10 per 15 minutes"
    RATELIMIT_REGISTER = "5 per hour"  # accounts created per address
    RATELIMIT_REGISTER_ATTEMPTS = "30 per hour"  # failed sign-up forms per address (typos are normal)
    RATELIMIT_PASSWORD = "5 per 15 minutes"  # wrong current passwords, per account
    # Every password check, right or wrong, costs a worker about 0.4 s of scrypt: a loop of sign-ins to
    # one's own account would otherwise keep the workers busy (outside test, finding 2). Counted on every
    # form that checks a password (sign-in, password change, account deletion), before the check. An office
    # behind one address signs in a few dozen times a quarter of an hour; a person, a few times.
    RATELIMIT_PASSWORD_CHECKS_PER_ADDRESS = "60 per 15 minutes"
    RATELIMIT_PASSWORD_CHECKS_PER_ACCOUNT = "10 per 15 minutes"
    RATELIMIT_POST = "10 per minute"  # comments and replies, per account
    RATELIMIT_EDIT = "20 per minute"
    # Live previews while typing (the page waits for a pause before asking): a preview of a long text
    # costs up to half a second of rendering, so an unlimited stream of them would occupy a worker.
    RATELIMIT_PREVIEW = "30 per minute"
    RATELIMIT_REACT = "60 per minute"
    # Flags per account, on the pages and the API together (one bucket): enough for a reader going through
    # a heated thread, not for flagging the whole site.
    RATELIMIT_FLAG = "10 per 10 minutes; 30 per day"
    # New external stories (threads of pages embedding Parley) per address: anyone can make up
    # addresses on an allowed site, and each would become a thread. Viewing existing ones is not limited.
    RATELIMIT_EMBED_STORY = "30 per hour"
    # Rendered threads for readers, shared by every worker and host through Redis when it is set,
    # kept in each worker's memory otherwise. Entries are keyed by the thread's version, so a change
    # never waits for a timeout to show; the timeout only bounds how long unused pages take memory.
    THREAD_CACHE = os.environ.get("PARLEY_THREAD_CACHE", "1") == "1"
    # A Redis of its own for the cache may evict (allkeys-lru); the one at REDIS_URL must not (README).
    CACHE_REDIS_URL = os.environ.get("PARLEY_CACHE_REDIS_URL") or REDIS_URL
    CACHE_TYPE = "RedisCache" if CACHE_REDIS_URL else "SimpleCache"
    CACHE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1} if CACHE_REDIS_URL else {}  # seconds
    CACHE_KEY_PREFIX = "parley:"
    CACHE_DEFAULT_TIMEOUT = 60 * 60  # seconds
    CACHE_THRESHOLD = 500  # entries per worker for the in-memory cache
    # Whole visitor pages kept by each worker (forum/fast_path.py), the most used ones, a few tens of
    # kilobytes each: all there is without Redis; with it, a copy that spares fetching the page again.
    VISITOR_CACHE_ENTRIES = 200
    # Rendered comments (each top-level one with its replies) kept by each worker, in characters of
    # HTML: a page for everyone alike is then joined from them (forum/fragments.py). 0 turns it off.
    FRAGMENT_CACHE_CHARS = int(os.environ.get("PARLEY_FRAGMENT_CACHE_CHARS", str(8_000_000)))
    # How many reverse proxies (nginx, a load balancer) stand in front of Parley and add themselves to
    # X-Forwarded-For. Rate limits and sign-in checks key on the client's address: behind a proxy
    # with this left at 0 every client looks like the proxy and shares one bucket. Never set it
    # higher than the real number, or clients could choose their own address.
    PROXY_HOPS = int(os.environ.get("PARLEY_PROXY_HOPS", "0") or 0)
    # Security headers: HSTS and Secure cookies only make sense behind HTTPS.
    FORCE_HTTPS = os.environ.get("PARLEY_FORCE_HTTPS") == "1"

    # Sessions are signed cookies: any host behind the load balancer can serve any request.
    SESSION_COOKIE_HTTPONLY = True
    # A thread embedded on another site (another registrable domain) is a third-party frame: browsers
    # send it the session only when the cookie is SameSite=None, which they accept only with Secure.
    # Same-site embeds (comments.example.org in www.example.org) need neither; see README.
    EMBED_COOKIES = os.environ.get("PARLEY_EMBED_COOKIES") == "1"
    SESSION_COOKIE_SAMESITE = "None" if EMBED_COOKIES else "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("PARLEY_SECURE_COOKIES") == "1" or EMBED_COOKIES
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
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
    # The address links in e-mail point to (the digest runs from cron, outside any request).
    SITE_URL = os.environ.get("PARLEY_URL") or None

    # E-mail over SMTP. Without MAIL_SERVER nothing is sent (logged once). Mail waits in the outbox table;
    # with REDIS_URL a worker (flask --app wsgi mail worker) sends it, otherwise it goes after the response.
    MAIL_SERVER = os.environ.get("PARLEY_MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("PARLEY_MAIL_PORT", "587"))
    MAIL_USE_TLS = os.environ.get("PARLEY_MAIL_USE_TLS", "1") == "1"  # STARTTLS on the plain port
    MAIL_USE_SSL = os.environ.get("PARLEY_MAIL_USE_SSL") == "1"  # TLS from the first byte (port 465)
    MAIL_USERNAME = os.environ.get("PARLEY_MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("PARLEY_MAIL_PASSWORD") or None
    MAIL_FROM = os.environ.get("PARLEY_MAIL_FROM", "Parley <parley@localhost>")
    MAIL_TIMEOUT = 10  # seconds to wait on the SMTP server before giving up on a message
    MAIL_QUEUE = "parley-mail"  # the Redis key through which web processes wake the mail worker


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # the test fixtures always set their own
    SERVER_NAME = "localhost"
    RATELIMIT_ENABLED = False
    MAIL_SERVER = None  # tests that send mail point it at their own SMTP server
    SITE_URL = None
