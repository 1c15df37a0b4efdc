"""Rendered threads, shared by every reader who would see the same HTML.

A thread page is rendered once per (article, thread version, sort, stance filter, page, open or
closed) for two audiences: visitors, and signed-in readers in general. The thread's version is
bumped in the same transaction as any change to its comments (forum/actions/visibility.py), and
the article row is read before the comments are, so a request that rendered stale comments can
only ever have stored them under a version that is already old: a rejected or deleted comment is
never served from the cache once the change has committed.

A signed-in reader then gets that shared HTML with a small overlay of their own, applied here as
plain string edits on markers the templates leave: their CSRF token, which of their reactions are
pressed, and their own comments' footers (edit and delete instead of react and flag). Readers whose
view of the thread differs more than that (staff, sanctioned readers, authors of held comments)
are served an uncached render; they are few.

Nothing here touches the request: the view decides who is asking and does the rendering.
"""
import hashlib
from functools import lru_cache
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from markupsafe import Markup

# Stands in for the reader's CSRF token in the shared HTML. A NUL never reaches stored or rendered
# text (requests carrying one are refused, and the sanitizer replaces it), so no comment can forge it.
CSRF_PLACEHOLDER = "\x00csrf\x00"
# Stands in for a signed-in reader's own links in the header of a page every reader shares (the same reason).
ACCOUNT_NAV_PLACEHOLDER = "\x00account\x00"

# Where a session keeps the threads its transaction changed, until it commits (forum/fast_path.py
# then replaces their generation tokens, so visitors' cached pages of them go stale).
CHANGED_THREADS = "parley.changed_threads"

ANONYMOUS = "anonymous"
MEMBER = "member"


@dataclass
class RenderedPage:
    html: str
    comment_ids: list[int]  # every comment on the page, for the reader's reactions query
    empty: bool  # no comment to show at all (the page says so in words)
    state: str = ""  # what the thread was when it was rendered (see thread_state)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "RenderedPage":
        return cls(data["html"], list(data["comment_ids"]), bool(data["empty"]), data["state"])


# An entry lives in a slot named by what was asked for (which article, audience, sort, filter) and
# carries the state it was rendered in (the thread's version and what else it shows). A reader
# uses an entry only when its state is the thread's state now; a new rendering overwrites the
# slot, so a busy thread keeps one entry per slot instead of one per version. Only first pages are
# cached: they take nearly all the traffic, and a slot per cursor would let anyone fill the cache.

def note_thread_changed(session, article_ids) -> None:
    """Remember that this transaction changed these articles' threads (see CHANGED_THREADS)."""
    session.info.setdefault(CHANGED_THREADS, set()).update(article_ids)


def thread_slot(revision: str, article_id: int, audience: str, sort: str, stance_key: str | None) -> str:
    return ":".join(("thread", revision, str(article_id), audience, sort, stance_key or "-"))


def thread_state(article_created_at: datetime, version: int, closed: bool) -> str:
    # The creation time tells apart two articles that got the same id (a database rebuilt under a
    # warm Redis); the version tells apart two states of one thread.
    return f"{article_created_at.timestamp():.6f}:{version}:{'closed' if closed else 'open'}"


def page_slot(revision: str, article_id: int, sort: str | None, stance_key: str | None) -> str:
    return ":".join(("page", revision, str(article_id), sort or "-", stance_key or "-"))


def page_state(article_created_at: datetime, article_updated_at: datetime | None, version: int, closed: bool,
               policy_shown: tuple) -> str:
    """A visitor's whole page: the thread's state, plus the article and the policy fields it shows."""
    updated = f"{article_updated_at.timestamp():.6f}" if article_updated_at else "-"
    return f"{thread_state(article_created_at, version, closed)}:{updated}:{_digest(repr(policy_shown))}"


@lru_cache(maxsize=4)
def template_revision(folder: str) -> str:
    """A digest of every template: entries rendered by another release's templates are not reused
    (a rolling deploy shares one Redis), and the overlay's markers always match the HTML."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(Path(folder).rglob("*.html")):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def rendered(html: str) -> Markup:
    """HTML that a template produced (so autoescaped), back from the cache as a plain string.

    The one place besides forum/markup.py whose output a template may insert as is
    (tests/test_architecture.py holds every other module to that)."""
    return Markup(html)


def with_csrf_token(html: str, token: str) -> str:
    return html.replace(CSRF_PLACEHOLDER, token)


def lay_overlay(html, token: str, reactions: dict[int, str], flagged, own_footers: str | None = None):
    """A shared rendering (str, or UTF-8 bytes) with a reader's overlay laid on it: their CSRF token,
    their reactions pressed (comment id -> "up" or "down"), "Flagged" for the comments they flagged,
    and the footers of their own comments (a rendering of them) in place of everyone's."""
    markers = _markers_for(html)
    html = html.replace(markers.csrf, markers.text(token))
    html = press_reactions(html, reactions)
    html = mark_flagged(html, flagged)
    if own_footers:
        html = replace_footers(html, split_footers(markers.text(own_footers)))
    return html


# The marker starts with the button's own tag, which sanitized comment text cannot contain. Found with
# str.find on its literal start, then matched there: letting the regex engine scan the whole page for
# it cost a signed-in page about ten times as much (the same holds for the footers below).
_REACTION_BUTTON_START = '<button type="submit" name="kind" value="'
_REACTION_BUTTON = (
    r'(<button type="submit" name="kind" value="(?:up|down)" class="vote (?:up|down))'
    r'" aria-pressed="false" (data-vote="(\d+-(?:up|down))")'
)
_PRESSED = ' held" aria-pressed="true" '
# The Flag link of a comment; the reader's own marks can carry no class (forum/markup.py allows none).
_FLAG_LINK = r'<a class="flag-link" data-flag="(\d+)" href="[^"]*">Flag</a>'
FLAGGED_MARK = '<span class="flagged">Flagged</span>'
_FOOTER_START_TEXT = '<footer class="comment-actions" data-for="'
_FOOTER_START = r'<footer class="comment-actions" data-for="(\d+)">'
_FOOTER_END = "</footer>"


class _Markers:
    """The markers above as text, or as UTF-8 bytes: a page kept as bytes is sent without encoding it
    again, and searched and copied at one byte a character (forum/views/member_pages.py)."""

    def __init__(self, text):
        self.text = text
        self.csrf = text(CSRF_PLACEHOLDER)
        self.button_start, self.pressed = text(_REACTION_BUTTON_START), text(_PRESSED)
        self.button = re.compile(text(_REACTION_BUTTON))
        self.flag_link, self.flagged_mark = re.compile(text(_FLAG_LINK)), text(FLAGGED_MARK)
        self.footer_start_text, self.footer_end = text(_FOOTER_START_TEXT), text(_FOOTER_END)
        self.footer_start = re.compile(text(_FOOTER_START))
        self.nothing = text("")


_TEXT_MARKERS, _BYTES_MARKERS = _Markers(str), _Markers(str.encode)


def _markers_for(html) -> _Markers:
    return _BYTES_MARKERS if isinstance(html, bytes) else _TEXT_MARKERS


def press_reactions(html, reactions: dict[int, str]):
    """Show the reader's own reactions (comment id -> "up" or "down") as pressed buttons.

    One pass over the page's buttons, each looked up in a set: the cost grows with the page, not
    with the page times the reader's reactions."""
    if not reactions:
        return html
    markers = _markers_for(html)
    wanted = {markers.text(f"{comment_id}-{kind}") for comment_id, kind in reactions.items()}
    parts, copied, search = [], 0, 0
    while (found := html.find(markers.button_start, search)) != -1:
        match = markers.button.match(html, found)
        if match is None:
            search = found + 1
            continue
        search = match.end()
        if match.group(3) in wanted:
            parts += (html[copied:found], match.group(1) + markers.pressed + match.group(2))
            copied = search
    parts.append(html[copied:])
    return markers.nothing.join(parts)


def mark_flagged(html, flagged):
    """Put "Flagged" in place of the Flag link of each comment the reader has flagged (a set of ids)."""
    if not flagged:
        return html
    markers = _markers_for(html)
    return markers.flag_link.sub(
        lambda match: markers.flagged_mark if int(match.group(1)) in flagged else match.group(0), html)


def _footer_spans(html):
    """(comment id, start, end) of each footer in `html`, in order: one pass."""
    markers = _markers_for(html)
    search = 0
    while (found := html.find(markers.footer_start_text, search)) != -1:
        match = markers.footer_start.match(html, found)
        if match is None:
            search = found + 1
            continue
        end = html.find(markers.footer_end, match.end())
        if end == -1:
            return
        search = end + len(markers.footer_end)
        yield int(match.group(1)), found, search


def split_footers(html):
    """The footers in a rendering of several of them, by comment id."""
    return {comment_id: html[start:end] for comment_id, start, end in _footer_spans(html)}


def replace_footers(html, footers: dict):
    """Put each given footer in place of the one the shared HTML has for the same comment.

    One pass over the page's footers, each looked up in `footers`: splicing them in one at a time
    copied the whole page once per footer, which a reader with thousands of comments on a page
    turned into seconds (issue 11)."""
    if not footers:
        return html
    parts, copied = [], 0
    for comment_id, start, end in _footer_spans(html):
        if comment_id in footers:
            parts += (html[copied:start], footers[comment_id])
            copied = end
    parts.append(html[copied:])
    return _markers_for(html).nothing.join(parts)


@dataclass
class OverlaySpots:
    """Where the overlay goes in one kept page (UTF-8 bytes), found once when the page is kept, so that a
    request edits those spots only instead of searching the whole page for them (forum/views/member_pages.py)."""

    buttons: dict[bytes, tuple[int, int, bytes]]  # b"<id>-<kind>" -> (start, end, the button pressed)
    flag_links: dict[int, tuple[int, int]]  # comment id -> (start, end)
    footers: dict[int, tuple[int, int]]  # comment id -> (start, end)
    tokens: list[tuple[int, int]]  # the CSRF token's placeholders
    account_nav: list[tuple[int, int]]  # the header links' placeholder

    @classmethod
    def find(cls, html: bytes) -> "OverlaySpots":
        markers, buttons, search = _BYTES_MARKERS, {}, 0
        while (found := html.find(markers.button_start, search)) != -1:
            match = markers.button.match(html, found)
            search = found + 1 if match is None else match.end()
            if match is not None:
                buttons[match.group(3)] = (found, match.end(), match.group(1) + markers.pressed + match.group(2))
        flag_links = {int(match.group(1)): match.span() for match in markers.flag_link.finditer(html)}
        footers = {comment_id: (start, end) for comment_id, start, end in _footer_spans(html)}
        return cls(buttons, flag_links, footers, _spans(html, markers.csrf),
                   _spans(html, ACCOUNT_NAV_PLACEHOLDER.encode()))

    def lay(self, html: bytes, token: bytes, account_nav: bytes, reactions: dict[int, str], flagged,
            own_footers: bytes | None) -> bytes:
        """`html` (the page the spots were found in) with the overlay laid on those spots: the reader's token,
        header links, reactions and flags, and the footers of their own comments (a rendering of them)."""
        footers = split_footers(own_footers.replace(_BYTES_MARKERS.csrf, token)) if own_footers else {}
        edits = [(*self.footers[comment_id], footer) for comment_id, footer in footers.items()
                 if comment_id in self.footers]
        edits += [self.buttons[key] for key in (f"{comment_id}-{kind}".encode() for comment_id, kind in
                                                 reactions.items()) if key in self.buttons]
        edits += [(*self.flag_links[comment_id], _BYTES_MARKERS.flagged_mark) for comment_id in flagged
                  if comment_id in self.flag_links]
        edits += [(start, end, token) for start, end in self.tokens]
        account_nav = account_nav.replace(_BYTES_MARKERS.csrf, token)
        edits += [(start, end, account_nav) for start, end in self.account_nav]
        parts, copied = [], 0
        for start, end, replacement in sorted(edits):
            if start >= copied:  # (a spot inside a footer replaced already is gone with it)
                parts += (html[copied:start], replacement)
                copied = end
        parts.append(html[copied:])
        return b"".join(parts)


def _spans(html: bytes, placeholder: bytes) -> list[tuple[int, int]]:
    spans, search = [], 0
    while (found := html.find(placeholder, search)) != -1:
        search = found + len(placeholder)
        spans.append((found, search))
    return spans
