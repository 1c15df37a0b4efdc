"""Getting mail out: from a Redis queue by an RQ worker when REDIS_URL is set, otherwise once the response
has gone; and the moderators' digest, sent by a cron-run command.

This is an edge of the app like cli.py: it runs in the worker, after a response or from cron, so it
reads the app's config itself. Nothing here can fail a reader's request: errors are logged.
"""
from functools import partial
from urllib.parse import urlsplit

from flask import current_app
from redis import Redis, RedisError
from rq import Queue, Worker

from forum.extensions import db
from forum.mail import messages, notices, smtp, tokens
from forum.mail.outbox import Notice
from forum.moderation import queues

def _say_once(app, reason: str) -> None:
    """Log why mail is off the first time it matters in this process, not on every reply."""
    if not app.extensions.get("parley_mail_off_logged"):
        app.extensions["parley_mail_off_logged"] = True
        app.logger.warning("E-mail is off: %s", reason)


def site_url(app) -> str | None:
    """The public address links in mail point to. Never the Host header of the request that caused the
    mail: anyone can send any Host, and the links (with unsubscribe tokens) would lead to their server."""
    if app.config.get("SITE_URL"):
        return app.config["SITE_URL"].rstrip("/") + "/"
    if app.config.get("SERVER_NAME"):
        return f"{app.config.get('PREFERRED_URL_SCHEME') or 'http'}://{app.config['SERVER_NAME']}/"
    return None


def mail_settings(app) -> smtp.SmtpSettings | None:
    """The SMTP settings, or None when mail is off; says why once per app in the log, never to the reader."""
    settings = smtp.settings_from(app.config)
    if settings is None:
        _say_once(app, "set PARLEY_MAIL_SERVER to send reply notices and digests.")
    elif site_url(app) is None:
        _say_once(app, "set PARLEY_URL (the site's public address) for the links in e-mail.")
        return None
    return settings


def _link_builder(app, base: str):
    """url_for for outside a request: absolute URLs under `base` from the app's URL map."""
    parts = urlsplit(base)
    adapter = app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http")
    return lambda endpoint, **values: adapter.build(endpoint, values, force_external=True)


def _unsubscribe_url(app, link, user_id: int, list_name: str) -> str:
    token = tokens.make_token(app.config["SECRET_KEY"], user_id, list_name)
    return link("notifications.unsubscribe", list=list_name, token=token)


REDIS_TIMEOUT_SECONDS = 2  # a web request gives up queueing mail after this; a stuck Redis must not hang posts


def mail_queue(app) -> Queue:
    """The queue web processes put mail on (one connection pool per app and Redis URL)."""
    connections = app.extensions.setdefault("parley_mail_redis", {})
    url = app.config["REDIS_URL"]
    if url not in connections:
        connections[url] = Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                                          socket_timeout=REDIS_TIMEOUT_SECONDS)
    return Queue(app.config["MAIL_QUEUE"], connection=connections[url])


def dispatch(ready: list[Notice], response) -> None:
    """Hand committed notices on, as one job: to the queue (Redis), or to run once `response` is closed."""
    app = current_app._get_current_object()
    reply_ids = [notice.ident for notice in ready if notice.kind == "reply"]
    if not reply_ids or mail_settings(app) is None:
        return
    if app.config.get("REDIS_URL"):
        try:
            mail_queue(app).enqueue(deliver_replies, reply_ids)
        except RedisError:
            app.logger.exception("Could not queue %d e-mail notice(s); they are not sent.", len(reply_ids))
    else:
        response.call_on_close(partial(_deliver_after_response, app, reply_ids))


def _deliver_after_response(app, reply_ids: list[int]) -> None:
    # The request's context is gone by now: the notices get a context and a database session of their own.
    with app.app_context():
        try:
            deliver_replies(reply_ids)
        except Exception:
            db.session.rollback()
            app.logger.exception("E-mail notices for replies %s were not sent.", reply_ids)


def deliver_replies(reply_ids: list[int]) -> int:
    """The queued job (and the after-response work): e-mail the parent authors about these published
    replies, each once and only if they asked to be told; one query, one claim, one SMTP connection.
    Returns how many messages went out."""
    app = current_app._get_current_object()
    settings = mail_settings(app)
    if settings is None:
        return 0
    owed = notices.reply_notices(db.session, reply_ids)
    claimed = notices.claim_reply_notices(db.session, [notice.reply_id for notice in owed])
    # Committed before sending: should the send fail, a reader misses one notice rather than getting two.
    db.session.commit()
    link = _link_builder(app, site_url(app))
    batch = [
        messages.reply_notice(
            sender=settings.sender, site_name=app.config["SITE_NAME"],
            to_name=notice.recipient.username, to_address=notice.recipient.email,
            replier=notice.replier_name, article_title=notice.article_title, reply_html=notice.reply_html,
            permalink=link("comments.permalink", comment_id=notice.reply_id),
            unsubscribe_url=_unsubscribe_url(app, link, notice.recipient.id, "replies"),
        )
        for notice in owed if notice.reply_id in claimed
    ]
    smtp.send(settings, batch)
    return len(batch)


def deliver_reply(reply_id: int) -> bool:
    """One reply's notice; True when a message went out."""
    return deliver_replies([reply_id]) == 1


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
    link = _link_builder(app, site_url(app))
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


def run_worker(burst: bool = False) -> None:
    """Work the mail queue inside this app context until stopped (or, with burst, until it is empty)."""
    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL"):
        raise RuntimeError("The mail worker needs REDIS_URL; without it mail goes out after each response.")
    # A connection without the web side's short timeout: the worker blocks on Redis while it waits for mail.
    connection = Redis.from_url(app.config["REDIS_URL"])
    Worker([Queue(app.config["MAIL_QUEUE"], connection=connection)], connection=connection).work(burst=burst)
