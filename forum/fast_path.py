"""The visitor fast path wired into the app: the WSGI layer, the views' share(), the validators
every cacheable page carries, and the generation bumps after a commit (forum/visitor_cache.py says
how entries stay fresh)."""
import hashlib
import time
from email.utils import formatdate
from itertools import chain

from flask import current_app, has_app_context, request, session
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from forum import outages, visitor_cache
from forum.thread_cache import CHANGED_THREADS

_EXTENSION = "parley_fast_path"
_ENVIRON_PLAN = "parley.visitor_plan"
_SITE_CHANGED = "parley.site_changed"
_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# Responses of these endpoints say who may cache them; shared ones carry validators and answer 304.
VALIDATED_ENDPOINTS = frozenset({"public.index", "public.article", "public.feed", "public.comments_feed",
                                 "public.article_comments_feed"})
SHARED_CACHE_CONTROL = "public, no-cache"  # any cache may keep it, and must ask (a 304 is cheap) before reuse
PRIVATE_CACHE_CONTROL = "private, no-cache"  # a signed-in reader's page: their browser only


class VisitorFastPath:
    """WSGI middleware: a fresh entry is answered here; anything else goes to the app (and an eligible
    page it shares is stored on the way out)."""

    def __init__(self, app, wsgi_app, store):
        self.flask_app = app
        self.wsgi_app = wsgi_app
        self.store = store
        self.cookie_names = (app.config["SESSION_COOKIE_NAME"], app.config.get("REMEMBER_COOKIE_NAME", "remember_token"))
        self.article_ids: dict[str, int] = {}  # slug -> article id, as the pages stored said
        self.bump_owed = False  # a change committed while the cache was down: bump everything when it is back

    def __call__(self, environ, start_response):
        config = self.flask_app.config
        plan = visitor_cache.plan_for(environ, self.cookie_names) if config["THREAD_CACHE"] else None
        if plan is None or (config["FORCE_HTTPS"] and environ.get("wsgi.url_scheme") != "https"):
            return self.wsgi_app(environ, start_response)
        try:
            if self.bump_owed:
                self.store.bump({visitor_cache.SITE, visitor_cache.ALL_THREADS})
                self.bump_owed = False
            entry = self._fresh_entry(plan)
        except Exception as error:  # noqa: BLE001 - any backend's failure means "take the full path"
            outages.failed(outages.CACHE_DOWN, error)
            return self.wsgi_app(environ, start_response)
        outages.recovered(outages.CACHE_DOWN)
        if entry is not None:
            return _send(entry, environ, start_response)
        return self._render_and_store(plan, environ, start_response)

    def _fresh_entry(self, plan) -> dict | None:
        """The stored entry when every token it was stored under is still current; else None, with the
        current tokens left in the plan (read before the app reads any row)."""
        generations = list(plan.depends_on)
        article_id = self.article_ids.get(plan.slug) if plan.slug else None
        if article_id is not None:
            generations.append(visitor_cache.thread_generation(article_id))
        entry, tokens = self.store.lookup(plan.key, generations)
        if entry is not None and plan.slug and entry["article_id"] != article_id:
            # First sight of this slug in this worker (or it now names another article): a second lookup.
            article_id = self.article_ids[plan.slug] = entry["article_id"]
            generations[len(plan.depends_on):] = [visitor_cache.thread_generation(article_id)]
            _, tokens = self.store.lookup(plan.key, generations)
        current = dict(zip(generations, tokens))
        if (entry is not None and None not in tokens and entry["depends"] == current
                and (entry["until"] is None or time.time() < entry["until"])):
            return entry
        missing = [name for name, token in current.items() if token is None]
        if missing:
            current.update(zip(missing, self.store.tokens(missing)))
        plan.tokens = current
        return None

    def _render_and_store(self, plan, environ, start_response):
        environ[_ENVIRON_PLAN] = plan
        # The app renders the whole page (a 304 would leave nothing to store); the answer is made conditional below.
        conditional = {name: environ.pop(name) for name in _CONDITIONAL if name in environ}
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return captured.setdefault("written", []).append

        body_parts = self.wsgi_app(environ, capture)
        try:
            body = b"".join(chain(captured.get("written", []), body_parts))
        finally:
            if hasattr(body_parts, "close"):
                body_parts.close()
        environ.update(conditional)
        if plan.learned_article_id is not None:
            self.article_ids[plan.slug] = plan.learned_article_id
        entry = {"status": captured["status"], "headers": captured["headers"], "body": body,
                 "depends": plan.tokens, "article_id": plan.article_id, "until": plan.until}
        if (plan.shared and plan.storable and environ["REQUEST_METHOD"] == "GET" and captured["status"].startswith("200 ")
                and not any(name.lower() == "set-cookie" for name, _ in captured["headers"])):
            try:
                self.store.store(plan.key, entry)
            except Exception as error:  # noqa: BLE001 - as in __call__
                outages.failed(outages.CACHE_DOWN, error)
        return _send(entry, environ, start_response)


def _send(entry: dict, environ, start_response):
    """The stored answer, as a 304 when the client already has it (werkzeug decides, as on the full path)."""
    if entry["status"].startswith("200 ") and any(name in environ for name in _CONDITIONAL):
        response = Response(entry["body"], entry["status"], entry["headers"])
        response.make_conditional(environ)
        return response(environ, start_response)
    start_response(entry["status"], list(entry["headers"]))
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [entry["body"]]


def share(article_id: int | None = None, until: float | None = None) -> None:
    """Say that this response is the same for every visitor, so the fast path may keep it.

    `article_id`: the article whose thread the page shows; `until`: when the page stops being right
    without any change (a thread that closes by age), as a Unix time."""
    plan = request.environ.get(_ENVIRON_PLAN)
    if plan is None:
        return  # not a request the fast path looked at (signed in, odd arguments, cache off)
    plan.until = until
    plan.shared = True
    if article_id is None:
        return
    plan.article_id = article_id
    generation = visitor_cache.thread_generation(article_id)
    if generation not in plan.tokens:
        # Its token was not read before this article's rows were: a page stored now could be stale.
        # The page is still everyone's (for its headers), and the next request reads the token first.
        plan.storable = False
        plan.learned_article_id = article_id
        try:
            plan.tokens[generation] = current_app.extensions[_EXTENSION].store.tokens([generation])[0]
        except Exception as error:  # noqa: BLE001 - as in VisitorFastPath.__call__
            outages.failed(outages.CACHE_DOWN, error)
            plan.shared = False


def add_validators(response):
    """ETag, Cache-Control and (on a shared page) Last-Modified; 304 for a matching If-None-Match."""
    if (request.method not in ("GET", "HEAD") or response.status_code != 200 or response.direct_passthrough
            or request.endpoint not in VALIDATED_ENDPOINTS):
        return response
    plan = request.environ.get(_ENVIRON_PLAN)
    if plan is None or not plan.shared or session.modified:  # (a modified session would set a cookie)
        # Someone's own page: it carries their CSRF token, signed with the time, so no validator would match.
        response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
        if plan is not None:
            plan.shared = False
        return response
    response.set_etag(hashlib.blake2b(response.get_data(), digest_size=16).hexdigest())
    response.headers["Cache-Control"] = SHARED_CACHE_CONTROL
    # A token is replaced when what it stands for changes: the newest one is when the page last changed.
    changed = max(visitor_cache.token_time(token) for token in plan.tokens.values())
    response.headers["Last-Modified"] = formatdate(changed, usegmt=True)
    return response.make_conditional(request)


def clear(app) -> None:
    """Forget every stored page (tests whose rows were rolled back)."""
    fast = app.extensions.get(_EXTENSION)
    if fast is not None:
        fast.store.clear()
        fast.article_ids.clear()


def init_app(app) -> None:
    """Put the fast path in front of the app (inside ProxyFix, which create_app adds afterwards)."""
    config = app.config
    if config.get("CACHE_TYPE") == "RedisCache" and config.get("CACHE_REDIS_URL"):
        store = visitor_cache.RedisStore(config["CACHE_REDIS_URL"], config["CACHE_KEY_PREFIX"],
                                         config["CACHE_DEFAULT_TIMEOUT"],
                                         config["CACHE_OPTIONS"].get("socket_timeout", 1),
                                         kept_entries=config["VISITOR_CACHE_ENTRIES"])
    elif config.get("CACHE_TYPE") == "SimpleCache":
        store = visitor_cache.LocalStore(config["INSTANCE_DIR"], max_entries=config["VISITOR_CACHE_ENTRIES"])
    else:
        return
    fast = app.extensions[_EXTENSION] = VisitorFastPath(app, app.wsgi_app, store)
    app.wsgi_app = fast
    app.after_request(add_validators)


# --- Generations replaced after a commit ------------------------------------------------------------

@event.listens_for(Session, "before_flush")
def _note_site_changes(session, _flush_context, _instances):
    from forum.models import Article, ArticleStance, SitePolicy

    site_rows = (Article, ArticleStance, SitePolicy)
    # A comment added to an article's collection leaves the article "dirty" with no column changed:
    # that is a thread's change (note_thread_changed), not the site's.
    if (any(isinstance(row, site_rows) for row in chain(session.new, session.deleted))
            or any(isinstance(row, site_rows) and session.is_modified(row, include_collections=False)
                   for row in session.dirty)):
        session.info[_SITE_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _bump_after_commit(session):
    threads = session.info.pop(CHANGED_THREADS, None)
    site = session.info.pop(_SITE_CHANGED, False)
    if not (threads or site) or not has_app_context():
        return
    fast = current_app.extensions.get(_EXTENSION)
    if fast is None:
        return
    generations = {visitor_cache.thread_generation(article_id) for article_id in threads or ()}
    if threads:
        generations.add(visitor_cache.ALL_THREADS)
    if site:
        generations.add(visitor_cache.SITE)
    try:
        fast.store.bump(generations)
    except Exception as error:  # noqa: BLE001 - the change is committed; the pages are bumped when the cache is back
        fast.bump_owed = True
        outages.failed(outages.CACHE_DOWN, error)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session):
    session.info.pop(CHANGED_THREADS, None)
    session.info.pop(_SITE_CHANGED, None)
