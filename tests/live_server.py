"""Real servers for the tests that drive Parley from outside: gunicorn, a private redis-server, and
a PostgreSQL database of their own, set up through the real CLI."""
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from forum.config import normalise_database_url
from forum.models import Article, Comment
from tests.conftest import skip_or_fail
from tests.durability_client import REQUEST_TIMEOUT

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SERVER_START_TIMEOUT = 120  # seconds for the workers to import the app on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def flask_cli(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def run_cli(*commands: tuple[str, ...], env: dict[str, str]) -> None:
    """Run CLI commands side by side and fail with their output if any of them fails."""
    processes = [(command, flask_cli(*command, env=env)) for command in commands]
    for command, process in processes:
        output, _ = process.communicate(timeout=180)
        assert process.returncode == 0, f"flask {' '.join(command)} failed:\n{output}"


def fresh_postgres_database(suffix: str) -> str:
    """Recreate `<name>_<suffix>` next to the TEST_DATABASE_URL database; returns its URL."""
    test_url = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{test_url.database}_{suffix}"
    admin = sa.create_engine(normalise_database_url(test_url.set(database="postgres").render_as_string(False)),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        # FORCE: a server killed by an earlier run may have left connections behind.
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return test_url.set(database=name).render_as_string(hide_password=False)


def stored_comments(database_url: str, slug: str) -> list[tuple[int, str]]:
    """(id, text) of every comment stored under the article, whatever its status, read afresh."""
    engine = sa.create_engine(normalise_database_url(database_url))
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(Comment.id, Comment.body_source).join(Article, Comment.article_id == Article.id)
            .where(Article.slug == slug)
        ).all()
    engine.dispose()
    return [(row.id, row.body_source) for row in rows]


def losses(acknowledged: dict[int, str], stored: list[tuple[int, str]]) -> tuple[list[int], list[str]]:
    """Acknowledged ids that are missing or hold other text, and texts stored more than once."""
    stored_by_id = dict(stored)
    lost = sorted(comment_id for comment_id, body in acknowledged.items() if stored_by_id.get(comment_id) != body)
    repeated = sorted(body for body, count in Counter(body for _, body in stored).items() if count > 1)
    return lost, repeated


class Gunicorn:
    """gunicorn serving wsgi:app in its own process group, so that one signal reaches every worker.

    Started from the repository, so it reads gunicorn.conf.py as a deployment does."""

    def __init__(self, env: dict[str, str], log_path: Path, workers: int = 4, options: tuple[str, ...] = ()):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.options = options
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", f"{HOST}:{self.port}",
                 "--timeout", str(REQUEST_TIMEOUT),  # a worker's first comment may be slow: see REQUEST_TIMEOUT
                 "--no-control-socket",  # its default path in $HOME is shared by every gunicorn on the machine
                 *self.options, "wsgi:app"],
                cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            if self.healthy():
                return
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"gunicorn did not answer /healthz within {SERVER_START_TIMEOUT} s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def kill(self) -> None:
        """SIGKILL to the master and all workers at once: no handler runs, nothing is flushed."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class PrivateRedis:
    """A redis-server of the test's own on a free port, which the test may kill and start again
    (the shared one on 6379 is never touched). Nothing is saved: a restart starts empty."""

    def __init__(self, workdir: Path):
        if shutil.which("redis-server") is None:
            skip_or_fail("this test needs redis-server installed")
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        """SIGKILL: Redis is gone at once, as when its host or container dies."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
