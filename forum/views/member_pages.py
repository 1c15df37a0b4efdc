"""A signed-in reader's article page from the cache: the page as every reader in good standing sees it,
rendered once per state of the article, with the reader's own parts put in per request.

The kept page has placeholders where it would say who is reading: their CSRF token and their header
links (name, count of new replies). Their overlay is laid on it as on the shared thread
(forum/thread_cache.py): their reactions pressed, their flags shown, their own comments' footers.
One statement (forum/overlay.py) says whether the kept page is still the page and brings the overlay;
with the one that loads the reader, a page costs two.

Each worker keeps the pages it served last (the comment ids of the page it keeps let the overlay come
in the same statement as the state); the thread cache's store (Redis on a site of several hosts) has
them for the other workers. Readers whose page differs more (staff, sanctioned readers, authors of a
held comment on the thread, a message waiting, a page past the first) get the ordinary render.
"""
from collections import OrderedDict
from typing import NamedTuple

from flask import current_app, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forum import fragments, thread_cache, visibility
from forum.extensions import db
from forum.models import Role
from forum.overlay import OWN_COLUMNS, load_member_overlay
from forum.permissions import comments_closed, edit_window_open, in_good_standing
from forum.views.helpers import current_policy, get_article_or_404
from forum.views.thread_pages import (
    VISITOR_PAGE_ARGS, reaction_kinds, read_cache, render_article, template_revision, write_cache,
)

_PAGES = "parley_member_pages"
PAGES_KEPT = 16  # pages (article × sort × stance) each worker keeps: about 150 kB each (a full first page)
_NAVS = "parley_member_navs"
NAVS_KEPT = 1024  # readers' header links each worker keeps, a kilobyte each
_FOOTERS = "parley_member_footers"
FOOTERS_KEPT = 4096  # footers of readers' own comments each worker keeps, half a kilobyte each


class KeptPage(NamedTuple):
    state: str
    html: bytes  # UTF-8, as it is sent: the overlay is laid on bytes, and nothing encodes the page again
    spots: thread_cache.OverlaySpots  # where the overlay goes in it

    @classmethod
    def of(cls, state: str, html: bytes) -> "KeptPage":
        return cls(state, html, thread_cache.OverlaySpots.find(html))

    @property
    def comment_ids(self) -> list[int]:
        """The page's comments, for the reader's marks among them: every comment they could have marked
        has a footer (its Flag link and reaction buttons are there)."""
        return list(self.spots.footers)


def member_page(slug: str):
    """The article page for this signed-in reader from the kept page (rendering and keeping it when it is
    missing or stale); None when the reader is not one the kept page is for."""
    viewer = current_user._get_current_object() if current_user.is_authenticated else None
    if (viewer is None or not current_app.config["THREAD_CACHE"] or viewer.role is not Role.READER
            or not in_good_standing(viewer) or session.get("_flashes")
            or not set(request.args) <= VISITOR_PAGE_ARGS
            or any(len(request.args.getlist(name)) > 1 for name in request.args)):
        return None
    pages = current_app.extensions.setdefault(_PAGES, OrderedDict())
    key = (template_revision(), slug, request.args.get("sort"), request.args.get("stance"))
    policy = current_policy()
    kept = pages.get(key) or _stored_page(key)
    overlay = load_member_overlay(db.session, slug, viewer, kept.comment_ids) if kept else None
    if overlay is None or kept.state != _page_state(overlay.article, policy):
        # Missing or stale: rendered from the article as the ordinary path loads it (its row before the
        # comments, so a page is never kept under a state newer than its comments).
        article = get_article_or_404(slug)
        if article.is_external or not visibility.article_is_public(article):
            return render_article(article)  # framed, or a draft: the ordinary page
        kept = _render_shared_page(article, key, _page_state(article, policy))
        if kept is None:
            return render_article(article)
        overlay = load_member_overlay(db.session, slug, viewer, kept.comment_ids)  # the marks among its comments
    pages[key] = kept
    pages.move_to_end(key)
    while len(pages) > PAGES_KEPT:
        pages.popitem(last=False)
    if not all(visibility.PUBLIC(comment) for comment in overlay.own):
        # A held or refused comment of theirs shows to them alone, with its status: their own rendering.
        return render_article(get_article_or_404(slug))
    # Nothing was written: the transaction ends with COMMIT rather than the teardown's ROLLBACK, after which
    # psycopg forgets its prepared statements, so that PostgreSQL parsed and planned both statements anew
    # on every request (about as long as running them).
    db.session.commit()
    return _with_overlay(kept, overlay)


def _slot(key: tuple) -> str:
    revision, slug, sort, stance = key
    return ":".join(("memberpage", revision, slug, sort or "-", stance or "-"))


def _stored_page(key: tuple) -> KeptPage | None:
    """The page another worker (or host) kept, from the thread cache's store."""
    stored = read_cache(_slot(key))
    return KeptPage.of(stored["state"], stored["html"]) if stored else None


def clear(app) -> None:
    """Forget the pages this worker keeps (tests whose rows were rolled back)."""
    app.extensions.pop(_PAGES, None)


def _page_state(article, policy) -> str:
    """What the kept page was rendered from besides the templates: the article and the thread (as a
    visitor's page), and every policy value (the comment form and the footers ask some of them)."""
    closed = comments_closed(article, policy)
    return thread_cache.page_state(article.created_at, article.updated_at, article.comments_version, closed,
                                   fragments.policy_key(policy))


def _render_shared_page(article, key: tuple, state: str) -> KeptPage | None:
    """The page every reader in good standing sees, rendered now and put in the shared store."""
    html, status = render_article(article, member_page=True)
    if status != 200:
        return None
    kept = KeptPage.of(state, str(html).encode())
    write_cache(_slot(key), {"state": kept.state, "html": kept.html})
    return kept


def _with_overlay(kept: KeptPage, overlay) -> bytes:
    """The kept page with this reader's header links, token and overlay put in."""
    return kept.spots.lay(kept.html, generate_csrf().encode(), _account_nav(), reaction_kinds(overlay.reactions),
                          overlay.flagged, _own_footers(kept, overlay))


def _own_footers(kept: KeptPage, overlay) -> bytes | None:
    """The footers of the reader's own comments on the page (edit, delete), each rendered once per worker
    for what it shows: the comment's row, its author's name, the page's state and whether it may still be
    edited (the one thing that changes with the clock alone)."""
    own_shown = [comment for comment in overlay.own if comment.id in kept.spots.footers]
    if not own_shown:
        return None
    footers = current_app.extensions.setdefault(_FOOTERS, OrderedDict())
    policy, viewer, parts = current_policy(), current_user, []
    for comment in own_shown:
        key = (template_revision(), kept.state, viewer.id, viewer.shown_name, comment.id in overlay.flagged,
               edit_window_open(comment, policy), *(getattr(comment, column) for column in OWN_COLUMNS))
        footer = footers.get(key)
        if footer is None:
            footer = footers[key] = render_template("comments/_footers.html", comments=[comment],
                                                    article=overlay.article, reactions={},
                                                    flagged=overlay.flagged).encode()
            while len(footers) > FOOTERS_KEPT:
                footers.popitem(last=False)
        parts.append(footer)
    return b"".join(parts)


def _account_nav() -> bytes:
    """The reader's header links (with the token's placeholder), rendered once per reader and count in each worker."""
    user = current_user
    key = (template_revision(), user.id, user.username, user.role, user.unread_replies)
    navs = current_app.extensions.setdefault(_NAVS, OrderedDict())
    html = navs.get(key)
    if html is not None:
        navs.move_to_end(key)
        return html
    html = navs[key] = render_template("_account_nav.html", csrf_token=lambda: thread_cache.CSRF_PLACEHOLDER).encode()
    while len(navs) > NAVS_KEPT:
        navs.popitem(last=False)
    return html
