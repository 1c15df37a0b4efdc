"""Security headers and rate limits, set up once for the whole app."""
import logging
from datetime import datetime, timezone
from pathlib import Path

from flask import abort, current_app, g, request, session
from flask.logging import default_handler
from flask_limiter.util import get_remote_address
from flask_login import current_user
from flask_talisman import Talisman

from forum.extensions import limiter
from forum.fast_path import PRIVATE_CACHE_CONTROL

# Scripts come only from our own files: no inline script, no eval. Styles may use the
# style attribute, which the article allow-list keeps to text-align on table cells.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "https:", "data:"],
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

talisman = Talisman()


def init_security(app) -> None:
    secure = app.config["SESSION_COOKIE_SECURE"]
    # Registered first so that it runs last (after_request hooks run last-registered first): the log
    # shows the status the client got, not one a later hook could still turn into an error.
    app.after_request(_log_change)
    app.after_request(_private_when_personal)
    # Registered before Talisman's own hook on purpose: after_request hooks run last-registered
    # first, so this one sees (and narrows) the headers Talisman has just set.
    app.after_request(_apply_frame_ancestors)
    talisman.init_app(
        app,
        content_security_policy=CONTENT_SECURITY_POLICY,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=secure,
        session_cookie_secure=secure,
        session_cookie_http_only=True,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        # Talisman would otherwise reset it to Lax, undoing PARLEY_EMBED_COOKIES (forum/config.py).
        session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],
    )
    # Registered before the limiter's own hook, so that it runs after the limiter has written its headers.
    app.after_request(_retry_after_only_when_refused)
    limiter.init_app(app)
    # Flask-Limiter logs, once each, when Redis fails and it counts in memory, and when Redis is back;
    # its own logger only has a NullHandler, so those lines would go nowhere.
    logging.getLogger("flask-limiter").addHandler(default_handler)
    if not app.testing:
        app.logger.setLevel(logging.INFO)  # the change log lines below are INFO
    app.before_request(_note_actor)
    if not app.config.get("PROXY_HOPS"):
        app.before_request(_note_forwarded_for)
    app.before_request(_refuse_nul)


def _retry_after_only_when_refused(response):
    """Flask-Limiter sends Retry-After with every limited response; on a post that succeeded, a client
    would read it as "wait before sending again". It stays on 429 (rate limited) and 503 (try again)."""
    if response.status_code not in (429, 503):
        response.headers.pop("Retry-After", None)
    return response


def allow_framing_by(origins: list[str]) -> None:
    """Let this response be shown in frames on exactly `origins` (the embed page); every other
    response keeps frame-ancestors 'none'. The origins come from forum.embedding, already checked."""
    # On the request, not on g: an app context can outlive one request (tests, streamed responses).
    request.parley_frame_ancestors = list(origins)


def _private_when_personal(response):
    """A response that read the session or came with a token may hold the person's own data or CSRF token:
    no shared cache may keep it, whether or not its view said so (outsider review: the "show more" fragment,
    the account pages and the API's answers said nothing). Views that set Cache-Control keep theirs."""
    if "Cache-Control" not in response.headers and (session.accessed or "Authorization" in request.headers):
        response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response


def _apply_frame_ancestors(response):
    origins = getattr(request, "parley_frame_ancestors", None)
    policy = response.headers.get("Content-Security-Policy")
    if not origins or not policy:
        return response
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    directives = [part for part in directives if not part.startswith("frame-ancestors ")]
    directives.append("frame-ancestors " + " ".join(origins))
    response.headers["Content-Security-Policy"] = "; ".join(directives)
    # X-Frame-Options cannot name several origins, and browsers that know frame-ancestors ignore it:
    # sent as DENY it would only break the embed in older ones.
    response.headers.pop("X-Frame-Options", None)
    return response


def _refuse_nul():
    """NUL characters have no place in text, and PostgreSQL refuses to store or even look them up:
    an address holding one names nothing (404); a form or query holding one gets a 400 that says so."""
    if any("\x00" in str(value) for value in (request.view_args or {}).values()):
        abort(404, description="Nothing here: the address contains a NUL character.")
    for values in (request.args, request.form):
        for value in values.values():
            if "\x00" in value:
                abort(400, description="The text contains a NUL character (\\0), which cannot be stored. "
                                       "Remove it and send again.")


# Written once per process when a request carries X-Forwarded-For and no proxy is configured, for
# `flask check` to warn about (a file in instance/: the check runs in another process).
FORWARDED_FOR_MARKER = "forwarded-for-seen"


def _note_forwarded_for():
    if "X-Forwarded-For" not in request.headers or current_app.extensions.get("parley_forwarded_for_noted"):
        return
    current_app.extensions["parley_forwarded_for_noted"] = True
    current_app.logger.warning(
        "A request came with X-Forwarded-For but PARLEY_PROXY_HOPS is 0: if Parley is behind a proxy, "
        "every client shares its address for rate limits. Set PARLEY_PROXY_HOPS (see README).")
    try:
        path = Path(current_app.config["INSTANCE_DIR"]) / FORWARDED_FOR_MARKER
        path.write_text(datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    except OSError:
        pass  # the log line above says it already


def forwarded_for_seen_at() -> str | None:
    """When a request last brought X-Forwarded-For with no proxy configured, as noted above."""
    try:
        return (Path(current_app.config["INSTANCE_DIR"]) / FORWARDED_FOR_MARKER).read_text().strip() or None
    except OSError:
        return None


def _note_actor():
    """Who is acting, as known when the request came in (signing out must still name them)."""
    g.actor = f"user {current_user.id}" if current_user and current_user.is_authenticated else "anonymous"


def _log_change(response):
    """One line per state change: who did what, and how it ended. The path only: no query
    string, form, cookie or header is written, so no password or token reaches the log."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        who = g.get("actor") or "anonymous"
        current_app.logger.info("%s %s %s -> %s", who, request.method, request.path, response.status_code)
    return response


def config_limit(name: str):
    """A limit read from the app's config at request time, so tests and deployments can set it."""
    return lambda: current_app.config[name]


def limit_password_checks(account_key, account_counts=None, address_exempt=None):
    """Limit a form that checks a password, per address and per account (`account_key()` names it),
    counting every attempt before the check: a right password costs the worker as much as a wrong one.

    `account_counts(response)` narrows what the account's allowance counts, and `address_exempt()` lets
    a request pass the address's, where counting everything would let a stranger keep the owner out."""
    per_address = limiter.shared_limit(config_limit("RATELIMIT_PASSWORD_CHECKS_PER_ADDRESS"), scope="password-address",
                                       key_func=get_remote_address, methods=["POST"], exempt_when=address_exempt)
    per_account = limiter.shared_limit(config_limit("RATELIMIT_PASSWORD_CHECKS_PER_ACCOUNT"), scope="password-account",
                                       key_func=lambda: "account:" + account_key(), methods=["POST"],
                                       deduct_when=account_counts)
    return lambda view: per_address(per_account(view))


def failed(response) -> bool:
    """Only failed attempts count towards the sign-in limits: a person who signs in is not slowed."""
    return response.status_code >= 400
