"""What every template may use: the permission check, dates, the site's name."""
from datetime import datetime, timezone

from functools import lru_cache
from urllib.parse import quote

from flask import current_app, has_request_context, request, url_for
from flask_login import current_user
from jinja2 import pass_context

from forum import avatars, inbox, thread_cache, visibility, wording
from forum.fragments import FragmentCache
from forum.moderation.notices import why_for_author
from forum.permissions import NEEDS_POLICY, Action, can

# What a tombstone says (visibility.tombstone_kind): its replies stay, under these words.
TOMBSTONE_TEXT = {
    "deleted": "Deleted by its author.",
    "held": "Held for review by a moderator.",
    "removed": "Removed by a moderator.",
}


def _bound_can():
    """`can` for one rendering, with the viewer looked up once rather than through the proxy on every
    call: a thread page asks it five times per comment. Looked up at the first call, not before: a page
    that never asks (an error page while the database is down) must not load the user."""
    from forum.views.helpers import current_policy

    viewer = []
    policy = []

    def user_can(action: Action, target=None) -> bool:
        if not viewer:
            viewer.append(current_user._get_current_object() if has_request_context() else None)
        if action in NEEDS_POLICY:
            if not policy:
                policy.append(current_policy())
            return can(viewer[0], action, target, policy=policy[0])
        return can(viewer[0], action, target)

    return user_can


_SENTINEL = 9_876_543_210_123  # an id no row has: where it lands in a URL, the real id goes


@lru_cache(maxsize=4096)
def _link_pattern(script_root: str, endpoint: str, key: str, fixed: tuple) -> tuple[str, str] | None:
    url = url_for(endpoint, **dict(fixed), **{key: _SENTINEL})
    if url.count(str(_SENTINEL)) != 1:
        return None  # a fixed value holds the same digits: no single place to put the id
    prefix, _, suffix = url.partition(str(_SENTINEL))
    return prefix, suffix


def link(endpoint: str, key: str, value, **fixed) -> str:
    """url_for(endpoint, key=value, **fixed), built once per endpoint and then by joining strings.

    A thread page links every comment four to six times; url_for costs tens of microseconds a call,
    which made URL building a large share of rendering a long thread."""
    pattern = _link_pattern(request.script_root, endpoint, key, tuple(sorted(fixed.items())))
    if pattern is None:
        return url_for(endpoint, **fixed, **{key: value})
    prefix, suffix = pattern
    return f"{prefix}{value if isinstance(value, int) else quote(str(value), safe='')}{suffix}"


@pass_context
def comment_fragments(context, nodes, macro, *args):
    """comment_node(node, *args) for each of `nodes`, joined; from the worker's fragments when the page is
    rendered for everyone alike (the view then gives the template a `fragment_scope`: forum/fragments.py).
    One call for the page's top-level comments rather than one each: a page joined from fragments spent
    as much on calling into Jinja for each of them as on finding them."""
    scope = context.get("fragment_scope")
    kept = current_app.extensions.get("parley_fragments")
    if scope is None or kept is None:
        return thread_cache.rendered("".join(str(macro(node, *args)) for node in nodes))
    return thread_cache.rendered("".join(
        kept.render(scope, node, lambda node=node: str(macro(node, *args))) for node in nodes))


def format_date(value: datetime | None) -> str:
    return value.astimezone(timezone.utc).strftime("%-d %B %Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.astimezone(timezone.utc).strftime("%-d %B %Y, %H:%M UTC") if value else ""


def format_moment(value: datetime | None) -> str:
    """A comment's time, short, in UTC (the page says so once; thread.js shows it in the reader's own zone)."""
    return value.astimezone(timezone.utc).strftime("%-d %b %Y, %H:%M") if value else ""


# Units for "3 hours ago", largest first: (seconds in one, name).
_AGO_UNITS = ((365 * 86400, "year"), (30 * 86400, "month"), (7 * 86400, "week"), (86400, "day"),
              (3600, "hour"), (60, "minute"))


def format_ago(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in the largest whole unit ("3 hours ago"); under a minute is "just now"."""
    if value is None:
        return ""
    seconds = ((now or datetime.now(timezone.utc)) - value).total_seconds()
    for size, name in _AGO_UNITS:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {name}{'s' if count > 1 else ''} ago"
    return "just now"


def register(app) -> None:
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["moment"] = format_moment
    app.jinja_env.filters["ago"] = format_ago
    app.jinja_env.filters["unread"] = inbox.unread_label
    app.jinja_env.filters["initials"] = avatars.initials
    app.jinja_env.filters["avatar_colour"] = avatars.colour_index
    app.jinja_env.filters["plural"] = wording.plural
    app.jinja_env.filters["full_stop"] = wording.full_stop
    # The author's view of a held comment's reasons: the rule in plain words (moderators read the reasons).
    app.jinja_env.filters["why_for_author"] = why_for_author

    @app.context_processor
    def template_globals():
        return {"can": _bound_can(), "Action": Action, "site_name": current_app.config["SITE_NAME"]}

    if app.config["FRAGMENT_CACHE_CHARS"]:
        app.extensions["parley_fragments"] = FragmentCache(app.config["FRAGMENT_CACHE_CHARS"])
    app.jinja_env.globals.update(link=link, comment_fragments=comment_fragments, is_public=visibility.PUBLIC, article_is_public=visibility.article_is_public,
                                 tombstone_kind=visibility.tombstone_kind, TOMBSTONE_TEXT=TOMBSTONE_TEXT)
