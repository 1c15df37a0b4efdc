"""Replies to the reader, on the site; e-mail settings and one-click unsubscribe; handing committed notices
to delivery after each request (an app-wide hook, registered by create_app)."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum import inbox
from forum.actions.notifications import mark_replies_seen, set_email_preferences, unsubscribe as unsubscribe_from
from forum.extensions import csrf, db
from forum.forms.account import NotificationsForm
from forum.mail import delivery, outbox, tokens
from forum.models import User
from forum.permissions import Action, can
from forum.views.refusals import shown_on, status_of

bp = Blueprint("notifications", __name__)

LIST_TITLES = {"replies": "e-mails about replies to your comments", "digest": "the daily moderation digest"}


def send_committed_notices(response):
    """This request committed mail to the outbox: wake the worker, or send it once the response has gone."""
    if db.session.registry.has() and outbox.take_ready(db.session):
        delivery.dispatch(response)
    return response


@bp.route("/account/replies")
@login_required
def replies():
    """Replies to the reader's comments, newest first; opening the first page marks them all seen."""
    user = current_user._get_current_object()
    cursor = request.args.get("after")
    page = inbox.load_replies(db.session, user, cursor)
    if cursor is None and page.items and user.unread_replies:  # nothing new: no write
        mark_replies_seen(user, page.items[0].published_at)
        db.session.commit()
    return render_template("notifications/replies.html", page=page, excerpt_chars=inbox.EXCERPT_CHARS)


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def settings():
    form = NotificationsForm()
    if request.method == "GET":
        form.email_replies.data = current_user.email_replies
        form.email_digest.data = current_user.email_digest
    if form.validate_on_submit():
        with shown_on(form):
            set_email_preferences(current_user, replies=form.email_replies.data, digest=form.email_digest.data)
            db.session.commit()
            flash("Your e-mail settings are saved.", "success")
            return redirect(url_for("notifications.settings"))
    return render_template(
        "notifications/settings.html", form=form, may_digest=can(current_user, Action.MODERATION_AREA),
        mail_on=delivery.mail_settings(current_app) is not None,  # what delivery itself checks, links included
    ), status_of(form)


def _user_for_link() -> tuple[User, str]:
    """The account and list a signed unsubscribe link names; a clear 400 for anything else."""
    list_name = request.args.get("list", "")
    if list_name not in tokens.LISTS:
        abort(400, description="This unsubscribe link is incomplete: it does not say which e-mails to stop. "
                               "Use the whole link from the e-mail, or change your settings after signing in.")
    user_id = tokens.read_token(current_app.config["SECRET_KEY"], request.args.get("token", ""), list_name)
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None:
        abort(400, description="This unsubscribe link is not valid: it was cut short or altered. "
                               "Use the whole link from the e-mail, or change your settings after signing in.")
    return user, list_name


# Mail clients send the RFC 8058 one-click POST without a session or a CSRF token; the signed
# token in the URL is what authorises it, so CSRF is waived for this route alone.
@bp.route("/unsubscribe", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe():
    """GET asks to confirm (link scanners must not unsubscribe anyone); POST unsubscribes."""
    user, list_name = _user_for_link()
    done = request.method == "POST"
    if done:
        unsubscribe_from(user, list_name)
        db.session.commit()
    return render_template(
        "notifications/unsubscribe.html", done=done, list_title=LIST_TITLES[list_name],
        action=url_for("notifications.unsubscribe", list=list_name, token=request.args["token"]),
    )
