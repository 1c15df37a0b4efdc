"""Threads embedded on other sites: the loader script, the framed thread, the sign-in popup's last page."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Blueprint, current_app, render_template, request, send_from_directory, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from forum.actions import Forbidden, Refused
from forum.actions.embedding import create_external_story, find_external_story, story_url
from forum.embedding import allowed_origins
from forum.extensions import db, limiter
from forum.models import Article
from forum.permissions import Action, can
from forum.security import allow_framing_by, config_limit
from forum.views.helpers import current_policy

bp = Blueprint("embed", __name__)

THEMES = ("light", "dark")
# The loader is a few lines that change rarely; publishers' readers fetch it on every page view.
SCRIPT_MAX_AGE_SECONDS = 7 * 24 * 60 * 60


@dataclass(frozen=True)
class EmbedFrame:
    """What a page shown inside a publisher's frame carries through its links and forms."""

    theme: str | None  # "light" or "dark" as the publisher's page asked; None follows the reader's system
    parent_origin: str | None  # the page holding the frame, the only one told the frame's height
    allowed: tuple[str, ...]  # every origin allowed to embed: the frame-ancestors of the answer

    def params(self) -> dict:
        return {name: value for name, value in (("theme", self.theme), ("origin", self.parent_origin)) if value}

    def thread_url(self, article, **values) -> str:
        return url_for("embed.thread", url=article.external_url, **self.params(), **values)

    def post_url(self, article) -> str:
        """The comment form's action: the ordinary route, told to answer inside the frame."""
        return url_for("comments.create", slug=article.slug, embed="1", **self.params(), _anchor="comment-form")


def embed_frame() -> EmbedFrame | None:
    """The frame this request is answered in (the embed page, or a form sent from it with ?embed=1), or None."""
    if request.endpoint != "embed.thread" and request.args.get("embed") != "1":
        return None
    allowed = tuple(allowed_origins(current_policy().embed_origins))
    theme, origin = request.args.get("theme"), request.args.get("origin")
    return EmbedFrame(theme if theme in THEMES else None, origin if origin in allowed else None, allowed)


@bp.after_app_request
def _frame_errors_for_publishers(response):
    """An answer to the embed page or to a form sent from its frame may be shown in the publisher's
    frame even when it is an error raised before the view ran (an expired CSRF token, a rate limit):
    the reader then reads why, instead of the browser's refusal to show the frame. Runs before
    forum/security.py writes frame-ancestors (after-request hooks run last-registered first).

    Not a server error's answer: whether it may be framed is in the database, which may be what failed."""
    if (response.status_code < 400 or response.status_code >= 500
            or getattr(request, "parley_frame_ancestors", None) is not None):
        return response
    if request.endpoint == "comments.create":
        # Only external stories are embedded anywhere: ?embed=1 on Parley's own articles frames nothing.
        slug = (request.view_args or {}).get("slug")
        if db.session.scalar(sa.select(Article.external_url).where(Article.slug == slug)) is None:
            return response
    elif request.endpoint != "embed.thread":
        return response
    frame = embed_frame()
    if frame is not None:
        allow_framing_by(frame.allowed)
    return response


@bp.app_template_global()
def thread_url(article, embed: EmbedFrame | None = None, **values) -> str:
    """A link to `article`'s thread (sorted, filtered…): inside the frame when the page is embedded."""
    if embed:
        return embed.thread_url(article, **values)
    return url_for("public.article", slug=article.slug, **values)


@bp.route("/embed.js")
def script():
    """The loader publishers include; served from here so that its address never changes."""
    response = send_from_directory(current_app.static_folder, "embed.js", mimetype="text/javascript",
                                   max_age=SCRIPT_MAX_AGE_SECONDS)
    # Any page may load it, also with crossorigin="anonymous" or under a Cross-Origin-Embedder-Policy.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _refused(frame: EmbedFrame, code: int, title: str, message: str):
    return render_template("embed/refused.html", embed=frame, code=code, title=title, message=message), code


@bp.route("/embed/thread")
def thread():
    """The thread of the page at ?url=, for the publisher's frame. A GET that may write: the first
    view of an allowed page creates its thread, as Disqus and Isso do, since no one else announces it."""
    frame = embed_frame()
    allow_framing_by(frame.allowed)
    try:
        url = story_url(request.args.get("url", ""), current_policy())
    except Refused as refusal:
        return _refused(frame, 400, "That page address is not usable", refusal.message)
    except Forbidden as exc:
        return _refused(frame, 403, "This site may not embed comments", str(exc))
    story = find_external_story(url)
    if story is None:
        # Anyone can make up addresses on an allowed site: new threads are limited per address, views are not.
        with limiter.limit(config_limit("RATELIMIT_EMBED_STORY"), key_func=get_remote_address):
            story = create_external_story(url, request.args.get("title", ""))
    if not can(current_user, Action.ARTICLE_VIEW, story):
        return _refused(frame, 404, "No discussion here", "The discussion of this page is not open.")
    db.session.commit()
    # Imported here: comments.py renders embedded answers with this module's helpers.
    from forum.views.comments import render_article

    return render_article(story)


@bp.route("/embed/signed-in")
@login_required
def signed_in():
    """Where the sign-in popup ends: it tells the frame that opened it, then closes."""
    return render_template("embed/signed_in.html")
