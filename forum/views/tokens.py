"""A reader's personal API tokens: make one (its secret is shown once), see when each was used, revoke."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from forum.actions.tokens import create_token, revoke_token, tokens_of
from forum.extensions import db
from forum.forms import EmptyForm
from forum.forms.account import TokenForm
from forum.models import ApiToken
from forum.views.refusals import shown_on, status_of

bp = Blueprint("tokens", __name__, url_prefix="/auth/tokens")


def _render(form: TokenForm, secret: str | None = None, created: ApiToken | None = None, status: int = 200):
    response = render_template("auth/tokens.html", form=form, tokens=tokens_of(current_user), secret=secret,
                               created=created, button=EmptyForm())
    # The secret is on this page only: no cache may keep a copy of it.
    return response, status, {"Cache-Control": "no-store"}


@bp.route("/", methods=["GET"])
@login_required
def index():
    return _render(TokenForm(formdata=None))


@bp.route("/", methods=["POST"])
@login_required
def create():
    form = TokenForm()
    if not form.validate_on_submit():
        return _render(form, status=400)
    with shown_on(form):
        token, secret = create_token(current_user, form.name.data)
        db.session.commit()
        # Rendered, not redirected: a redirect would have to carry the secret in the session cookie.
        return _render(TokenForm(formdata=None), secret=secret, created=token)
    return _render(form, status=status_of(form))


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    # Someone else's token is as missing as one that never existed.
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == current_user.id))
    if token is None:
        abort(404)
    if EmptyForm().validate_on_submit():
        revoke_token(current_user, token)
        db.session.commit()
        flash(f"The token “{token.name}” is revoked: it no longer works.", "success")
    return redirect(url_for("tokens.index"))
