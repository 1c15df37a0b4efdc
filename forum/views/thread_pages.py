"""The article page and its thread, in one home: the thread's URL (sort, stance, cursor, where a
comment's page is), the page rendered (also inside a publisher's frame), and a page of the thread as
HTML, from the cache when it can be (forum/thread_cache.py says how).

The article, embed, comments and API views all come here. render_thread decides who gets a shared
rendering and lays a reader's overlay on it; visitor_page_slot whether a visitor's whole page can
come from the cache.
"""
from collections import OrderedDict
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import sqlalchemy as sa
from flask import abort, current_app, render_template, request, session, url_for
from flask_login import AnonymousUserMixin, UserMixin, current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy.orm import joinedload

from forum import fast_path, fragments, outages, thread_cache, visibility
from forum.actions.comments import MAX_COMMENT_CHARS
from forum.extensions import cache, db
from forum.forms.comments import CommentForm
from forum.models import Article, Comment, Role, SitePolicy
from forum.models.policy import POLICY_ID
from forum.moderation.pipeline import standing_refusal
from forum.permissions import NEEDS_POLICY, Action, can, comments_closed, in_good_standing
from forum.ranking import SORT_LABELS, Sort
from forum.security import allow_framing_by
from forum.stance_trend import TrendChart, load_stance_days, trend_chart
from forum.threads import (
    REPLIES_PER_ROOT, cursor_before, cursor_of_page_for_new_root, cursor_of_page_holding, load_overlay,
    load_thread_page, new_reply_rank, page_comment_ids, reply_rank,
)
from forum.views.frames import EmbedFrame, embed_frame
from forum.views.helpers import current_policy, get_comment_or_404, int_arg, parse_id

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
    if state is None or not visibility.article_is_public(state) or state.external_url is not None:
        return None  # the ordinary path answers 404, or frames the story
    closed = comments_closed(state, SimpleNamespace(auto_close_days=state.auto_close_days))
    fast_path.share(state.id, until=_closes_at(state, closed))
    slot = thread_cache.page_slot(template_revision(), state.id, request.args.get("sort"), request.args.get("stance"))
    return slot, thread_cache.page_state(
        state.created_at, state.updated_at, state.comments_version, closed,
        (state.commenting_enabled, state.commenting_off_message),
    )


def _closes_at(state, closed: bool) -> float | None:
    """When an open thread closes by age (its page changes then, with no write to tell the cache)."""
    if closed or not state.auto_close_days or state.published_at is None:
        return None
    return (state.published_at + timedelta(days=state.auto_close_days)).timestamp()


def template_revision() -> str:
    """The templates' digest, worked out once per app (a cache hit asks for it every time)."""
    revision = current_app.extensions.get("parley_template_revision")
    if revision is None:
        folder = Path(current_app.root_path, current_app.template_folder).resolve()
        revision = current_app.extensions["parley_template_revision"] = thread_cache.template_revision(str(folder))
    return revision


def read_cache(slot: str):
    """The entry in `slot`, or None; a cache that cannot be reached costs a render, never an error page
    (and one log line per outage: forum/outages.py)."""
    try:
        entry = cache.get(slot)
    except Exception as error:  # noqa: BLE001 - any backend's failure (Redis down, a timeout) means "not cached"
        outages.failed(outages.CACHE_DOWN, error)
        return None
    outages.recovered(outages.CACHE_DOWN)
    return entry


def write_cache(slot: str, entry) -> None:
    try:
        cache.set(slot, entry)
    except Exception as error:  # noqa: BLE001 - as in read_cache
        outages.failed(outages.CACHE_DOWN, error)
    else:
        outages.recovered(outages.CACHE_DOWN)


def render_thread(article, sort: Sort, stance, cursor: str | None, policy, closed: bool,
                  overlay: bool = True) -> tuple[Markup, bool]:
    """One page of the thread as HTML, and whether it has no comment at all.

    Visitors get the shared rendering from the cache; signed-in readers get the shared rendering
    for readers with their own overlay (without it when not `overlay`: a page kept for every reader);
    everyone whose view differs more is rendered afresh."""
    viewer = current_user._get_current_object() if current_user.is_authenticated else None
    if viewer is not None and (viewer.is_moderator or not in_good_standing(viewer)):
        return _render_uncached(article, viewer, sort, stance, cursor, closed)
    if cursor or not current_app.config["THREAD_CACHE"]:
        return _render_uncached(article, viewer, sort, stance, cursor, closed)

    audience = thread_cache.MEMBER if viewer is not None else thread_cache.ANONYMOUS
    slot = thread_cache.thread_slot(template_revision(), article.id, audience, sort.value, stance.key if stance else None)
    state = thread_cache.thread_state(article.created_at, article.comments_version, closed)
    stored = read_cache(slot)
    if stored is not None and stored["state"] == state:
        shared = thread_cache.RenderedPage.from_dict(stored)
    else:
        shared = _render_shared(article, audience, sort, stance, closed, policy, state)
        write_cache(slot, shared.to_dict())
    if viewer is None or not overlay:
        return thread_cache.rendered(shared.html), shared.empty

    own, reactions, flagged = load_overlay(db.session, article, viewer, shared.comment_ids)
    if not all(visibility.PUBLIC(comment) for comment in own):
        # A held or refused comment of theirs shows to them alone, with its status: their own rendering.
        return _render_uncached(article, viewer, sort, stance, cursor, closed)
    shown = set(shared.comment_ids)
    own_shown = [comment for comment in own if comment.id in shown]
    footers = render_template("comments/_footers.html", comments=own_shown, article=article, reactions={},
                              flagged=flagged) if own_shown else None
    html = thread_cache.lay_overlay(shared.html, generate_csrf(), reaction_kinds(reactions), flagged, footers)
    return thread_cache.rendered(html), shared.empty


def reaction_kinds(reactions: dict) -> dict[int, str]:
    """A reader's reactions (comment id -> ReactionKind) as the overlay presses them."""
    return {comment_id: kind.value for comment_id, kind in reactions.items()}


def _fragment_scope(article, audience: str, closed: bool, policy) -> tuple:
    """What, besides its comments, a rendered comment is made from on a page for everyone alike (forum/fragments.py)."""
    stances = tuple((s.id, s.key, s.label, s.position) for s in article.stances)
    policy_values = fragments.policy_key(policy) if audience == thread_cache.MEMBER else None
    return template_revision(), audience, article.id, article.slug, stances, closed, policy_values


def _render_uncached(article, viewer, sort, stance, cursor, closed) -> tuple[Markup, bool]:
    page = load_thread_page(db.session, article, viewer, sort, stance, cursor)
    # A visitor's page is everyone's: its comments come from the fragments. Anyone else's is their own.
    scope = _fragment_scope(article, thread_cache.ANONYMOUS, closed, None) if viewer is None else None
    html = render_template("comments/_page.html", article=article, page=page, sort=sort, stance=stance, closed=closed,
                           signed_in=viewer is not None, fragment_scope=scope)
    return thread_cache.rendered(html), not page.roots


class _AnyReader(UserMixin):
    """A signed-in reader in good standing who wrote none of the comments: the shared rendering's viewer."""

    id = 0  # no row has id 0, so no comment counts as this reader's own
    role = Role.READER
    is_moderator = is_admin = False

    @property
    def is_banned(self) -> bool:
        return False

    def is_suspended(self, now) -> bool:
        return False


def _can_for(viewer, policy):
    """The templates' can() for a shared rendering's viewer (None: a visitor)."""
    def viewer_can(action, target=None):
        return can(viewer, action, target, policy=policy if action in NEEDS_POLICY else None)

    return viewer_can


def _render_shared(article, audience, sort, stance, closed, policy, state: str) -> thread_cache.RenderedPage:
    """The first page of the thread as every visitor, or every reader in good standing, sees it."""
    page = load_thread_page(db.session, article, None, sort, stance)
    viewer = _AnyReader() if audience == thread_cache.MEMBER else None
    viewer_can = _can_for(viewer, policy)
    # Everything that could tell who asked is replaced, so that no reader's data reaches the shared copy.
    html = render_template(
        "comments/_page.html", article=article, page=page, sort=sort, stance=stance, closed=closed,
        can=viewer_can, csrf_token=lambda: thread_cache.CSRF_PLACEHOLDER, signed_in=viewer is not None,
        current_user=viewer or AnonymousUserMixin(), fragment_scope=_fragment_scope(article, audience, closed, policy),
    )
    return thread_cache.RenderedPage(html, page_comment_ids(page), not page.roots, state)


# --- The article page ---

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
                   shared_page: bool = False, member_page: bool = False):
    """The article page with its thread; the comment form comes back filled in after an error.
    Inside a publisher's frame (the embed page, or a form sent from it) the same thread, framed.

    `shared_page`: the page is for every visitor (the cache keeps it), so it carries no CSRF token.
    `member_page`: the page as every signed-in reader in good standing sees it, with placeholders for
    their token and header links and no overlay (forum/views/member_pages.py fills them in)."""
    sort, stance, cursor = thread_params(article)
    policy = current_policy()
    closed = comments_closed(article, policy)
    fresh_form = form is None and request.method == "GET" and not shared_page
    if form is None:
        # A shared page shows a visitor no form to send, and a token made here would set a session cookie.
        form = CommentForm(meta={"csrf": False}) if shared_page else CommentForm()
    form.set_stances(article)
    thread, empty = render_thread(article, sort, stance, cursor, policy, closed, overlay=not member_page)
    reply_to = _comment_answered(form, article)
    frame = embed_frame() if article.is_external else None  # only external stories are embedded
    if frame is not None:
        allow_framing_by(frame.allowed)
    if fresh_form and current_user.is_authenticated and reply_to is None and frame is None and preview_html is None:
        fresh_form = _empty_form_html(article, form, sort, keep_placeholder=member_page)
    else:
        fresh_form = None
    member = _member_page_context(policy) if member_page else {
        "standing_message": standing_refusal(current_user, datetime.now(timezone.utc))
        if current_user.is_authenticated else None}
    return render_template(
        "embed/thread.html" if frame else "public/article.html", embed=frame,
        reply_to=reply_to, article=article, thread=thread, thread_empty=empty,
        form=form, sort=sort, stance=stance, sorts=SORT_LABELS, preview_html=preview_html, closed=closed,
        policy=policy, **member, max_chars=MAX_COMMENT_CHARS, rendered_at=datetime.now(timezone.utc),
        shared_page=shared_page,
        under_comment=_under_comment, thread_cursor=cursor,
        stance_trend=_stance_chart(article), fresh_form=fresh_form,
    ), status


_EMPTY_FORMS = "parley_empty_comment_forms"
EMPTY_FORMS_KEPT = 256  # articles × sorts, in each worker: a few kilobytes each


def _empty_form_html(article, form: CommentForm, sort: Sort, keep_placeholder: bool = False) -> Markup:
    """The empty comment form at the top of a thread, for a signed-in reader: rendered once per article
    and sort in each worker, with the reader's CSRF token put in (or its placeholder kept). Rendering it
    through WTForms cost a sixth of a signed-in reader's cached page; nothing else in it is the reader's."""
    token = generate_csrf()
    stances = tuple((s.id, s.key, s.label, s.position) for s in article.stances)
    key = (template_revision(), article.id, article.slug, stances, sort.value)
    kept = current_app.extensions.setdefault(_EMPTY_FORMS, OrderedDict())
    html = kept.get(key)
    if html is not None:
        kept.move_to_end(key)
    else:
        html = render_template("comments/_form.html", form=form, article=article, sort=sort, embed=None, reply_to=None,
                               preview_html=None, max_chars=MAX_COMMENT_CHARS)
        html = kept[key] = html.replace(token, thread_cache.CSRF_PLACEHOLDER)
        while len(kept) > EMPTY_FORMS_KEPT:
            kept.popitem(last=False)
    return thread_cache.rendered(html if keep_placeholder else thread_cache.with_csrf_token(html, token))


def _member_page_context(policy) -> dict:
    """What render_article's template gets in place of the reader's own, for a page every reader in good
    standing shares: the shared rendering's viewer, their token's and header links' placeholders."""
    viewer = _AnyReader()
    return {"current_user": viewer, "can": _can_for(viewer, policy),
            "csrf_token": lambda: thread_cache.CSRF_PLACEHOLDER, "standing_message": None,
            "account_nav": thread_cache.rendered(thread_cache.ACCOUNT_NAV_PLACEHOLDER)}


def _stance_chart(article) -> TrendChart | None:
    """The stance tally over time, drawn once per state of the thread in each worker: it changes only
    with the thread's comments (the article's comments_version), and its grouped query over every
    top-level comment of the thread cost a sixth of a signed-in reader's page."""
    if not article.stances:
        return None
    if article.id in db.session.info.get(thread_cache.CHANGED_THREADS, ()):
        # This transaction changed the thread and has not committed: what it sees is not yet anyone else's.
        return trend_chart(load_stance_days(db.session, article), article.stances)
    stances = tuple(ChartStance(s.id, s.position, s.label) for s in article.stances)
    return _kept_stance_chart(article.id, article.created_at, article.comments_version, stances)


@lru_cache(maxsize=256)
def _kept_stance_chart(article_id: int, created_at: datetime, comments_version: int,
                       stances: tuple["ChartStance", ...]) -> TrendChart | None:
    # The creation time tells apart two articles that got the same id (as in thread_cache.thread_state).
    return trend_chart(load_stance_days(db.session, SimpleNamespace(id=article_id)), stances)


class ChartStance(NamedTuple):
    """What the chart shows of a stance; hashable, so that it is part of the kept chart's key."""

    id: int
    position: int
    label: str


def _under_comment(thread: Markup, comment_id: int, form_html: Markup) -> Markup | None:
    """The thread with the reply form right under the comment it answers (the reader without JavaScript
    writes where they read), or None when this page of the thread does not show that comment."""
    footer = thread_cache.split_footers(thread).get(comment_id)
    if footer is None:
        return None
    # Both halves are our templates' output; joined as plain text, so that neither is escaped again.
    return thread_cache.rendered(thread_cache.replace_footers(thread, {comment_id: str(footer) + str(form_html)}))


def _comment_answered(form: CommentForm, article):
    """The comment a reply form answers (from the form sent, or the Reply link's `reply_to`), or None.

    The form's own parent_id field carries it, so the page sends it once (issue 14, bug 1: a second,
    hand-written field came after an empty one, and the server read the empty one)."""
    comment_id = parse_id(form.parent_id.data) or int_arg("reply_to")
    if comment_id is None:
        return None
    comment = db.session.scalar(
        sa.select(Comment).options(joinedload(Comment.article), joinedload(Comment.author))
        .where(Comment.id == comment_id, Comment.article_id == article.id)
    )
    if comment is None or not can(current_user, Action.COMMENT_VIEW, comment):
        return None
    form.parent_id.data = str(comment.id)
    return comment


def chosen_sort() -> Sort:
    """The sort the reader was reading the thread in, as the link or form they used says (the default
    when it does not, or names no sort): permalinks and posting keep it."""
    try:
        return Sort.parse(request.args.get("sort"))
    except ValueError:
        return Sort.parse(None)


def comment_location(comment, frame: EmbedFrame | None = None, sort: Sort | None = None) -> str:
    """Where `comment` is read: the thread in the reader's sort, at the page that holds it with the
    comments around it (the first page, unless it is far down a long thread), scrolled to it (inside
    the frame, when one is given); for a reply past its root's first ones, its root's pages of replies."""
    if frame is None and comment.root_id is not None and reply_rank(db.session, comment) >= REPLIES_PER_ROOT:
        return _replies_location(comment)
    sort = sort or chosen_sort()
    root = comment if comment.root_id is None else get_comment_or_404(comment.root_id)
    return _thread_location(comment, frame, sort, cursor_of_page_holding(db.session, root, current_user, sort))


def new_comment_location(article, parent, now: datetime, frame: EmbedFrame | None = None):
    """comment_location of a comment about to be posted on `article` at `now` (a reply to `parent`, or a
    top-level comment when it is None), worked out before the comment is stored: storing it holds the
    author's lock until the commit (actions/comments.py, one post at a time), and these reads need not
    wait under it. Returns the function that gives the URL once the comment is stored."""
    sort = chosen_sort()
    root_id = None if parent is None else parent.root_id or parent.id
    if frame is None and root_id is not None and new_reply_rank(db.session, root_id, now) >= REPLIES_PER_ROOT:
        return _replies_location
    if root_id is None:
        after = cursor_of_page_for_new_root(db.session, article, current_user, sort, now)
    else:
        root = parent if parent.root_id is None else get_comment_or_404(root_id)
        after = cursor_of_page_holding(db.session, root, current_user, sort)
    return lambda comment: _thread_location(comment, frame, sort, after)


def _replies_location(reply) -> str:
    return url_for("comments.replies", comment_id=reply.root_id, after=cursor_before(reply),
                   _anchor=f"comment-{reply.id}")


def _thread_location(comment, frame: EmbedFrame | None, sort: Sort, after: str | None) -> str:
    values = {"sort": None if sort is Sort.parse(None) else sort.value, "_anchor": f"comment-{comment.id}",
              "after": after}
    if frame is not None:
        return frame.thread_url(comment.article, **values)
    return url_for("public.article", slug=comment.article.slug, **values)
