"""Getting mail out of the outbox: claimed, composed and sent over SMTP, by the mail worker or, without
Redis, by the web process once a response has gone; and the moderators' digest, sent by a cron-run command.

This is an edge of the app like cli.py: it runs in the worker, after a response or from cron, so it
reads the app's config itself. Nothing here can fail a reader's request: errors are logged, and mail
that did not go stays in the outbox for the next try.
"""
import secrets
import time
from functools import partial

from flask import current_app

from forum import outages
from forum.extensions import db
from forum.mail import messages, notices, outbox, smtp, tokens
from forum.models import MailOutcome
from forum.models.base import utcnow
from forum.public_urls import link_builder, site_url
from forum.moderation import queues
from forum.redis_client import redis_client

# A message takes a few SMTP round trips, each allowed MAIL_TIMEOUT: a sender starts one only while its
# lease has this many timeouts left, so no other sender can take the row while it is being sent.
SMTP_TIMEOUTS_PER_MESSAGE = 6
NUDGE_TIMEOUT_SECONDS = 2  # waking the worker gives up after this: a stuck Redis must not hold a web worker


def _say_once(app, reason: str) -> None:
    """Log why mail is off the first time it matters in this process, not on every reply."""
    if not app.extensions.get("parley_mail_off_logged"):
        app.extensions["parley_mail_off_logged"] = True
        app.logger.warning("E-mail is off: %s", reason)


def mail_settings(app) -> smtp.SmtpSettings | None:
    """The SMTP settings, or None when mail is off; says why once per app in the log, never to the reader."""
    settings = smtp.settings_from(app.config)
    if settings is None:
        _say_once(app, "set PARLEY_MAIL_SERVER to send reply notices and digests.")
    elif site_url(app) is None:
        _say_once(app, "set PARLEY_URL (the site's public address) for the links in e-mail.")
        return None
    return settings


def _unsubscribe_url(app, link, user_id: int, list_name: str) -> str:
    token = tokens.make_token(app.config["SECRET_KEY"], user_id, list_name)
    return link("notifications.unsubscribe", list=list_name, token=token)


def dispatch(response) -> None:
    """Mail was committed: once `response` is closed, wake the worker (Redis), or send it from here."""
    app = current_app._get_current_object()
    if mail_settings(app) is None:
        return
    if app.config.get("REDIS_URL"):
        response.call_on_close(partial(nudge, app))
    else:
        response.call_on_close(partial(_drain_after_response, app))


WAKE_UP_OUTAGE = "redis (waking the mail worker)"


def nudge(app) -> None:
    """Tell a waiting worker there is mail. At most one wake-up waits in the list, however many are sent."""
    from redis import RedisError  # here: a site without REDIS_URL never nudges, nor loads redis-py (forum/redis_client.py)

    try:
        with redis_client(app, NUDGE_TIMEOUT_SECONDS).pipeline() as pipe:
            pipe.lpush(app.config["MAIL_QUEUE"], 1).ltrim(app.config["MAIL_QUEUE"], 0, 0).execute()
    except RedisError as error:
        # Logged once per outage: the mail waits in the outbox and the worker finds it when it next looks.
        outages.failed(WAKE_UP_OUTAGE, error)
    else:
        outages.recovered(WAKE_UP_OUTAGE)


def _drain_after_response(app) -> None:
    # The request's context is gone by now: sending gets a context and a database session of its own.
    with app.app_context():
        try:
            drain()
        except Exception:
            db.session.rollback()
            app.logger.exception("Sending e-mail from the outbox failed; it is tried again later.")


def drain(should_stop=lambda: False) -> int:
    """Send everything in the outbox that is due, a claimed batch at a time; returns how many messages went.
    Any number of processes may drain at once: each row is claimed by one of them."""
    app = current_app._get_current_object()
    settings = mail_settings(app)
    if settings is None:
        return 0
    outbox.tidy(db.session, utcnow())
    db.session.commit()
    sent = 0
    while not should_stop():
        token = secrets.token_hex(8)
        claimed = outbox.claim(db.session, token, utcnow())
        db.session.commit()
        if not claimed:
            break
        sent += _send_claimed(app, settings, claimed, token, should_stop)
    return sent


def _send_claimed(app, settings: smtp.SmtpSettings, claimed: list[outbox.Claimed], token: str, should_stop) -> int:
    """Send one claim's messages over one connection, each marked in its own transaction once it has gone."""
    last_start = time.monotonic() + outbox.LEASE_SECONDS - SMTP_TIMEOUTS_PER_MESSAGE * settings.timeout
    owed = {notice.reply_id: notice for notice in notices.reply_notices(db.session, [row.ident for row in claimed])}
    for row in claimed:
        if row.ident not in owed:
            outbox.finish(db.session, row, token, MailOutcome.SKIPPED, utcnow())
    db.session.commit()
    waiting = [row for row in claimed if row.ident in owed]
    if not waiting:
        return 0
    link = link_builder(app, site_url(app))
    sent = 0
    try:
        with smtp.connect(settings) as connection:
            while waiting:
                if should_stop() or time.monotonic() > last_start:
                    outbox.release(db.session, waiting, token)
                    db.session.commit()
                    break
                row = waiting.pop(0)
                try:
                    connection.send_message(_reply_message(app, settings, link, owed[row.ident]))
                except OSError as error:  # smtplib's errors are OSErrors
                    _record_failure(app, row, token, error)
                    continue
                now = utcnow()
                outbox.finish(db.session, row, token, MailOutcome.SENT, now)
                notices.mark_told(db.session, row.ident, now)
                db.session.commit()
                sent += 1
    except OSError as error:  # connecting, STARTTLS or login: nothing left in the claim went
        for row in waiting:
            _record_failure(app, row, token, error)
    return sent


def _record_failure(app, row: outbox.Claimed, token: str, error: OSError) -> None:
    reason = f"{type(error).__name__}: {error}"
    if outbox.failed(db.session, row, token, reason, utcnow()):
        app.logger.error("E-mail %s (%s %s) not sent after %d attempts; given up: %s",
                         row.id, row.kind, row.ident, row.attempts, reason)
    else:
        app.logger.warning("E-mail %s (%s %s) not sent (attempt %d of %d), tried again in %s: %s",
                           row.id, row.kind, row.ident, row.attempts, outbox.MAX_ATTEMPTS,
                           outbox.retry_delay(row.attempts), reason)
    db.session.commit()


def _reply_message(app, settings: smtp.SmtpSettings, link, notice: notices.ReplyNotice):
    return messages.reply_notice(
        sender=settings.sender, site_name=app.config["SITE_NAME"],
        to_name=notice.recipient.username, to_address=notice.recipient.email,
        replier=notice.replier_name, article_title=notice.article_title, reply_html=notice.reply_html,
        permalink=link("comments.permalink", comment_id=notice.reply_id),
        unsubscribe_url=_unsubscribe_url(app, link, notice.recipient.id, "replies"),
    )


def _size(count: int) -> str:
    return f"{queues.COUNT_CAP:,}+" if count > queues.COUNT_CAP else f"{count:,}"


def send_digest() -> int:
    """Send each opted-in moderator today's queue sizes; returns how many were sent. Mail must be on."""
    app = current_app._get_current_object()
    settings = mail_settings(app)
    if settings is None:
        raise RuntimeError("E-mail is off: set PARLEY_MAIL_SERVER and PARLEY_URL first.")
    recipients = notices.digest_recipients(db.session)
    if not recipients:
        return 0
    sizes = [(queues.QUEUE_LABELS[queue], _size(n)) for queue, n in queues.counts(db.session).items()]
    link = link_builder(app, site_url(app))
    batch = [
        messages.digest(
            sender=settings.sender, site_name=app.config["SITE_NAME"], to_name=user.username, to_address=user.email,
            sizes=sizes, queue_url=link("moderation.queue"),
            unsubscribe_url=_unsubscribe_url(app, link, user.id, "digest"),
        )
        for user in recipients
    ]
    smtp.send(settings, batch)
    return len(batch)
