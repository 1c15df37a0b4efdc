"""An app host as deploy/ describes one, and HAProxy in front, for tests/test_several_hosts.py.

The hosts run the commands of deploy/systemd/'s units (read from the unit files, with this checkout's
virtualenv for /srv/parley/.venv) and HAProxy runs deploy/haproxy.cfg unchanged, its addresses given
through the environment as /etc/default/haproxy gives them in production.
"""
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.durability_client import ForumClient, ServerGone
from tests.host_network import HAPROXY, Hosts
from tests.live_server import REPO

DEPLOY = REPO / "deploy"
BALANCER_PORT, APP_PORT = 5280, 5290  # this project's test ports (5260-5299)
PROMPT = 20  # seconds an answer may take before it counts as none
START_TIMEOUT = 90  # seconds for a host to answer /healthz on a busy 2-core machine


def unit_command(unit: str) -> list[str]:
    """The ExecStart of deploy/systemd/<unit>.service, with this checkout's virtualenv for /srv/parley/.venv."""
    text = (DEPLOY / "systemd" / f"{unit}.service").read_text()
    argv = shlex.split(re.search(r"^ExecStart=(.+)$", text, re.M).group(1))
    return [argv[0].replace("/srv/parley/.venv/bin", str(Path(sys.executable).parent)), *argv[1:]]


@dataclass
class AppHost:
    """One app host: the web service and the mail worker, each in a process group of its own."""

    number: int
    network: Hosts
    env: dict[str, str]
    workdir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def address(self) -> str:
        return self.network.address(self.number)

    def start(self) -> None:
        for unit in ("parley-web", "parley-mail"):
            with open(self.workdir / f"{unit}-{self.number}.log", "a") as log:
                self.processes.append(subprocess.Popen(
                    self.network.command(self.number, unit_command(unit)), cwd=REPO, env=self.env,
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

    def wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if any(process.poll() is not None for process in self.processes):
                pytest.fail(f"host {self.number} stopped:\n{self.log_tail()}")
            try:
                if self.client().request("GET", "/healthz")[0] == 200:
                    return
            except ServerGone:
                pass
            time.sleep(0.2)
        pytest.fail(f"host {self.number} did not answer /healthz within {START_TIMEOUT} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL to everything on the host at once, as when it loses power."""
        self._signal(signal.SIGKILL, wait=10)

    def stop(self) -> None:
        self._signal(signal.SIGTERM, wait=30)
        self._signal(signal.SIGKILL, wait=10)

    def _signal(self, number: int, wait: float) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, number)
                    process.wait(timeout=wait)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    pass
        self.processes = [process for process in self.processes if process.poll() is None]

    def client(self) -> ForumClient:
        return ForumClient(self.address, APP_PORT, timeout=PROMPT)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(f"{path.name}: {line}" for path in sorted(self.workdir.glob(f"*-{self.number}.log"))
                         for line in path.read_text(errors="replace").splitlines()[-lines:])


class Balancer:
    """HAProxy running deploy/haproxy.cfg, its addresses given through the environment as in production."""

    def __init__(self, hosts: list[AppHost], workdir: Path):
        self.socket_path = workdir / "haproxy-admin.sock"
        self.log_path = workdir / "haproxy.log"
        self.env = {**os.environ, "PARLEY_LB_BIND": f"127.0.0.1:{BALANCER_PORT}",
                    "PARLEY_LB_ADMIN_SOCKET": str(self.socket_path),
                    **{f"PARLEY_APP{host.number}": f"{host.address}:{APP_PORT}" for host in hosts}}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen([HAPROXY, "-db", "-f", str(DEPLOY / "haproxy.cfg")], env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def servers(self) -> dict[str, dict[str, str]]:
        """Each app server's row of HAProxy's statistics (status, stot: requests sent to it, …)."""
        with socket.socket(socket.AF_UNIX) as admin:
            admin.settimeout(5)
            admin.connect(str(self.socket_path))
            admin.sendall(b"show stat\n")
            data = b""
            while chunk := admin.recv(65536):
                data += chunk
        header, *rows = data.decode().strip().splitlines()
        names = header.lstrip("# ").split(",")
        table = [dict(zip(names, row.split(","))) for row in rows]
        return {row["svname"]: row for row in table if row["pxname"] == "parley_hosts" and row["svname"].startswith("app")}

    def wait_until_up(self, server: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"haproxy stopped:\n{self.log_path.read_text()}")
            try:
                if self.servers()[server]["status"] == "UP":
                    return
            except (OSError, KeyError):
                pass
            time.sleep(0.1)
        pytest.fail(f"haproxy did not see {server} up within {timeout} s:\n{self.log_path.read_text()[-3000:]}")

    def requests_to(self, server: str) -> int:
        return int(self.servers()[server]["stot"])

    def client(self) -> ForumClient:
        return ForumClient("127.0.0.1", BALANCER_PORT, timeout=PROMPT)
