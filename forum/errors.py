"""Error pages in the site's design, or JSON for clients that ask for it."""
import time

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

TITLES = {
    400: "That request was not understood",
    403: "You may not do that",
    404: "Nothing here",
    405: "Not allowed here",
    413: "That was too large",
    429: "Slow down",
    500: "Something went wrong on our side",
}


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.path.startswith("/api/") or (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _retry_message() -> str:
    """When a rate-limited person may try again, in words."""
    from forum.extensions import limiter

    limit = limiter.current_limit
    if limit is None:
        return "Too many requests. Please wait a little and try again."
    seconds = max(1, int(limit.reset_at - time.time()))
    wait = f"{seconds} seconds" if seconds < 120 else f"{round(seconds / 60)} minutes"
    return f"Too many attempts in a short time. Please wait {wait} and try again; what you typed is not lost if you go back."


def render_error(error: HTTPException):
    code = error.code or 500
    if code == 429:
        message = _retry_message()
    elif code == 500:
        message = "The error has been logged. Please try again in a moment."
    else:
        message = error.description
    if _wants_json():
        return jsonify(error={"code": code, "title": TITLES.get(code, error.name), "message": message}), code
    return render_template("errors/error.html", code=code, title=TITLES.get(code, error.name), message=message), code


def register(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        error.description = (
            "The form was missing its security token or it had expired. "
            "Go back, reload the page and send it again."
        )
        return render_error(error)

    @app.errorhandler(HTTPException)
    def http_error(error):
        return render_error(error)

    @app.errorhandler(Exception)
    def unexpected_error(error):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())
