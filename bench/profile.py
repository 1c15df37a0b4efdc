"""Profile one page in process, on the benchmark's small data set: where a request's time goes.

    python -m bench.profile signed-in|visitor|uncached|post [--requests 200] [--cprofile] [--postgresql] [--trace]
    valgrind --tool=callgrind --instr-atstart=no python -m bench.profile signed-in --requests 20 --callgrind

Wall-clock figures on a shared machine move with the neighbours' load; this prints CPU time per
request (the least of five rounds), and under callgrind counts instructions for the measured requests
alone (callgrind_annotate's total, divided by --requests), which does not move at all. The data set
(SQLite, bench/dataset.py build_small) is built once into bench/.data/profile.sqlite and copied for
each run, since posting changes it. With --postgresql the data set is built afresh in BENCH_POSTGRES_URL
with the cache in BENCH_REDIS_URL (as bench/run.py does), so that round trips cost what they cost there;
--trace prints one request's SQL statements and Redis round trips, each with its wall time.
"""
import argparse
import atexit
import cProfile
import os
import pstats
import re
import shutil
import subprocess
import sys
import time

from bench.run import DATA_DIR, SECRET_KEY, build_app, fresh_database

SOURCE = DATA_DIR / "profile.sqlite"
PAGES = ("signed-in", "visitor", "uncached", "post")


def _database() -> str:
    """A fresh copy of the profile data set, removed when this process ends."""
    if not SOURCE.exists():
        from bench.dataset import build_small
        from forum.extensions import db

        DATA_DIR.mkdir(exist_ok=True)
        building = SOURCE.with_suffix(".building")
        building.unlink(missing_ok=True)
        app = build_app(f"sqlite:///{building}", None)
        with app.app_context():
            build_small(db.session)
            db.engine.dispose()
        building.rename(SOURCE)
    copy = SOURCE.with_name(f"profile.{os.getpid()}.sqlite")
    shutil.copy(SOURCE, copy)
    atexit.register(lambda: [copy.with_name(copy.name + suffix).unlink(missing_ok=True) for suffix in ("", "-wal", "-shm")])
    return f"sqlite:///{copy}"


def _postgresql() -> tuple[str, str]:
    """(database URL, Redis URL): a copy of the small data set, which is built once into the database
    BENCH_POSTGRES_URL names with "_profile" added (and copied from it as a template); Redis emptied."""
    import redis
    import sqlalchemy as sa

    from bench.dataset import build_small
    from forum.extensions import db

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    url = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/parley_bench")
    url = url.replace("postgresql://", "postgresql+psycopg://", 1) + "_profile"
    server_url, template = url.rsplit("/", 1)
    server = sa.create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        built = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": template})
    if not built:
        os.environ["BENCH_POSTGRES_URL"] = url
        app = build_app(fresh_database("postgresql"), redis_url)
        with app.app_context():
            build_small(db.session)
            db.engine.dispose()
    with server.connect() as connection:
        # The build's own pool (migrations, data set) may still hold a connection to the template.
        connection.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                           {"name": template})
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{template}_run" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{template}_run" TEMPLATE "{template}"'))
    server.dispose()
    redis.Redis.from_url(redis_url).flushdb()
    return f"{url}_run", redis_url


def _request(page: str, postgresql: bool = False):
    """A function that makes one request of `page`, the app warmed up (scorer loaded, caches filled)."""
    from bench.dataset import PASSWORD, POSTER, POSTING_SLUG, READER, THREAD_SLUG
    from forum import create_app
    from forum.moderation.classifier import default_classifier
    from forum.moderation.scorer import default_scorer

    config = {"SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False, "THREAD_CACHE": page != "uncached"}
    if postgresql:
        url, redis_url = _postgresql()
        config.update(SQLALCHEMY_DATABASE_URI=url, REDIS_URL=redis_url, CACHE_TYPE="RedisCache",
                      CACHE_REDIS_URL=redis_url)
    else:
        config["SQLALCHEMY_DATABASE_URI"] = _database()
    app = create_app(config)
    default_scorer().score("warm up")
    default_classifier().load()
    client = app.test_client()
    user = {"signed-in": READER, "post": POSTER}.get(page)
    if user:
        token = _csrf_token(client.get("/auth/login").get_data(as_text=True))
        client.post("/auth/login", data={"login": user, "password": PASSWORD, "csrf_token": token})
    if page == "post":
        token = _csrf_token(client.get(f"/articles/{POSTING_SLUG}").get_data(as_text=True))
        serial = iter(range(10**9))
        # Every post sends the same session cookie, as wrk does (bench/wrk/post.lua): kept, the cookie would
        # gather one unread "published" message per post, and writing it would cost more with each.
        session = client.get_cookie("session").value

        def request():
            client.set_cookie("session", session)
            body = f"A comment the profile posts, number {next(serial)}, in plain words."  # no digits run: a phone number
            response = client.post(f"/articles/{POSTING_SLUG}/comments",
                                   data={"csrf_token": token, "post": "1", "body": body})
            assert response.status_code == 302, response.status_code
    else:
        def request():
            assert client.get(f"/articles/{THREAD_SLUG}").status_code == 200
    for _ in range(5):
        request()
    request.app = app
    return request


def _csrf_token(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def _trace(request) -> None:
    """Make one request and print, in order, each SQL statement, commit and Redis round trip with its wall
    time in milliseconds, then the totals and the request's own wall time."""
    import redis.client
    import sqlalchemy as sa
    from flask import current_app

    from forum.extensions import db

    events = []

    def timed(kind, describe, call):
        def wrapper(*args, **kwargs):
            what = describe(*args) if describe else "pipeline: " + ", ".join(  # a pipeline empties as it runs
                " ".join(str(part) for part in command[0][:2]) for command in args[0].command_stack)
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                events.append((kind, (time.perf_counter() - started) * 1000, what, started))
        return wrapper

    def sql_started(_conn, _cursor, statement, _parameters, context, _executemany):
        context._trace_started = time.perf_counter()

    def sql_ended(_conn, _cursor, statement, _parameters, context, _executemany):
        events.append(("sql", (time.perf_counter() - context._trace_started) * 1000, " ".join(statement.split()),
                       context._trace_started))

    with request.app.app_context():
        engine = db.engine
    dialect = engine.dialect
    patches = [(dialect, "do_commit", timed("commit", lambda *a: "COMMIT", dialect.do_commit)),
               (dialect, "do_rollback", timed("rollback", lambda *a: "ROLLBACK (pool reset)", dialect.do_rollback)),
               (dialect, "do_ping", timed("ping", lambda *a: "pre-ping", dialect.do_ping)),
               (redis.client.Redis, "execute_command",
                timed("redis", lambda self, *a, **k: " ".join(str(x) for x in a)[:90], redis.client.Redis.execute_command)),
               (redis.client.Pipeline, "execute",
                timed("redis", None, redis.client.Pipeline.execute))]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, wrapper in patches:
        setattr(owner, name, wrapper)
    sa.event.listen(engine, "before_cursor_execute", sql_started)
    sa.event.listen(engine, "after_cursor_execute", sql_ended)
    started = time.perf_counter()
    try:
        request()
    finally:
        wall = (time.perf_counter() - started) * 1000
        sa.event.remove(engine, "before_cursor_execute", sql_started)
        sa.event.remove(engine, "after_cursor_execute", sql_ended)
        for owner, name, original in originals:
            setattr(owner, name, original)
    print("   at ms    took ms")
    for kind, ms, what, at in events:
        print(f"{(at - started) * 1000:8.2f} {ms:8.2f}  {kind:8} {what[:140]}")
    for kind in dict.fromkeys(kind for kind, _, _, _ in events):
        mine = [ms for k, ms, _, _ in events if k == kind]
        print(f"{kind}: {len(mine)} round trips, {sum(mine):.2f} ms")
    print(f"the request: {wall:.2f} ms of wall time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=PAGES)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cprofile", action="store_true", help="print the functions that take the most time")
    parser.add_argument("--callgrind", action="store_true", help="count instructions of the requests alone")
    parser.add_argument("--postgresql", action="store_true",
                        help="PostgreSQL (BENCH_POSTGRES_URL) and Redis (BENCH_REDIS_URL) instead of SQLite")
    parser.add_argument("--trace", action="store_true", help="print one request's statements and round trips")
    args = parser.parse_args()
    import logging

    logging.disable(logging.INFO)  # every post logs a line
    if args.postgresql:  # before the app's config is imported: rate limits, cache and mail read it there
        os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    request = _request(args.page, args.postgresql)
    if args.trace:
        _trace(request)
        return 0
    if args.callgrind:
        subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True)
        for _ in range(args.requests):
            request()
        subprocess.run(["callgrind_control", "--instr=off", str(os.getpid())], check=True, capture_output=True)
        return 0
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(max(1, args.requests // 5)):
            request()
        rounds.append((time.process_time() - started) / max(1, args.requests // 5) * 1000)
    print(f"{args.page}: {min(rounds):.2f} ms of CPU per request (least of 5 rounds; median {sorted(rounds)[2]:.2f})")
    if args.cprofile:
        profile = cProfile.Profile(time.process_time)  # CPU time: waits on the database are the trace's
        profile.runcall(lambda: [request() for _ in range(args.requests)])
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
