"""Parley served as the README says: gunicorn --preload with 2 workers, on PostgreSQL and a private
Redis (issue 11)."""
import os
import re
import threading
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from forum.config import normalise_database_url
from forum.models import Role, SitePolicy, User
from tests.conftest import skip_or_fail
from tests.durability_client import ForumClient, ServerGone, comment_body
from tests.live_server import HOST, Gunicorn, PrivateRedis, fresh_postgres_database, run_cli

pytestmark = pytest.mark.slow

WORKERS = 2
POSTERS = 4
# Rate limits stay on (their counters are what lives in Redis). An account may post 10 comments a
# minute; each poster turns through its own accounts, so none gets near that in the run.
ACCOUNTS_PER_POSTER = 10
PROMPT = 20  # seconds: an answer that takes longer counts as none (gunicorn kills a worker at 30)
PASSWORD = "outage-test-password"
SECRET_KEY = "outage-test-secret-key-0123456789abcdefgh"
SLUG = "service-outages"

ARTICLE_FILE = f"""---
title: "Service outages"
slug: {SLUG}
summary: "An article for the outage tests to post comments under."
---

Should rival labs share their evaluation standards? Readers post their views below.
"""


@dataclass
class Site:
    database_url: str
    env: dict[str, str]
    redis: PrivateRedis
    accounts: list[str]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """A PostgreSQL database built by the real CLI, a private Redis, and 40 readers."""
    if not os.environ.get("TEST_DATABASE_URL"):
        skip_or_fail("the outage tests need TEST_DATABASE_URL")
    workdir = tmp_path_factory.mktemp("outages")
    redis = PrivateRedis(workdir)
    redis.start()
    database_url = fresh_postgres_database("outages")
    env = {name: value for name, value in os.environ.items() if not name.startswith(("FLASK_", "PARLEY_"))}
    env.update(DATABASE_URL=database_url, REDIS_URL=redis.url, SECRET_KEY=SECRET_KEY, PYTHONUNBUFFERED="1")
    accounts = [f"outagereader{n}" for n in range(POSTERS * ACCOUNTS_PER_POSTER)]
    article = workdir / "article.md"
    article.write_text(ARTICLE_FILE)
    run_cli(("db", "upgrade"), env=env)
    run_cli(("users", "create", "--username", accounts[0], "--email", f"{accounts[0]}@example.com",
             "--password", PASSWORD), ("articles", "import", str(article), "--publish"), env=env)
    engine = sa.create_engine(normalise_database_url(database_url))
    with Session(engine) as session:
        # The other readers share the first one's password hash: hashing 40 passwords would take longer
        # than the rest of the set-up. Automatic slow mode is off: this thread gets many comments a minute.
        first = session.scalar(sa.select(User).where(User.username == accounts[0]))
        session.add_all(User(username=name, email=f"{name}@example.com", password_hash=first.password_hash,
                             role=Role.READER) for name in accounts[1:])
        policy = SitePolicy.with_defaults()
        policy.auto_slow_posts_per_minute = 0
        session.add(policy)
        session.commit()
    engine.dispose()
    yield Site(database_url, env, redis, accounts)
    redis.kill()


def signed_in_reader(server: Gunicorn, username: str) -> tuple[ForumClient, str]:
    """A reader's browser, signed in, with the CSRF token of the article page."""
    client = ForumClient(HOST, server.port, timeout=PROMPT)
    client.sign_in(username, PASSWORD)
    return client, client.csrf_token(f"/articles/{SLUG}")


def test_preloaded_workers_answer_readers_comments_promptly(site, tmp_path):
    """--preload forks the workers from a master that has loaded the app (and the toxicity model): each
    worker's first comment from a reader, which the model scores, gets its answer at once."""
    access_log = tmp_path / "access.log"
    server = Gunicorn(site.env, tmp_path / "gunicorn.log", workers=WORKERS, options=(
        "--preload", "--access-logfile", str(access_log), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"))
    server.start()
    try:
        readers = [signed_in_reader(server, name) for name in site.accounts[:4]]
        statuses, errors, workers = [], [], set()
        for round_number in range(5):  # until both workers have taken comments; the kernel picks who accepts
            answers = []

            def post(index: int, reader: tuple[ForumClient, str]) -> None:
                client, token = reader
                try:
                    answers.append(client.post_comment(SLUG, token, comment_body("Preload", index, round_number))[0])
                except ServerGone as exc:
                    errors.append(str(exc))

            threads = [threading.Thread(target=post, args=(index, reader)) for index, reader in enumerate(readers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            statuses += answers
            workers = {pid for pid, path in re.findall(r"^<(\d+)> POST (\S+) 302$", access_log.read_text(), re.M)
                       if path == f"/articles/{SLUG}/comments"}
            if len(workers) == WORKERS or errors:
                break
    finally:
        server.stop()
    assert errors == [], f"comments not answered within {PROMPT} s: {errors}\n{server.log_tail()}"
    assert set(statuses) == {302}, statuses
    assert len(workers) == WORKERS, f"comments were answered by workers {workers} only"
