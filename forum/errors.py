"""Error pages in the site's design, or JSON for clients that ask for it."""
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


def render_error(error: HTTPException):
    code = error.code or 500
    message = error.description if code != 500 else "The error has been logged. Please try again in a moment."
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
