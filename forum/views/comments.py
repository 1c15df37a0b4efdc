"""Reader discussion: posting, replying, editing, deleting, reacting, flagging and appealing.

The article page and its thread are views/thread_pages.py's; these views come back to it.
"""
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.actions import Refused
from forum.actions.appeals import appeal as file_appeal
from forum.actions.comments import (
    MAX_COMMENT_CHARS, delete_comment, edit_comment, post_comment, preview_comment, toggle_reaction,
)
from forum.actions.moderation import flag_comment
from forum.errors import kept_text
from forum.extensions import db, limiter
from forum.forms import EmptyForm
from forum.forms.comments import AppealForm, CommentForm, EditCommentForm, FlagForm, ReactionForm
from forum.models import Appeal, CommentRevision, FlagReason, ReactionKind
from forum.models.base import parse_utc, utcnow
from forum.moderation.pipeline import Decision
from forum.permissions import Action, can, comments_closed, why_owner_cannot_edit
from forum.security import config_limit
from forum.threads import count_published_since, has_replies, load_replies_page
from forum.views.drafts import refused_comment_form
from forum.views.frames import embed_frame
from forum.views.helpers import (
    current_policy, get_article_or_404, get_visible_comment_or_404, is_safe_next, parse_id, require,
)
from forum.views.refusals import shown_on, status_of
from forum.views.thread_pages import (
    chosen_sort, comment_location, new_comment_location, render_article, render_thread, thread_params,
)

bp = Blueprint("comments", __name__)


@bp.route("/articles/<slug>/comments", methods=["GET"])
def more(slug: str):
    """The next page of top-level comments, as an HTML fragment ("show more" without reloading)."""
    article = get_article_or_404(slug)
    sort, stance, cursor = thread_params(article)
    policy = current_policy()
    thread, _empty = render_thread(article, sort, stance, cursor, policy, comments_closed(article, policy))
    return thread


@bp.route("/articles/<slug>/comments", methods=["POST"])
@limiter.limit(config_limit("RATELIMIT_POST"), methods=["POST"])
def create(slug: str):
    article = get_article_or_404(slug)
    frame = embed_frame() if article.is_external else None
    if not current_user.is_authenticated:
        if frame is not None:  # the frame has its own sign-in button, which opens a popup
            flash("Sign in to join the discussion; here is the article again.", "info")
            return redirect(frame.thread_url(article, _anchor="comment-form"))
        if kept_text():  # signed out while writing: the text comes back, to send once signed in again
            return refused_comment_form()
        flash("Sign in to join the discussion; here is the article again.", "info")
        return redirect(url_for("auth.login", next=url_for("public.article", slug=slug) + "#comment-form"))
    form = CommentForm()
    form.set_stances(article)
    if "preview" in request.form:
        with shown_on(form):
            return render_article(article, form, preview_html=preview_comment(form.body.data))
    elif form.validate_on_submit():
        parent = None
        if form.parent_id.data:
            parent_id = parse_id(form.parent_id.data)
            if parent_id is None:
                abort(400, description="The comment you reply to is not a valid id.")
            parent = get_visible_comment_or_404(parent_id)
        with shown_on(form):
            # Straight to the thread, where the permalink would lead. Worked out before the commit: once
            # the comment is stored, nothing may fail (the reader, told it failed, would post it again);
            # and before posting, whose lock on the author holds their next post until the commit.
            now = utcnow()
            location = new_comment_location(article, parent, now, frame)
            comment = post_comment(current_user, article, form.body.data, current_policy(), parent=parent,
                                   stance_key=form.stance.data or None, now=now)
            target = location(comment)
            db.session.commit()
            # A rejected or held comment tells its author at once why (the pipeline's reasons).
            flash(Decision(comment.status, comment.reasons).message_to_author or "Your comment is published.",
                  "success")
            return redirect(target)
    return render_article(article, form, status=status_of(form))


@bp.route("/comments/preview", methods=["POST"])
@limiter.limit(config_limit("RATELIMIT_PREVIEW"), methods=["POST"])
@login_required
def preview():
    """Inline preview: the HTML a comment would show, from the same renderer that saves it."""
    source = request.form.get("body", "")
    try:
        html = preview_comment(source)
    except Refused as refusal:  # nothing was written: there is nothing to roll back
        return jsonify(error={"message": refusal.message}, chars=len(source.strip())), 400
    return jsonify(html=html, chars=len(source.strip()))


@bp.route("/comments/<int:comment_id>")
def permalink(comment_id: int):
    """Open the article at the page of the thread that holds this comment; a reply that the thread
    page leaves out (past its root's first replies) opens on its root's pages of replies."""
    comment = get_visible_comment_or_404(comment_id)  # someone else's held or removed comment: as if it did not exist
    return redirect(comment_location(comment, sort=chosen_sort()))


@bp.route("/comments/<int:comment_id>/replies")
def replies(comment_id: int):
    """The replies under a top-level comment, a page at a time: the rest of what its thread page shows."""
    root = get_visible_comment_or_404(comment_id)
    if root.root_id is not None:  # a reply's replies are read with its root's
        return redirect(url_for("comments.permalink", comment_id=root.id))
    article = root.article
    page = load_replies_page(db.session, root, current_user, request.args.get("after"))
    return render_template(
        "comments/replies.html", root=root, article=article, page=page, after=request.args.get("after"),
        closed=comments_closed(article, current_policy()), signed_in=current_user.is_authenticated,
    )


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_EDIT"), methods=["POST"])
def edit(comment_id: int):
    comment = get_visible_comment_or_404(comment_id)
    policy = current_policy()
    closed = why_owner_cannot_edit(current_user, comment, policy)
    require(closed is not None or can(current_user, Action.COMMENT_EDIT, comment, policy=policy))
    form = EditCommentForm()  # no obj=: Comment.stance (a lazy="raise" relationship) would shadow the field
    form.set_stances(comment.article)
    if request.method == "GET":
        form.body.data = comment.body_source
        form.stance.data = next((s.key for s in comment.article.stances if s.id == comment.stance_id), "")
    if closed:
        # Too late (the window may have closed while they typed): say so, and give back what they wrote.
        form.body.errors = [closed + " Your text is kept below, to copy elsewhere."]
        return render_template(
            "comments/edit.html", comment=comment, form=form, preview_html=None, max_chars=MAX_COMMENT_CHARS,
            edit_window=policy.edit_window_minutes,
        ), 403
    preview_html = None
    if "preview" in request.form:
        with shown_on(form):
            preview_html = preview_comment(form.body.data)
    elif form.validate_on_submit():
        with shown_on(form):
            edit_comment(current_user, comment, form.body.data, policy, stance_key=form.stance.data or None)
            db.session.commit()
            flash("Your comment is updated.", "success")
            return redirect(url_for("comments.permalink", comment_id=comment.id))
    return render_template(
        "comments/edit.html", comment=comment, form=form, preview_html=preview_html, max_chars=MAX_COMMENT_CHARS,
        edit_window=policy.edit_window_minutes,
    ), status_of(form)


@bp.route("/comments/<int:comment_id>/delete", methods=["GET", "POST"])
@login_required
def delete(comment_id: int):
    comment = get_visible_comment_or_404(comment_id)
    require(can(current_user, Action.COMMENT_DELETE, comment))
    form = EmptyForm()
    if form.validate_on_submit():
        # Back where the reader was: at the comment when its tombstone stays (it has replies), else at the
        # message, since the place it held is gone. Worked out before the delete, while it is still visible.
        if has_replies(db.session, comment):
            target = comment_location(comment)
        else:
            target = url_for("public.article", slug=comment.article.slug, _anchor="flashes")
        delete_comment(current_user, comment)
        db.session.commit()
        flash("Your comment is deleted.", "success")
        return redirect(target)
    return render_template("comments/delete.html", comment=comment, form=form)


@bp.route("/comments/<int:comment_id>/react", methods=["POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_REACT"), methods=["POST"])
def react(comment_id: int):
    comment = get_visible_comment_or_404(comment_id)
    form = ReactionForm()
    if not form.validate_on_submit() or form.kind.data not in {kind.value for kind in ReactionKind}:
        abort(400, description="Unknown reaction; use 'up' or 'down'.")
    held = toggle_reaction(current_user, comment, ReactionKind(form.kind.data), current_policy())
    db.session.commit()
    if request.accept_mimetypes.best == "application/json":
        # The not-helpful count is for moderators and the author (issue 14), not for every reader.
        down = comment.down_count if current_user.is_moderator or current_user.id == comment.author_id else None
        return jsonify(held=held.value if held else None, up=comment.up_count, down=down)
    # Back to the page the reader reacted on, at the comment (a referrer never carries the #fragment).
    back = _same_site_path(request.referrer)
    if back is None:
        return redirect(url_for("comments.permalink", comment_id=comment.id))
    return redirect(f"{back.split('#', 1)[0]}#comment-{comment.id}")


def _same_site_path(url: str | None) -> str | None:
    """The path and query of `url` when it is a page of this site, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.host:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if is_safe_next(path) else None


@bp.route("/comments/<int:comment_id>/history")
@login_required
def history(comment_id: int):
    """Earlier versions of an edited comment, for moderators."""
    comment = get_visible_comment_or_404(comment_id)
    require(can(current_user, Action.COMMENT_HISTORY, comment))
    revisions = db.session.scalars(
        db.select(CommentRevision).where(CommentRevision.comment_id == comment.id).order_by(CommentRevision.id.desc())
    ).all()
    return render_template("comments/history.html", comment=comment, revisions=revisions)


@bp.route("/articles/<slug>/comments/new")
def new_count(slug: str):
    """How many comments were published since `since`; cheap enough to poll, with an ETag."""
    article = get_article_or_404(slug)
    try:
        since = parse_utc(request.args.get("since", ""))
    except ValueError:
        abort(400, description="'since' must be an ISO 8601 time between the years 1 and 9999, as the page gave it.")
    # The answer changes only when the thread's version does: unchanged, a poll costs no count.
    etag = f"{article.id}-{article.comments_version}-{since.timestamp():.0f}"
    if request.if_none_match.contains(etag):
        response = current_app.response_class(status=304)
    else:
        response = jsonify(count=count_published_since(db.session, article, since))
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/comments/<int:comment_id>/flag", methods=["GET", "POST"])
@login_required
@limiter.shared_limit(config_limit("RATELIMIT_FLAG"), scope="comments.flag", methods=["POST"])  # the API's bucket
def flag(comment_id: int):
    """Report a comment to the moderators, once, with a reason."""
    comment = get_visible_comment_or_404(comment_id)
    policy = current_policy()
    require(can(current_user, Action.COMMENT_FLAG, comment, policy=policy))
    form = FlagForm()
    if form.validate_on_submit():
        with shown_on(form):
            flag_comment(current_user, comment, FlagReason(form.reason.data), form.note.data, policy)
            db.session.commit()
            flash("Thank you: your flag was received, and a moderator will look at the comment.", "success")
            # Back at the comment, which now says "Flagged" (the message beside it, with JavaScript).
            return redirect(comment_location(comment))
    return render_template("comments/flag.html", comment=comment, form=form), status_of(form)


@bp.route("/comments/<int:comment_id>/appeal", methods=["GET", "POST"])
@login_required
def appeal(comment_id: int):
    """The author asks for a rejected comment to be looked at again (once)."""
    comment = get_visible_comment_or_404(comment_id)
    existing = db.session.scalar(db.select(Appeal).where(Appeal.comment_id == comment.id))
    # The appellant reads the decision here, also after a granted appeal published the comment.
    require(can(current_user, Action.COMMENT_APPEAL, comment)
            or (existing is not None and existing.user_id == current_user.id))
    form = AppealForm()
    if existing is not None and request.method == "POST":
        # A second appeal (a stale tab, a double submit) is refused, and what was typed is shown to copy.
        return render_template("comments/appeal.html", comment=comment, form=form, existing=existing,
                               kept=request.form.get("body", "")), 409
    if existing is None and form.validate_on_submit():
        with shown_on(form):
            file_appeal(current_user, comment, form.body.data)
            db.session.commit()
            flash("Your appeal is sent; a moderator will decide and you will see the answer here.", "success")
            return redirect(url_for("comments.appeal", comment_id=comment.id))
    return render_template("comments/appeal.html", comment=comment, form=form, existing=existing), status_of(form)
