"""Sign up, sign in, sign out, change password."""
import math
from datetime import datetime, timedelta, timezone

from flask import Blueprint, after_this_request, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_url, login_user, logout_user
from werkzeug.exceptions import Unauthorized

from forum.actions.accounts import change_password, find_user, password_matches, register_reader
from forum.actions.sanctions import acknowledge_warnings, unread_warnings
from forum.actions.sessions import (
    ADDRESS_MEMORY, address_hash, end_session, load_session_user, make_device_token, read_device_token,
    record_failed_sign_in, sign_in_wait, start_session,
)
from forum.errors import answers_json, kept_text
from forum.extensions import db, limiter, login_manager
from forum.security import config_limit, failed, limit_password_checks
from forum.forms import EmptyForm
from forum.forms.auth import ChangePasswordForm, LoginForm, RegisterForm
from forum.models import User
from forum.views.drafts import resume_draft
from forum.views.helpers import current_policy, redirect_next
from forum.views.refusals import shown_on, status_of

bp = Blueprint("auth", __name__, url_prefix="/auth")

login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.login_message_category = "info"


@login_manager.unauthorized_handler
def signed_out_while_writing():
    """A form sent after the session ended: redirecting to sign-in would drop what was written, so the
    text comes back on a 401 page with a sign-in link (other requests go to the sign-in page as before)."""
    if kept_text():
        raise Unauthorized("You were signed out before this was sent (the session ended). "
                           "Sign in again, then paste what you wrote.")
    if answers_json():  # a script's request: a redirect would hand it the sign-in page to parse
        raise Unauthorized("You were signed out (the session ended). Sign in again to carry on.")
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def _session_lifetime() -> timedelta:
    # A session lasts as long as the longest cookie that can carry it, the remember-me cookie.
    return timedelta(seconds=current_app.config["REMEMBER_COOKIE_DURATION"])


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _client_address() -> str:
    return address_hash(current_app.config["SECRET_KEY"], get_remote_address())


@login_manager.user_loader
def load_user(session_key: str) -> User | None:
    # The session must still be open server-side: signing out, a password change or deletion ends it.
    return load_session_user(session_key, _now(), _session_lifetime())


def sign_in(user: User, remember: bool = False) -> None:
    """Open a new session for `user` (the caller commits) and hand this browser its cookie.

    Whatever the browser's session held before is dropped, its CSRF token included: a token or
    session someone planted before the sign-in is worth nothing after it.
    """
    start_session(user, _client_address(), _now(), _session_lifetime())
    _clear_browser_session()
    login_user(user, remember=remember)
    device = make_device_token(current_app.config["SECRET_KEY"], user)

    @after_this_request
    def remember_device(response):
        response.set_cookie(DEVICE_COOKIE, device, max_age=int(ADDRESS_MEMORY.total_seconds()), httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"],
                            samesite=current_app.config["SESSION_COOKIE_SAMESITE"], path="/auth/")
        return response


DEVICE_COOKIE = "parley_device"


def _account_signing_in() -> User | None:
    """The account the posted name or e-mail belongs to, looked up once per request (the limits ask too)."""
    # Kept on the request, not on g: an app context can outlive one request (tests, streamed responses).
    if not hasattr(request, "parley_account_signing_in"):
        request.parley_account_signing_in = find_user(request.form.get("login", "")[:254])
    return request.parley_account_signing_in


def _account_key() -> str:
    """Whom a sign-in attempt is for: the account, whichever of its names was typed (else what was typed)."""
    account = _account_signing_in()
    return str(account.id) if account is not None else "typed:" + request.form.get("login", "")[:254].strip().lower()


def _owners_device() -> tuple[int, str] | None:
    """The device cookie of the account being signed in to, if this browser carries one (else None)."""
    if not hasattr(request, "parley_owners_device"):
        device = read_device_token(current_app.config["SECRET_KEY"], request.cookies.get(DEVICE_COOKIE))
        account = _account_signing_in() if device else None
        request.parley_owners_device = device if account is not None and account.id == device[0] else None
    return request.parley_owners_device


def _clear_browser_session() -> None:
    """Nothing of the browser's session carries over, its CSRF token included (a new one is made on use)."""
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)  # Flask-WTF's copy for this request


# Pages a warned user may still reach before reading the warning.
WARNING_EXEMPT_ENDPOINTS = {"auth.warning", "auth.logout", "static"}


@bp.before_app_request
def show_unread_warning():
    """A warned user reads and acknowledges the warning before anything else."""
    # The JSON API answers a warned user with its own 403 (views/api.py): a redirect to a page means nothing to a script.
    if (current_user.is_authenticated and current_user.has_unread_warning
            and request.endpoint not in WARNING_EXEMPT_ENDPOINTS and request.blueprint != "api"):
        return redirect(url_for("auth.warning", next=request.full_path.rstrip("?")))


@bp.route("/warning", methods=["GET", "POST"])
@login_required
def warning():
    form = EmptyForm()
    if form.validate_on_submit():
        acknowledge_warnings(current_user)
        db.session.commit()
        flash("Thank you. You can carry on.", "info")
        return redirect_next("public.index")
    return render_template("auth/warning.html", warnings=unread_warnings(current_user), form=form)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(config_limit("RATELIMIT_REGISTER"), key_func=get_remote_address, methods=["POST"],
               deduct_when=lambda response: response.status_code == 302, scope="register-created")
@limiter.limit(config_limit("RATELIMIT_REGISTER_ATTEMPTS"), key_func=get_remote_address, methods=["POST"],
               deduct_when=failed, scope="register-failed")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("public.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        with shown_on(form):
            user = register_reader(form.username.data, form.email.data, form.password.data, current_policy(),
                                   current_app.config["SITE_NAME"])
            sign_in(user)
            db.session.commit()
            flash(f"Welcome to Parley, {user.username}."
                  + (" Your comments will be reviewed before they appear." if user.review_all_comments else ""),
                  "success")
            return redirect_next("public.index")
    return render_template("auth/register.html", form=form), status_of(form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(config_limit("RATELIMIT_LOGIN_PER_ADDRESS"), key_func=get_remote_address,
               methods=["POST"], deduct_when=failed, scope="login-address",
               exempt_when=lambda: _owners_device() is not None)
# The owner's device passes the address's limit; a stolen device cookie still gets few guesses.
@limiter.limit(config_limit("RATELIMIT_LOGIN_PER_DEVICE"), key_func=lambda: "device:" + _owners_device()[1],
               methods=["POST"], deduct_when=failed, scope="login-device",
               exempt_when=lambda: _owners_device() is None)
# Every check counts against the address, except from the owner's device (whose failures its own limit above
# counts); only sign-ins that succeeded count against the account: failures there are slowed down already
# (forum/actions/sessions.py), and counting them would let strangers keep the owner out.
@limit_password_checks(_account_key, account_counts=lambda response: response.status_code == 302,
                       address_exempt=lambda: _owners_device() is not None)
def login():
    if current_user.is_authenticated:
        return redirect_next("public.index")
    form = LoginForm()
    if form.validate_on_submit():
        now = _now()
        account = _account_signing_in()
        known_device = _owners_device() is not None
        wait = sign_in_wait(account, _client_address(), now) if account and not known_device else timedelta(0)
        if wait:
            # The password is not even checked: guessing goes no faster for trying more often.
            seconds = math.ceil(wait.total_seconds())
            form.password.errors = [
                f"Too many failed sign-ins for this account. Wait {seconds} second{'s' if seconds != 1 else ''} "
                "and try again. Signing in from a device you have used here before is not slowed down."]
            response = current_app.make_response((render_template("auth/login.html", form=form), 429))
            response.headers["Retry-After"] = str(seconds)
            return response
        user = password_matches(account, form.password.data)
        if user is not None:
            sign_in(user, remember=form.remember.data)
            db.session.commit()
            flash(f"Signed in as {user.username}.", "success")
            if request.form.get("draft_article"):  # from the page of a comment sent once signed out
                return resume_draft(request.form["draft_article"])
            return redirect_next("public.index")
        if account is not None:
            record_failed_sign_in(account, now)
            db.session.commit()
        # One message for a wrong password and an unknown name: it must not tell which.
        form.password.errors = ["That username or e-mail and password do not match an account."]
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            end_session(current_user.get_id())
            db.session.commit()
        logout_user()
        _clear_browser_session()
        flash("You are signed out.", "info")
    return redirect(url_for("public.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_PASSWORD"), methods=["POST"], deduct_when=failed)
@limit_password_checks(lambda: str(current_user.id))
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with shown_on(form):
            change_password(current_user, form.current_password.data, form.new_password.data)
            sign_in(current_user._get_current_object())  # every other session ended; this device gets a new one
            db.session.commit()
            flash("Your password is changed. Other devices have been signed out.", "success")
            return redirect(url_for("public.profile", username=current_user.username))
    return render_template("auth/password.html", form=form), status_of(form)
