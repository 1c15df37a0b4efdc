"""Flask extensions, created unbound here and bound to the app in create_app."""
import sqlite3

from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from forum import outages

# Named constraints, so that migrations can drop and alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# expire_on_commit off: a view commits once, then renders or redirects with the rows it has;
# reloading every attribute after the commit would cost queries and trip lazy="raise" relationships.
db = SQLAlchemy(
    metadata=MetaData(naming_convention=NAMING_CONVENTION),
    session_options={"expire_on_commit": False},
)
login_manager = LoginManager()
csrf = CSRFProtect()
cache = Cache()  # rendered threads (forum/thread_cache.py); Redis or process memory by config


def actor_key() -> str:
    """Rate limits count per account when signed in, per address otherwise."""
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


# Storage comes from RATELIMIT_STORAGE_URI: Redis when REDIS_URL is set, so every worker and host
# shares the counters; process memory otherwise. When Redis fails, the limiter counts in memory
# (and looks for Redis again now and then) rather than failing the request; an error it meets after
# the view has committed (the headers, a sign-in failure counted afterwards) is logged and dropped,
# never turned into an error page for a change that was made (issue 11).
limiter = Limiter(key_func=actor_key, headers_enabled=True, in_memory_fallback_enabled=True, swallow_errors=True)


def engine_options(config) -> dict:
    """SQLALCHEMY_ENGINE_OPTIONS, with the configured timeouts given to the database's driver."""
    options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
    connect_args = dict(options.get("connect_args", {}))
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    backend = url.get_backend_name()
    if backend == "postgresql":
        settings = (f"-c statement_timeout={round(config['DATABASE_STATEMENT_TIMEOUT'] * 1000)}"
                    f" -c lock_timeout={round(config['DATABASE_LOCK_TIMEOUT'] * 1000)}")
        # Added to the settings the URL may carry (?options=-csearch_path%3D…), which connect_args would replace.
        given = connect_args.get("options") or url.query.get("options") or ""
        connect_args["options"] = f"{given} {settings}".strip()
        connect_args.setdefault("connect_timeout", config["DATABASE_CONNECT_TIMEOUT"])
    elif backend == "sqlite":
        connect_args.setdefault("timeout", config["DATABASE_LOCK_TIMEOUT"])  # the busy timeout
    options["connect_args"] = connect_args
    return options


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record):
    """WAL lets readers go on while one writer writes; the busy timeout (engine_options) waits out short locks."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


@event.listens_for(Engine, "connect")
def _database_reached(_dbapi_connection, _record):
    outages.recovered(outages.DATABASE_DOWN)


@event.listens_for(Session, "after_commit")
def _database_wrote(_session):
    outages.recovered(outages.DATABASE_BUSY)


def close_sessions_quietly(app) -> None:
    """End each request's database session without failing the request when the connection died.

    Flask-SQLAlchemy's own teardown rolls back on close; on a connection the server has just
    terminated that rollback raises, after the response was made, and the reader gets a bare 500
    for a page that had rendered (the fault-injection test saw one). Registered after it, this runs
    first (teardowns run last-registered first) and leaves it nothing to close.
    """
    from sqlalchemy.exc import SQLAlchemyError

    @app.teardown_appcontext
    def _close_session(_error):
        try:
            db.session.remove()
        except SQLAlchemyError as error:
            outages.failed(outages.DATABASE_DOWN, error)
            db.session.registry.clear()  # the pool has already let the dead connection go
