"""Put a Disqus or WordPress export into the database: threads, unclaimed authors, comments.

Idempotent: a second run of the same file finds every row by its source and external id and adds
nothing; a newer export of the same site adds what is new. The file is read as a stream and
written by batches, so memory holds one batch (and the few replies whose parent comes later).
"""
from dataclasses import dataclass

from forum.actions.import_accounts import ensure_authors
from forum.actions.import_threads import ensure_articles, insert_comments, lookup
from forum.actions.visibility import recount
from forum.extensions import db
from forum.interchange import Post, Stream, Thread
from forum.models import Comment

BATCH_POSTS = 2000  # comments read before a batch is written
BATCH_THREADS = 200  # WordPress posts, with their content, read before a batch is written


@dataclass
class ImportCounts:
    articles_created: int = 0
    articles_found: int = 0
    users_created: int = 0
    users_found: int = 0
    comments_created: int = 0
    comments_skipped: int = 0  # imported before, or whose thread is not in the file
    entries_skipped: int = 0  # pingbacks, attachments, deleted threads…

    def lines(self) -> list[str]:
        return [
            f"articles: {self.articles_created} created, {self.articles_found} already here",
            f"users: {self.users_created} created, {self.users_found} already here",
            f"comments: {self.comments_created} created, {self.comments_skipped} skipped",
            f"other entries skipped: {self.entries_skipped}",
        ]


def _waiting(posts: list[Post], known: dict[str, tuple]) -> set[str]:
    """Posts whose parent is named but neither stored nor in this batch, and their replies in it."""
    in_batch = {p.external_id for p in posts}
    waiting = {p.external_id for p in posts if p.parent_id and p.parent_id not in known and p.parent_id not in in_batch}
    children: dict[str, list[str]] = {}
    for post in posts:
        if post.parent_id in in_batch:
            children.setdefault(post.parent_id, []).append(post.external_id)
    queue = list(waiting)
    while queue:
        for child in children.get(queue.pop(), []):
            if child not in waiting:
                waiting.add(child)
                queue.append(child)
    return waiting


class _Run:
    """One import: what it has seen and written so far."""

    def __init__(self, source: str):
        self.source = source
        self.counts = ImportCounts()
        # Every thread seen (Disqus lists them all before the first post); WordPress content is
        # dropped from them once written.
        self.threads: dict[str, Thread] = {}
        self.unwritten: list[Thread] = []  # threads with content, to be written with the next batch
        self.article_of: dict[str, int] = {}
        self.thread_ids, self.author_keys = set(), set()
        self.touched_articles, self.touched_users = set(), set()

    def _articles_for(self, posts: list[Post]) -> None:
        wanted_ids = dict.fromkeys([p.thread_id for p in posts if p.thread_id in self.threads]
                                   + [t.external_id for t in self.unwritten])
        wanted = [self.threads[key] for key in wanted_ids if key not in self.article_of]
        if not wanted:
            return
        ids, created = ensure_articles(self.source, wanted)
        self.article_of.update(ids)
        self.counts.articles_created += created
        self.thread_ids.update(wanted_ids)
        for thread in self.unwritten:
            thread.body = ""
        self.unwritten = []

    def write(self, posts: list[Post], final: bool) -> list[Post]:
        """Write a batch; returns the posts to hold for the next one (their thread or parent may come later)."""
        self._articles_for(posts)
        held = [p for p in posts if p.thread_id not in self.article_of]
        placed = [p for p in posts if p.thread_id in self.article_of]
        if final:
            self.counts.comments_skipped += len(held)
            held = []
        named = [p.external_id for p in placed] + [p.parent_id for p in placed if p.parent_id]
        known = lookup(Comment, self.source, named, Comment.id, Comment.depth, Comment.article_id, Comment.root_id)
        # A file may name one post twice (hand-edited or concatenated exports): the first one counts.
        new = list({p.external_id: p for p in reversed(placed) if p.external_id not in known}.values())[::-1]
        self.counts.comments_skipped += len(placed) - len(new)
        # Every author the file names counts, also those of comments imported before: on a second run
        # the report then says they are already here rather than nothing at all.
        self.author_keys.update(p.author.key for p in placed if p.author)
        if not final:
            waiting = _waiting(new, known)
            held += [p for p in new if p.external_id in waiting]
            new = [p for p in new if p.external_id not in waiting]
        if new:
            authors = {p.author.key: p.author for p in new if p.author}
            author_of, created, _found = ensure_authors(self.source, [authors[k] for k in sorted(authors)])
            self.counts.users_created += created
            self.author_keys.update(authors)
            insert_comments(self.source, new, self.article_of, author_of, known)
            self.counts.comments_created += len(new)
            self.touched_articles.update(self.article_of[p.thread_id] for p in new)
            self.touched_users.update(author_of[p.author.key] for p in new if p.author)
        return held

    def finish(self, skipped: int) -> ImportCounts:
        """Set the counters of everything written, in SQL, and say what was done."""
        self.counts.articles_found = len(self.thread_ids) - self.counts.articles_created
        self.counts.users_found = len(self.author_keys) - self.counts.users_created
        self.counts.entries_skipped = skipped
        recount(self.touched_articles, self.touched_users)
        db.session.flush()
        return self.counts


def import_export(stream: Stream) -> ImportCounts:
    """Add what the export holds and this database lacks; flushes, never commits."""
    run = _Run(stream.source)
    batch: list[Post] = []
    threshold = BATCH_POSTS
    for record in stream:
        if isinstance(record, Thread):
            run.threads[record.external_id] = record
            if record.body:
                run.unwritten.append(record)
        else:
            batch.append(record)
        if len(batch) >= threshold or len(run.unwritten) >= BATCH_THREADS:
            batch = run.write(batch, final=False)
            threshold = len(batch) + BATCH_POSTS  # posts held back do not make every next record a batch
    run.write(batch, final=True)
    return run.finish(stream.skipped)
