"""The moderation area: moderators and admins only, guarded once for the whole blueprint."""
from flask import Blueprint, current_app, flash, redirect, url_for
from flask_login import current_user

from forum.actions.moderation import set_comments_closed
from forum.extensions import db
from forum.forms import EmptyForm
from forum.permissions import Action, can
from forum.views.helpers import get_article_by_id_or_404, require

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.before_request
def require_moderator():
    """Every moderation route: anonymous visitors sign in first, readers get 403."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require(can(current_user, Action.MODERATION_AREA))


def _set_closed(article_id: int, closed: bool):
    article = get_article_by_id_or_404(article_id)
    if EmptyForm().validate_on_submit():
        set_comments_closed(current_user, article, closed)
        db.session.commit()
        flash("Comments are closed; the thread stays readable." if closed else "Comments are open again.", "success")
    return redirect(url_for("public.article", slug=article.slug, _anchor="comments"))


@bp.route("/articles/<int:article_id>/close", methods=["POST"])
def close_article(article_id: int):
    return _set_closed(article_id, True)


@bp.route("/articles/<int:article_id>/reopen", methods=["POST"])
def reopen_article(article_id: int):
    return _set_closed(article_id, False)
