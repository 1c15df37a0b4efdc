"""The mail worker: drains the outbox, then waits for a wake-up through Redis or, without it, for the next poll.

Redis only saves the wait: whatever happens to it, the worker looks at the outbox every POLL_SECONDS,
which is also when rows waiting to be tried again fall due.
"""
import signal
import threading

from flask import current_app
from redis import RedisError

from forum.extensions import db
from forum.mail import delivery
from forum.redis_client import redis_client

POLL_SECONDS = 10  # the longest a message waits when no wake-up comes (Redis down, or none configured)


def run_worker(burst: bool = False, poll_seconds: float = POLL_SECONDS, stop: threading.Event | None = None) -> int:
    """Send mail inside this app context until `stop` is set or SIGTERM comes (or, with burst, until nothing
    is due); returns how many messages went."""
    app = current_app._get_current_object()
    if delivery.mail_settings(app) is None:
        raise RuntimeError("E-mail is off: set PARLEY_MAIL_SERVER and PARLEY_URL first.")
    stop = stop or threading.Event()
    if not burst and threading.current_thread() is threading.main_thread():
        # A supervisor's SIGTERM lets the message being sent finish; the rest of the claim is handed back.
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    sent = 0
    redis_was_down = False
    while True:
        try:
            sent += delivery.drain(should_stop=stop.is_set)
        except Exception:
            db.session.rollback()
            if burst:
                raise
            app.logger.exception("The mail worker could not work the outbox; trying again in %s s.", poll_seconds)
        finally:
            db.session.close()
        if burst or stop.is_set():
            return sent
        redis_was_down = _wait_for_mail(app, poll_seconds, stop, redis_was_down)


def _wait_for_mail(app, poll_seconds: float, stop: threading.Event, redis_was_down: bool) -> bool:
    """Until a wake-up, `poll_seconds` or `stop`; returns whether Redis is down (said once per outage)."""
    if app.config.get("REDIS_URL"):
        # The socket must outlast the blocking wait, or every quiet poll would look like an outage.
        client = redis_client(app, poll_seconds + delivery.NUDGE_TIMEOUT_SECONDS)
        try:
            client.blpop([app.config["MAIL_QUEUE"]], timeout=poll_seconds)
        except RedisError as error:
            if not redis_was_down:
                app.logger.warning("Redis is unreachable (%s): the mail worker looks at the outbox every %s s.",
                                   error, poll_seconds)
            stop.wait(poll_seconds)
            return True
        if redis_was_down:
            app.logger.info("Redis answers again: the mail worker wakes when mail is queued.")
        return False
    stop.wait(poll_seconds)
    return False
