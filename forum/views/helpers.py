"""Small pieces every blueprint uses: loaders that 404, guards that 403, safe redirects."""
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from flask import abort, current_app, g, has_request_context, redirect, request, url_for
from flask_login import current_user

from werkzeug.routing import IntegerConverter

from forum import visibility
from forum.extensions import db
from forum.models import Article, Comment, SitePolicy, User, load_policy
from forum.models.base import ID_RANGE, MAX_ID
from forum.permissions import Action, can
from forum.public_urls import link_builder, site_url


class IdConverter(IntegerConverter):
    """<int:…> in URLs, every one of which is a row's id: 1 to MAX_ID, or the route does not match (404).
    Registered under the name "int", so that no route can take a number PostgreSQL would refuse.
    Written one way only: ASCII digits without leading zeros ("/comments/٣" or "/comments/007" name
    nothing), so each row has one address and logs show what was asked for."""

    regex = r"[1-9][0-9]{0,9}"

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", ID_RANGE.start)
        kwargs.setdefault("max", ID_RANGE.stop - 1)
        super().__init__(url_map, *args, **kwargs)


def parse_id(text: str | None) -> int | None:
    """A row id typed in a form or a query (decimal digits, 1 to MAX_ID), or None for anything else."""
    if not text or not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if value in ID_RANGE else None


def int_arg(name: str) -> int | None:
    """An id in the query string; absent is None, anything that is not an id is a 400."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return None
    value = parse_id(raw)
    if value is None:
        abort(400, description=f"'{name}' must be a whole number from 1 to {MAX_ID}.")
    return value


def require(allowed: bool) -> None:
    """Abort with 403 unless `allowed`."""
    if not allowed:
        abort(403)


def own_articles():
    """Parley's own published articles, for its lists and feeds: external stories (threads embedded
    on other sites) live on their publishers' pages."""
    return sa.select(Article).where(visibility.listed_articles())


# The stances come in the same query: every page of an article shows them (tally, badges, form).
_ARTICLE_BY_SLUG = sa.select(Article).options(joinedload(Article.stances)).where(Article.slug == sa.bindparam("slug"))


def get_article_or_404(slug: str) -> Article:
    article = db.session.scalars(_ARTICLE_BY_SLUG, {"slug": slug}).unique().first()
    if article is None or not can(current_user, Action.ARTICLE_VIEW, article):
        # A draft is as invisible as a missing article to those who may not see it.
        abort(404)
    return article


def current_policy() -> SitePolicy:
    """The site policy, read once per request."""
    if "policy" not in g:
        # A signed-in user was looked up with it (forum/actions/sessions.py): no query of its own.
        g.policy = getattr(g.get("_login_user"), "site_policy", None) or load_policy(db.session)
    return g.policy


def _is_own(comment: Comment) -> bool:
    """The author's own comment, in whatever state: its existence is no news to them (appeals are read after deletion)."""
    return current_user.is_authenticated and comment.author_id == current_user.id


# One answer for a comment that does not exist and one this viewer may not see, word for word: a different
# message would let anyone count held and removed comments by probing ids (outsider review).
NO_SUCH_COMMENT = "There is no such comment."


def get_comment_or_404(comment_id: int) -> Comment:
    """A comment with its article and author; 404 when its article is not for this viewer."""
    comment = db.session.scalar(
        sa.select(Comment)
        .options(joinedload(Comment.article), joinedload(Comment.author))
        .where(Comment.id == comment_id)
    )
    if comment is None or not can(current_user, Action.ARTICLE_VIEW, comment.article):
        abort(404, description=NO_SUCH_COMMENT)
    return comment


def lock_comment(comment: Comment) -> None:
    """Lock the comment's row until the commit and read its columns again, so two decisions sent at once are
    taken one after the other and the second sees the first's status (PostgreSQL; SQLite writes one
    transaction at a time anyway). Only the columns: the author and article loaded with it stay loaded."""
    db.session.execute(sa.select(Comment.id).where(Comment.id == comment.id).with_for_update())
    db.session.refresh(comment, [attribute.key for attribute in sa.inspect(Comment).column_attrs])


def get_visible_comment_or_404(comment_id: int) -> Comment:
    """A comment as a reader's routes (permalink, reply, flag, edit, react, appeal) may reach it: someone else's
    held or removed comment is a 404 on all of them, as on its permalink, since a 403 from its flag or edit
    page would tell that a comment with this id exists (outsider review). Moderators see every comment."""
    comment = get_comment_or_404(comment_id)
    if not (can(current_user, Action.COMMENT_VIEW, comment) or _is_own(comment)):
        abort(404, description=NO_SUCH_COMMENT)
    return comment


def get_article_by_id_or_404(article_id: int) -> Article:
    """By id (the staff areas' links); a draft 404s for those who may not see it, as by slug."""
    article = db.session.get(Article, article_id)
    if article is None or not can(current_user, Action.ARTICLE_VIEW, article):
        abort(404)
    return article


def get_user_or_404(username: str) -> User:
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))
    if user is None:
        abort(404)
    return user


def is_safe_next(target: str | None) -> bool:
    """True for a path on this site; false for anything that could leave it."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False  # browsers read "/\\evil.com" as "//evil.com"
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def redirect_next(default_endpoint: str, **values):
    target = request.args.get("next") or request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for(default_endpoint, **values))


def absolute_url(endpoint: str, **values) -> str:
    """The absolute address of `endpoint`: under PARLEY_URL when it is set, else under the request's host."""
    app = current_app._get_current_object()
    if app.config.get("SITE_URL") or not has_request_context():
        builders = app.extensions.setdefault("parley_public_links", {})
        base = site_url(app)
        if base not in builders:
            builders[base] = link_builder(app, base)
        return builders[base](endpoint, **values)
    return url_for(endpoint, _external=True, **values)
