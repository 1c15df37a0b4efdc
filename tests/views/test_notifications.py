"""E-mail over HTTP: opting in, a reply mailed after the response or by the worker, one-click unsubscribe.

A real SMTP server (aiosmtpd) receives the mail; the Redis wake-up runs against TEST_REDIS_URL, and the
outage tests point REDIS_URL at a port where nothing listens.
"""
import html
import os
import re
import uuid
from urllib.parse import urlsplit

import pytest

from forum import outages
from forum.mail import delivery
from forum.models import ModerationMode
from tests.conftest import csrf_token, free_port, skip_or_fail
from tests.smtp_server import mail, smtp_server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("own_sessions")  # each request in a session of its own, as in production


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def thread(make, db):
    """Ada asked for reply e-mails and has a comment; Bob will reply to it."""
    article = make.article(title="Can rivals cooperate on AI safety?")
    ada = make.user(username="ada_n", email="ada-n@example.org")
    ada.email_replies = True
    bob = make.user(username="bob_n", email="bob-n@example.org")
    parent = make.comment(article, status="published", author=ada)
    db.session.commit()
    return article, ada, bob, parent


def post_reply(client, article, parent, body="A civil reply about the treaty's verification."):
    """Post through the real form; the response is left open, as a server leaves it until it is sent."""
    data = {"body": body, "parent_id": str(parent.id), "stance": "", "post": "1", "csrf_token": csrf_token(client)}
    return client.post(f"/articles/{article.slug}/comments", data=data, buffered=False)


def unsubscribe_path(received) -> str:
    url = re.fullmatch(r"<(.+)>", received.message["List-Unsubscribe"]).group(1)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def refreshed(db, user):
    db.session.refresh(user)
    return user


def test_a_reader_opts_in_on_their_settings_page(client, auth, db, make):
    reader = auth.login(make.user(username="reader_opt"))
    page = client.get("/account/notifications")
    assert page.status_code == 200
    assert 'name="email_replies"' in page.get_data(as_text=True)
    assert 'name="email_digest"' not in page.get_data(as_text=True)  # the digest is for moderators

    refused = client.post("/account/notifications", data={"email_replies": "y"})  # no CSRF token
    assert refused.status_code == 400
    assert not refreshed(db, reader).email_replies

    saved = client.post("/account/notifications", data={"email_replies": "y", "csrf_token": csrf_token(client)})
    assert saved.status_code == 302
    assert refreshed(db, reader).email_replies
    assert "checked" in client.get("/account/notifications").get_data(as_text=True)

    digest = client.post("/account/notifications", data={"email_digest": "y", "csrf_token": csrf_token(client)})
    assert digest.status_code == 400
    assert "The daily digest of the moderation queues is for moderators." in text_of(digest)
    assert refreshed(db, reader).email_replies and not reader.email_digest  # nothing changed


def test_a_moderator_opts_in_to_the_digest(client, auth, db, make):
    moderator = auth.login(make.user("moderator", username="mod_opt"))
    assert 'name="email_digest"' in client.get("/account/notifications").get_data(as_text=True)
    response = client.post("/account/notifications", data={"email_digest": "y", "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert refreshed(db, moderator).email_digest and not moderator.email_replies


def test_a_reply_is_mailed_after_the_response_and_one_click_unsubscribes(app, client, auth, db, mail, thread):
    article, ada, bob, parent = thread
    auth.login(bob)

    response = post_reply(client, article, parent)
    assert response.status_code == 302
    assert mail.received == []  # not while the response is still being sent
    response.close()
    [received] = mail.received
    assert received.recipients == ["ada-n@example.org"]
    assert "A civil reply about the treaty's verification." in received.body
    assert "Can rivals cooperate on AI safety?" in received.body
    permalink = re.search(r"Read it and answer: (\S+)", received.body).group(1)
    assert client.get(urlsplit(permalink).path).status_code == 302  # the permalink opens the thread

    # The link in the e-mail, opened by anybody (no sign-in): a confirm page, which changes nothing.
    auth.logout()
    path = unsubscribe_path(received)
    confirm = client.get(path)
    assert confirm.status_code == 200
    assert re.search(r'<form method="post" action="[^"]*unsubscribe\?list=replies[^"]*">\s*<button', confirm.get_data(as_text=True))
    assert refreshed(db, ada).email_replies

    # RFC 8058 one-click: a POST from the mail client, with neither session nor CSRF token.
    one_click = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert "You are unsubscribed" in text_of(one_click)
    assert not refreshed(db, ada).email_replies
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200  # twice is fine

    auth.login(bob)  # signed out above
    post_reply(client, article, parent, "Another civil reply, which nobody is told about.").close()
    assert len(mail.received) == 1


def test_a_reply_held_for_review_is_mailed_when_a_moderator_approves_it_and_only_once(
        client, auth, db, make, mail, thread, site_policy):
    article, ada, bob, parent = thread
    site_policy(moderation_mode=ModerationMode.PRE)
    db.session.commit()
    auth.login(bob)
    post_reply(client, article, parent).close()
    assert mail.received == []  # held: nothing is announced yet

    reply_id = _newest_reply(db, parent)
    auth.logout()
    auth.login(make.user("moderator"))
    for step in ("approve", "undo", "approve"):
        response = client.post(f"/moderation/comments/{reply_id}/{step}", data={"csrf_token": csrf_token(client)},
                               buffered=False)
        assert response.status_code in (302, 303)
        response.close()
    assert [r.recipients for r in mail.received] == [["ada-n@example.org"]]


def _newest_reply(db, parent) -> int:
    import sqlalchemy as sa

    from forum.models import Comment

    return db.session.scalar(sa.select(sa.func.max(Comment.id)).where(Comment.parent_id == parent.id))


def waiting_mail(db) -> list:
    import sqlalchemy as sa

    from forum.models import OutgoingMail

    return db.session.scalars(sa.select(OutgoingMail).where(OutgoingMail.done_at.is_(None))).all()


def test_a_mail_server_that_is_down_never_fails_the_readers_post(app, client, auth, db, mail, thread, monkeypatch):
    article, ada, bob, parent = thread
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens there: the connection is refused
    auth.login(bob)
    response = post_reply(client, article, parent)
    assert response.status_code == 302
    response.close()  # the failure is logged, not raised
    assert mail.received == []
    [row] = waiting_mail(db)  # kept for the next try
    assert row.attempts == 1 and row.last_error


def test_a_reply_notice_survives_redis_being_unreachable_and_goes_when_the_worker_runs(
        app, client, auth, db, mail, thread, monkeypatch, caplog):
    article, ada, bob, parent = thread
    monkeypatch.setitem(app.config, "REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    outages.recovered(delivery.WAKE_UP_OUTAGE)  # an earlier test's outage would keep this one quiet
    auth.login(bob)
    response = post_reply(client, article, parent)
    assert response.status_code == 302
    response.close()  # waking the worker fails: logged once, and the reader never knows
    assert "waking the mail worker" in caplog.text
    assert mail.received == []
    assert len(waiting_mail(db)) == 1

    # The worker, started while Redis is still down, finds the mail in the outbox.
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    [received] = mail.received
    assert received.recipients == ["ada-n@example.org"]
    assert "A civil reply about the treaty's verification." in received.body
    assert waiting_mail(db) == []
    assert app.test_cli_runner().invoke(args=["mail", "worker", "--burst"]).exit_code == 0
    assert len(mail.received) == 1


@pytest.fixture
def redis_wakeup(app, monkeypatch):
    """The app wakes its mail worker through TEST_REDIS_URL, under a key of this test's own."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        skip_or_fail("The Redis wake-up test needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/3)")
    from redis import Redis, RedisError

    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisError as error:
        skip_or_fail(f"Redis at TEST_REDIS_URL does not answer: {error}")
    key = f"parley-mail-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "MAIL_QUEUE", key)
    yield connection, key
    connection.delete(key)


def test_with_redis_a_reply_wakes_the_worker_which_sends_it(app, client, auth, db, mail, thread, redis_wakeup):
    connection, key = redis_wakeup
    article, ada, bob, parent = thread
    auth.login(bob)
    for body in ("A first civil reply about the treaty.", "A second civil reply about the treaty."):
        post_reply(client, article, parent, body).close()
    assert mail.received == []  # left to the worker, not sent by the web process
    assert connection.lrange(key, 0, -1) == [b"1"]  # two wake-ups, one waiting: a worker looks once

    result = app.test_cli_runner().invoke(args=["mail", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert sorted(re.search(r"> (.+)", r.body).group(1).strip() for r in mail.received) == [
        "A first civil reply about the treaty.", "A second civil reply about the treaty."]
    assert mail.received[0].message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize("query, message", [
    ("", "it does not say which e-mails to stop"),
    ("?list=replies", "not valid"),
    ("?list=replies&token=forged", "not valid"),
    ("?list=everything&token=forged", "it does not say which e-mails to stop"),
])
def test_a_bad_unsubscribe_link_gets_a_clear_400(client, query, message):
    for method in ("GET", "POST"):
        response = client.open(f"/unsubscribe{query}", method=method)
        assert response.status_code == 400
        assert message in text_of(response)


def test_a_token_for_one_list_does_not_unsubscribe_from_another(app, client, db, make):
    from forum.mail.tokens import make_token

    moderator = make.user("moderator", username="mod_lists")
    moderator.email_replies = moderator.email_digest = True
    db.session.commit()
    token = make_token(app.config["SECRET_KEY"], moderator.id, "digest")
    assert client.post(f"/unsubscribe?list=replies&token={token}").status_code == 400
    assert client.post(f"/unsubscribe?list=digest&token={token}").status_code == 200
    moderator = refreshed(db, moderator)
    assert moderator.email_replies and not moderator.email_digest
