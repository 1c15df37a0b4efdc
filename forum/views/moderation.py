"""The moderation area: moderators and admins only, guarded once for the whole blueprint.

Every act answers a plain form post with a redirect back to the queue, or, when the
keyboard script asks for JSON, with a small JSON answer so it can move on in place. The acts
on a comment are actions/moderation.py's ACTS, the table the API's are made from too; a
refusal is answered by views/refusals.py.
"""
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from forum import visibility
from forum.actions import Refused
from forum.actions import moderation as acts
from forum.actions import sanctions
from forum.actions.appeals import APPEAL_REASONS, decide_appeal
from forum.extensions import db
from forum.forms.moderation import (
    AppealDecisionForm, BanForm, BulkForm, LogNameForm, NoteForm, RejectForm, SlowModeForm, SuspendForm, UnbanForm, WarnForm,
)
from forum.models import Appeal, AppealOutcome, Comment, Flag, ModerationAction, ModNote, Verb
from forum.models.base import utcnow
from forum.moderation import queues
from forum.pagination import keyset_page
from forum.permissions import Action, can
from forum.views.helpers import (
    get_article_by_id_or_404, get_comment_or_404, get_user_or_404, int_arg, lock_comment, parse_id, require,
)
from forum.views.refusals import back, shown_on, status_of, wants_json
from forum.wording import plural

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.before_request
def require_moderator():
    """Every moderation route: anonymous visitors sign in first, readers get 403."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require(can(current_user, Action.MODERATION_AREA))


def _done(message: str, comment: Comment | None = None, **extra):
    """Answer an act: JSON for the keyboard script (with the queues' new counts for its tabs), else a flash
    and a redirect back."""
    if wants_json():
        counts = queues.counts(db.session, parse_id(request.form.get("article", "")), visibility.viewer_of(current_user))
        return jsonify(ok=True, message=message, status=comment.status.value if comment else None,
                       counts={queue.value: shown_count(n) for queue, n in counts.items()}, **extra)
    flash(message, "success")
    return redirect(back())


def shown_count(n: int) -> str:
    """A queue's count as its tab shows it: past the cap, the cap and a plus."""
    return f"{n:,}" if n <= queues.COUNT_CAP else f"{queues.COUNT_CAP:,}+"


def _current_queue() -> queues.Queue:
    try:
        return queues.Queue(request.args.get("queue", queues.Queue.PENDING.value))
    except ValueError:
        abort(400, description="Unknown queue; choose one of: " + ", ".join(q.value for q in queues.Queue) + ".")


def _item_context(current: queues.Queue) -> dict:
    """What a queue item's template needs besides the item."""
    return {"current": current, "reasons": acts.REJECTION_REASONS, "feature_refusal": acts.feature_refusal,
            "text_mark": acts.text_mark, "appeal_reasons": APPEAL_REASONS, "message_max_chars": sanctions.MESSAGE_MAX_CHARS}


@bp.route("/")
def queue():
    current = _current_queue()
    article_id = int_arg("article")
    viewer = visibility.viewer_of(current_user)
    page = queues.load_queue(db.session, current, article_id, request.args.get("after"), viewer=viewer)
    return render_template(
        "moderation/queue.html", page=page, article_id=article_id,
        counts=queues.counts(db.session, article_id, viewer), labels=queues.QUEUE_LABELS, shown_count=shown_count,
        articles=queues.articles_with_comments(db.session, viewer), bulk_form=BulkForm(), **_item_context(current),
    )


@bp.route("/items")
def more_items():
    """The queue page after `after`, as the items' HTML and the next cursor: the keyboard script appends
    it as the queue empties, so that a moderator never has to reload (keyset, like the page itself)."""
    current = _current_queue()
    page = queues.load_queue(db.session, current, int_arg("article"), request.args.get("after"),
                             viewer=visibility.viewer_of(current_user))
    html = render_template("moderation/_items.html", page=page, **_item_context(current))
    return jsonify(html=html, next=page.next_cursor)


def _act(comment_id: int, verb: Verb):
    """One of ACTS on one comment (the URL names it by its verb). A form that says which status the
    moderator saw (seen_status) is refused with a 409 if the comment has moved on since."""
    comment = get_comment_or_404(comment_id)
    lock_comment(comment)
    acts.require_unchanged(comment, request.form.get("seen_status", ""), request.form.get("seen_text", ""))
    reason = RejectForm().chosen_reason() if verb == Verb.REJECT else ""
    act = acts.ACTS[verb]
    perform = act.perform
    if verb == Verb.UNDO:  # the keyboard script names the act it made on the page (`act`); a button does not
        only = parse_id(request.form.get("act", ""))
        perform = lambda actor, c, _: acts.undo_last(actor, c, only=only)  # noqa: E731
    try:
        row = perform(current_user, comment, reason)
    except Refused as refusal:
        if verb != Verb.REJECT or not reason:
            raise
        return _reason_refused(refusal, reason)
    db.session.commit()
    return _done(act.done.format(id=comment.id), comment, act=row.id)


def _reason_refused(refusal: Refused, reason: str):
    """A typed reason refused (too long, or the one the comment is already rejected for) comes back with the
    text, in the JSON answer and on the page, instead of behind a redirect that would lose it."""
    db.session.rollback()
    message = refusal.message
    if wants_json():
        return jsonify(ok=False, error={"code": "invalid", "field": "reason", "message": message}, kept=reason), 400
    return render_template("errors/error.html", code=400, title="Check the reason", message=message, kept=reason), 400


for _verb in acts.ACTS:
    bp.add_url_rule(f"/comments/<int:comment_id>/{_verb.value}", _verb.value, methods=["POST"],
                    view_func=lambda comment_id, verb=_verb: _act(comment_id, verb))


@bp.route("/bulk", methods=["POST"])
def bulk():
    """Approve or reject the selected comments. Each item's checkbox comes with the status and the text mark
    the moderator saw (seen_status_<id>, seen_text_<id>), as a single decision does: a comment that has moved
    on since is skipped, and the answer names it and says why."""
    form = BulkForm()
    ids = sorted({i for i in map(parse_id, request.form.getlist("ids")) if i is not None})
    if not form.validate_on_submit() or form.verb.data not in {verb.value for verb in acts.BULK_VERBS}:
        raise Refused("Choose approve or reject for the selection.")
    if not ids:
        raise Refused("Select at least one comment first.")
    # Locked in id order (two bulk acts at once wait for each other, never deadlock), then read as they are
    # now: the comments this moderator sees, as the single acts' loader would find them (a draft's are not).
    db.session.execute(sa.select(Comment.id).where(Comment.id.in_(ids)).order_by(Comment.id).with_for_update())
    comments = db.session.scalars(
        sa.select(Comment).options(joinedload(Comment.article))
        .where(Comment.id.in_(ids), visibility.comments_seen_by(current_user)).order_by(Comment.id)
        .execution_options(populate_existing=True)
    ).all()
    if len(comments) < len(ids):
        abort(404, description="Some of the selected comments are not there any more; reload the queue.")
    verb = Verb(form.verb.data)
    seen = {i: (request.form.get(f"seen_status_{i}", ""), request.form.get(f"seen_text_{i}", "")) for i in ids}
    outcome = acts.bulk_decide(current_user, comments, verb, form.reason.data, seen)
    db.session.commit()
    done = f"{plural(len(outcome.decided), 'comment')} {'approved' if verb == Verb.APPROVE else 'rejected'}."
    if not outcome.skipped:
        return _done(done, decided=[c.id for c in outcome.decided], skipped=[])
    skipped = [f"comment {c.id} (“{excerpt(c.body_source)}”): {why}" for c, why in outcome.skipped]
    warning = (f"Skipped {len(skipped)}, which changed since you loaded the queue: " + "; ".join(skipped)
               + ". Read them again before deciding.")
    if wants_json():
        return _done(f"{done} {warning}", decided=[c.id for c in outcome.decided],
                     skipped=[{"id": c.id, "why": why} for c, why in outcome.skipped])
    flash(done, "success")
    flash(warning, "error")
    return redirect(back())


def excerpt(text: str, words: int = 8) -> str:
    """The first few words of a comment, for naming it in a message."""
    head = (text or "").split()
    return " ".join(head[:words]) + ("…" if len(head) > words else "")


@bp.route("/appeals/<int:appeal_id>/decide", methods=["POST"])
def decide(appeal_id: int):
    row = db.session.scalar(
        sa.select(Appeal).options(joinedload(Appeal.comment).joinedload(Comment.article)).where(Appeal.id == appeal_id)
    )
    if row is None or not can(current_user, Action.ARTICLE_VIEW, row.comment.article):
        abort(404)
    form = AppealDecisionForm()
    if not form.validate_on_submit() or form.outcome.data not in {o.value for o in AppealOutcome}:
        raise Refused("Grant or uphold the appeal, with one of the reasons for it.")
    decide_appeal(current_user, row, AppealOutcome(form.outcome.data), form.reason.data, form.message.data)
    db.session.commit()
    return _done("Appeal granted: the comment is published." if row.outcome == AppealOutcome.GRANTED
                 else "Appeal upheld: the comment stays rejected.", row.comment)


def _set_closed(article_id: int, closed: bool):
    article = get_article_by_id_or_404(article_id)
    acts.set_comments_closed(current_user, article, closed)
    db.session.commit()
    flash("Comments are closed; the thread stays readable." if closed else "Comments are open again.", "success")
    return redirect(url_for("public.article", slug=article.slug, _anchor="comments"))


@bp.route("/articles/<int:article_id>/close", methods=["POST"])
def close_article(article_id: int):
    return _set_closed(article_id, True)


@bp.route("/articles/<int:article_id>/reopen", methods=["POST"])
def reopen_article(article_id: int):
    return _set_closed(article_id, False)


@bp.route("/articles/<int:article_id>/slow-mode", methods=["POST"])
def slow_mode(article_id: int):
    article = get_article_by_id_or_404(article_id)
    form = SlowModeForm()
    if not form.validate_on_submit():
        raise Refused(f"Slow mode takes a number of minutes from 1 to {acts.MAX_SLOW_MODE_MINUTES}.")
    acts.set_slow_mode(current_user, article, form.minutes.data, form.reason.data)
    db.session.commit()
    flash(f"Slow mode: one comment per reader every {plural(form.minutes.data, 'minute')}." if form.minutes.data
          else "Slow mode is off.", "success")
    return redirect(url_for("public.article", slug=article.slug, _anchor="comments"))


@bp.route("/log-name", methods=["GET", "POST"])
def log_name():
    """Whether the public log names this moderator on their acts, or shows their role ("a moderator")."""
    form = LogNameForm(obj=current_user)
    if form.validate_on_submit():
        acts.set_named_in_log(current_user, form.named_in_log.data)
        db.session.commit()
        flash("The public log shows your name on your acts." if form.named_in_log.data
              else "The public log shows your role, not your name, on your acts.", "success")
        return redirect(url_for("moderation.log_name"))
    return render_template("moderation/log_name.html", form=form), status_of(form)


@bp.route("/users/<username>")
def user(username: str):
    """Everything moderators know about a user: comments in every status but deleted, flags, log, notes."""
    return _render_user(get_user_or_404(username))


def _render_user(person, status: int = 200, **bound_forms):
    """The user page; a form that failed comes back bound, with what was typed and its errors."""
    forms = {name: bound_forms.get(name) or form_class(formdata=None, prefix=name)
             for name, form_class in USER_FORMS.items()}
    comments = keyset_page(
        db.session, sa.select(Comment).options(joinedload(Comment.article))
        .where(Comment.author_id == person.id, visibility.comments_seen_by(current_user)),
        [Comment.created_at, Comment.id], request.args.get("after"), 30,
    )
    flags_made = db.session.scalars(
        sa.select(Flag).where(Flag.user_id == person.id).order_by(Flag.id.desc()).limit(50)
    ).all()
    log_rows = db.session.scalars(
        sa.select(ModerationAction).options(joinedload(ModerationAction.actor))
        .where(sa.or_(ModerationAction.target_user_id == person.id,
                      ModerationAction.comment_id.in_(sa.select(Comment.id).where(Comment.author_id == person.id))))
        .order_by(ModerationAction.id.desc()).limit(50)
    ).all()
    notes = db.session.scalars(
        sa.select(ModNote).options(joinedload(ModNote.author)).where(ModNote.user_id == person.id).order_by(ModNote.id.desc())
    ).all()
    return render_template(
        "moderation/user.html", person=person, comments=comments, flags_made=flags_made, log_rows=log_rows,
        notes=notes, may_sanction=can(current_user, Action.USER_SANCTION, person), **forms,
    ), status


# The forms on a user's page, each with its own prefix so that field ids never clash.
USER_FORMS = {"note_form": NoteForm, "warn_form": WarnForm, "suspend_form": SuspendForm, "ban_form": BanForm,
              "unban_form": UnbanForm}


def _sanction(username: str, form_name: str, form_class, perform, done: str, action: Action = Action.USER_SANCTION):
    person = get_user_or_404(username)
    # Who may act comes before what they typed: a moderator's form against an admin is a 403, not a 400.
    require(can(current_user, action, person))
    form = form_class(prefix=form_name)
    if form.validate_on_submit():
        with shown_on(form):
            perform(person, form)
            db.session.commit()
            flash(done.format(name=person.username), "success")
            return redirect(url_for("moderation.user", username=person.username))
    return _render_user(person, status_of(form), **{form_name: form})


@bp.route("/users/<username>/warn", methods=["POST"])
def warn(username: str):
    return _sanction(username, "warn_form", WarnForm, lambda p, f: sanctions.warn(current_user, p, f.message.data),
                     "{name} is warned; they will see it on their next visit.")


@bp.route("/users/<username>/suspend", methods=["POST"])
def suspend(username: str):
    return _sanction(username, "suspend_form", SuspendForm, lambda p, f: sanctions.suspend(current_user, p, f.ends_at(utcnow()), f.reason.data, f.message.data),
                     "{name} is suspended.")


@bp.route("/users/<username>/ban", methods=["POST"])
def ban(username: str):
    return _sanction(username, "ban_form", BanForm,
                     lambda p, f: sanctions.ban(current_user, p, f.reason.data, f.reject_pending.data, f.message.data),
                     "{name} is banned.")


@bp.route("/users/<username>/unban", methods=["POST"])
def unban(username: str):
    return _sanction(username, "unban_form", UnbanForm, lambda p, f: sanctions.unban(current_user, p, f.reason.data, f.message.data),
                     "{name} may comment again.")


@bp.route("/users/<username>/notes", methods=["POST"])
def add_note(username: str):
    return _sanction(username, "note_form", NoteForm, lambda p, f: sanctions.add_note(current_user, p, f.body.data),
                     "Note added to {name}.", action=Action.USER_REVIEW)
