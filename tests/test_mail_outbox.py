"""The mail outbox: a failure is tried again later, a dead sender's rows are taken over, and two senders
racing on committed rows send each message exactly once; the worker wakes through Redis or polls.

Mail goes to a real SMTP server (aiosmtpd on loopback). The racing and worker tests need committed rows
that other connections see, so they use an app of their own and delete what they wrote afterwards.
"""
import os
import threading
import time
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db as _db
from forum.mail import delivery, outbox, worker
from forum.models import (
    Article, ArticleStance, Comment, CommentRevision, MailOutcome, ModerationAction, OutgoingMail, User,
)
from forum.models.base import utcnow
from tests.conftest import free_port, skip_or_fail
from tests.factories import Factories
from tests.smtp_server import mail, smtp_server  # noqa: F401  (fixtures)


def replies_to(make, parent_author, count: int, replier=None):
    """`count` published replies to a comment of `parent_author` (who asked for reply e-mails)."""
    article = make.article()
    parent_author.email_replies = True
    parent = make.comment(article, status="published", author=parent_author)
    replier = replier or make.user()
    return [make.comment(article, status="published", author=replier, parent=parent,
                                     body=f"Reply number {n}, on the treaty's verification.") for n in range(count)]


def rows(db) -> list[OutgoingMail]:
    db.session.expire_all()
    return db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id)).all()


def make_due(db) -> None:
    """The wait after a failure is over (the clock moved on)."""
    db.session.execute(sa.update(OutgoingMail).values(next_attempt_at=utcnow() - timedelta(seconds=1)))


def test_a_failure_is_tried_again_after_a_wait_that_grows(app, db, make, mail, monkeypatch):
    replies_to(make, make.user(email="ada-o@example.org"), 1)
    port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # the mail server is down: the connection is refused
    before = utcnow()
    assert delivery.drain() == 0
    [row] = rows(db)
    assert (row.attempts, row.done_at, row.claimed_by) == (1, None, None)
    assert "ConnectionRefusedError" in row.last_error
    assert before + timedelta(seconds=outbox.RETRY_FIRST_SECONDS) <= row.next_attempt_at
    assert delivery.drain() == 0 and rows(db)[0].attempts == 1  # not due yet: nobody hammers the server

    make_due(db)
    assert delivery.drain() == 0
    assert rows(db)[0].next_attempt_at >= utcnow() + timedelta(seconds=outbox.RETRY_FIRST_SECONDS)  # longer

    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    make_due(db)
    assert delivery.drain() == 1
    [row] = rows(db)
    assert (row.outcome, row.attempts) == (MailOutcome.SENT, 3)
    assert [r.recipients for r in mail.received] == [["ada-o@example.org"]]


def test_the_wait_doubles_up_to_an_hour_and_ends_after_the_last_attempt():
    waits = [outbox.retry_delay(n).total_seconds() for n in range(1, outbox.MAX_ATTEMPTS)]
    assert waits == [60, 120, 240, 480, 960, 1920, 3600]


def test_after_the_last_attempt_the_mail_is_given_up_and_logged(app, db, make, mail, monkeypatch, caplog):
    replies_to(make, make.user(), 1)
    db.session.execute(sa.update(OutgoingMail).values(attempts=outbox.MAX_ATTEMPTS - 1))
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)
    assert delivery.drain() == 0
    [row] = rows(db)
    assert (row.outcome, row.attempts) == (MailOutcome.FAILED, outbox.MAX_ATTEMPTS)
    assert row.done_at is not None
    assert f"not sent after {outbox.MAX_ATTEMPTS} attempts; given up" in caplog.text
    monkeypatch.undo()
    make_due(db)
    assert delivery.drain() == 0 and mail.received == []


def test_a_refused_recipient_fails_alone_and_the_others_go_over_the_same_connection(db, make, mail):
    refused = make.user(email="gone@example.org")
    replies_to(make, refused, 1)
    replies_to(make, make.user(email="here@example.org"), 2)
    mail.refused.add("gone@example.org")
    assert delivery.drain() == 2
    assert [r.recipients for r in mail.received] == [["here@example.org"], ["here@example.org"]]
    assert mail.connections == 1
    outcomes = [(r.outcome, r.attempts) for r in rows(db)]
    assert outcomes == [(None, 1), (MailOutcome.SENT, 1), (MailOutcome.SENT, 1)]
    assert "550" in rows(db)[0].last_error


def test_a_row_held_by_a_sender_that_died_is_taken_over_once_its_lease_has_run_out(db, make, mail):
    replies_to(make, make.user(), 1)
    [dead] = outbox.claim(db.session, "dead-sender", utcnow())  # claimed, then the process was killed
    assert delivery.drain() == 0  # the lease still holds: the sender may be mid-send
    db.session.execute(sa.update(OutgoingMail).values(claimed_until=utcnow() - timedelta(seconds=1)))
    assert delivery.drain() == 1
    [row] = rows(db)
    assert (row.outcome, row.attempts) == (MailOutcome.SENT, 2)
    outbox.failed(db.session, dead, "dead-sender", "woke up late", utcnow())  # its late word changes nothing
    assert rows(db)[0].outcome == MailOutcome.SENT
    assert len(mail.received) == 1


def test_stopping_hands_the_rest_of_a_claim_back(db, make, mail):
    replies_to(make, make.user(), 3)
    assert delivery.drain(should_stop=lambda: len(mail.received) >= 1) == 1
    assert [(r.outcome, r.attempts, r.claimed_by) for r in rows(db)] == [
        (MailOutcome.SENT, 1, None), (None, 0, None), (None, 0, None)]
    assert delivery.drain() == 2


def test_tidying_gives_up_a_last_attempt_whose_sender_died_and_drops_old_finished_rows(db, make, mail):
    replies_to(make, make.user(), 3)
    now = utcnow()
    first, second, third = rows(db)
    first.attempts, first.claimed_until = outbox.MAX_ATTEMPTS, now - timedelta(seconds=1)
    second.done_at, second.outcome = now - timedelta(days=outbox.KEEP_DONE_DAYS, seconds=1), MailOutcome.SENT
    third.done_at, third.outcome = now - timedelta(days=outbox.KEEP_DONE_DAYS - 1), MailOutcome.SENT
    db.session.flush()
    outbox.tidy(db.session, now)
    assert [(r.id, r.outcome) for r in rows(db)] == [(first.id, MailOutcome.FAILED), (third.id, MailOutcome.SENT)]


# --- Committed rows, several connections ---

@pytest.fixture
def live_app(app, live_app, mail):
    """conftest's live_app, sending to the test SMTP server."""
    live_app.config.update(dict(app.config))
    return live_app


@pytest.fixture
def committed_replies(live_app):
    """Thirty replies to Ada, committed with their notices; every row is deleted afterwards."""
    with live_app.app_context():
        make = Factories(_db.session)
        ada = make.user(username=f"ada_{uuid.uuid4().hex[:8]}")
        replies = replies_to(make, ada, 30)
        _db.session.commit()
        article_id = replies[0].article_id
        user_ids = [ada.id, replies[0].author_id]
    try:
        yield article_id
    finally:
        with live_app.app_context():
            _delete_thread(article_id, user_ids)


def _delete_thread(article_id: int, user_ids: list[int]) -> None:
    session = _db.session
    session.rollback()
    comment_ids = sa.select(Comment.id).where(Comment.article_id == article_id)
    session.execute(sa.delete(OutgoingMail).where(OutgoingMail.ident.in_(comment_ids)))
    session.execute(sa.delete(ModerationAction).where(sa.or_(
        ModerationAction.article_id == article_id, ModerationAction.comment_id.in_(comment_ids),
        ModerationAction.actor_id.in_(user_ids), ModerationAction.target_user_id.in_(user_ids))))
    session.execute(sa.delete(CommentRevision).where(CommentRevision.comment_id.in_(comment_ids)))
    session.execute(sa.update(Comment).where(Comment.article_id == article_id).values(parent_id=None, root_id=None))
    session.execute(sa.delete(Comment).where(Comment.article_id == article_id))
    session.execute(sa.delete(ArticleStance).where(ArticleStance.article_id == article_id))
    session.execute(sa.delete(Article).where(Article.id == article_id))
    session.execute(sa.delete(User).where(User.id.in_(user_ids)))
    session.commit()


def test_two_senders_racing_send_each_message_exactly_once(live_app, committed_replies, mail, monkeypatch):
    monkeypatch.setattr(outbox, "BATCH_SIZE", 3)  # many small claims, so the two senders interleave
    start = threading.Barrier(2)
    outcomes = []

    def drain():
        with live_app.app_context():
            try:
                start.wait(timeout=30)
                outcomes.append(delivery.drain())
            except Exception as error:  # reported by the test, with its type and message
                outcomes.append(error)

    senders = [threading.Thread(target=drain) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=120)
    assert not any(sender.is_alive() for sender in senders), "a sender never finished"
    assert all(isinstance(sent, int) for sent in outcomes), outcomes
    assert sum(outcomes) == 30
    bodies = [received.body for received in mail.received]
    assert sorted(f"Reply number {n}," in body for n in range(30) for body in bodies).count(True) == 30
    assert len(bodies) == 30
    with live_app.app_context():
        assert set(_db.session.scalars(sa.select(OutgoingMail.outcome).where(OutgoingMail.ident.in_(
            sa.select(Comment.id).where(Comment.article_id == committed_replies))))) == {MailOutcome.SENT}


def _run_worker(app, stop: threading.Event, poll_seconds: float, outcomes: list):
    with app.app_context():
        try:
            outcomes.append(worker.run_worker(poll_seconds=poll_seconds, stop=stop))
        except Exception as error:
            outcomes.append(error)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _publish_one_reply(app) -> tuple[int, list[int]]:
    with app.app_context():
        make = Factories(_db.session)
        ada = make.user()
        [reply] = replies_to(make, ada, 1)
        _db.session.commit()
        return reply.article_id, [ada.id, reply.author_id]


@pytest.mark.parametrize("redis", ["up", "down"])
def test_the_worker_wakes_through_redis_and_polls_without_it(live_app, mail, redis):
    """With Redis, a reply is mailed at once although the worker polls only every minute; with Redis down,
    the worker still finds it in the outbox at its next poll."""
    if redis == "up":
        url = os.environ.get("TEST_REDIS_URL") or skip_or_fail("The wake-up test needs TEST_REDIS_URL")
        poll_seconds = 60
    else:
        url = f"redis://127.0.0.1:{free_port()}/0"
        poll_seconds = 0.2
    live_app.config.update(REDIS_URL=url, MAIL_QUEUE=f"parley-mail-test-{uuid.uuid4().hex[:8]}")
    stop, outcomes = threading.Event(), []
    thread = threading.Thread(target=_run_worker, args=(live_app, stop, poll_seconds, outcomes))
    thread.start()
    written = None
    try:
        time.sleep(0.5)  # the worker has drained the empty outbox and waits
        written = _publish_one_reply(live_app)
        delivery.nudge(live_app)  # what the web process does once the response is out
        assert _wait_for(lambda: len(mail.received) == 1, 30), outcomes
    finally:
        stop.set()
        delivery.nudge(live_app)
        thread.join(timeout=poll_seconds + 10)
        if written:
            with live_app.app_context():
                _delete_thread(*written)
    assert not thread.is_alive()
    assert outcomes == [1]
