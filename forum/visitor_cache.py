"""The visitor fast path: whole public pages answered from the cache before Flask does any work.

A request with no session (or remember-me) cookie and no Authorization header, for a page that is
the same for every visitor (the article list, an article's first page with its canonical arguments,
the Atom feeds), is looked up by a thin WSGI layer in front of the app. A fresh entry is sent as it
was stored: the status, every header the full path sent (CSP and the other security headers,
Content-Type, Vary, ETag, Last-Modified, Cache-Control) and the body. No session is opened, no user
loaded, Talisman does not run and no database connection is checked out.

Freshness costs one lookup. Each entry records the generation tokens of what it depends on (the
site: articles and policy; one article's thread; every thread, for the article list and the feeds,
which show comment counts or comments), and
is fresh while they are the current ones. A transaction that changes any of them replaces the
tokens after it commits (forum/thread_cache.note_thread_changed marks a thread; Article, stance and
policy rows mark the site). Tokens are read before the page's rows, so a page rendered from rows
older than a change is always stored under a token that change has already replaced, or soon will.

With Redis (CACHE_REDIS_URL) entries and tokens are shared by every worker and host; without it,
entries live in each worker and the one token is a file in the instance folder, so that a change
made by one worker reaches the others. When the cache cannot be reached the request takes the full
path, which answers as it always did.

Only the view knows whether its page is for every visitor: it says so with share() (nothing is
stored otherwise), and the full path adds the validators and Cache-Control in add_validators().
"""
import os
import pickle
import secrets
import time
from collections import OrderedDict
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qsl

from werkzeug.http import parse_cookie

SITE = "site"  # articles (titles, lists, stances, state) and the site policy
ALL_THREADS = "threads"  # any thread's comments: the article list, its feed and the site-wide comment feed


def thread_generation(article_id: int) -> str:
    return f"thread:{article_id}"


# The pages answered from the cache, with the query arguments each may carry (each at most once).
_ARTICLE_ARGS = frozenset({"sort", "stance"})
_NO_ARGS = frozenset()


class Plan:
    """What one eligible request looks for: its cache key, the generations it depends on, the tokens read."""

    __slots__ = ("key", "slug", "depends_on", "tokens", "until", "shared", "storable", "article_id",
                 "learned_article_id")

    def __init__(self, key: str, slug: str | None, depends_on: tuple[str, ...]):
        self.key = key
        self.slug = slug
        self.depends_on = depends_on
        self.tokens: dict[str, str] = {}
        self.until: float | None = None
        self.shared = False  # the view says the page is the same for every visitor
        self.storable = True  # every token it depends on was read before its rows
        self.article_id: int | None = None
        self.learned_article_id: int | None = None  # the view found the slug's article, too late to store


def plan_for(environ, cookie_names: tuple[str, ...]) -> Plan | None:
    """The plan for a request the fast path may answer, or None when it must go to the app."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
        return None
    cookie_header = environ.get("HTTP_COOKIE")
    if cookie_header and any(name in parse_cookie(cookie_header) for name in cookie_names):
        return None
    path = environ.get("PATH_INFO") or "/"
    query = environ.get("QUERY_STRING", "")
    slug = None
    if path in ("/", "/feed.atom", "/comments.atom"):
        # The article list and its feed show each article's comment count and updated time, which any thread's
        # comments change; the comment feed lists them.
        allowed, depends_on = _NO_ARGS, (SITE, ALL_THREADS)
    elif path.startswith("/articles/"):
        rest = path[len("/articles/"):]
        if rest.endswith("/comments.atom"):
            slug, allowed = rest[:-len("/comments.atom")], _NO_ARGS
        else:
            slug, allowed = rest, _ARTICLE_ARGS
        if not slug or "/" in slug:
            return None
        depends_on = (SITE,)
    else:
        return None
    if query:
        names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
        if len(names) != len(set(names)) or not set(names) <= allowed:
            return None  # a cursor, tracking tags or junk: rendered, so nobody fills the cache with variants
    scheme = environ.get("wsgi.url_scheme", "http")
    # The host and scheme are part of the key: feeds hold absolute links, and HSTS is only sent over HTTPS.
    key = f"{scheme}://{environ.get('HTTP_HOST', '')}{path}?{query}"
    return Plan(key, slug, depends_on)


def _token() -> str:
    return f"{time.time_ns()}.{secrets.token_hex(4)}"


def token_time(token: str) -> float:
    return int(token.split(".", 1)[0]) / 1e9


class RedisStore:
    """Entries and generation tokens in Redis, shared by every worker and host.

    Each worker also keeps the entries it has used: while a kept entry is still fresh, a lookup
    asks Redis only for the tokens (a few bytes) rather than for the whole page again."""

    def __init__(self, url: str, prefix: str, ttl_seconds: int, timeout_seconds: float, kept_entries: int):
        from redis import Redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.redis = Redis.from_url(url, socket_connect_timeout=timeout_seconds, socket_timeout=timeout_seconds,
                                    retry=Retry(NoBackoff(), 0))
        self.prefix = prefix + "visitor:"
        self.ttl = ttl_seconds
        self.kept = _Kept(kept_entries)

    def lookup(self, key: str, generations: list[str]) -> tuple[dict | None, list[str | None]]:
        generation_keys = [self.prefix + "gen:" + g for g in generations]
        kept = self.kept.get(key)
        if kept is not None:
            tokens = [v.decode() if v else None for v in self.redis.mget(generation_keys)]
            if kept["depends"] == dict(zip(generations, tokens)):
                return kept, tokens
        values = self.redis.mget([self.prefix + "page:" + key] + generation_keys)
        entry = pickle.loads(values[0]) if values[0] else None
        if entry is not None:
            self.kept.put(key, entry)
        return entry, [v.decode() if v else None for v in values[1:]]

    def tokens(self, generations: list[str]) -> list[str]:
        """The current tokens, creating those that are missing (a fresh Redis, or one that evicted them)."""
        keys = [self.prefix + "gen:" + g for g in generations]
        values = self.redis.mget(keys)
        if all(values):
            return [v.decode() for v in values]
        with self.redis.pipeline(transaction=False) as pipe:
            for name, value in zip(keys, values):
                if not value:
                    pipe.set(name, _token(), nx=True)
            pipe.mget(keys)
            return [v.decode() for v in pipe.execute()[-1]]

    def store(self, key: str, entry: dict) -> None:
        self.redis.set(self.prefix + "page:" + key, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL), ex=self.ttl)
        self.kept.put(key, entry)

    def bump(self, generations: set[str]) -> None:
        with self.redis.pipeline(transaction=False) as pipe:
            for name in generations:
                pipe.set(self.prefix + "gen:" + name, _token())
            pipe.execute()

    def clear(self) -> None:
        self.kept.clear()
        for key in self.redis.scan_iter(self.prefix + "*"):
            self.redis.delete(key)


class _Kept(OrderedDict):
    """The most recently used entries, at most `size` of them."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def put(self, key: str, entry: dict) -> None:
        self[key] = entry
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class LocalStore:
    """Entries in this worker's memory; one token for everything, kept as a file that every worker
    on this host reads (a stat per lookup), so that a change made by one worker reaches the others."""

    def __init__(self, folder: str, max_entries: int):
        self.stamp = Path(folder) / "visitor-cache-generation"
        self.entries = _Kept(max_entries)

    def _stamp(self) -> str | None:
        try:
            status = os.stat(self.stamp)
        except FileNotFoundError:
            return None
        # A replaced file has a new inode, so two changes within one clock tick still differ.
        return f"{status.st_mtime_ns}.{status.st_ino}"

    def lookup(self, key: str, generations: list[str]) -> tuple[dict | None, list[str | None]]:
        stamp = self._stamp()
        return self.entries.get(key), [stamp] * len(generations)

    def tokens(self, generations: list[str]) -> list[str]:
        stamp = self._stamp()
        if stamp is None:
            self.bump(set(generations))
            stamp = self._stamp()
        return [stamp] * len(generations)

    def store(self, key: str, entry: dict) -> None:
        self.entries.put(key, entry)

    def bump(self, generations: set[str]) -> None:
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.stamp.with_name(f"{self.stamp.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fresh.write_text(_token())
        os.replace(fresh, self.stamp)

    def clear(self) -> None:
        self.entries.clear()
        self.bump({SITE})
