"""`make bench`: build the data sets, serve Parley under gunicorn, load it with wrk, print a table.

Every figure is measured in this run on this machine, and every throughput is also given as a
share of a bare Flask "hello" app served with the same gunicorn settings in the same run, so
that the numbers mean something on a noisy or slow machine. Nothing here is asserted: the table
is for people to read (the tests assert behaviour, and query counts, not speed).

    python -m bench.run [--backends sqlite,postgresql] [--seconds 8] [--no-large] [--only posting] [--posters 1,4]

PostgreSQL comes from BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/parley_bench,
dropped and created afresh) and Redis from BENCH_REDIS_URL (default redis://127.0.0.1:6379/13, used
by the PostgreSQL run for the cache, as a site of several hosts would be).
"""
import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
WRK_DIR = ROOT / "bench" / "wrk"
DATA_DIR = ROOT / "bench" / ".data"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WORKERS = 2
CONCURRENCY = 8
POSTING_CONCURRENCY = 4
SECRET_KEY = "bench-only-secret-key"
BIG_TABLES = ("comments", "articles", "users", "reactions", "moderation_actions", "flags")
BIG_TABLE_ROWS = 10_000


@dataclass
class Measure:
    backend: str
    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    bad: int
    comments_per_page: int = 0
    queries: str = ""
    hello_rps: float = 0.0

    @property
    def share_of_hello(self) -> float:
        return self.rps / self.hello_rps if self.hello_rps else 0.0


@dataclass
class Report:
    measures: list[Measure] = field(default_factory=list)
    memory: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    preload_pss: dict[str, tuple[float, float]] = field(default_factory=dict)  # backend -> (total, per extra worker)


# --- Serving and loading ---------------------------------------------------------------------------

def _free_port() -> int:
    """A free loopback port: in BENCH_PORTS ("5250-5259") when it is set, so that runs on a shared
    machine stay in their own range; anywhere the system likes otherwise."""
    first, _, last = os.environ.get("BENCH_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


@contextmanager
def serve(app_path: str, env: dict[str, str], ready_path: str = "/healthz", workers: int = WORKERS,
          preload: bool = False):
    """gunicorn with `workers` sync workers on a free loopback port; yields (base URL, master pid)."""
    port = _free_port()
    DATA_DIR.mkdir(exist_ok=True)
    log = open(DATA_DIR / "server.log", "a")  # the app logs every change request; keep it out of the table
    process = subprocess.Popen(
        [GUNICORN, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "--timeout", "60"] + (["--preload"] if preload else []) + [app_path],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + ready_path, timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn for {app_path} did not start: see {DATA_DIR / 'server.log'}") from None
                time.sleep(0.2)
        time.sleep(2)  # let every worker finish booting
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def worker_memory_mb(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def _pss_mb(pid: str | int) -> float:
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) / 1024


def preloaded_pss_per_extra_worker(env: dict[str, str], warm_url_path: str, seconds: int = 2) -> tuple[float, float]:
    """(PSS of the whole server with 2 workers, PSS each further worker adds), under gunicorn --preload:
    the master loads the app and the model once; pages the workers only read stay shared, so each one
    counts for a fraction of them. Each server is warmed with a few seconds of load first."""
    totals = {}
    for workers in (2, 4):
        with serve("wsgi:app", env, workers=workers, preload=True) as (base, master):
            wrk(base + warm_url_path, seconds)
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
            totals[workers] = _pss_mb(master) + sum(_pss_mb(pid) for pid in children)
    return totals[2], (totals[4] - totals[2]) / 2


def wrk(url: str, seconds: int, connections: int = CONCURRENCY, cookie: str | None = None,
        script: str = "report.lua", env: dict | None = None) -> dict:
    command = ["wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s",
               "--timeout", "10s", "--script", str(WRK_DIR / script)]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(
        command + [url], capture_output=True, text=True, check=True,
        env={**os.environ, "BENCH_WRK_DIR": str(WRK_DIR), **(env or {})},
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = json.loads(line[len("BENCH "):])
    result["rps"] = result["requests"] / result["seconds"]
    return result


class Browser:
    """A signed-in session against the live server, through the real sign-in form."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        # No User-Agent, as wrk sends none: Flask-Login's session protection compares it with the one that
        # signed in, and on a mismatch marks the session, which then set a new cookie on every response.
        self.opener.addheaders = []

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def csrf_token(self, path: str = "/auth/login") -> str:
        return re.search(r'<meta name="csrf-token" content="([^"]+)"', self.get(path)).group(1)

    def sign_in(self, username: str, password: str) -> "Browser":
        form = {"login": username, "password": password, "csrf_token": self.csrf_token()}
        self.opener.open(self.base + "/auth/login", urllib.parse.urlencode(form).encode(), timeout=30).read()
        if "session" not in self.cookie:
            raise RuntimeError(f"could not sign in as {username}")
        return self

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


# --- In-process measurements: queries per page, and the plans of those queries ---------------------

@contextmanager
def recorded_statements(engine):
    statements = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        statements.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def pages_to_count(dataset):
    from bench.dataset import MODERATOR, POSTING_SLUG, READER, THREAD_SLUG

    return [
        ("thread page, visitor", None, "GET", f"/articles/{THREAD_SLUG}"),
        ("thread page, reader", READER, "GET", f"/articles/{THREAD_SLUG}"),
        ("article list", None, "GET", "/"),
        ("profile", None, "GET", f"/users/{READER}"),
        ("moderation queue", MODERATOR, "GET", "/moderation/"),
        ("post a comment", READER, "POST", f"/articles/{POSTING_SLUG}/comments"),
    ]


def count_queries(app, dataset, cached: bool) -> dict[str, int]:
    """Queries each page costs, served in process with the cache off (cold) or warm."""
    from bench.dataset import PASSWORD
    from forum.extensions import cache, db

    counts = {}
    app.config["THREAD_CACHE"] = cached
    with app.app_context():
        cache.clear()
        engine = db.engine
    for label, user, method, path in pages_to_count(dataset):
        client = app.test_client()
        if user:
            token = _meta_token(client.get("/auth/login").get_data(as_text=True))
            client.post("/auth/login", data={"login": user, "password": PASSWORD, "csrf_token": token})
        # (A visitor's front page is shared and carries no token; only the signed-in POST needs one.)
        token = _meta_token(client.get("/").get_data(as_text=True)) if method == "POST" else ""
        if cached:
            # Twice: a worker learns an article's id on its first render and stores the page on the second.
            for _ in range(2):
                client.open(path, method=method, data=_post_form(token) if method == "POST" else None)
        with recorded_statements(engine) as statements:
            response = client.open(path, method=method, data=_post_form(token) if method == "POST" else None)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path} answered {response.status_code} in process")
        counts[label] = len(statements)
    return counts


_serial = iter(range(10**9))


def _post_form(token: str) -> dict:
    return {"csrf_token": token, "post": "1",
            "body": f"A comment the benchmark posts to count queries, number {next(_serial)}, in plain words."}


def _meta_token(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def explain_pages(app, dataset) -> list[str]:
    """EXPLAIN every statement the main pages send (PostgreSQL); flag sequential scans on big tables."""
    from bench.dataset import PASSWORD
    from forum.extensions import db

    findings = []
    app.config["THREAD_CACHE"] = False
    with app.app_context():
        engine = db.engine
        # Only tables this data set makes big: on a table of a few hundred rows a sequential scan is
        # the planner's right choice, not a missing index.
        sizes = dict(db.session.execute(sa.text(
            "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relname = ANY(:names)"
        ), {"names": list(BIG_TABLES)}).all())
    big = {name for name, rows in sizes.items() if rows >= BIG_TABLE_ROWS}
    for label, user, method, path in pages_to_count(dataset):
        if method != "GET":
            continue
        client = app.test_client()
        if user:
            token = _meta_token(client.get("/auth/login").get_data(as_text=True))
            client.post("/auth/login", data={"login": user, "password": PASSWORD, "csrf_token": token})
        with recorded_statements(engine) as statements:
            client.get(path)
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            for statement, parameters in statements:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                with raw.cursor() as cursor:
                    cursor.execute("EXPLAIN " + statement, parameters)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)) & big)
                if scans:
                    first_line = " ".join(statement.split())[:140]
                    findings.append(f"{label}: sequential scan on {', '.join(scans)} in `{first_line}…`")
    return findings


# --- The run ---------------------------------------------------------------------------------------

def build_app(database_url: str, redis_url: str | None):
    from flask_migrate import upgrade

    from forum import create_app

    # No statement timeout here: writing the large data set takes single statements (COPY, counters
    # set in SQL) far longer than a web request may. The served app keeps the configured one.
    config = {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False,
              "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache", "CACHE_REDIS_URL": redis_url,
              "DATABASE_STATEMENT_TIMEOUT": 0}
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


def fresh_database(backend: str) -> str:
    if backend == "sqlite":
        DATA_DIR.mkdir(exist_ok=True)
        path = DATA_DIR / "bench.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    url = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/parley_bench")
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    server_url, name = url.rsplit("/", 1)
    engine = sa.create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url


def measure_site(report: Report, backend: str, base: str, hello_url: str, seconds: int, cookies: dict,
                 cached: bool, queries: dict[str, int], cached_queries: dict[str, int], thread_comments: int,
                 tag: str = "", only: str | None = None, posters: tuple[int, ...] = (1,)) -> None:
    from bench.dataset import POSTING_SLUG, THREAD_SLUG

    def measured(url, **options) -> dict:
        """The page's figures, with the hello app's measured just before: on a shared machine the load
        changes from minute to minute, and each share compares two figures taken under the same."""
        hello_now = wrk(hello_url, seconds)["rps"]
        return {**wrk(url, seconds, **options), "hello_rps": hello_now}

    def add(label, result, comments=0, query_label=None):
        query_text = ""
        if query_label:
            query_text = f"{queries[query_label]} cold / {cached_queries[query_label]} warm"
        report.measures.append(Measure(
            backend, label + tag, result["rps"], result["p50_ms"], result["p99_ms"],
            result["bad_status"] + result["socket_errors"], comments, query_text, result["hello_rps"],
        ))

    state = "cached" if cached else "uncached"
    thread_url = f"{base}/articles/{THREAD_SLUG}"
    if only is None:
        add(f"thread page, visitor, {state}", measured(thread_url), thread_comments, "thread page, visitor")
        add(f"thread page, signed in, {state}", measured(thread_url, cookie=cookies["reader"]), thread_comments,
            "thread page, reader")
    if not cached or tag:
        return
    if only is None:
        add("article list", measured(f"{base}/"), 0, "article list")
        add("moderation queue (100,000 held)", measured(f"{base}/moderation/", cookie=cookies["moderator"]), 0,
            "moderation queue")
    for count in posters:
        # Each request as the next of the posters' sessions (a cookie and its token, one pair a line).
        sessions = "\n".join(f"{cookie}\t{token}" for cookie, token in cookies["posters"][:count])
        post = measured(f"{base}/articles/{POSTING_SLUG}/comments", connections=POSTING_CONCURRENCY, script="post.lua",
                        env={"BENCH_SESSIONS": sessions, "BENCH_PATH": f"/articles/{POSTING_SLUG}/comments"})
        # One reader's posts wait for each other (actions/comments.py, one post at a time): say how many posted.
        readers = "one reader" if count == 1 else f"{count} readers"
        add(f"post a comment (concurrency {POSTING_CONCURRENCY}, whole pipeline, {readers})", post, 0, "post a comment")


def comments_on_page(base: str) -> int:
    from bench.dataset import THREAD_SLUG

    with urllib.request.urlopen(f"{base}/articles/{THREAD_SLUG}", timeout=30) as response:
        return response.read().decode().count('<li class="comment')


def run_backend(report: Report, backend: str, hello_url: str, seconds: int, large: bool,
                only: str | None = None, posters: tuple[int, ...] = (1,)) -> None:
    from bench.dataset import MODERATOR, PASSWORD, POSTER, POSTING_SLUG, READER, build_large, build_small
    from forum.extensions import db

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13") if backend == "postgresql" else None
    database_url = fresh_database(backend)
    app = build_app(database_url, redis_url)
    def build(label: str, builder) -> dict:
        started = time.monotonic()
        with app.app_context():
            built = builder(db.session)
            if backend == "postgresql":
                # The building leaves dead rows behind, which autovacuum would clear on a real server; this
                # machine's PostgreSQL runs without it, so the bench clears them, as a site's server would.
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    connection.exec_driver_sql("VACUUM ANALYZE")
        report.notes.append(f"{backend}: {label} data set built in {time.monotonic() - started:.0f} s: {built}")
        return built

    built = build("small", build_small)
    queries = count_queries(app, built, cached=False)
    cached_queries = count_queries(app, built, cached=True)
    env = {"DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "PARLEY_RATELIMIT": "0"}
    if redis_url:
        env["REDIS_URL"] = redis_url
        import redis

        redis.Redis.from_url(redis_url).flushdb()

    def sign_in_all(base):
        browsers = {name: Browser(base).sign_in(user, PASSWORD)
                    for name, user in (("reader", READER), ("moderator", MODERATOR))}
        cookies = {name: browser.cookie for name, browser in browsers.items()}
        cookies["posters"] = []
        for user in [POSTER] + [f"bench_author{n}" for n in range(max(posters) - 1)]:  # build_small's authors
            poster = Browser(base).sign_in(user, PASSWORD)
            # The token first: asking for it stores it in the session, which changes the session cookie.
            token = poster.csrf_token(f"/articles/{POSTING_SLUG}")
            cookies["posters"].append((poster.cookie, token))
        return cookies

    def measure_with_and_without_cache(counts: dict, cached_counts: dict, tag: str = "") -> None:
        for cached in (True,) if only else (False, True):  # posting is measured with the cache on
            with serve("wsgi:app", {**env, "PARLEY_THREAD_CACHE": "1" if cached else "0"}) as (base, master):
                measure_site(report, backend, base, hello_url, seconds, sign_in_all(base), cached, counts,
                             cached_counts, comments_on_page(base), tag=tag, only=only, posters=posters)
                report.memory[f"{backend}{tag}, cache {'on' if cached else 'off'}"] = worker_memory_mb(master)

    measure_with_and_without_cache(queries, cached_queries)
    from bench.dataset import THREAD_SLUG

    if not only:
        report.preload_pss[backend] = preloaded_pss_per_extra_worker(
            {**env, "PARLEY_THREAD_CACHE": "1"}, f"/articles/{THREAD_SLUG}")
    with app.app_context():
        report.notes.append(f"{backend}: comments posted by the load, by the pipeline's decision: "
                            f"{posted_by_status(db.session)}")

    if backend == "postgresql" and large and not only:
        build("large", build_large)
        large_queries = count_queries(app, built, cached=False)
        large_cached = count_queries(app, built, cached=True)
        report.plans = explain_pages(app, built)
        measure_with_and_without_cache(large_queries, large_cached, tag=" (1M-comment database)")


def posted_by_status(session) -> dict[str, int]:
    from bench.dataset import POSTING_SLUG
    from forum.models import Article, Comment

    rows = session.execute(
        sa.select(Comment.status, sa.func.count()).join(Article, Article.id == Comment.article_id)
        .where(Article.slug == POSTING_SLUG).group_by(Comment.status)
    ).all()
    return {status.value: count for status, count in rows}


def print_table(report: Report, hello: dict) -> None:
    print()
    print(f"Bare Flask hello under the same gunicorn ({WORKERS} sync workers, wrk concurrency {CONCURRENCY}): "
          f"{hello['rps']:.0f} requests/s, p50 {hello['p50_ms']:.1f} ms, p99 {hello['p99_ms']:.1f} ms")
    print()
    print("Each share compares the page with the hello app measured just before it.")
    print()
    print("| database | page | requests/s | share of hello | comments/s | p50 ms | p99 ms | p99/p50 "
          "| errors | SQL queries |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for m in report.measures:
        comments = f"{m.rps * m.comments_per_page:,.0f}" if m.comments_per_page else ""
        ratio = m.p99_ms / m.p50_ms if m.p50_ms else 0
        print(f"| {m.backend} | {m.label} | {m.rps:,.1f} | {m.share_of_hello:.2f} | {comments} | {m.p50_ms:.1f} "
              f"| {m.p99_ms:.1f} | {ratio:.1f} | {m.bad} | {m.queries} |")
    print()
    for where, sizes in report.memory.items():
        print(f"- Memory per worker ({where}): " + ", ".join(f"{size:.0f} MB" for size in sizes))
    small = {m.label: m for m in report.measures if m.backend == "postgresql" and "1M" not in m.label}
    for m in report.measures:
        if "1M" in m.label:
            base = small.get(m.label.replace(" (1M-comment database)", ""))
            if base:
                print(f"- {m.label}: {m.rps / base.rps:.2f} × the throughput on the small database")
    for note in report.notes:
        print(f"- {note}")
    if report.plans:
        print("- EXPLAIN found sequential scans on big tables:")
        for finding in report.plans:
            print(f"  - {finding}")
    elif any("1M" in m.label for m in report.measures):
        print("- EXPLAIN of every SELECT the main pages send, on the 1M-comment database: "
              f"no sequential scan on a table of {BIG_TABLE_ROWS:,} rows or more")


# Issue 15's table: (row, label of the measure, goal as a share of hello, or in comments/s for posting).
ISSUE_15_ROWS = [
    ("thread page, visitor, cached", "thread page, visitor, cached", 0.5),
    ("thread page, uncached (50 roots and their replies)", "thread page, visitor, uncached", 0.1),
    ("thread page, signed in, cached", "thread page, signed in, cached", 0.1),
]
POSTING_GOAL = 250  # comments per second, PostgreSQL, concurrency 4
RSS_GOAL_MB, PSS_GOAL_MB = 100, 40


def print_issue_table(report: Report, hello: dict) -> None:
    """The rows issue 15 asks about, each against its goal, per database."""
    print()
    print(f"Issue 15 (bare Flask hello in this run: {hello['rps']:.0f} requests/s at the start; each share is "
          "against the hello measured just before that page)")
    print()
    print("| database | page | figure | share of hello | goal | met |")
    print("|---|---|---:|---:|---|---|")
    for backend in dict.fromkeys(m.backend for m in report.measures):
        measures = {m.label: m for m in report.measures if m.backend == backend}
        for row, label, goal in ISSUE_15_ROWS:
            m = measures.get(label)
            if m:
                print(f"| {backend} | {row} | {m.rps:,.0f} requests/s | {m.share_of_hello:.2f} | ≥ {goal} "
                      f"| {'yes' if m.share_of_hello >= goal else 'no'} |")
        for label, post in measures.items():
            if not label.startswith("post a comment"):
                continue
            readers = label.rsplit(", ", 1)[-1].rstrip(")")
            print(f"| {backend} | posting with the whole pipeline, c={POSTING_CONCURRENCY}, {readers} | {post.rps:,.0f} comments/s "
                  f"| {post.share_of_hello:.3f} (hello {post.hello_rps:,.0f}/s) | ≥ {POSTING_GOAL} comments/s (PostgreSQL) "
                  f"| {'yes' if post.rps >= POSTING_GOAL else 'no'} |")
        rss = report.memory.get(f"{backend}, cache on")
        if rss:
            print(f"| {backend} | memory: RSS per worker | {', '.join(f'{r:.0f}' for r in rss)} MB | | "
                  f"≤ {RSS_GOAL_MB} MB | {'yes' if max(rss) <= RSS_GOAL_MB else 'no'} |")
        if backend in report.preload_pss:
            total, extra = report.preload_pss[backend]
            print(f"| {backend} | memory: PSS per extra worker, --preload | {extra:.0f} MB "
                  f"(whole server with 2 workers: {total:.0f} MB) | | ≤ {PSS_GOAL_MB} MB "
                  f"| {'yes' if extra <= PSS_GOAL_MB else 'no'} |")


def _poster_counts(text: str) -> tuple[int, ...]:
    counts = tuple(sorted({int(part) for part in text.split(",")}))
    if not counts or counts[0] < 1 or counts[-1] > 24:
        raise argparse.ArgumentTypeError("each count of readers must be from 1 to 24")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "8")))
    parser.add_argument("--no-large", action="store_true", help="skip the 1,000,000-comment data set")
    parser.add_argument("--only", choices=["posting"], help="measure this row alone (and hello beside it)")
    parser.add_argument("--posters", type=_poster_counts, default=(1, POSTING_CONCURRENCY), metavar="N[,N…]",
                        help=f"a posting row for each count of readers posting in turn, 1-24 (default 1,{POSTING_CONCURRENCY}: "
                             "one reader, whose posts wait for each other, and a reader per connection)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk (make bench does it)", file=sys.stderr)
        return 2
    started = time.monotonic()
    report = Report()
    from bench import adversarial, pipeline_cost

    if not args.only:
        report.notes.append(adversarial.summary(adversarial.measure()))  # in process, before any server runs
        report.notes.append(pipeline_cost.summary(pipeline_cost.measure()))
    # The hello app serves through the whole run: each page is measured right after it (measure_site).
    with serve("bench.hello:app", {}, ready_path="/") as (hello_base, _master):
        hello = wrk(hello_base + "/", args.seconds)
        for backend in args.backends.split(","):
            run_backend(report, backend.strip(), hello_base + "/", args.seconds, not args.no_large, args.only,
                        args.posters)
    report.notes.append(f"whole run: {(time.monotonic() - started) / 60:.1f} minutes, load {os.getloadavg()[0]:.1f}")
    print_table(report, hello)
    print_issue_table(report, hello)
    return 0


if __name__ == "__main__":
    sys.exit(main())
