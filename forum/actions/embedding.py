"""External stories: the thread of a page on another site, made the first time the page embeds it."""
import hashlib
from urllib.parse import unquote_plus, urlsplit

import sqlalchemy as sa

from forum.actions.articles import TITLE_MAX_LENGTH, derive_slug
from forum.actions.errors import Forbidden, Refused
from forum.embedding import BadURL, allowed_origins, normalise_url, origin_of, title_from_url
from forum.extensions import db
from forum.markup import one_line
from forum.models import Article, ArticleStatus, SitePolicy
from forum.models.base import utcnow
from forum.moderation.words import find_listed_words, parse_word_list

SLUG_WORDS_MAX_LENGTH = 80  # characters of the title kept in the slug; a hash follows


def story_slug(title: str, key: str, fallback: str = "story") -> str:
    """A slug from a title's words and a hash of `key` (a URL, an export's id): two stories may share a
    title ("Letters", "Comments"); the hash keeps their slugs apart and stable."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    words = derive_slug(title)[:SLUG_WORDS_MAX_LENGTH].strip("-") or fallback
    return f"{words}-{digest}"


def story_url(raw_url: str, policy: SitePolicy) -> str:
    """The canonical address of the story at `raw_url`; Refused when it is not a web address,
    Forbidden when its origin is not one the admins allowed (also for a story that exists:
    removing an origin stops its embeds at once)."""
    try:
        url = normalise_url(raw_url)
    except BadURL as exc:
        raise Refused(str(exc), field="url") from exc
    if origin_of(url) not in allowed_origins(policy.embed_origins):
        raise Forbidden(f"{origin_of(url)} is not one of the sites allowed to embed threads from this site.")
    return url


def find_external_story(url: str) -> Article | None:
    """The story for a canonical address (see story_url), if its thread exists."""
    return db.session.scalar(sa.select(Article).where(Article.external_url == url))


def story_title(url: str, title: str, policy: SitePolicy) -> str:
    """The title a new story gets. It comes from whoever first opened the page, not from its publisher,
    so it passes the site's word lists like a comment would (outsider review: "kill yourself admin"
    went straight to the public log); when it does not, the page's address stands in for it. The
    address is made up by the same visitor (any path on an allowed site opens a thread), so it passes
    the same lists, read as words (percent-escapes decoded); when it does not either, only the host
    names the story (attack report finding 9)."""
    listed = tuple(parse_word_list(policy.banned_words)) + tuple(parse_word_list(policy.suspect_words))
    title = one_line(title)[:TITLE_MAX_LENGTH]
    if title and not find_listed_words(title, listed):
        return title
    from_address = title_from_url(url, TITLE_MAX_LENGTH)
    if not find_listed_words(unquote_plus(from_address), listed):
        return from_address
    return urlsplit(url).netloc


def create_external_story(url: str, title: str, policy: SitePolicy) -> Article:
    """The thread of an allowed page seen for the first time: published, with no author and no body."""
    title = story_title(url, title, policy)
    story = Article(title=title, slug=story_slug(title, url), external_url=url, status=ArticleStatus.PUBLISHED,
                    published_at=utcnow(), author=None)
    try:
        # Two first readers of a page may arrive together: the unique URL lets one insert win,
        # and the other reads the winner's row instead of failing.
        with db.session.begin_nested():
            db.session.add(story)
            db.session.flush()
    except sa.exc.IntegrityError:
        story = find_external_story(url)
        if story is None:
            raise
        return story
    # Not in the public log: opening a thread is no one's act, any visitor can cause it for any made-up
    # address on an allowed site, and the log would carry their text. Its comments' acts name it later.
    return story
