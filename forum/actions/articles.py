"""Publishing: write, edit, publish, unpublish and import articles."""
from dataclasses import dataclass, field

import sqlalchemy as sa
from slugify import slugify

from forum import visibility
from forum.actions import tally
from forum.actions.errors import Forbidden, Refused
from forum.actions.visibility import bump_version
from forum.extensions import db
from forum.markup import RENDERER_VERSION, Profile, one_line, render, without_controls
from forum.models import Article, ArticleStance, ArticleStatus, ModerationMode, User, Verb
from forum.moderation import log
from forum.models.base import utcnow
from forum.permissions import Action, can

SLUG_MAX_LENGTH = 120  # characters, the column's width
TITLE_MAX_LENGTH, QUESTION_MAX_LENGTH = 200, 300  # characters, the columns' widths (imports skip the form)
BODY_MAX_CHARS = 200_000  # ten times the longest article we have seen; checked before rendering
# Rendering cost grows with formatting, not with prose: a body of emphasis markers renders at about 70 µs a
# character and a table's rows cost the HTML cleaner time in proportion to their square (outsider review: 40 KB of
# table took 11 s). These caps keep the worst article well under a second; a real article uses a few hundred
# markup characters and tables of tens of rows.
MARKUP_MAX_CHARS = 10_000
MARKUP_CHARACTERS = "*_`[]|<>~"
TABLE_MAX_ROWS = 1_000
SUMMARY_MAX_CHARS = 600  # a paragraph: the front page and the feed show it whole
STANCES_MAX_CHARS = 600  # the stances as typed, one per line
MIN_STANCES, MAX_STANCES = 2, 6  # a debate needs two sides; more than six is a survey


@dataclass
class ArticleDraft:
    """What an admin typed: the fields of an article before the rules have looked at them."""

    title: str
    body: str
    slug: str = ""
    summary: str = ""
    question: str = ""
    stances: list[str] = field(default_factory=list)
    moderation_mode: str = ""  # empty: the site policy's mode


def derive_slug(title: str) -> str:
    """A URL-safe slug from a title: 'Can Rivals Cooperate?' -> 'can-rivals-cooperate'."""
    return slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True)


def _require_writer(actor: User | None) -> None:
    if actor is not None and not can(actor, Action.ARTICLE_WRITE):
        raise Forbidden("Only admins write articles.")


def _clean_stances(draft: ArticleDraft) -> list[tuple[str, str]]:
    """(key, label) pairs from the typed stance labels, refusing ones that would clash."""
    labels = [one_line(label) for label in draft.stances if one_line(label)]
    if not labels:
        return []
    if not one_line(draft.question):
        raise Refused("Stances answer the question: write the question first.", field="question")
    if not MIN_STANCES <= len(labels) <= MAX_STANCES:
        raise Refused(f"Give between {MIN_STANCES} and {MAX_STANCES} stances, one per line.", field="stances")
    pairs = [(slugify(label, max_length=40), label[:60]) for label in labels]
    keys = [key for key, _ in pairs]
    if "" in keys:
        raise Refused("Each stance needs at least one letter or digit.", field="stances")
    if len(set(keys)) != len(keys):
        raise Refused("Two stances are the same; make each one different.", field="stances")
    return pairs


def _apply_stances(article: Article, pairs: list[tuple[str, str]]) -> bool:
    """Whether a stance was dropped."""
    # Stances are kept by key, so a relabelled "Yes" stays the row that comments point to.
    existing = {stance.key: stance for stance in article.stances}
    article.stances = []
    for position, (key, label) in enumerate(pairs):
        stance = existing.get(key) or ArticleStance(key=key)
        stance.label, stance.position = label, position
        article.stances.append(stance)
    return bool(existing.keys() - {key for key, _ in pairs})


def _check_slug_free(slug: str, article: Article | None) -> None:
    holder = db.session.scalar(sa.select(Article).where(Article.slug == slug))
    if holder is not None and holder is not article:
        raise Refused(f"The slug '{slug}' is used by “{holder.title}”; choose another.", field="slug")


def _check_body(body: str) -> str:
    """The limits that keep rendering cheap, checked in time linear in the body before it is rendered."""
    if len(body) > BODY_MAX_CHARS:
        raise Refused(f"The body is {len(body):,} characters long; an article may have {BODY_MAX_CHARS:,} at most.",
                      field="body")
    if _longest_table(body) > TABLE_MAX_ROWS:
        raise Refused(f"A table in the body has more than {TABLE_MAX_ROWS:,} rows; split it into smaller tables.",
                      field="body")
    markup = sum(body.count(char) for char in MARKUP_CHARACTERS)
    if markup > MARKUP_MAX_CHARS:
        raise Refused(f"The body has {markup:,} formatting characters ({' '.join(MARKUP_CHARACTERS)}); an article may "
                      f"have {MARKUP_MAX_CHARS:,} at most.", field="body")
    return body


def _longest_table(body: str) -> int:
    """The longest run of consecutive lines that start with '|', the rows of a Markdown table."""
    longest = run = 0
    for line in body.splitlines():
        run = run + 1 if line.lstrip().startswith("|") else 0
        longest = max(longest, run)
    return longest


def preview_article(body: str) -> str:
    """The HTML an article body would be shown as; the length rule is checked before any rendering."""
    return render(_check_body(body), Profile.ARTICLE)


_MODE_IN_LOG = {None: "as the site policy says", ModerationMode.POST.value: "comments appear at once",
                ModerationMode.PRE.value: "every comment waits for a moderator",
                ModerationMode.PRE_NEW_USERS.value: "new readers' comments wait for a moderator"}


def save_article(actor: User | None, article: Article | None, draft: ArticleDraft) -> Article:
    """Create (article None) or update an article from `draft`; it stays in its current state."""
    _require_writer(actor)
    title, question = one_line(draft.title), one_line(draft.question)
    if not title:
        raise Refused("An article needs a title.", field="title")
    if len(title) > TITLE_MAX_LENGTH:
        raise Refused(f"The title is longer than {TITLE_MAX_LENGTH} characters.", field="title")
    if len(question) > QUESTION_MAX_LENGTH:
        raise Refused(f"The question is longer than {QUESTION_MAX_LENGTH} characters.", field="question")
    slug = slugify(draft.slug, max_length=SLUG_MAX_LENGTH) if draft.slug.strip() else derive_slug(title)
    if not slug:
        raise Refused("The slug needs at least one letter or digit.", field="slug")
    _check_body(draft.body)
    pairs = _clean_stances(draft)
    _check_slug_free(slug, article)
    if article is None:
        article = Article(author=actor, status=ArticleStatus.DRAFT)
        db.session.add(article)

    article.title = title
    article.slug = slug
    article.summary = without_controls(draft.summary).strip()
    article.body_source = draft.body
    article.body_html = render(draft.body, Profile.ARTICLE)
    article.body_format = "markdown"  # the editor writes Markdown, also over an imported post's HTML
    article.renderer_version = RENDERER_VERSION
    article.question = question or None
    if draft.moderation_mode and draft.moderation_mode not in {mode.value for mode in ModerationMode}:
        raise Refused("Unknown moderation mode.", field="moderation_mode")
    mode_before = article.moderation_mode
    article.moderation_mode = draft.moderation_mode or None
    dropped_a_stance = _apply_stances(article, pairs)
    article.updated_at = utcnow()
    db.session.flush()
    if visibility.article_is_public(article) and (mode_before or None) != article.moderation_mode:
        # Pre-moderating a public thread holds every comment on it: its readers see why in the public log
        # (outside test 7). A draft's mode is logged with it when it is published.
        log.record(actor, Verb.POLICY_CHANGE, article=article, details={"moderation_mode": article.moderation_mode},
                   reason="moderation of this thread: " + _MODE_IN_LOG[article.moderation_mode])
    if dropped_a_stance:
        # Its comments took no stance from then on; their readers fall back to an earlier one, or to none.
        tally.rebuild([article.id])
    # The thread shows the stances' labels and links by the slug: cached renderings must go.
    bump_version(article.id)
    return article


def publish_article(actor: User | None, article: Article) -> None:
    """Make the article public; its first publication time is kept for good."""
    _require_writer(actor)
    article.status = ArticleStatus.PUBLISHED
    if article.published_at is None:
        article.published_at = utcnow()
    db.session.flush()
    log.record(actor, Verb.PUBLISH, article=article,
               reason="" if article.moderation_mode is None else "moderation: " + _MODE_IN_LOG[article.moderation_mode])


def unpublish_article(actor: User | None, article: Article) -> None:
    """Take the article back to draft: only admins see it until it is published again."""
    _require_writer(actor)
    article.status = ArticleStatus.DRAFT
    db.session.flush()
    log.record(actor, Verb.UNPUBLISH, article=article)


def draft_from_markdown_file(text: str) -> ArticleDraft:
    """Read front matter (title, slug, summary, question, stances) and a Markdown body."""
    import frontmatter  # here: with PyYAML it costs each web worker 1 MB, for a file an admin imports (issue 15)

    try:
        post = frontmatter.loads(text)
    except Exception as exc:  # the YAML parser raises many kinds; all mean "bad front matter"
        raise Refused(f"The front matter is not valid YAML: {exc}") from exc
    meta = post.metadata
    stances = meta.get("stances") or []
    if isinstance(stances, str):
        stances = [part for part in stances.split(",")]
    if not isinstance(stances, list):
        raise Refused("'stances' must be a list of labels.")
    return ArticleDraft(
        title=str(meta.get("title") or ""),
        slug=str(meta.get("slug") or ""),
        summary=str(meta.get("summary") or ""),
        question=str(meta.get("question") or ""),
        stances=[str(label) for label in stances],
        body=post.content,
    )


def import_article(actor: User | None, text: str, publish: bool = False) -> tuple[Article, bool]:
    """Create or update (by slug) an article from a Markdown file; returns (article, created)."""
    draft = draft_from_markdown_file(text)
    slug = slugify(draft.slug, max_length=SLUG_MAX_LENGTH) if draft.slug else derive_slug(draft.title)
    existing = db.session.scalar(sa.select(Article).where(Article.slug == slug)) if slug else None
    article = save_article(actor, existing, draft)
    if publish:
        publish_article(actor, article)
    return article, existing is None
