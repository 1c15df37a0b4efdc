"""Where a worker's memory grows during bench.memory's warm-up, step by step, in one process.

    python -m bench.warm_up_growth

Builds the app as a gunicorn worker does (the models loaded first, as gunicorn.conf.py does in the
master), on the same fresh SQLite database as bench.memory, and makes the same requests through
Flask's test client. After each step it prints the process's RSS, the C heap in use (glibc's
mallinfo2: RE2's automata, SQLite, OpenSSL) and CPython's count of allocated blocks (Python objects),
so growth can be told apart: blocks growing means Python objects (tracemalloc can then say whose),
the C heap growing with few new blocks means memory outside Python's heap, which tracemalloc misses.
The absolute RSS is higher than a gunicorn worker's (this process also imports the test client and
the setup's modules); the steps' differences are what to read. Nothing is asserted: the figures are for people.
"""
import ctypes
import ctypes.util
import gc
import os
import re
import sys
import tempfile
from pathlib import Path

from bench import memory


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def _c_heap_in_use() -> float | None:
    """Bytes glibc's malloc has handed out and not had back (None where there is no mallinfo2)."""
    try:
        mallinfo2 = ctypes.CDLL(ctypes.util.find_library("c")).mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return info.uordblks + info.hblkhd


def _rss_kb() -> int:
    return int(re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


class Steps:
    def __init__(self):
        self.last = None

    def report(self, step: str) -> None:
        now = (_rss_kb() / 1024, (_c_heap_in_use() or 0) / 2**20, sys.getallocatedblocks())
        growth = "" if self.last is None else (
            f"  (+{now[0] - self.last[0]:.1f} MB RSS, +{now[1] - self.last[1]:.1f} MB C heap, "
            f"{now[2] - self.last[2]:+d} blocks)")
        print(f"{step:32} RSS {now[0]:6.1f} MB  C heap {now[1]:5.1f} MB  Python blocks {now[2]:8d}{growth}",
              flush=True)
        self.last = now


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        os.environ.update(memory.prepare(Path(directory)))
        os.environ.pop("REDIS_URL", None)
        os.environ["SERVER_SOFTWARE"] = "gunicorn/bench"  # the app as a worker builds it: no commands, no Flask-Migrate
        steps = Steps()
        from forum.moderation.classifier import default_classifier
        from forum.moderation.scorer import default_scorer

        default_scorer().score("warm up")
        default_classifier().load()
        steps.report("models loaded (the master)")
        from wsgi import app

        gc.collect()
        steps.report("app built (a worker)")
        client = app.test_client()

        def token(url: str) -> str:
            page = client.get(url).get_data(as_text=True)
            return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)

        client.post("/auth/login", data={"login": "reader", "password": memory.PASSWORD,
                                         "csrf_token": token("/auth/login")})
        steps.report("signed in")
        article = f"/articles/{memory.ARTICLE_SLUG}"
        for number in range(memory.WARM_UP_POSTS):
            csrf = token(article)
            if number == 0:
                steps.report("article read, signed in")
            body = f"Warm-up comment {number}: the figures on page two do not add up, as far as I can tell."
            client.post(article + "/comments", data={"csrf_token": csrf, "post": "1", "body": body})
            steps.report(f"comment {number} posted")
        for _ in range(4):
            app.test_client().get(article)
        gc.collect()
        steps.report("thread read 4 times")
    return 0


if __name__ == "__main__":
    sys.exit(main())
