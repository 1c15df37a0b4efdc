"""Reader discussion: the thread under an article, posting, replying, editing, deleting, reacting."""
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa

from flask import (
    Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for,
)
from flask_login import AnonymousUserMixin, UserMixin, current_user, login_required
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from forum.actions import Forbidden, Refused
from forum.actions.comments import (
    MAX_COMMENT_CHARS, delete_comment, edit_comment, post_comment, toggle_reaction,
)
from forum import thread_cache
from forum.extensions import cache, db, limiter
from forum.actions.appeals import appeal as file_appeal
from forum.actions.moderation import flag_comment
from forum.forms import AppealForm, CommentForm, EditCommentForm, EmptyForm, FlagForm, ReactionForm
from forum.markup import Profile, render
from forum.models import (
    Appeal, Article, ArticleStatus, CommentRevision, CommentStatus, FlagReason, ReactionKind, Role, SitePolicy,
)
from forum.models.policy import POLICY_ID
from forum.moderation.pipeline import Decision, standing_refusal
from forum.permissions import NEEDS_POLICY, Action, can, comments_closed, in_good_standing
from forum.ranking import SORT_LABELS, Sort
from forum.threads import (
    WITHDRAWN, count_published_since, cursor_before, load_own_comments, load_reactions, load_thread_page,
    page_comment_ids,
)
from forum.pagination import BIGINT_RANGE
from forum.security import allow_framing_by, config_limit
from forum.views.embed import embed_frame
from forum.views.helpers import (
    attach_refusal, current_policy, get_article_or_404, get_comment_or_404, int_arg, require,
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


# The query arguments a visitor's article page may carry and still be served from the cache, each at
# most once; any other (a cursor, reply_to, tracking tags, junk) gets a fresh render, so nobody can
# fill the cache with variants of one page.
VISITOR_PAGE_ARGS = frozenset({"sort", "stance"})

_VISITOR_PAGE_STATE = (
    sa.select(Article.id, Article.status, Article.external_url, Article.created_at, Article.updated_at,
              Article.comments_version, Article.comments_closed, Article.published_at,
              SitePolicy.auto_close_days, SitePolicy.commenting_enabled, SitePolicy.commenting_off_message)
    .select_from(Article).outerjoin(SitePolicy, SitePolicy.id == POLICY_ID)
    .where(Article.slug == sa.bindparam("slug"))
)


def visitor_page_slot(slug: str) -> tuple[str, str] | None:
    """Where a visitor's whole article page is cached and the state it must have been rendered in,
    or None when this request must be rendered.

    One small query reads what the page depends on besides the thread: the article's state and
    the policy fields a visitor's page shows. Readers who are signed in, or who have a message
    waiting (a flash), get their own render; so do external stories, which may be framed."""
    if (current_user.is_authenticated or not current_app.config["THREAD_CACHE"] or session.get("_flashes")
            or not set(request.args) <= VISITOR_PAGE_ARGS
            or any(len(request.args.getlist(name)) > 1 for name in request.args)):
        return None
    # Core rather than ORM, with the statement built once: this query is most of a cache hit's cost.
    state = db.session.connection().execute(_VISITOR_PAGE_STATE, {"slug": slug}).one_or_none()
    if state is None or state.status != ArticleStatus.PUBLISHED or state.external_url is not None:
        return None  # the ordinary path answers 404, or frames the story
    closed = comments_closed(state, SimpleNamespace(auto_close_days=state.auto_close_days))
    slot = thread_cache.page_slot(_revision(), state.id, request.args.get("sort"), request.args.get("stance"))
    return slot, thread_cache.page_state(
        state.created_at, state.updated_at, state.comments_version, closed,
        (state.commenting_enabled, state.commenting_off_message),
    )


def _revision() -> str:
    """The templates' digest, worked out once per app (a cache hit asks for it every time)."""
    revision = current_app.extensions.get("parley_template_revision")
    if revision is None:
        folder = Path(current_app.root_path, current_app.template_folder).resolve()
        revision = current_app.extensions["parley_template_revision"] = thread_cache.template_revision(str(folder))
    return revision


def read_cache(slot: str):
    """The entry in `slot`, or None; a cache that cannot be reached costs a render, never an error page."""
    try:
        return cache.get(slot)
    except Exception:  # noqa: BLE001 - any backend's failure (Redis down, a timeout) means "not cached"
        current_app.logger.warning("thread cache unavailable: reading %s", slot, exc_info=True)
        return None


def write_cache(slot: str, entry) -> None:
    try:
        cache.set(slot, entry)
    except Exception:  # noqa: BLE001 - as in read_cache
        current_app.logger.warning("thread cache unavailable: writing %s", slot, exc_info=True)


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
    typed_parent = form.parent_id.data or ""
    reply_to_id = int(typed_parent) if typed_parent.isascii() and typed_parent.isdigit() else int_arg("reply_to")
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


def render_thread(article, sort: Sort, stance, cursor: str | None, policy, closed: bool) -> tuple[Markup, bool]:
    """One page of the thread as HTML, and whether it has no comment at all.

    Visitors get the shared rendering from the cache; signed-in readers get the shared rendering
    for readers with their own overlay; everyone whose view differs more is rendered afresh."""
    viewer = current_user if current_user.is_authenticated else None
    own = []
    if viewer is not None:
        if viewer.is_moderator or not in_good_standing(viewer):
            return _render_uncached(article, viewer, sort, stance, cursor, closed)
        own = load_own_comments(db.session, article, viewer)
        if any(comment.status != CommentStatus.PUBLISHED for comment in own):
            return _render_uncached(article, viewer, sort, stance, cursor, closed)
    if cursor or not current_app.config["THREAD_CACHE"]:
        return _render_uncached(article, viewer, sort, stance, cursor, closed)

    audience = thread_cache.MEMBER if viewer is not None else thread_cache.ANONYMOUS
    slot = thread_cache.thread_slot(_revision(), article.id, audience, sort.value, stance.key if stance else None)
    state = thread_cache.thread_state(article.created_at, article.comments_version, closed)
    stored = read_cache(slot)
    if stored is not None and stored["state"] == state:
        shared = thread_cache.RenderedPage.from_dict(stored)
    else:
        shared = _render_shared(article, audience, sort, stance, closed, policy, state)
        write_cache(slot, shared.to_dict())
    if viewer is None:
        return thread_cache.rendered(shared.html), shared.empty

    html = thread_cache.with_csrf_token(shared.html, generate_csrf())
    reactions = load_reactions(db.session, viewer.id, shared.comment_ids)
    html = thread_cache.press_reactions(html, {comment_id: kind.value for comment_id, kind in reactions.items()})
    shown = set(shared.comment_ids)
    own_shown = [comment for comment in own if comment.id in shown]
    if own_shown:
        footers = render_template("comments/_footers.html", comments=own_shown, article=article, reactions={})
        html = thread_cache.replace_footers(html, thread_cache.split_footers(footers))
    return thread_cache.rendered(html), shared.empty


def _render_uncached(article, viewer, sort, stance, cursor, closed) -> tuple[Markup, bool]:
    page = load_thread_page(db.session, article, viewer, sort, stance, cursor)
    html = render_template("comments/_page.html", article=article, page=page, sort=sort, stance=stance, closed=closed,
                           signed_in=viewer is not None)
    return thread_cache.rendered(html), not page.roots


class _AnyReader(UserMixin):
    """A signed-in reader in good standing who wrote none of the comments: the shared rendering's viewer."""

    id = 0  # no row has id 0, so no comment counts as this reader's own
    role = Role.READER
    banned_at = None
    suspended_until = None

    @property
    def is_banned(self) -> bool:
        return False

    def is_suspended(self, now) -> bool:
        return False


def _render_shared(article, audience, sort, stance, closed, policy, state: str) -> thread_cache.RenderedPage:
    """The first page of the thread as every visitor, or every reader in good standing, sees it."""
    page = load_thread_page(db.session, article, None, sort, stance)
    viewer = _AnyReader() if audience == thread_cache.MEMBER else None

    def viewer_can(action, target=None):
        return can(viewer, action, target, policy=policy if action in NEEDS_POLICY else None)

    # Everything that could tell who asked is replaced, so that no reader's data reaches the shared copy.
    html = render_template(
        "comments/_page.html", article=article, page=page, sort=sort, stance=stance, closed=closed,
        can=viewer_can, csrf_token=lambda: thread_cache.CSRF_PLACEHOLDER, signed_in=viewer is not None,
        current_user=viewer or AnonymousUserMixin(),
    )
    return thread_cache.RenderedPage(html, page_comment_ids(page), not page.roots, state)


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
        return render_article(article, form, preview_html=render(form.body.data or "", Profile.COMMENT))
    if not form.validate_on_submit():
        return render_article(article, form, status=400)
    parent = None
    if form.parent_id.data:
        if not (form.parent_id.data.isascii() and form.parent_id.data.isdigit()) or int(form.parent_id.data) not in BIGINT_RANGE:
            abort(400, description="The comment you reply to is not a valid id.")
        parent = get_comment_or_404(int(form.parent_id.data))
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
    db.session.commit()
    # A rejected or held comment tells its author at once why (the pipeline's reasons).
    flash(Decision(comment.status, comment.reasons).message_to_author or "Your comment is published.", "success")
    if frame is not None:  # back to the frame, where the permalink would have led
        return redirect(frame.thread_url(article, **_permalink_values(comment)))
    return redirect(url_for("comments.permalink", comment_id=comment.id))


@bp.route("/comments/preview", methods=["POST"])
@login_required
def preview():
    """Inline preview: the HTML a comment would show, from the same renderer that saves it."""
    source = request.form.get("body", "")
    if len(source) > 4 * MAX_COMMENT_CHARS:
        return jsonify(error={"message": f"A comment may be at most {MAX_COMMENT_CHARS:,} characters."}), 413
    return jsonify(html=render(source, Profile.COMMENT), chars=len(source.strip()))


@bp.route("/comments/<int:comment_id>")
def permalink(comment_id: int):
    """Open the article at the page of the thread that holds this comment."""
    comment = get_comment_or_404(comment_id)
    if not _shown_to_viewer(comment):
        abort(404)  # someone else's held or removed comment: as if it did not exist
    return redirect(url_for("public.article", slug=comment.article.slug, **_permalink_values(comment)))


def _shown_to_viewer(comment) -> bool:
    """Whether the thread shows the viewer this comment: published, their own, staff, or a tombstone."""
    if not can(current_user, Action.ARTICLE_VIEW, comment.article):
        return False
    if comment.status == CommentStatus.PUBLISHED:
        return True
    if current_user.is_authenticated and (current_user.is_moderator or comment.author_id == current_user.id):
        return True
    return comment.status in WITHDRAWN and comment.reply_count > 0


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
        preview_html = render(form.body.data or "", Profile.COMMENT)
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
        since = datetime.fromisoformat(request.args.get("since", ""))
    except ValueError:
        abort(400, description="'since' must be an ISO 8601 time, as the page gave it.")
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
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
