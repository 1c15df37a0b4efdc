"""Sign up, sign in, sign out, change password."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from forum.actions import Refused
from forum.actions.accounts import authenticate, change_password, register_reader
from forum.actions.sanctions import acknowledge_warnings, unread_warnings
from flask_limiter.util import get_remote_address

from forum.extensions import db, limiter, login_manager
from forum.security import config_limit, failed, posted_form_field
from forum.forms import ChangePasswordForm, EmptyForm, LoginForm, RegisterForm
from forum.models import User
from forum.views.helpers import attach_refusal, current_policy, redirect_next

bp = Blueprint("auth", __name__, url_prefix="/auth")

login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    # A password change bumps session_version, which retires every older session.
    return user if user is not None and user.session_version == int(version) else None


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
        try:
            user = register_reader(form.username.data, form.email.data, form.password.data, current_policy())
        except Refused as refusal:
            db.session.rollback()
            attach_refusal(form, refusal)
        else:
            db.session.commit()
            login_user(user)
            flash(f"Welcome to Parley, {user.username}."
                  + (" Your comments will be reviewed before they appear." if user.review_all_comments else ""),
                  "success")
            return redirect_next("public.index")
    return render_template("auth/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(config_limit("RATELIMIT_LOGIN_PER_ACCOUNT"), key_func=posted_form_field("login"),
               methods=["POST"], deduct_when=failed, scope="login-account")
@limiter.limit(config_limit("RATELIMIT_LOGIN_PER_ADDRESS"), key_func=get_remote_address,
               methods=["POST"], deduct_when=failed, scope="login-address")
def login():
    if current_user.is_authenticated:
        return redirect_next("public.index")
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.login.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash(f"Signed in as {user.username}.", "success")
            return redirect_next("public.index")
        # One message for a wrong password and an unknown name: it must not tell which.
        form.password.errors = ["That username or e-mail and password do not match an account."]
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        logout_user()
        flash("You are signed out.", "info")
    return redirect(url_for("public.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_PASSWORD"), methods=["POST"], deduct_when=failed)
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current_password.data, form.new_password.data)
        except Refused as refusal:
            db.session.rollback()
            attach_refusal(form, refusal)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # re-issue this session with the new version
            flash("Your password is changed. Other devices have been signed out.", "success")
            return redirect(url_for("public.profile", username=current_user.username))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200
