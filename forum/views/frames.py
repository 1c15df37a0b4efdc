"""Pages shown inside a publisher's frame: what they carry through their links and forms, and which
of their answers the publisher may frame. The embed blueprint serves the frame; the article page
(views/thread_pages.py) renders the thread in it."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import request, url_for

from forum.embedding import allowed_origins
from forum.extensions import db
from forum.models import Article
from forum.security import allow_framing_by
from forum.views.helpers import current_policy

THEMES = ("light", "dark")


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


def frame_errors_for_publishers(response):
    """An answer to the embed page or to a form sent from its frame may be shown in the publisher's
    frame even when it is an error raised before the view ran (an expired CSRF token, a rate limit):
    the reader then reads why, instead of the browser's refusal to show the frame. An app-wide
    after-request hook (create_app), registered before forum/security.py's, which writes
    frame-ancestors: after-request hooks run last-registered first.

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


def thread_url(article, embed: EmbedFrame | None = None, **values) -> str:
    """A link to `article`'s thread (sorted, filtered…): inside the frame when the page is embedded.
    A template global (create_app)."""
    if embed:
        return embed.thread_url(article, **values)
    return url_for("public.article", slug=article.slug, **values)
