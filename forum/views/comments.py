"""Reader discussion: the thread under an article, posting, replying, editing, deleting, reacting."""
from datetime import datetime, timezone

from flask import (
    Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for,
)
from flask_login import current_user, login_required

from forum.actions import Forbidden, Refused
from forum.actions.comments import (
    MAX_COMMENT_CHARS, delete_comment, edit_comment, post_comment, preview_comment, toggle_reaction,
)
from forum.extensions import db, limiter
from forum.actions.appeals import appeal as file_appeal
from forum.actions.moderation import flag_comment
from forum.forms import AppealForm, CommentForm, EditCommentForm, EmptyForm, FlagForm, ReactionForm
from forum.models import Appeal, CommentRevision, FlagReason, ReactionKind
from forum.models.base import parse_utc
from forum.moderation.pipeline import Decision, standing_refusal
from forum.permissions import Action, can, comments_closed
from forum.ranking import SORT_LABELS, Sort
from forum.threads import REPLIES_PER_ROOT, count_published_since, cursor_before, load_replies_page, reply_rank
from forum.security import allow_framing_by, config_limit
from forum.views.embed import embed_frame
from forum.views.thread_pages import render_thread
from forum.views.helpers import (
    attach_refusal, current_policy, get_article_or_404, get_comment_or_404, int_arg, parse_id, require,
)

bp = Blueprint("comments", __name__)


def thread_params(article):
    """The sort, stance filter and cursor a thread URL asks for; 400 when they make no sense."""
    try:
        sort = Sort.parse(request.args.get("sort"))
    except ValueError:
        abort(400, description="Unknown sort order; use one of: " + ", ".join(s.value for s in Sort) + ".")
    stance = None
    stance_key = request.args.get("stance")
    if stance_key:
        stance = next((s for s in article.stances if s.key == stance_key), None)
        if stance is None:
            abort(400, description="This article has no such stance to filter by.")
    return sort, stance, request.args.get("after")


def render_article(article, form: CommentForm | None = None, preview_html: str | None = None, status: int = 200,
                   shared_page: bool = False):
    """The article page with its thread; the comment form comes back filled in after an error.
    Inside a publisher's frame (the embed page, or a form sent from it) the same thread, framed.

    `shared_page`: the page is for every visitor (the cache keeps it), so it carries no CSRF token."""
    sort, stance, cursor = thread_params(article)
    policy = current_policy()
    closed = comments_closed(article, policy)
    if form is None:
        form = CommentForm()
    form.set_stances(article)
    thread, empty = render_thread(article, sort, stance, cursor, policy, closed)
    reply_to_id = parse_id(form.parent_id.data) or int_arg("reply_to")
    frame = embed_frame() if article.is_external else None  # only external stories are embedded
    if frame is not None:
        allow_framing_by(frame.allowed)
    return render_template(
        "embed/thread.html" if frame else "public/article.html", embed=frame,
        reply_to_id=reply_to_id, article=article, thread=thread, thread_empty=empty,
        form=form, sort=sort, stance=stance, sorts=SORT_LABELS, preview_html=preview_html, closed=closed,
        policy=policy, standing_message=standing_refusal(current_user, datetime.now(timezone.utc))
        if current_user.is_authenticated else None,
        max_chars=MAX_COMMENT_CHARS, rendered_at=datetime.now(timezone.utc), shared_page=shared_page,
    ), status


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
        flash("Sign in to join the discussion; here is the article again.", "info")
        if frame is not None:  # the frame has its own sign-in button, which opens a popup
            return redirect(frame.thread_url(article, _anchor="comment-form"))
        return redirect(url_for("auth.login", next=url_for("public.article", slug=slug) + "#comment-form"))
    form = CommentForm()
    form.set_stances(article)
    if "preview" in request.form:
        try:
            return render_article(article, form, preview_html=preview_comment(form.body.data))
        except Refused as refusal:
            attach_refusal(form, refusal)
            return render_article(article, form, status=400)
    if not form.validate_on_submit():
        return render_article(article, form, status=400)
    parent = None
    if form.parent_id.data:
        parent_id = parse_id(form.parent_id.data)
        if parent_id is None:
            abort(400, description="The comment you reply to is not a valid id.")
        parent = get_comment_or_404(parent_id)
    try:
        comment = post_comment(
            current_user, article, form.body.data, current_policy(), parent=parent, stance_key=form.stance.data or None
        )
    except Refused as refusal:
        db.session.rollback()
        attach_refusal(form, refusal)
        return render_article(article, form, status=400)
    except Forbidden as exc:
        db.session.rollback()
        form.body.errors = [*form.body.errors, str(exc)]
        return render_article(article, form, status=403)
    # Where to go next is worked out before the commit: once the comment is stored, nothing may fail
    # (the reader, told it failed, would post it again).
    if frame is not None:  # back to the frame, where the permalink would have led
        target = frame.thread_url(article, **_permalink_values(comment))
    else:
        target = url_for("comments.permalink", comment_id=comment.id)
    db.session.commit()
    # A rejected or held comment tells its author at once why (the pipeline's reasons).
    flash(Decision(comment.status, comment.reasons).message_to_author or "Your comment is published.", "success")
    return redirect(target)


@bp.route("/comments/preview", methods=["POST"])
@limiter.limit(config_limit("RATELIMIT_PREVIEW"), methods=["POST"])
@login_required
def preview():
    """Inline preview: the HTML a comment would show, from the same renderer that saves it."""
    source = request.form.get("body", "")
    try:
        html = preview_comment(source)
    except Refused as refusal:
        return jsonify(error={"message": refusal.message}, chars=len(source.strip())), 400
    return jsonify(html=html, chars=len(source.strip()))


@bp.route("/comments/<int:comment_id>")
def permalink(comment_id: int):
    """Open the article at the page of the thread that holds this comment; a reply that the thread
    page leaves out (past its root's first replies) opens on its root's pages of replies."""
    comment = get_comment_or_404(comment_id)
    if not can(current_user, Action.COMMENT_VIEW, comment):
        abort(404)  # someone else's held or removed comment: as if it did not exist
    if comment.root_id is not None and reply_rank(db.session, comment) >= REPLIES_PER_ROOT:
        return redirect(url_for("comments.replies", comment_id=comment.root_id, after=cursor_before(comment),
                                _anchor=f"comment-{comment.id}"))
    return redirect(url_for("public.article", slug=comment.article.slug, **_permalink_values(comment)))


@bp.route("/comments/<int:comment_id>/replies")
def replies(comment_id: int):
    """The replies under a top-level comment, a page at a time: the rest of what its thread page shows."""
    root = get_comment_or_404(comment_id)
    if root.root_id is not None:  # a reply's replies are read with its root's
        return redirect(url_for("comments.permalink", comment_id=root.id))
    if not can(current_user, Action.COMMENT_VIEW, root):
        abort(404)
    article = root.article
    page = load_replies_page(db.session, root, current_user, request.args.get("after"))
    return render_template(
        "comments/replies.html", root=root, article=article, page=page, after=request.args.get("after"),
        closed=comments_closed(article, current_policy()), signed_in=current_user.is_authenticated,
    )


def _permalink_values(comment) -> dict:
    """The thread's URL values that open the page holding `comment`, scrolled to it."""
    root = comment if comment.root_id is None else get_comment_or_404(comment.root_id)
    return {"sort": Sort.OLDEST.value, "after": cursor_before(root), "_anchor": f"comment-{comment.id}"}


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_EDIT"), methods=["POST"])
def edit(comment_id: int):
    comment = get_comment_or_404(comment_id)
    policy = current_policy()
    require(can(current_user, Action.COMMENT_EDIT, comment, policy=policy))
    form = EditCommentForm()  # no obj=: Comment.stance (a lazy="raise" relationship) would shadow the field
    form.set_stances(comment.article)
    if request.method == "GET":
        form.body.data = comment.body_source
        form.stance.data = next((s.key for s in comment.article.stances if s.id == comment.stance_id), "")
    preview_html = None
    if "preview" in request.form:
        try:
            preview_html = preview_comment(form.body.data)
        except Refused as refusal:
            attach_refusal(form, refusal)
    elif form.validate_on_submit():
        try:
            edit_comment(current_user, comment, form.body.data, policy, stance_key=form.stance.data or None)
        except Refused as refusal:
            db.session.rollback()
            attach_refusal(form, refusal)
        else:
            db.session.commit()
            flash("Your comment is updated.", "success")
            return redirect(url_for("comments.permalink", comment_id=comment.id))
    return render_template(
        "comments/edit.html", comment=comment, form=form, preview_html=preview_html, max_chars=MAX_COMMENT_CHARS,
        edit_window=policy.edit_window_minutes,
    ), 400 if form.errors else 200


@bp.route("/comments/<int:comment_id>/delete", methods=["GET", "POST"])
@login_required
def delete(comment_id: int):
    comment = get_comment_or_404(comment_id)
    require(can(current_user, Action.COMMENT_DELETE, comment))
    form = EmptyForm()
    if form.validate_on_submit():
        delete_comment(current_user, comment)
        db.session.commit()
        flash("Your comment is deleted.", "success")
        return redirect(url_for("public.article", slug=comment.article.slug, _anchor="comments"))
    return render_template("comments/delete.html", comment=comment, form=form)


@bp.route("/comments/<int:comment_id>/react", methods=["POST"])
@login_required
@limiter.limit(config_limit("RATELIMIT_REACT"), methods=["POST"])
def react(comment_id: int):
    comment = get_comment_or_404(comment_id)
    form = ReactionForm()
    if not form.validate_on_submit() or form.kind.data not in {kind.value for kind in ReactionKind}:
        abort(400, description="Unknown reaction; use 'up' or 'down'.")
    try:
        held = toggle_reaction(current_user, comment, ReactionKind(form.kind.data), current_policy())
    except Forbidden as exc:
        abort(403, description=str(exc))
    db.session.commit()
    if request.accept_mimetypes.best == "application/json":
        return jsonify(held=held.value if held else None, up=comment.up_count, down=comment.down_count)
    return redirect(request.referrer or url_for("comments.permalink", comment_id=comment.id))


@bp.route("/comments/<int:comment_id>/history")
@login_required
def history(comment_id: int):
    """Earlier versions of an edited comment, for moderators."""
    comment = get_comment_or_404(comment_id)
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
@limiter.limit(config_limit("RATELIMIT_FLAG"), methods=["POST"])
def flag(comment_id: int):
    """Report a comment to the moderators, once, with a reason."""
    comment = get_comment_or_404(comment_id)
    policy = current_policy()
    require(can(current_user, Action.COMMENT_FLAG, comment, policy=policy))
    form = FlagForm()
    refused = False
    if form.validate_on_submit():
        try:
            flag_comment(current_user, comment, FlagReason(form.reason.data), form.note.data, policy)
        except Refused as refusal:
            db.session.rollback()
            attach_refusal(form, refusal)
            refused = True
        else:
            db.session.commit()
            flash("Thank you: your flag was received, and a moderator will look at the comment.", "success")
            return redirect(url_for("public.article", slug=comment.article.slug, _anchor="comments"))
    return render_template("comments/flag.html", comment=comment, form=form), 400 if form.errors or refused else 200


@bp.route("/comments/<int:comment_id>/appeal", methods=["GET", "POST"])
@login_required
def appeal(comment_id: int):
    """The author asks for a rejected comment to be looked at again (once)."""
    comment = get_comment_or_404(comment_id)
    existing = db.session.scalar(db.select(Appeal).where(Appeal.comment_id == comment.id))
    # The appellant reads the decision here, also after a granted appeal published the comment.
    require(can(current_user, Action.COMMENT_APPEAL, comment)
            or (existing is not None and existing.user_id == current_user.id))
    form = AppealForm()
    if existing is None and form.validate_on_submit():
        try:
            file_appeal(current_user, comment, form.body.data)
        except Refused as refusal:
            db.session.rollback()
            attach_refusal(form, refusal)
        else:
            db.session.commit()
            flash("Your appeal is sent; a moderator will decide and you will see the answer here.", "success")
            return redirect(url_for("comments.appeal", comment_id=comment.id))
    return render_template("comments/appeal.html", comment=comment, form=form, existing=existing), \
        400 if form.errors else 200
