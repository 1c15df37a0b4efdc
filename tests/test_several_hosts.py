"""Several hosts (issue 15): two app hosts behind HAProxy, sharing one PostgreSQL and one Redis.

Each host runs what deploy/systemd/ starts on an app host, with the commands read from the unit
files: gunicorn with deploy/gunicorn.conf.py, and the mail worker. Each is a network namespace of
its own where the machine allows it, else a loopback address (tests/host_network.py). HAProxy runs
deploy/haproxy.cfg unchanged in front. Then: a session made on one host holds on the other, and so
does a rate limit; a change made through one host shows on a page the other has cached within a
second; and readers post, react and a moderator rejects through the load balancer while host 1 is
killed (SIGKILL to everything on it) and started again. Every acknowledged act must be stored, the
kill may cost no more than the requests in flight, host 1 must serve again, and each reply notice
must be e-mailed once although both hosts' mail workers run.
"""
import http.client
import os
import re
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from forum.config import normalise_database_url
from forum.mail.outbox import BATCH_SIZE, LEASE_SECONDS
from forum.models import Comment, CommentStatus, MailKind, MailOutcome, OutgoingMail, Reaction, Role, SitePolicy, User
from tests.conftest import skip_or_fail
from tests.durability_client import ForumClient, ServerGone, acknowledged_id, comment_body
from tests.deployed_hosts import APP_PORT, PROMPT, AppHost, Balancer
from tests.host_network import HAPROXY, Forward, make_hosts
from tests.live_server import fresh_postgres_database, losses, run_cli, stored_comments
from tests.smtp_server import Inbox

pytestmark = pytest.mark.slow

HOSTS = 2
POSTGRES_FORWARD, REDIS_FORWARD, SMTP_FORWARD, SMTP_PORT = 5281, 5282, 5283, 5284  # ports 5260-5299 are ours
WORKERS = 2
PROPAGATION = 1.0  # seconds within which a change through one host must show on the other (the bound)
SECRET_KEY = "several-hosts-test-secret-key-0123456789abcdef"
PASSWORD = "several-hosts-password"
SLUG = "several-hosts"
POSTERS, ACCOUNTS_PER_POSTER, REACTORS = 2, 6, 2
CLIENTS = POSTERS + REACTORS + 2  # and a moderator and a visitor
POST_PAUSE, REACT_PAUSE, REJECT_PAUSE, READ_PAUSE = 0.4, 0.5, 1.0, 0.3  # seconds between one client's requests
FAILED = {None, 502, 503, 504}  # no answer, or the load balancer's for a host that died while answering

ARTICLE_FILE = f"""---
title: "Several hosts"
slug: {SLUG}
summary: "An article for the several-hosts test to post under."
---

Should rival labs share their evaluation standards? Readers post their views below.
"""


@dataclass
class Cluster:
    database_url: str
    hosts: list[AppHost]
    balancer: Balancer
    inbox: Inbox
    readers: list[str]
    moderator: str
    parent_id: int  # a comment by a reader who asked to be e-mailed replies


def _service(url: str, default_port: int) -> tuple[str, int]:
    parsed = make_url(url)
    return parsed.host or "127.0.0.1", parsed.port or default_port


def _prepare_database(env: dict[str, str], workdir: Path) -> tuple[list[str], str, str]:
    """Migrate, import the article, and add readers (one opted in to reply e-mails) and a moderator."""
    readers = [f"hostsreader{n}" for n in range(POSTERS * ACCOUNTS_PER_POSTER + REACTORS + 3)]
    article = workdir / "article.md"
    article.write_text(ARTICLE_FILE)
    run_cli(("db", "upgrade"), env=env)
    run_cli(("users", "create", "--username", readers[0], "--email", f"{readers[0]}@example.com",
             "--password", PASSWORD), ("articles", "import", str(article), "--publish"), env=env)
    engine = sa.create_engine(normalise_database_url(env["DATABASE_URL"]))
    with Session(engine) as session:
        # The others share the first one's password hash (hashing each would take seconds). Automatic slow
        # mode is off: this thread gets many comments a minute.
        first = session.scalar(sa.select(User).where(User.username == readers[0]))
        first.email_replies = True
        session.add_all(User(username=name, email=f"{name}@example.com", password_hash=first.password_hash,
                             role=Role.READER) for name in readers[1:])
        session.add(User(username="hostsmoderator", email="hostsmoderator@example.com",
                         password_hash=first.password_hash, role=Role.MODERATOR))
        policy = SitePolicy.with_defaults()
        policy.auto_slow_posts_per_minute = 0
        session.add(policy)
        session.commit()
    engine.dispose()
    return readers[1:], readers[0], "hostsmoderator"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if not os.environ.get("TEST_DATABASE_URL") or not os.environ.get("TEST_REDIS_URL"):
        skip_or_fail("the several-hosts test needs TEST_DATABASE_URL and TEST_REDIS_URL")
    if not Path(HAPROXY).exists():
        skip_or_fail("the several-hosts test needs HAProxy (apt-get install haproxy)")
    workdir = tmp_path_factory.mktemp("hosts")
    network, reasons = make_hosts(HOSTS)
    if network is None:
        skip_or_fail("two app hosts cannot be made on this machine: " + "; ".join(reasons))
    with ExitStack() as cleanup:
        cleanup.callback(network.tear_down)
        inbox = Inbox()
        smtp = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
        smtp.start()
        cleanup.callback(smtp.stop)
        redis_url = os.environ["TEST_REDIS_URL"]
        redis.Redis.from_url(redis_url).flushdb()  # rate-limit counters and cache entries of earlier runs
        database_url = fresh_postgres_database("hosts")
        forwards = [Forward("postgres", POSTGRES_FORWARD, _service(database_url, 5432)),
                    Forward("redis", REDIS_FORWARD, _service(redis_url, 6379)),
                    Forward("smtp", SMTP_FORWARD, ("127.0.0.1", SMTP_PORT))]
        network.forward(forwards, workdir)
        base_env = {name: value for name, value in os.environ.items() if not name.startswith(("FLASK_", "PARLEY_"))}
        base_env.update(DATABASE_URL=database_url, SECRET_KEY=SECRET_KEY, PYTHONUNBUFFERED="1")
        readers, opted_in, moderator = _prepare_database(base_env, workdir)

        hosts = []
        for number in range(1, HOSTS + 1):
            reach = {forward.name: network.reach(number, forward) for forward in forwards}
            database = make_url(database_url).set(host=reach["postgres"][0], port=reach["postgres"][1])
            redis_db = make_url(redis_url).database or "0"
            env = {**base_env,  # the settings deploy/parley.env.example lists, for this host
                   "DATABASE_URL": database.render_as_string(hide_password=False),
                   "REDIS_URL": f"redis://{reach['redis'][0]}:{reach['redis'][1]}/{redis_db}",
                   "PARLEY_URL": "http://parley.test", "PARLEY_PROXY_HOPS": "1",
                   "PARLEY_BIND": f"{network.address(number)}:{APP_PORT}",
                   "PARLEY_LB_ADDRESSES": network.gateway(number), "PARLEY_WORKERS": str(WORKERS),
                   "PARLEY_MAIL_SERVER": reach["smtp"][0], "PARLEY_MAIL_PORT": str(reach["smtp"][1]),
                   "PARLEY_MAIL_USE_TLS": "0", "PARLEY_MAIL_FROM": "Parley <parley@example.org>"}
            hosts.append(AppHost(number, network, env, workdir))
        for host in hosts:
            cleanup.callback(host.stop)
            host.start()
        for host in hosts:
            host.wait_until_healthy()
        balancer = Balancer(hosts, workdir)
        cleanup.callback(balancer.stop)
        balancer.start()
        for host in hosts:
            balancer.wait_until_up(f"app{host.number}")

        author = balancer.client()
        author.sign_in(opted_in, PASSWORD)
        status, parent_id = author.post_comment(SLUG, author.csrf_token(f"/articles/{SLUG}"),
                                                comment_body("Parent", 0, 0))
        assert parent_id is not None, f"the opted-in reader's comment was answered {status}"
        print(f"\nseveral hosts: {network.kind}" + (f" ({'; '.join(reasons)})" if reasons else ""))
        yield Cluster(database_url, hosts, balancer, inbox, readers, moderator, parent_id)


def _signed_in(client: ForumClient, username: str) -> tuple[ForumClient, str]:
    client.sign_in(username, PASSWORD)
    return client, client.csrf_token(f"/articles/{SLUG}")


def _on(client: ForumClient, host: AppHost) -> ForumClient:
    """The same browser (its cookies), now talking to `host`."""
    client.host, client.port = host.address, APP_PORT
    return client


def _comment_author(database_url: str, comment_id: int) -> str | None:
    engine = sa.create_engine(normalise_database_url(database_url))
    with engine.connect() as connection:
        name = connection.scalar(sa.select(User.username).join(Comment, Comment.author_id == User.id)
                                 .where(Comment.id == comment_id))
    engine.dispose()
    return name


def test_a_session_and_a_rate_limit_made_on_one_host_hold_on_the_other(cluster):
    first, second = cluster.hosts
    reader, _token = _signed_in(first.client(), cluster.readers[-1])
    token = _on(reader, second).csrf_token(f"/articles/{SLUG}")
    status, comment_id = reader.post_comment(SLUG, token, comment_body("Session", 0, 0))
    assert comment_id is not None, f"host 2 answered {status}: it did not know the session host 1 made"
    assert _comment_author(cluster.database_url, comment_id) == cluster.readers[-1]

    # An account may post 10 comments a minute (RATELIMIT_POST): counted in Redis, so the hosts share the count.
    limited, token = _signed_in(first.client(), cluster.readers[-2])
    statuses = [_on(limited, cluster.hosts[number % 2]).post_comment(SLUG, token, comment_body("Limit", 0, number))[0]
                for number in range(11)]
    assert statuses == [302] * 10 + [429]


def _wait_for_page(client: ForumClient, path: str, shows) -> float:
    """Seconds until the page `client` gets shows what `shows(html)` looks for (up to five)."""
    started = time.monotonic()
    while time.monotonic() - started < 5:
        status, _, html = client.request("GET", path)
        if status == 200 and shows(html):
            break
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_change_through_one_host_shows_on_a_page_the_other_has_cached_within_a_second(cluster):
    first, second = cluster.hosts
    page = f"/articles/{SLUG}"
    visitor = first.client()
    visitor.request("GET", page)
    status, headers, html = visitor.request("GET", page)  # from the cache now
    assert status == 200
    writer, token = _signed_in(second.client(), cluster.readers[-3])
    body = comment_body("Fresh", 0, 0)
    comment_id = writer.post_comment(SLUG, token, body)[1]
    assert comment_id is not None
    assert _wait_for_page(visitor, page, lambda html: body in html) <= PROPAGATION
    if "ETag" in headers:  # a validator the page had before the change no longer matches
        connection = http.client.HTTPConnection(first.address, APP_PORT, timeout=PROMPT)
        connection.request("GET", page, headers={"If-None-Match": headers["ETag"]})
        assert connection.getresponse().status == 200
        connection.close()

    moderator, token = _signed_in(second.client(), cluster.moderator)
    status, _, _ = moderator.request("POST", f"/moderation/comments/{comment_id}/reject",
                                     {"csrf_token": token, "reason": "Off-topic"})
    assert status == 302
    assert _wait_for_page(visitor, page, lambda html: body not in html) <= PROPAGATION


@dataclass
class Acts:
    """What the clients sent through the load balancer and how each was answered."""

    posts: dict[int, str] = field(default_factory=dict)  # acknowledged comment id -> text
    replies: set[int] = field(default_factory=set)  # the acknowledged ids that are replies to the opted-in reader
    reactions: set[tuple[int, str]] = field(default_factory=set)  # acknowledged (comment id, username)
    gone: set[int] = field(default_factory=set)  # comments a reaction found rejected (404): nobody may react now
    rejections: set[int] = field(default_factory=set)  # comment ids whose rejection was acknowledged
    statuses: dict[str | int | None, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def answered(self, status: int | None) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def failures(self) -> int:
        return sum(count for status, count in self.statuses.items() if status in FAILED)

    def send(self, request) -> tuple[int | None, http.client.HTTPMessage | None]:
        try:
            status, headers, _ = request()
        except ServerGone:
            status, headers = None, None
        self.answered(status)
        return status, headers

    def published_top_level(self) -> list[int]:
        with self.lock:
            return [comment_id for comment_id in self.posts if comment_id not in self.replies | self.rejections]


def _poster(cluster: Cluster, acts: Acts, index: int, ready: threading.Barrier) -> None:
    names = cluster.readers[index * ACCOUNTS_PER_POSTER:(index + 1) * ACCOUNTS_PER_POSTER]
    browsers = [_signed_in(cluster.balancer.client(), name) for name in names]
    ready.wait()
    number = 0
    while not acts.stop.is_set():
        client, token = browsers[number % len(browsers)]
        body = comment_body("Hosts", index, number)
        reply = number % 3 == 0  # a reply to the reader who asked to be e-mailed replies
        form = {"body": body, "stance": "", "parent_id": str(cluster.parent_id) if reply else "", "csrf_token": token}
        status, headers = acts.send(lambda: client.request("POST", f"/articles/{SLUG}/comments", form))
        comment_id = acknowledged_id(status, headers) if headers is not None else None
        if comment_id is not None:
            with acts.lock:
                acts.posts[comment_id] = body
                if reply:
                    acts.replies.add(comment_id)
        number += 1
        time.sleep(POST_PAUSE)


def _reactor(cluster: Cluster, acts: Acts, name: str, ready: threading.Barrier) -> None:
    client, token = _signed_in(cluster.balancer.client(), name)
    ready.wait()
    while not acts.stop.is_set():
        with acts.lock:
            waiting = [comment_id for comment_id in acts.posts
                       if (comment_id, name) not in acts.reactions and comment_id not in acts.gone]
        if waiting:
            comment_id = waiting[-1]
            status, _ = acts.send(lambda: client.request("POST", f"/comments/{comment_id}/react",
                                                         {"kind": "up", "csrf_token": token}))
            if status == 302:
                with acts.lock:
                    acts.reactions.add((comment_id, name))
            elif status == 404:
                with acts.lock:
                    acts.gone.add(comment_id)
        time.sleep(REACT_PAUSE)


def _moderator(cluster: Cluster, acts: Acts, ready: threading.Barrier) -> None:
    client, token = _signed_in(cluster.balancer.client(), cluster.moderator)
    ready.wait()
    while not acts.stop.is_set():
        waiting = acts.published_top_level()
        if waiting:
            comment_id = waiting[0]  # the oldest: readers are still reacting to the newest
            status, _ = acts.send(lambda: client.request("POST", f"/moderation/comments/{comment_id}/reject",
                                                         {"csrf_token": token, "reason": "Off-topic"}))
            if status == 302:
                with acts.lock:
                    acts.rejections.add(comment_id)
        time.sleep(REJECT_PAUSE)


def _visitor(cluster: Cluster, acts: Acts, ready: threading.Barrier) -> None:
    client = cluster.balancer.client()
    ready.wait()
    while not acts.stop.is_set():
        acts.send(lambda: client.request("GET", f"/articles/{SLUG}"))
        time.sleep(READ_PAUSE)


def _stored(database_url: str):
    """Reactions, rejected comment ids and reply notices, read afresh."""
    engine = sa.create_engine(normalise_database_url(database_url))
    with Session(engine) as session:
        reactions = {(comment_id, name) for comment_id, name in session.execute(
            sa.select(Reaction.comment_id, User.username).join(User, User.id == Reaction.user_id))}
        rejected = set(session.scalars(sa.select(Comment.id).where(Comment.status == CommentStatus.REJECTED)))
        replies = set(session.scalars(sa.select(Comment.id).where(Comment.parent_id.is_not(None))))
        notices = session.scalars(sa.select(OutgoingMail).where(OutgoingMail.kind == MailKind.REPLY)).all()
        session.expunge_all()
    engine.dispose()
    return reactions, rejected, replies, notices


def _mailed_reply_ids(inbox: Inbox) -> list[int]:
    return [int(re.search(r"/comments/(\d+)", received.body).group(1)) for received in list(inbox.received)]


def test_nothing_acknowledged_is_lost_while_a_host_is_killed_and_started_again(cluster):
    first = cluster.hosts[0]
    acts = Acts()
    ready = threading.Barrier(CLIENTS + 1, timeout=120)
    workers = [threading.Thread(target=_poster, args=(cluster, acts, index, ready)) for index in range(POSTERS)]
    workers += [threading.Thread(target=_reactor, args=(cluster, acts, name, ready))
                for name in cluster.readers[POSTERS * ACCOUNTS_PER_POSTER:][:REACTORS]]
    workers += [threading.Thread(target=_moderator, args=(cluster, acts, ready)),
                threading.Thread(target=_visitor, args=(cluster, acts, ready))]
    for worker in workers:
        worker.daemon = True
        worker.start()
    try:
        ready.wait()
        time.sleep(4)
        killed_at = datetime.now(timezone.utc)
        first.kill()
        time.sleep(3)
        first.start()
        first.wait_until_healthy()
        cluster.balancer.wait_until_up("app1")
        served_before = cluster.balancer.requests_to("app1")
        time.sleep(4)
        served_after = cluster.balancer.requests_to("app1")
    finally:
        acts.stop.set()
        for worker in workers:
            worker.join(timeout=60)

    assert acts.statuses.get(500, 0) == 0, acts.statuses
    # Each client waits for one answer before it sends again: the kill can have cut at most one request each.
    assert acts.failures() <= CLIENTS, acts.statuses
    assert served_after > served_before, "host 1 took no requests after it was started again"
    lost, repeated = losses(acts.posts, stored_comments(cluster.database_url, SLUG))
    assert (lost, repeated) == ([], [])
    assert len(acts.posts) > 20 and len(acts.reactions) > 10 and len(acts.rejections) > 3, \
        (len(acts.posts), len(acts.reactions), len(acts.rejections))

    # Mail: both hosts' workers send from the one outbox. A notice claimed by host 1's worker just before the
    # kill waits for its lease to run out (LEASE_SECONDS) before another worker may take it; the rest must go.
    dead_lease_ends = killed_at + timedelta(seconds=LEASE_SECONDS + 1)
    deadline = time.monotonic() + 30
    while True:
        reactions, rejected, replies, notices = _stored(cluster.database_url)
        waiting = [notice for notice in notices if notice.done_at is None]
        leased_by_the_dead = [notice for notice in waiting
                              if notice.claimed_until is not None and notice.claimed_until <= dead_lease_ends]
        sent = sorted(notice.ident for notice in notices if notice.outcome == MailOutcome.SENT)
        if (len(waiting) == len(leased_by_the_dead) and len(_mailed_reply_ids(cluster.inbox)) >= len(sent)) \
                or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    mailed = _mailed_reply_ids(cluster.inbox)
    print(f"\nseveral hosts: {len(acts.posts)} comments, {len(acts.reactions)} reactions, {len(acts.rejections)} "
          f"rejections acknowledged; answers {acts.statuses}; {len(mailed)} reply notices e-mailed, "
          f"{len(leased_by_the_dead)} held by the killed host's mail worker")

    assert acts.reactions <= reactions
    assert acts.rejections <= rejected
    assert sorted(mailed) == sorted(set(mailed)), "a reply notice was e-mailed twice"
    assert sorted(mailed) == sent
    assert len(waiting) == len(leased_by_the_dead) <= BATCH_SIZE, [(n.ident, n.claimed_until) for n in waiting]
    # Every published reply to the opted-in reader is owed one notice: sent, or held by the dead worker's lease.
    assert acts.replies - rejected <= {notice.ident for notice in notices}
    assert {notice.ident for notice in notices} <= replies
