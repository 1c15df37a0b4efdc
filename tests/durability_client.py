"""A reader driving a running Parley over HTTP, as a browser would, for the durability tests.

Standard library only (http.client): each client keeps its own cookies, signs in through the
form, reads the CSRF token from the page's <meta name="csrf-token"> and posts comments without
following redirects, so that each answer is seen as the server gave it.
"""
import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
COMMENT_LOCATION = re.compile(r"(?:/comments/|#comment-)(\d+)$")  # the permalink, or the thread scrolled to it
# Seconds; longer counts as an error. Generous: a worker's first comment may wait for the models to load,
# on a 2-core machine that other test runs keep busy.
REQUEST_TIMEOUT = 120


class ServerGone(Exception):
    """The connection failed or broke: the server is down or was killed."""


class ForumClient:
    """One reader's browser: its own cookie jar, one new connection per request."""

    def __init__(self, host: str, port: int, timeout: float = REQUEST_TIMEOUT):
        self.host = host
        self.port = port
        self.timeout = timeout  # seconds an answer may take before the request counts as failed
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, http.client.HTTPMessage, str]:
        """Send one request; returns (status, headers, body text). Raises ServerGone on a broken connection.

        The headers are looked up without regard to case: HAProxy passes header names on in lower case."""
        headers = {"Host": f"{self.host}:{self.port}"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            raise ServerGone(f"{method} {path}: {exc!r}") from exc
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["expires"] and "1970" in morsel["expires"] or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def csrf_token(self, path: str) -> str:
        status, _, html = self.request("GET", path)
        match = CSRF_META.search(html)
        if status != 200 or not match:
            raise AssertionError(f"GET {path} gave {status} and no csrf token")
        return match.group(1)

    def sign_in(self, username: str, password: str) -> None:
        token = self.csrf_token("/auth/login")
        status, headers, text = self.request(
            "POST", "/auth/login", {"login": username, "password": password, "csrf_token": token}
        )
        if status != 302:
            raise AssertionError(f"sign-in as {username} gave {status}: {text[:500]}")

    def send_comment(self, slug: str, token: str, body: str) -> tuple[int, http.client.HTTPMessage]:
        """POST a comment; returns the status and headers as the server gave them."""
        status, headers, _ = self.request(
            "POST", f"/articles/{slug}/comments", {"body": body, "stance": "", "parent_id": "", "csrf_token": token}
        )
        return status, headers

    def post_comment(self, slug: str, token: str, body: str) -> tuple[int, int | None]:
        """POST a comment; returns (status, comment id) — the id only for a 302 to /comments/<id>."""
        status, headers = self.send_comment(slug, token, body)
        return status, acknowledged_id(status, headers)


def acknowledged_id(status: int, headers: http.client.HTTPMessage) -> int | None:
    """The id of the comment an answer says was stored (a 302 to /comments/<id>), else None."""
    match = COMMENT_LOCATION.search(headers.get("Location", "")) if status == 302 else None
    return int(match.group(1)) if match else None


@dataclass
class PostingTally:
    """What all clients saw, shared between their threads."""

    acknowledged: dict[int, str] = field(default_factory=dict)  # comment id -> body
    statuses: dict[int, int] = field(default_factory=dict)  # status -> count
    errors: list[str] = field(default_factory=list)  # broken connections, failed sign-ins
    sent: int = 0  # posts started, including any cut off by a dead server
    attempted: int = 0  # posts that got an answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def record(self, status: int, comment_id: int | None, body: str) -> None:
        with self.lock:
            self.attempted += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if comment_id is not None:
                if comment_id in self.acknowledged:
                    self.errors.append(f"id {comment_id} acknowledged twice")
                self.acknowledged[comment_id] = body

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def comment_body(tag: str, client: int, number: int) -> str:
    """Civil, unique text: numbers stand alone as words, so the duplicate rule tells them apart."""
    return (f"{tag} comment from client {client} number {number}: "
            "cooperation on evaluation standards would help both sides.")


def run_clients(host: str, port: int, slug: str, accounts: list[tuple[str, str]], per_client: int,
                tag: str, deadline: float, tally: PostingTally) -> list[threading.Thread]:
    """Start one thread per account; each signs in, and once all have, they post `per_client` comments each.

    A client stops at its first broken connection (the server is gone) or at `deadline`
    (time.monotonic()). The threads are returned started; join them.
    """
    all_signed_in = threading.Barrier(len(accounts), timeout=max(1.0, deadline - time.monotonic()))

    def one_client(index: int, username: str, password: str) -> None:
        client = ForumClient(host, port)
        try:
            client.sign_in(username, password)
            token = client.csrf_token(f"/articles/{slug}")
        except (ServerGone, AssertionError) as exc:
            tally.error(f"client {index}: {exc}")
            all_signed_in.abort()  # the others must not wait for this one
            return
        try:
            all_signed_in.wait()
        except threading.BrokenBarrierError:
            return
        for number in range(per_client):
            if time.monotonic() > deadline:
                tally.error(f"client {index}: deadline reached after {number} posts")
                return
            body = comment_body(tag, index, number)
            with tally.lock:
                tally.sent += 1
            try:
                status, comment_id = client.post_comment(slug, token, body)
            except ServerGone as exc:
                tally.error(f"client {index}: {exc}")
                return
            tally.record(status, comment_id, body)

    threads = [
        threading.Thread(target=one_client, args=(index, username, password), name=f"client-{index}", daemon=True)
        for index, (username, password) in enumerate(accounts)
    ]
    for thread in threads:
        thread.start()
    return threads
