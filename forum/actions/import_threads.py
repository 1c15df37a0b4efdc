"""The rows of an import, by batches: articles for threads, comments level by level, counters in SQL.

Every row carries its import source and external id (unique together), which is how a later run
finds it again. A batch costs a few statements per level of nesting, never one per comment.
"""
from urllib.parse import unquote

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum import visibility
from forum.actions.articles import BODY_MAX_CHARS, TITLE_MAX_LENGTH, derive_slug
from forum.actions.batches import chunks
from forum.actions.embedding import story_slug
from forum.actions.import_accounts import claim_free
from forum.embedding import BadURL, normalise_url
from forum.extensions import db
from forum.interchange import BadFile, Post, Thread
from forum.markup import RENDERER_VERSION, Profile, clean_html, one_line
from forum.models import Article, ArticleStatus, Comment, CommentStatus
from forum.models.base import utcnow



def _cleaned(body: str, profile: Profile, what: str) -> str:
    """The HTML of an imported body, refused before cleaning when it is longer than any article may be:
    the cleaner's cost grows faster than the text."""
    if len(body) > BODY_MAX_CHARS:
        raise BadFile(f"{what} is {len(body):,} characters long; Parley takes {BODY_MAX_CHARS:,} at most.")
    return clean_html(body, profile)


def lookup(model, source: str, external_ids: list[str], *columns) -> dict[str, tuple]:
    """`columns` of the rows of `model` imported from `source` under these ids, by external id."""
    found = {}
    for part in chunks(sorted(set(external_ids))):
        rows = db.session.execute(
            sa.select(model.external_id, *columns).where(model.import_source == source, model.external_id.in_(part))
        )
        found.update({row[0]: tuple(row[1:]) for row in rows})
    return found


def _story_url(thread: Thread, source: str) -> str | None:
    if source != "disqus" or not thread.link:
        return None
    try:
        return normalise_url(thread.link)
    except BadURL:
        return None


def _slug_base(thread: Thread, source: str) -> str:
    if source == "wordpress" and thread.slug:
        # WordPress percent-encodes non-ASCII slugs ("caf%c3%a9"); slugify then transliterates them.
        return derive_slug(unquote(thread.slug))[:100] or "post"
    return story_slug(thread.title, thread.external_id, fallback="thread")


def ensure_articles(source: str, wanted: list[Thread]) -> tuple[dict[str, int], int]:
    """Article ids by thread id, and how many were created. A Disqus thread whose page already has
    a thread here (embedded, or another Disqus thread of the same page) joins it."""
    ids = {key: row[0] for key, row in lookup(Article, source, [t.external_id for t in wanted], Article.id).items()}
    urls = {t.external_id: _story_url(t, source) for t in wanted if t.external_id not in ids}
    by_url: dict[str, int] = {}
    for part in chunks(sorted({u for u in urls.values() if u})):
        by_url.update(dict(db.session.execute(sa.select(Article.external_url, Article.id)
                                              .where(Article.external_url.in_(part))).all()))
    new, same_page, new_urls = [], [], set()
    for thread in wanted:
        url = urls.get(thread.external_id)
        if thread.external_id in ids:
            continue
        if url in by_url:
            ids[thread.external_id] = by_url[url]
        elif url in new_urls:
            same_page.append(thread)  # a second Disqus thread for one page: its comments join the first's
        else:
            if url:
                new_urls.add(url)
            new.append(thread)
    slugs = claim_free([_slug_base(t, source) for t in new], Article.slug, "-", 120, lower=False)
    now = utcnow()
    rows = [{
        "slug": slug, "title": one_line(thread.title)[:TITLE_MAX_LENGTH] or "Untitled", "summary": "",
        "body_source": thread.body, "body_html": _cleaned(thread.body, Profile.ARTICLE, f"Post {thread.external_id}") if thread.body else "",
        "body_format": "html",
        "renderer_version": RENDERER_VERSION,
        "status": ArticleStatus.PUBLISHED if thread.published else ArticleStatus.DRAFT,
        "published_at": (thread.created_at or now) if thread.published else None,
        "created_at": thread.created_at or now, "updated_at": now, "comments_closed": thread.closed,
        "external_url": urls.get(thread.external_id), "import_source": source,
        "external_id": thread.external_id,
    } for thread, slug in zip(new, slugs)]
    for part in chunks(rows):
        result = db.session.execute(
            sa.insert(Article).returning(Article.external_id, Article.id, Article.external_url), part)
        for external_id, article_id, url in result:
            ids[external_id] = article_id
            if url:
                by_url[url] = article_id
    for thread in same_page:
        ids[thread.external_id] = by_url[urls[thread.external_id]]
    return ids, len(new)


def _levels(posts: list[Post], article_of: dict[str, int], known: dict[str, tuple]) -> list[list[tuple]]:
    """New posts grouped so that a parent always goes in before its replies: [[(post, parent_ext)], …].

    A parent that is missing, on another article, or part of a cycle makes the post top-level.
    """
    by_id = {p.external_id: p for p in posts}
    parent_of: dict[str, str | None] = {}
    for post in posts:
        parent, article = post.parent_id, article_of[post.thread_id]
        if parent in by_id and article_of[by_id[parent].thread_id] == article:
            parent_of[post.external_id] = parent
        elif parent in known and known[parent][2] == article:
            parent_of[post.external_id] = parent
        else:
            parent_of[post.external_id] = None
    level: dict[str, int] = {}
    for post in posts:
        chain, seen, current = [], set(), post.external_id
        while current not in level:
            if current in seen:  # a cycle: cut it here
                parent_of[current], level[current] = None, 0
                break
            chain.append(current)
            seen.add(current)
            parent = parent_of[current]
            if parent is None or parent not in by_id:
                level[current] = 0
                break
            current = parent
        for item in reversed(chain):
            if item not in level:
                level[item] = level[parent_of[item]] + 1
    levels: list[list[tuple]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for post in posts:
        levels[level[post.external_id]].append((post, parent_of[post.external_id]))
    return levels


def _comment_row(post: Post, source: str, article_id: int, author_id: int | None,
                 parent: tuple | None) -> dict:
    """parent: (id, root_id, depth) of the stored parent, or None for a top-level comment."""
    status = CommentStatus(post.status)
    body = "" if status in visibility.WITHDRAWN else post.body
    return {
        "article_id": article_id, "author_id": author_id,
        "parent_id": parent[0] if parent else None,
        "root_id": (parent[1] or parent[0]) if parent else None,
        "depth": parent[2] + 1 if parent else 0,
        # A deleted comment keeps no text, here as when its author deletes it (visibility.set_status).
        "body_source": body, "body_html": _cleaned(body, Profile.COMMENT, f"Comment {post.external_id}") if body else "",
        "body_format": "html", "renderer_version": RENDERER_VERSION, "status": status, "created_at": post.created_at,
        "published_at": post.created_at if status in visibility.PUBLIC else None,
        "reasons": [post.reason] if post.reason and status not in visibility.REJECTED_ONLY else [],
        "rejection_reason": post.reason if status in visibility.REJECTED_ONLY else None,
        "import_source": source, "external_id": post.external_id,
    }


def copy_parent_authors(*where) -> None:
    """The replies `where` selects take their parent's author (models/comment.py), in SQL: the parents may
    be rows stored before, and a file's own value is never trusted."""
    parent = aliased(Comment)
    db.session.execute(sa.update(Comment).where(Comment.parent_id.is_not(None), *where).values(
        parent_author_id=sa.select(parent.author_id).where(parent.id == Comment.parent_id).scalar_subquery()))


def insert_comments(source: str, posts: list[Post], article_of: dict[str, int], author_of: dict[str, int],
                    known: dict[str, tuple]) -> None:
    """known: (id, depth, article_id, root_id) by external id, for stored comments; grows as levels go in."""
    for level in _levels(posts, article_of, known):
        rows = []
        for post, parent in level:
            stored = known.get(parent)
            author_id = author_of.get(post.author.key) if post.author else None
            rows.append(_comment_row(post, source, article_of[post.thread_id], author_id,
                                     (stored[0], stored[3], stored[1]) if stored else None))
        for part in chunks(rows):
            result = db.session.execute(
                sa.insert(Comment).returning(Comment.external_id, Comment.id, Comment.depth, Comment.article_id,
                                             Comment.root_id), part)
            known.update({row[0]: tuple(row[1:]) for row in result})
        for part in chunks([known[post.external_id][0] for post, parent in level if parent is not None]):
            copy_parent_authors(Comment.id.in_(part))
