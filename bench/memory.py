"""Memory per gunicorn worker: RSS of each worker, and what one more worker costs under --preload.

    python -m bench.memory [--port 5260]

Serves Parley on a fresh SQLite database under gunicorn with sync workers (started from the project
directory, so gunicorn.conf.py loads the models in the master as in production), signs in, posts a
few comments through the whole moderation pipeline (new connections, so both workers get some) and
reads the thread, then reads /proc. RSS counts every page a worker maps, shared or not; PSS divides
each shared page among the processes that map it, so the growth of the total PSS from 2 to 3
workers is what one more worker really costs. Nothing is asserted: the figures are for people.
"""
import argparse
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ARTICLE = ROOT / "forum" / "content" / "demo-article.md"
ARTICLE_SLUG = "rivals-and-ai-safety"
PASSWORD = "memory-bench-password-4817"
WARM_UP_POSTS = 6
HEAVY_MODULES = ("sklearn", "scipy", "joblib", "numpy")


def prepare(directory: Path) -> dict[str, str]:
    """A migrated SQLite database with one reader and the demo article; returns the environment."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{directory / 'memory.sqlite3'}",
           "SECRET_KEY": "memory-bench-secret", "PARLEY_RATELIMIT": "0", "PARLEY_THREAD_CACHE": "1"}
    env.pop("REDIS_URL", None)
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"],
                    ["users", "create", "--username", "boss", "--email", "boss@example.org", "--role", "admin",
                     "--password", PASSWORD],
                    ["users", "create", "--username", "reader", "--email", "reader@example.org", "--password",
                     PASSWORD],
                    ["articles", "import", str(ARTICLE), "--publish", "--author", "boss"]):
        subprocess.run(flask + command, cwd=ROOT, env=env, check=True, capture_output=True)
    return env


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _token(opener, url: str) -> str:
    with opener.open(url, timeout=30) as response:
        return re.search(r'<meta name="csrf-token" content="([^"]+)"', response.read().decode()).group(1)


def warm_up(base: str) -> None:
    """Sign in, post comments through the pipeline, read the thread (each a new connection)."""
    opener = _opener()
    form = {"login": "reader", "password": PASSWORD, "csrf_token": _token(opener, base + "/auth/login")}
    opener.open(base + "/auth/login", urllib.parse.urlencode(form).encode(), timeout=30).read()
    for number in range(WARM_UP_POSTS):
        token = _token(opener, f"{base}/articles/{ARTICLE_SLUG}")
        body = f"Warm-up comment {number}: the figures on page two do not add up, as far as I can tell."
        data = urllib.parse.urlencode({"csrf_token": token, "post": "1", "body": body}).encode()
        opener.open(f"{base}/articles/{ARTICLE_SLUG}/comments", data, timeout=30).read()
    for _ in range(4):
        urllib.request.urlopen(f"{base}/articles/{ARTICLE_SLUG}", timeout=30).read()


def memory_kb(pid: int) -> dict[str, int]:
    """Rss, Pss and private (Private_Clean + Private_Dirty) of one process, in kB."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    field = {name: int(value) for name, value in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
    return {"rss": field["Rss"], "pss": field["Pss"], "private": field["Private_Clean"] + field["Private_Dirty"]}


def heavy_modules_loaded(pid: int) -> list[str]:
    """Which of numpy, scipy, scikit-learn and joblib a process has mapped (their shared objects or not)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return [name for name in HEAVY_MODULES if f"/{name}/" in maps or f"/{name}." in maps]


def measure(env: dict[str, str], port: int, workers: int, preload: bool) -> dict:
    command = [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning"] + (["--preload"] if preload else []) + ["wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        warm_up(base)
        time.sleep(1)
        children = [int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        return {"master": memory_kb(server.pid), "workers": [memory_kb(pid) for pid in children],
                "heavy": heavy_modules_loaded(children[0])}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _mb(kb: float) -> str:
    return f"{kb / 1024:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5260)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        env = prepare(Path(directory))
        plain = measure(env, args.port, 2, preload=False)
        print("gunicorn, 2 sync workers, after a warm-up of sign-in, posts and thread reads (MB):")
        print(f"  without --preload: RSS per worker {', '.join(_mb(w['rss']) for w in plain['workers'])}; "
              f"PSS per worker {', '.join(_mb(w['pss']) for w in plain['workers'])}; "
              f"heavy modules in a worker: {', '.join(plain['heavy']) or 'none'}")
        runs = {workers: measure(env, args.port, workers, preload=True) for workers in (2, 3)}
        for workers, run in runs.items():
            total_pss = run["master"]["pss"] + sum(w["pss"] for w in run["workers"])
            run["total_pss"] = total_pss
            print(f"  --preload, {workers} workers: RSS per worker {', '.join(_mb(w['rss']) for w in run['workers'])}; "
                  f"PSS per worker {', '.join(_mb(w['pss']) for w in run['workers'])}; private per worker "
                  f"{', '.join(_mb(w['private']) for w in run['workers'])}; master PSS {_mb(run['master']['pss'])}; "
                  f"total PSS {_mb(total_pss)}")
        print(f"  --preload, PSS one more worker costs (total PSS, 3 workers - 2 workers): "
              f"{_mb(runs[3]['total_pss'] - runs[2]['total_pss'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
