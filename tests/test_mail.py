"""E-mail: who is told about a reply and how often, what the messages say, the digest, tokens, the outbox.

Messages go to a real SMTP server (aiosmtpd on loopback) and are read back as a mail client reads them.
The outbox's claims, retries and races have their own file, test_mail_outbox.py.
"""
import logging
import re

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.mail import delivery, messages, outbox, smtp, tokens
from forum.models import Comment, MailOutcome, OutgoingMail
from forum.models.base import utcnow
from tests.conftest import recorded_sql
from tests.smtp_server import mail, smtp_server  # noqa: F401  (fixtures)

BASE = "http://parley.test/"


@pytest.fixture
def thread(make):
    """An article, a comment by Ada (who asked for reply e-mails) and a published reply to it by Bob."""
    article = make.article(title="Can rivals cooperate on AI safety?")
    ada = make.user(username="ada", email="ada@example.org")
    ada.email_replies = True
    bob = make.user(username="bob", email="bob@example.org")
    parent = make.comment(article, status="published", author=ada)
    reply = make.comment(article, status="published", author=bob, parent=parent,
                                     body="I **disagree**: see [the treaty](https://example.org/treaty).")
    return article, ada, bob, parent, reply


def waiting_for(db, reply_id: int) -> list[OutgoingMail]:
    return db.session.scalars(sa.select(OutgoingMail).where(OutgoingMail.ident == reply_id)).all()


def test_a_published_reply_is_mailed_to_the_parent_author(db, mail, thread):
    article, ada, bob, parent, reply = thread
    assert delivery.drain() == 1
    [received] = mail.received
    assert received.recipients == ["ada@example.org"]
    message = received.message
    assert message["To"].addresses[0].addr_spec == "ada@example.org"
    assert message["From"] == "Parley <parley@example.org>"
    assert message["Subject"] == "bob replied to you on \u201cCan rivals cooperate on AI safety?\u201d"
    body = received.body
    assert "bob replied to your comment on \u201cCan rivals cooperate on AI safety?\u201d" in body
    # The reply as plain text: no markup, the link's address kept.
    assert "> I disagree: see the treaty <https://example.org/treaty>." in body
    assert "<strong>" not in body and "**" not in body
    assert f"{BASE}comments/{reply.id}" in body
    unsubscribe = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"]).group(1)
    assert unsubscribe.startswith(f"{BASE}unsubscribe?list=replies&token=")
    assert unsubscribe in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"


def test_a_reply_is_announced_at_most_once(db, make, mail, thread):
    *_, reply = thread
    assert delivery.drain() == 1
    assert delivery.drain() == 0
    [row] = waiting_for(db, reply.id)
    assert (row.outcome, row.attempts) == (MailOutcome.SENT, 1)
    db.session.refresh(reply)
    assert reply.reply_notified_at is not None
    # Withdrawn and published again: it was announced once, and that is all.
    from forum.actions.moderation import approve, reject
    moderator = make.user("moderator")
    reject(moderator, reply, "Off topic.")
    approve(moderator, reply)
    assert delivery.drain() == 0
    assert len(mail.received) == 1 and len(waiting_for(db, reply.id)) == 1


def test_many_replies_published_at_once_go_out_in_one_batch(db, make, mail, thread):
    """A moderator approving a pile of replies: one query, one claim, one SMTP connection, each told once."""
    article, ada, bob, parent, reply = thread
    more = [make.comment(article, status="published", author=bob, parent=parent, body=f"Reply {n}.")
            for n in range(3)]
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        assert delivery.drain() == 4
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert len(mail.received) == 4 and {r.recipients[0] for r in mail.received} == {"ada@example.org"}
    assert mail.connections == 1
    assert delivery.drain() == 0


@pytest.mark.parametrize("case", ["opted out", "own reply", "parent author banned", "reply held",
                                  "article unpublished", "parent author gone"])
def test_no_reply_notice_when(db, make, mail, thread, case):
    """Whether the change comes before the reply is published (nothing is queued) or after (the queued
    notice is dropped when its turn comes), nobody gets a notice they should not."""
    article, ada, bob, parent, reply = thread
    if case in ("own reply", "reply held"):  # a new reply: the fixture's own goes out first
        assert delivery.drain() == 1
        mail.clear()
    if case == "opted out":
        ada.email_replies = False
    elif case == "own reply":
        reply = make.comment(article, status="published", author=ada, parent=parent)
    elif case == "parent author banned":
        ada.banned_at = utcnow()
    elif case == "reply held":
        reply = make.comment(article, status="pending", author=bob, parent=parent)
    elif case == "article unpublished":
        from forum.actions.articles import unpublish_article
        unpublish_article(None, article)
    elif case == "parent author gone":
        db.session.execute(sa.update(Comment).where(Comment.id == parent.id).values(author_id=None))
    db.session.flush()
    assert delivery.drain() == 0
    assert mail.received == []
    assert {row.outcome for row in db.session.scalars(sa.select(OutgoingMail))} <= {MailOutcome.SENT,
                                                                                   MailOutcome.SKIPPED}


def test_publishing_a_reply_puts_one_notice_in_the_outbox_in_the_same_transaction(db, make, thread):
    from forum.actions.moderation import approve, undo_last

    article, ada, bob, parent, first = thread
    assert len(waiting_for(db, first.id)) == 1
    top = make.comment(article, status="published", author=bob)
    reply = make.comment(article, status="pending", author=bob, parent=parent)
    quiet = make.user(username="quiet")  # never asked for e-mail
    to_quiet = make.comment(article, status="published", author=bob,
                                        parent=make.comment(article, status="published", author=quiet))
    assert waiting_for(db, top.id) == waiting_for(db, reply.id) == waiting_for(db, to_quiet.id) == []

    moderator = make.user("moderator")
    with db.session.begin_nested() as transaction:  # a publication that is rolled back owes nothing
        approve(moderator, reply)
        assert len(waiting_for(db, reply.id)) == 1
        transaction.rollback()
    assert waiting_for(db, reply.id) == []
    approve(moderator, reply)
    undo_last(moderator, reply)
    approve(moderator, reply)  # approved, undone, approved again before any sender came: one notice
    assert len(waiting_for(db, reply.id)) == 1


def test_the_session_says_once_that_it_committed_mail_and_forgets_it_on_rollback():
    from sqlalchemy.orm import Session

    with Session(sa.create_engine("sqlite://")) as session:
        session.execute(sa.text("SELECT 1"))  # mail is queued inside a transaction
        outbox.note_queued(session)
        session.rollback()
        session.commit()
        assert outbox.take_ready(session) is False
        outbox.note_queued(session)
        assert outbox.take_ready(session) is False  # not committed yet
        session.commit()
        assert outbox.take_ready(session) is True
        assert outbox.take_ready(session) is False  # handed out once


def test_with_no_mail_server_nothing_is_sent_and_that_is_logged_once(caplog):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_SERVER": None, "SECRET_KEY": "x"})
    with caplog.at_level(logging.WARNING):
        assert delivery.mail_settings(app) is None
        assert delivery.mail_settings(app) is None
    assert [r.getMessage() for r in caplog.records].count(
        "E-mail is off: set PARLEY_MAIL_SERVER to send reply notices and digests.") == 1


def test_links_in_mail_never_follow_the_requests_host(app, client, db, mail, thread, monkeypatch):
    """Anyone can send any Host header; links in someone else's mail must point to the configured site."""
    *_, reply = thread
    with app.test_request_context("/", base_url="http://attacker.example"):
        assert delivery.drain() == 1
    assert "attacker.example" not in mail.received[0].message.as_string()
    assert f"{BASE}comments/{reply.id}" in mail.received[0].body


def test_mail_needs_the_sites_address(caplog):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_SERVER": "127.0.0.1", "SITE_URL": None,
                      "SERVER_NAME": None, "SECRET_KEY": "x"})
    with caplog.at_level(logging.WARNING):
        assert delivery.mail_settings(app) is None
    assert "E-mail is off: set PARLEY_URL (the site's public address) for the links in e-mail." in caplog.messages


def test_smtp_settings_come_from_the_config():
    assert smtp.settings_from({"MAIL_SERVER": None}) is None
    settings = smtp.settings_from({"MAIL_SERVER": "smtp.example.org", "MAIL_PORT": "465", "MAIL_USE_SSL": True,
                                   "MAIL_USERNAME": "u", "MAIL_PASSWORD": "p", "MAIL_FROM": "a@example.org"})
    assert (settings.server, settings.port, settings.use_ssl, settings.username) == ("smtp.example.org", 465, True, "u")


def test_unsubscribe_tokens_are_signed_per_list():
    token = tokens.make_token("secret", 42, "replies")
    assert tokens.read_token("secret", token, "replies") == 42
    assert tokens.read_token("secret", token, "digest") is None  # another list's salt
    assert tokens.read_token("other secret", token, "replies") is None
    assert tokens.read_token("secret", token[:-2] + "xx", "replies") is None
    assert tokens.read_token("secret", "", "replies") is None
    assert tokens.read_token("secret", token, "everything") is None


def test_header_text_cannot_inject_headers():
    message = messages.reply_notice(
        sender="Parley <parley@example.org>", site_name="Parley", to_name="ada", to_address="ada@example.org",
        replier="bob", article_title="Title\r\nBcc: victim@example.org", reply_html="<p>hi</p>",
        permalink="http://x/comments/1", unsubscribe_url="http://x/unsubscribe?list=replies&token=t",
    )
    assert "Bcc" not in message.keys()
    assert "\n" not in message["Subject"]


def test_plain_text_keeps_paragraphs_lists_and_links():
    html = '<p>One <em>two</em></p><ul><li>a</li><li><a href="https://e.org">link</a></li></ul><p>end</p>'
    assert messages.plain_text(html) == "One two\n\n- a\n\n- link <https://e.org>\n\nend"


def test_the_digest_goes_to_opted_in_moderators_with_the_queue_sizes(app, db, make, mail, monkeypatch):
    monkeypatch.setitem(app.config, "SITE_URL", "https://news.example.org")
    article = make.article()
    for _ in range(2):
        make.comment(article, status="pending")
    wanted = make.user("moderator", username="mod_wants", email="mod-wants@example.org")
    admin = make.user("admin", username="admin_wants", email="admin-wants@example.org")
    make.user("moderator", username="mod_not", email="mod-not@example.org")
    reader = make.user("reader", username="reader_wants", email="reader-wants@example.org")
    banned = make.user("moderator", username="mod_banned", email="mod-banned@example.org", banned_reason="x")
    for user in (wanted, admin, reader, banned):
        user.email_digest = True
    db.session.flush()

    result = app.test_cli_runner().invoke(args=["mail", "digest"])

    assert result.exit_code == 0, result.output
    assert "Sent the digest to 2 moderators." in result.output
    assert sorted(r.recipients[0] for r in mail.received) == ["admin-wants@example.org", "mod-wants@example.org"]
    received = mail.to("mod-wants@example.org")[0]
    pending = int(re.search(r"Pending:\s+([\d,]+)", received.body).group(1).replace(",", ""))
    assert pending >= 2
    for label in ("Reported", "Rejected", "Spam", "Recent", "Appeals"):
        assert f"{label}:" in received.body
    assert "Open the queues: https://news.example.org/moderation/" in received.body
    assert received.message["Subject"].startswith("Parley moderation: ")
    assert "list=digest&token=" in received.message["List-Unsubscribe"]


def test_the_digest_command_says_when_mail_is_off(app, db):
    result = app.test_cli_runner().invoke(args=["mail", "digest"])
    assert result.exit_code == 1
    assert "E-mail is off" in result.output


def test_the_worker_command_drains_the_outbox_without_redis(app, db, mail, thread):
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 e-mail." in result.output
    assert [r.recipients for r in mail.received] == [["ada@example.org"]]


def test_the_worker_command_says_when_mail_is_off(app, db):
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--burst"])
    assert result.exit_code == 1
    assert "E-mail is off" in result.output


def test_the_unsubscribe_header_goes_out_unfolded_and_unencoded():
    """Mail clients read List-Unsubscribe as a bare <URL>: RFC 2047 encoded words there would break it."""
    url = "https://news.example.org/unsubscribe?list=replies&token=" + "T" * 150
    message = messages.reply_notice(
        sender="Parley <parley@example.org>", site_name="Parley", to_name="ada", to_address="ada@example.org",
        replier="bob", article_title="A title", reply_html="<p>hi</p>", permalink="http://x/comments/1",
        unsubscribe_url=url,
    )
    wire = message.as_bytes()
    assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in wire
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in wire
