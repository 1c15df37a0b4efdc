"""Data sets for the benchmark, built with Parley's own code.

- `build_small`: one article whose thread has 1,000 comments (30 % replies, Markdown of 200–800
  characters, reactions, stances), posted through post_comment and toggle_reaction, so that every
  counter and every status is what the application itself would have produced; an article list;
  a moderation queue of 100,000 held comments; the readers and the moderator the load signs in as.
- `build_large` (PostgreSQL): 10,000 more articles and 1,000,000 more comments, written in bulk with
  COPY (posting a million comments one by one would take hours). The bodies are rendered by
  forum/markup.py, the counters are then set in SQL from the rows, as the application keeps them.
"""
import random
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from forum.actions.accounts import register_user
from forum.actions.articles import ArticleDraft, publish_article, save_article
from forum.actions.comments import post_comment, toggle_reaction
from forum.actions.policy import update_policy
from forum.markup import RENDERER_VERSION, Profile, render
from forum.models import (
    Article, ArticleStatus, Comment, CommentStatus, ReactionKind, Role, User, load_policy,
)
from forum.ranking import wilson_lower_bound

PASSWORD = "bench password for load tests only"
THREAD_SLUG = "bench-thread"
POSTING_SLUG = "bench-posting"
QUEUE_SLUG = "bench-queue"
READER, MODERATOR, POSTER = "bench_reader", "bench_moderator", "bench_poster"

# The team's sentences on the demo question, recombined into comments of realistic length and markup.
SENTENCES = [
    "Rivals have cooperated before when the downside was shared by both sides.",
    "Arms control worked because warheads could be counted; model weights cannot be seen from orbit.",
    "Compute is concentrated in a few data centres, which makes reporting thresholds at least measurable.",
    "A hotline between labs would cost little and could matter a great deal in a crisis.",
    "Export controls and joint safety testing are not mutually exclusive.",
    "Every shared evaluation is also a glimpse of how far the other side has got.",
    "Naming a red line is the easy part; agreeing on what happens when it is crossed is harder.",
    "Keeping AI out of nuclear command and control is where the interests overlap most clearly.",
    "Verification does not need to be perfect to change the incentives on both sides.",
    "Domestic politics in both capitals reward looking tough more than looking reasonable.",
    "Scientists met across the divide for decades at conferences that governments tolerated.",
    "Standards bodies are a quieter venue than summits, and quiet may be what this needs.",
    "The article underrates how much the private labs shape what their governments can promise.",
    "Incident reporting could start small: near misses, not capabilities.",
    "Trust is built by keeping small promises, so start with promises small enough to keep.",
    "A shared benchmark for dangerous capabilities would help even if nothing else were agreed.",
    "The historical analogy breaks down because software spreads faster than missiles ever did.",
    "Neither side wants a model that helps a third party build a weapon.",
]
LINKS = ["https://example.org/report", "https://example.org/hearing-notes", "https://example.org/whitepaper"]


def markdown_comment(rng: random.Random, serial: int) -> str:
    """A comment of 200–800 characters with the Markdown readers actually use."""
    parts = []
    target = rng.randint(200, 800)
    length = 0
    while length < target:
        sentence = rng.choice(SENTENCES)
        style = rng.random()
        if style < 0.12:
            sentence = f"**{sentence}**"
        elif style < 0.22:
            sentence = f"*{sentence}*"
        elif style < 0.28:
            sentence = f"> {sentence}\n"
        elif style < 0.33:
            sentence = f"- {sentence}\n- {rng.choice(SENTENCES)}\n"
        elif style < 0.37:
            sentence = f"{sentence} See [this summary]({rng.choice(LINKS)})."
        parts.append(sentence)
        length += len(sentence) + 1
    # A number makes every text unique: the pipeline holds the same text posted twice in a day.
    return (" ".join(parts))[:790].rstrip() + f" ({serial})"


def _account(username: str, role: Role = Role.READER) -> User:
    from forum.extensions import db

    existing = db.session.scalar(sa.select(User).where(User.username == username))
    return existing or register_user(username, f"{username}@bench.example", PASSWORD, role)


def _article(session, slug: str, title: str, question: str = "", stances=()) -> Article:
    article = session.scalar(sa.select(Article).where(Article.slug == slug))
    if article is None:
        draft = ArticleDraft(
            title=title, slug=slug, summary="An article built by the benchmark.",
            body="\n\n".join(markdown_comment(random.Random(slug), n) for n in range(6)),
            question=question, stances=list(stances),
        )
        article = save_article(None, None, draft)
        publish_article(None, article)
    return article


def build_small(session, comments: int = 1000, reply_share: float = 0.3, queue: int = 100_000,
                articles: int = 30, seed: int = 1) -> dict:
    """The small data set; returns what was built, for the report."""
    rng = random.Random(seed)
    admin = _account("bench_admin", Role.ADMIN)
    # The benchmark posts as fast as it can: the automatic slow mode would (rightly) stop it.
    update_policy(admin, auto_slow_posts_per_minute=0, moderation_mode="post")
    session.commit()
    policy = load_policy(session)

    authors = [_account(f"bench_author{n}") for n in range(24)]
    reader = _account(READER)
    _account(POSTER)
    _account(MODERATOR, Role.MODERATOR)
    for n in range(articles):
        _article(session, f"bench-article-{n}", f"Benchmark article {n}")
    thread = _article(
        session, THREAD_SLUG, "Can rivals cooperate on AI safety? (benchmark thread)",
        "Can the US and China cooperate on AI safety while remaining rivals?", ["Yes", "No", "It depends"],
    )
    _article(session, POSTING_SLUG, "Benchmark posting article")
    session.commit()

    if thread.comment_count == 0:
        start = datetime.now(timezone.utc) - timedelta(days=2)
        posted: list[Comment] = []
        stances = [s.key for s in thread.stances]
        for n in range(comments):
            author = reader if n % 97 == 5 else rng.choice(authors)
            parent = rng.choice(posted) if posted and rng.random() < reply_share else None
            # Ten seconds apart: the thread grows over hours, as a real one does.
            comment = post_comment(
                author, thread, markdown_comment(rng, n), policy, parent=parent,
                stance_key=None if parent else rng.choice(stances + [None]),
                now=start + timedelta(seconds=10 * n),
            )
            if comment.status == CommentStatus.PUBLISHED:
                posted.append(comment)
            if n % 200 == 199:
                session.commit()
        session.commit()
        for comment in rng.sample(posted, min(len(posted), 400)):
            for voter in rng.sample(authors + [reader], rng.randint(1, 6)):
                if voter.id != comment.author_id:
                    toggle_reaction(voter, comment, rng.choice([ReactionKind.UP] * 3 + [ReactionKind.DOWN]), policy)
        session.commit()

    queue_article = _article(session, QUEUE_SLUG, "Benchmark moderation queue")
    held = session.scalar(sa.select(sa.func.count()).select_from(Comment).where(Comment.article_id == queue_article.id))
    if held < queue:
        _insert_held(session, queue_article, authors, queue - held, rng)
    session.commit()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("ANALYZE"))  # as autovacuum would on a live site: plans need statistics
        session.commit()
    return {
        "thread comments": session.scalar(sa.select(sa.func.count()).select_from(Comment)
                                          .where(Comment.article_id == thread.id)),
        "thread published": thread.comment_count,
        "held in queue": session.scalar(sa.select(sa.func.count()).select_from(Comment)
                                        .where(Comment.status == CommentStatus.PENDING)),
        "articles": session.scalar(sa.select(sa.func.count()).select_from(Article)),
    }


def _insert_held(session, article: Article, authors: list[User], count: int, rng: random.Random) -> None:
    """Held comments for the queue, in batches: as the pipeline would have held them, with its reasons."""
    bodies = [markdown_comment(rng, n) for n in range(200)]
    rendered = [render(body, Profile.COMMENT) for body in bodies]
    start = datetime.now(timezone.utc) - timedelta(days=1)
    batch = []
    for n in range(count):
        which = n % len(bodies)
        batch.append({
            "article_id": article.id, "author_id": authors[n % len(authors)].id, "depth": 0,
            "body_source": bodies[which], "body_html": rendered[which], "renderer_version": RENDERER_VERSION,
            "status": CommentStatus.PENDING, "created_at": start + timedelta(milliseconds=500 * n),
            "reasons": ["new reader: held for review"],
        })
        if len(batch) == 5000:
            session.execute(sa.insert(Comment), batch)
            batch = []
    if batch:
        session.execute(sa.insert(Comment), batch)


def build_large(session, articles: int = 10_000, comments: int = 1_000_000, reply_share: float = 0.3,
                seed: int = 2) -> dict:
    """Bulk rows on PostgreSQL: `articles` articles sharing `comments` comments."""
    rng = random.Random(seed)
    bulk_prefix = "bulk-"
    done = session.scalar(sa.select(sa.func.count()).select_from(Article).where(Article.slug.like(f"{bulk_prefix}%")))
    if done >= articles:
        return {"articles": done, "comments": session.scalar(sa.select(sa.func.count()).select_from(Comment))}
    authors = [_account(f"bench_author{n}") for n in range(24)]
    session.commit()
    body = "\n\n".join(markdown_comment(rng, n) for n in range(4))
    body_html = render(body, Profile.ARTICLE)
    now = datetime.now(timezone.utc)
    session.execute(sa.insert(Article), [{
        "slug": f"{bulk_prefix}{n}", "title": f"Archive article {n}", "summary": "From the archive.",
        "body_source": body, "body_html": body_html, "renderer_version": RENDERER_VERSION,
        "status": ArticleStatus.PUBLISHED, "created_at": now - timedelta(minutes=n + 10),
        "published_at": now - timedelta(minutes=n + 10),
    } for n in range(articles)])
    article_ids = list(session.scalars(
        sa.select(Article.id).where(Article.slug.like(f"{bulk_prefix}%")).order_by(Article.id)
    ))
    session.commit()

    bodies = [markdown_comment(rng, n) for n in range(500)]
    rendered = [render(text, Profile.COMMENT) for text in bodies]
    first_id = (session.scalar(sa.select(sa.func.max(Comment.id))) or 0) + 1
    per_article = comments // len(article_ids)
    columns = ("id", "article_id", "author_id", "parent_id", "root_id", "depth", "body_source", "body_html",
               "renderer_version", "status", "created_at", "published_at", "reply_count", "up_count",
               "down_count", "score", "reasons", "flag_weight")
    raw = session.connection().connection.driver_connection  # psycopg's own connection, for COPY
    next_id = first_id
    with raw.cursor() as cursor, cursor.copy(f"COPY comments ({', '.join(columns)}) FROM STDIN") as copy:
        for article_id in article_ids:
            roots: list[int] = []
            started = now - timedelta(days=30)
            for n in range(per_article):
                is_reply = roots and rng.random() < reply_share
                root = rng.choice(roots) if is_reply else None
                up, down = rng.randint(0, 9), rng.randint(0, 3)
                which = rng.randrange(len(bodies))
                created = started + timedelta(minutes=n)
                copy.write_row((
                    next_id, article_id, rng.choice(authors).id, root, root, 1 if root else 0,
                    bodies[which], rendered[which], RENDERER_VERSION, CommentStatus.PUBLISHED.value,
                    created, created, 0, up, down, wilson_lower_bound(up, down), "[]", 0,
                ))
                if not root:
                    roots.append(next_id)
                next_id += 1
    # Counters, as the application keeps them, computed from the rows in one statement each.
    session.execute(sa.text(
        "UPDATE comments c SET reply_count = r.n FROM (SELECT root_id, count(*) n FROM comments "
        "WHERE root_id IS NOT NULL AND id >= :first GROUP BY root_id) r WHERE c.id = r.root_id"
    ), {"first": first_id})
    session.execute(sa.text(
        "UPDATE articles a SET comment_count = s.n FROM (SELECT article_id, count(*) n FROM comments "
        "WHERE id >= :first GROUP BY article_id) s WHERE a.id = s.article_id"
    ), {"first": first_id})
    session.execute(sa.text("SELECT setval(pg_get_serial_sequence('comments', 'id'), :last)"), {"last": next_id})
    session.commit()
    session.execute(sa.text("ANALYZE"))
    session.commit()
    return {"articles": session.scalar(sa.select(sa.func.count()).select_from(Article)),
            "comments": session.scalar(sa.select(sa.func.count()).select_from(Comment))}
