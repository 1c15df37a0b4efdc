"""A reader's own account: the name they are shown by, their data to download, deleting the account."""
import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from forum.actions.account_data import CommentChoice, delete_account, personal_data
from forum.actions.accounts import set_display_name
from forum.extensions import db, limiter
from forum.forms.account import DeleteAccountForm, DisplayNameForm
from forum.permissions import Action, can
from forum.security import config_limit, failed, limit_password_checks
from forum.views.helpers import current_policy, require
from forum.views.refusals import shown_on, status_of

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    require(can(user, Action.ACCOUNT_RENAME, user))
    form = DisplayNameForm(data={"display_name": user.display_name or ""})
    if form.validate_on_submit():
        with shown_on(form):
            set_display_name(user, user, form.display_name.data, current_policy(), current_app.config["SITE_NAME"])
            db.session.commit()
            flash("Your display name is saved." if user.display_name else "You are shown by your username.", "info")
            return redirect(url_for("account.profile"))
    return render_template("account/profile.html", form=form), status_of(form)


@bp.route("/data")
@login_required
def data():
    body = json.dumps(personal_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="parley-data-{current_user.id}.json"',
        "Cache-Control": "no-store",
    })


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_PASSWORD"), methods=["POST"], deduct_when=failed)
@limit_password_checks(lambda: str(current_user.id))
def delete():
    user = current_user._get_current_object()
    require(can(user, Action.ACCOUNT_DELETE, user))
    form = DeleteAccountForm()
    if form.validate_on_submit():
        with shown_on(form):
            delete_account(user, user, form.password.data, CommentChoice(form.comments.data))
            db.session.commit()
            logout_user()
            flash("Your account is deleted. Thank you for taking part.", "info")
            return redirect(url_for("public.index"))
    return render_template("account/delete.html", form=form), status_of(form)
