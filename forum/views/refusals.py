"""How an action's refusal becomes an answer: the one place a refused change is rolled back.

An action raises Refused (the input or the state forbids it) or Forbidden (this person may not).
A view with a form to show again wraps its action in `shown_on(form)`: the refusal goes next to the
field it concerns and the page comes back with what was typed. Everywhere else the refusal reaches
the error handler registered here: the API answers in its error shape (422 with the field at fault,
409 for a state that forbids it, 403), a script that asked for JSON gets JSON, and a bare button gets
its message flashed on the page it was pressed on. Nothing else catches them.
"""
from contextlib import contextmanager
from urllib.parse import urlsplit

from flask import flash, jsonify, redirect, render_template, request, url_for

from forum.actions import Forbidden, Refused
from forum.actions.visibility import IllegalTransition
from forum.errors import TITLES, ApiError, render_error
from forum.extensions import db
from forum.views.helpers import is_safe_next

CONFLICT_TITLE = "That cannot be done now"
# Where a refused button press goes back to when the browser says nothing about where it was.
HOME_OF_AREA = {"moderation": "moderation.queue", "admin": "admin.dashboard"}


def status_for(refusal: Exception) -> int:
    if isinstance(refusal, Forbidden):
        return 403
    return 409 if isinstance(refusal, IllegalTransition) else 400


def _message(refusal: Exception) -> str:
    return getattr(refusal, "message", None) or str(refusal) or "You may not do that."


def attach_refusal(form, refusal: Exception) -> None:
    """Show a refusal next to the field it concerns, or at the top of the form, and remember its status."""
    field = getattr(form, refusal.field, None) if getattr(refusal, "field", None) else None
    if field is not None:
        field.errors = [*field.errors, _message(refusal)]
    else:
        flash(_message(refusal), "error")
    form.refusal_status = status_for(refusal)


@contextmanager
def shown_on(form):
    """Run an action (and the commit and redirect after it) for `form`; when it is refused, roll back,
    put the message on the form and carry on after the block, where the view renders the form again."""
    try:
        yield
    except (Refused, Forbidden) as refusal:
        db.session.rollback()
        attach_refusal(form, refusal)


def status_of(form) -> int:
    """The status a form page is answered with: the refusal's, 400 for errors of shape, else 200."""
    return getattr(form, "refusal_status", None) or (400 if form.errors else 200)


def back() -> str:
    """Where the button that was refused was pressed: a safe `next`, this site's referrer, or the area's home."""
    target = request.form.get("next") or request.args.get("next")
    if is_safe_next(target):
        return target
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and is_safe_next(referrer.path):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return url_for(HOME_OF_AREA.get(request.blueprint, "public.index"))


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def refusal_response(refusal: Exception):
    """The answer to a refusal no form catches."""
    db.session.rollback()
    status, message = status_for(refusal), _message(refusal)
    if request.path.startswith("/api/"):
        if isinstance(refusal, Refused) and refusal.field:
            return render_error(ApiError(422, message, fields={refusal.field: message}))
        return render_error(ApiError(409 if isinstance(refusal, Refused) else 403, message))
    title = TITLES.get(status, CONFLICT_TITLE)
    if wants_json():
        return jsonify(ok=False, error={"code": status, "title": title, "message": message}), status
    if isinstance(refusal, Refused) and request.method == "POST":
        flash(message, "error")
        return redirect(back(), 303)
    return render_template("errors/error.html", code=status, title=title, message=message), status


def register(app) -> None:
    app.register_error_handler(Refused, refusal_response)
    app.register_error_handler(Forbidden, refusal_response)
