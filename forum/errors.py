"""Error pages in the site's design, or JSON for clients that ask for it."""
import time

from flask import g, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from forum import outages
from forum.extensions import login_manager

TITLES = {
    400: "That request was not understood",
    403: "You may not do that",
    404: "Nothing here",
    405: "Not allowed here",
    413: "That was too large",
    429: "Slow down",
    500: "Something went wrong on our side",
    503: "Busy for a moment",
}

# Long enough for a held lock or a restarting database to pass, short enough that someone sending a
# comment would not have given up anyway.
RETRY_AFTER_SECONDS = 5
OUTAGE_MESSAGE = ("The site cannot reach its database just now, or it is too busy to answer. Please try again in a "
                  "few seconds; if you were sending a form, go back: what you typed is still there.")
API_OUTAGE_MESSAGE = "The database is unavailable or busy; send the request again after Retry-After seconds."


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


# Endpoints that only ever answer JSON (the site's scripts read them): their errors are JSON too, whatever the
# request accepts, so that a script can say what went wrong rather than fail to parse a page.
JSON_ENDPOINTS = frozenset({"comments.preview", "comments.new_count"})


def answers_json() -> bool:
    """Whether an error on this request is answered as JSON (the API's own shape aside)."""
    return request.endpoint in JSON_ENDPOINTS or _wants_json()


def _retry_message(from_a_form: bool = True) -> str:
    """When a rate-limited person may try again, in words (a program gets no word about going back)."""
    from forum.extensions import limiter

    limit = limiter.current_limit
    if limit is None:
        return "Too many requests. Please wait a little and try again."
    seconds = max(1, int(limit.reset_at - time.time()))
    wait = f"{seconds} seconds" if seconds < 120 else f"{round(seconds / 60)} minutes"
    message = f"Too many attempts in a short time. Please wait {wait} and try again"
    return message + ("; what you typed is not lost if you go back." if from_a_form else ".")


# The JSON API's error codes: stable words for programs, one per status.
API_ERROR_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid", 429: "rate_limited",
    500: "server_error", 503: "unavailable",
}


class ApiError(HTTPException):
    """An API answer other than success, with a stable code and, for bad input, a message per field."""

    def __init__(self, status: int, message: str, code: str | None = None, fields: dict[str, str] | None = None):
        super().__init__(description=message)
        self.code = status
        self.api_code = code or API_ERROR_CODES.get(status, "error")
        self.fields = fields


def api_error_response(error: HTTPException, message: str):
    """{"error": {"code", "message", "fields"?}} with the error's status, for everything under /api/."""
    detail = {"code": getattr(error, "api_code", None) or API_ERROR_CODES.get(error.code or 500, "error"),
              "message": message}
    if getattr(error, "fields", None):
        detail["fields"] = error.fields
    response = jsonify(error=detail)
    response.status_code = error.code or 500
    if response.status_code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


# Fields whose text a person wrote and would not want to write again (comments, appeals, articles).
WRITTEN_FIELDS = ("body", "title", "summary")
# Refusals of a person's own form for reasons other than what it says: an expired token or session, too many
# posts too fast, a comment replied to that was removed meanwhile (404). A 403 is about the person, and the form
# pages that can refuse one keep the text themselves.
KEEPS_TEXT = (400, 401, 404, 429)
KEPT_TEXT_MAX_CHARS = 100_000  # the longest field a form accepts; a larger one was never a person's text


def kept_text() -> str:
    """What the person wrote in a form that was refused before it could be read (an expired security token,
    a session that ended), so the error page can hand it back instead of losing it."""
    if request.method != "POST" or request.path.startswith("/api/") or request.mimetype != "application/x-www-form-urlencoded":
        return ""
    parts = [request.form.get(name, "") for name in WRITTEN_FIELDS]
    return "\n\n".join(part for part in parts if part.strip())[:KEPT_TEXT_MAX_CHARS]


def render_error(error: HTTPException):
    code = error.code or 500
    if code == 429:
        message = _retry_message(from_a_form=not (request.path.startswith("/api/") or answers_json()))
    elif code == 500:
        message = "The error has been logged. Please try again in a moment."
    else:
        message = error.description
    if request.path.startswith("/api/"):
        return api_error_response(error, message)
    if answers_json():
        return jsonify(error={"code": code, "title": TITLES.get(code, error.name), "message": message}), code
    # A failing server may be failing because its database is: its error pages do not ask the database
    # who is signed in (base.html leaves the account links out, and Flask-Login's template context,
    # which would load the user, gets a visitor unless the user is already loaded).
    if code >= 500 and "_login_user" not in g:
        g._login_user = login_manager.anonymous_user()
    return render_template("errors/error.html", code=code, title=TITLES.get(code, error.name), message=message,
                           without_account=code >= 500, kept=kept_text() if code in KEEPS_TEXT else ""), code


def render_outage(error: Exception, cause: str):
    """503 with Retry-After for a database that is down or busy: the request may simply be sent again."""
    outages.failed(cause, error)
    message = API_OUTAGE_MESSAGE if request.path.startswith("/api/") else OUTAGE_MESSAGE
    response = make_response(render_error(ServiceUnavailable(message)))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def register(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        error.description = (
            "The form was missing its security token or it had expired. "
            "Go back, reload the page and send it again."
        )
        if answers_json() and not request.path.startswith("/api/"):  # a script on a page that has gone stale
            error.description = ("This page's security token has expired, or you were signed out. Copy what you "
                                 "typed, then reload the page (and sign in again if asked).")
        if request.endpoint == "comments.create" and not answers_json() and kept_text():
            from forum.views.drafts import refused_comment_form  # the views import this module

            try:
                return refused_comment_form(error)
            except HTTPException:  # no such article to bring the form back on: the plain answer below
                pass
        if request.path.startswith("/api/"):
            error.api_code = "csrf_failed"
            error.description = ("A signed-in session must send its CSRF security token in the X-CSRFToken header "
                                 "on every change (or use an API token instead).")
        return render_error(error)

    @app.errorhandler(HTTPException)
    def http_error(error):
        return render_error(error)

    @app.errorhandler(Exception)
    def unexpected_error(error):
        cause = outages.database_outage(error)
        if cause is not None:
            return render_outage(error, cause)
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())
