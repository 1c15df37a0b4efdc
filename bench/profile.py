"""Profile one page in process, on the benchmark's small data set: where a request's time goes.

    python -m bench.profile signed-in|visitor|uncached|post [--requests 200] [--cprofile]
    valgrind --tool=callgrind --instr-atstart=no python -m bench.profile signed-in --requests 20 --callgrind

Wall-clock figures on a shared machine move with the neighbours' load; this prints CPU time per
request (the least of five rounds), and under callgrind counts instructions for the measured requests
alone (callgrind_annotate's total, divided by --requests), which does not move at all. The data set
(SQLite, bench/dataset.py build_small) is built once into bench/.data/profile.sqlite and copied for
each run, since posting changes it.

PROFILE_DATABASE_URL (a PostgreSQL URL, say) profiles on that database instead, used in place and given
the small data set on first use; PROFILE_REDIS_URL puts the cache in that Redis, as a site of several
hosts has it.
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

from bench.run import DATA_DIR, SECRET_KEY, build_app

SOURCE = DATA_DIR / "profile.sqlite"
PAGES = ("signed-in", "visitor", "uncached", "post")


def _database() -> str:
    """A fresh copy of the profile data set, removed when this process ends (or PROFILE_DATABASE_URL)."""
    if os.environ.get("PROFILE_DATABASE_URL"):
        return _database_in_place(os.environ["PROFILE_DATABASE_URL"])
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


def _database_in_place(url: str) -> str:
    """`url` (postgresql:// means psycopg 3), migrated and given the small data set unless it has it."""
    import sqlalchemy as sa

    from bench.dataset import THREAD_SLUG, build_small
    from forum.extensions import db
    from forum.models import Article

    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    app = build_app(url, None)
    with app.app_context():
        if db.session.scalar(sa.select(Article.id).where(Article.slug == THREAD_SLUG)) is None:
            build_small(db.session)
        db.engine.dispose()
    return url


def _request(page: str):
    """A function that makes one request of `page`, the app warmed up (scorer loaded, caches filled)."""
    from bench.dataset import PASSWORD, POSTER, POSTING_SLUG, READER, THREAD_SLUG
    from forum import create_app
    from forum.moderation.classifier import default_classifier
    from forum.moderation.scorer import default_scorer

    redis_url = os.environ.get("PROFILE_REDIS_URL")
    cache = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, "REDIS_URL": redis_url} if redis_url else {}
    app = create_app({"SQLALCHEMY_DATABASE_URI": _database(), "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False,
                      "THREAD_CACHE": page != "uncached", **cache})
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

        def request():
            body = f"A comment the profile posts, number {next(serial)} at {time.time()}, in plain words."
            response = client.post(f"/articles/{POSTING_SLUG}/comments",
                                   data={"csrf_token": token, "post": "1", "body": body})
            assert response.status_code == 302, response.status_code
    else:
        def request():
            assert client.get(f"/articles/{THREAD_SLUG}").status_code == 200
    for _ in range(5):
        request()
    return request


def _csrf_token(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=PAGES)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cprofile", action="store_true", help="print the functions that take the most time")
    parser.add_argument("--callgrind", action="store_true", help="count instructions of the requests alone")
    args = parser.parse_args()
    import logging

    logging.disable(logging.INFO)  # every post logs a line
    request = _request(args.page)
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
        profile = cProfile.Profile()
        profile.runcall(lambda: [request() for _ in range(args.requests)])
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
