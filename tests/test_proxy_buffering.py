"""deploy/haproxy.cfg keeps slow clients away from gunicorn's sync workers (attack report finding 1).

A sync worker reads its request itself: two clients sending headers or a body a byte at a time held
both workers of the tested site, and it stopped answering. HAProxy, run here on the shipped file,
must pass a request on only once it has all of it. The app host is stood in for by one
single-threaded HTTP server, which blocks on a slow request exactly as a sync worker does (both of
the file's server lines point at it); the full several-hosts test is tests/test_several_hosts.py.
"""
import http.server
import json
import os
import re
import socket
import subprocess
import threading
import time

import pytest

from tests.host_network import HAPROXY
from tests.live_server import REPO

HAPROXY_CFG = REPO / "deploy" / "haproxy.cfg"
PROMPT = 8  # seconds a request may take before it counts as stuck: less than `timeout http-request`


def settings(text: str, section: str) -> list[str]:
    """The lines of one section of an HAProxy file, comments dropped."""
    lines, inside = [], False
    for line in text.splitlines():
        if line and not line[0].isspace():
            inside = line.split()[0] == section
        elif inside and line.strip() and not line.strip().startswith("#"):
            lines.append(" ".join(line.split()))
    return lines


def test_the_shipped_config_waits_for_whole_requests():
    defaults = settings(HAPROXY_CFG.read_text(), "defaults")
    assert "mode http" in defaults and "option http-buffer-request" in defaults
    [header_timeout] = [line for line in defaults if line.startswith("timeout http-request ")]
    assert re.fullmatch(r"timeout http-request \d+s", header_timeout)


class OneAtATime(http.server.BaseHTTPRequestHandler):
    """A sync worker's way: read the whole request, then answer; nobody else is served meanwhile."""

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def _answer(self):
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class SyncWorker(http.server.HTTPServer):
    """Not threading: one request at a time."""

    def handle_error(self, request, client_address):
        pass  # HAProxy's health checks hang up once they have the status line


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def balancer(tmp_path_factory):
    if not os.path.exists(HAPROXY):
        pytest.skip("HAProxy is not installed")
    worker = SyncWorker(("127.0.0.1", 0), OneAtATime)
    threading.Thread(target=worker.serve_forever, daemon=True).start()
    workdir = tmp_path_factory.mktemp("haproxy")
    port, app = free_port(), f"127.0.0.1:{worker.server_address[1]}"
    env = {**os.environ, "PARLEY_LB_BIND": f"127.0.0.1:{port}", "PARLEY_APP1": app, "PARLEY_APP2": app,
           "PARLEY_LB_ADMIN_SOCKET": str(workdir / "admin.sock")}
    with open(workdir / "haproxy.log", "w") as log:
        process = subprocess.Popen([HAPROXY, "-db", "-f", str(HAPROXY_CFG)], env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_answering(port, process, workdir)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        worker.shutdown()
        worker.server_close()


def _wait_until_answering(port: int, process, workdir) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"haproxy stopped:\n{(workdir / 'haproxy.log').read_text()}")
        try:
            if status_of(get(port, timeout=1)) == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"haproxy did not answer:\n{(workdir / 'haproxy.log').read_text()[-3000:]}")


def get(port: int, timeout: float = PROMPT) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as visitor:
        visitor.sendall(b"GET / HTTP/1.1\r\nHost: parley.test\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := visitor.recv(4096):
            answer += chunk
        return answer


def status_of(answer: bytes) -> int | None:
    status_line = answer.split(b"\r\n", 1)[0].split()
    return int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else None


def trickle(port: int, opening: bytes, drip: bytes, stop: threading.Event) -> threading.Thread:
    """Two slow clients (the tested site had two workers), each sending `opening` and then `drip`
    every tenth of a second, never finishing, until `stop` is set."""
    def run():
        connections = [socket.create_connection(("127.0.0.1", port), timeout=PROMPT) for _ in range(2)]
        try:
            for slow in connections:
                slow.sendall(opening)
            while not stop.wait(0.1):
                for slow in connections:
                    slow.sendall(drip)
        except OSError:
            pass  # HAProxy ended it (timeout http-request): what it is there for
        finally:
            for slow in connections:
                slow.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("opening,drip", [
    (b"GET / HTTP/1.1\r\nHost: parley.test\r\n", b"X-a: b\r\n"),  # headers that never end
    (b"POST /auth/login HTTP/1.1\r\nHost: parley.test\r\nContent-Type: application/x-www-form-urlencoded\r\n"
     b"Content-Length: 100000\r\n\r\nf=x", b"&f=x"),  # a body that never ends
], ids=["slow-headers", "slow-body"])
def test_slow_clients_do_not_hold_the_worker(balancer, opening, drip):
    stop = threading.Event()
    slow = trickle(balancer, opening, drip, stop)
    try:
        time.sleep(0.5)  # let the slow requests arrive first, as in the attack
        assert status_of(get(balancer)) == 200, "a visitor waited behind the slow clients"
        assert slow.is_alive()  # still trickling: the visitor was not served because they gave up
    finally:
        stop.set()
        slow.join(timeout=10)


def test_an_overlong_api_address_is_refused_with_a_json_error(balancer):
    """gunicorn answers a request line over 4,094 bytes with an HTML page; under /api/ the balancer answers first,
    in the API's JSON shape (outside test 8). Elsewhere, and for ordinary API addresses, requests pass through."""
    def ask(path: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", balancer), timeout=PROMPT) as visitor:
            visitor.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: parley.test\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := visitor.recv(4096):
                answer += chunk
            return answer

    refused = ask(b"/api/v1/articles/x/comments?after=" + b"A" * 5000)
    head, _, body = refused.partition(b"\r\n\r\n")
    assert status_of(refused) == 414 and b"application/json" in head.lower()
    assert json.loads(body)["error"]["code"] == "uri_too_long"
    assert status_of(ask(b"/api/v1/articles/x/comments?after=" + b"A" * 100)) == 200
