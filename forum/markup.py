"""Markdown in, clean HTML out: the only place where user text becomes markup.

Text is rendered once, when it is written (CommonMark via markdown-it-py), then cleaned
with a bleach allow-list. The source is stored beside the HTML with RENDERER_VERSION,
so that a change to the allow-lists below can re-render every stored row.
"""
import re
import unicodedata
from enum import Enum
from functools import partial

import bleach
from bleach import html5lib_shim
from bleach.css_sanitizer import CSSSanitizer
from bleach.html5lib_shim import Filter
from bleach.linkifier import TLDS, LinkifyFilter
from markdown_it import MarkdownIt

from forum.patterns import ascii_view, compile

# Bump whenever the output for the same source may change (parser options, allow-lists).
# 2: bare addresses are found by _UrlFinder (linear) rather than bleach's own pattern.
RENDERER_VERSION = 2

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

COMMENT_TAGS = frozenset({
    "p", "br", "em", "strong", "a", "blockquote", "ul", "ol", "li", "code", "pre",
})
ARTICLE_TAGS = COMMENT_TAGS | frozenset({
    "h2", "h3", "h4", "h5", "h6", "hr", "del", "sup", "sub",
    "table", "thead", "tbody", "tr", "th", "td", "img", "figure", "figcaption",
})
# h1 is the article's own title; a body heading of level 1 is shown as h2 (see _demote_h1).

COMMENT_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ARTICLE_ATTRIBUTES = {
    **COMMENT_ATTRIBUTES,
    "img": ["src", "alt", "title"],
    "th": ["style"],
    "td": ["style"],
}


class Profile(Enum):
    """What a piece of text may contain: a reader's comment or an admin's article."""

    COMMENT = "comment"
    ARTICLE = "article"


def _set_link_rel(attrs, new=False):
    """Every link in user content is marked as not endorsed, and may not reach back to us."""
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


def _markdown_for(profile: Profile) -> MarkdownIt:
    if profile is Profile.ARTICLE:
        # Admins may write raw HTML in articles; bleach still decides what survives.
        return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    # Readers' raw HTML is shown as text, and headings and images are not theirs to use.
    return MarkdownIt("commonmark", {"html": False}).disable(["heading", "lheading", "image"])


_MARKDOWN = {profile: _markdown_for(profile) for profile in Profile}

# Elements dropped together with their content: their text is code or chrome, never prose.
# They are let through the sanitizer only so that _DropElements can see where they end.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "textarea"})


class _DropElements(Filter):
    """Remove DROPPED_WITH_CONTENT elements and everything inside them."""

    def __iter__(self):
        depth = 0
        for token in super().__iter__():
            name = token.get("name")
            if token["type"] == "StartTag" and name in DROPPED_WITH_CONTENT:
                depth += 1
            elif token["type"] == "EndTag" and name in DROPPED_WITH_CONTENT and depth:
                depth -= 1
            elif not depth and not (token["type"] == "EmptyTag" and name in DROPPED_WITH_CONTENT):
                yield token


class _UrlFinder:
    r"""Bare web addresses in text ("see example.org/report"), found in time linear in the text.

    bleach's own pattern starts with ([\w-]+\.)+, which backtracks over every word character left in
    a run: 10,000 characters of "a-a-a-…" took 0.8 s, 20,000 took 3 s. This finds what that pattern
    finds, with RE2 on the text's ASCII view: its lookbehind (no address right after "@" or ".")
    becomes a character consumed before the address, and its lookahead (a host not followed by
    ".word") is checked here on each candidate; a candidate refused for it is not tried again from
    inside, where bleach's pattern would not have found an address either.
    It offers the one method LinkifyFilter calls, finditer(text), with match objects of its own.
    """

    def __init__(self):
        protocols = "|".join(sorted(ALLOWED_PROTOCOLS))
        tlds = "|".join(sorted(TLDS, key=len, reverse=True))  # the longest first: RE2 takes the first that fits
        self._pattern = compile(
            rf"(?i)(?:^|[^\w@.])(\(*(?:(?:{protocols}):/{{0,3}}(?:(?:\w+:)?\w+@)?)?\w[\w-]*\.(?:[\w-]+\.)*(?:{tlds})"
            rf"(?::[0-9]+)?\b)([/?][^\s{{}}|\\^`<>\"]*)?"
        )

    def finditer(self, text: str):
        view = ascii_view(text)
        position = 0
        while (match := self._pattern.search(view, position)) is not None:
            start, host_end = match.span(1)
            end = match.end(2) if match.start(2) >= 0 else host_end
            position = max(end, position + 1)
            if end == host_end and _is_word_after_dot(view, host_end):
                continue
            yield _Found(text, start, end)


def _is_word_after_dot(view: bytes, position: int) -> bool:
    follows = view[position:position + 2]
    return len(follows) == 2 and follows[0:1] == b"." and (follows[1:2].isalnum() or follows[1:2] == b"_")


class _Found:
    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        assert index == 0
        return self._text[self._start:self._end]


_EtreeWalker = html5lib_shim.getTreeWalker("etree")


class _LinearTreeWalker(_EtreeWalker):
    """html5lib's etree walker, without its quadratic step.

    Climbing back out of an element, the walker finds that element's place among its siblings with
    list(parent).count() and .index(): a paragraph of K emphasised links (`*[a](b)` repeated, or a loose
    list, or a run of quotes) cost K² steps, and 10,000 characters of `*[a](b)` a worker about a second
    (outside test, finding 4). Here each element's place is noted on the way down and read on the way up.
    """

    def __init__(self, tree):
        super().__init__(tree)
        self._places = {}  # id(element) -> its index among its parent's children, for elements walked into

    def _note_descent(self, node, child):
        if isinstance(node, tuple) and child is not None and child[3] is None and child[1] == 0:
            element, key, parents, _ = node
            if parents and parents[-1] is element:
                self._places[id(element)] = key
        return child

    def getFirstChild(self, node):
        return self._note_descent(node, super().getFirstChild(node))

    def getNextSibling(self, node):
        return self._note_descent(node, super().getNextSibling(node))

    def getParentNode(self, node):
        if isinstance(node, tuple) and node[3] != "text" and len(node[2]) > 1:
            parents = node[2]
            parent = parents.pop()
            return parent, self._places[id(parent)], parents, None
        return super().getParentNode(node)


def _cleaner(tags, attributes, css_sanitizer=None) -> bleach.Cleaner:
    cleaner = bleach.Cleaner(
        tags=tags | DROPPED_WITH_CONTENT,
        attributes=attributes,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        css_sanitizer=css_sanitizer,
        filters=[
            _DropElements,
            partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"}, url_re=_UrlFinder()),
        ],
    )
    cleaner.walker = _LinearTreeWalker
    return cleaner


_CLEANERS = {
    Profile.COMMENT: _cleaner(COMMENT_TAGS, COMMENT_ATTRIBUTES),
    # markdown-it writes table column alignment as style="text-align: …"; no other property passes.
    Profile.ARTICLE: _cleaner(
        ARTICLE_TAGS, ARTICLE_ATTRIBUTES, CSSSanitizer(allowed_css_properties=["text-align"])
    ),
}


def _demote_h1(html: str) -> str:
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


class TooMuchFormatting(ValueError):
    """A comment whose HTML would be many times its text: quotes, lists or emphasis on nearly every character."""


# What an escaped character adds to the HTML: `"` becomes `&quot;`. Plain punctuation is text, not formatting,
# so it widens the budget (outside test 5: a comment of straight quotes was refused where curly ones passed).
_ESCAPE_GROWTH = {'"': 5, "&": 4, "<": 3, ">": 3}


def _comment_html_budget(source: str) -> int:
    # Ordinary comments, links and all, come out below twice their length; 2,500 one-letter quotes come
    # out at nine times theirs, and the sanitizer's cost follows the HTML, not the text.
    escaped = sum(growth * source.count(char) for char, growth in _ESCAPE_GROWTH.items())
    return 3 * len(source) + escaped + 2_000


# Bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9) reorder the letters after them,
# so "txt.exe" can show as "exe.txt" and a link's text can spell another address than its target. The
# bidi algorithm orders right-to-left scripts without them; the marks U+200E/F, which cannot reorder, stay.
# They are left out of the HTML only: the stored source keeps what the author typed.
_BIDI_RANGES = "\u202a-\u202e\u2066-\u2069"
_BIDI_CONTROLS = re.compile(f"[{_BIDI_RANGES}]")


def render_comment(source: str) -> str:
    """A reader's comment as HTML, refused (TooMuchFormatting) when the markup would dwarf the text, before
    the sanitizer runs: it costs microseconds per character of HTML."""
    html = _MARKDOWN[Profile.COMMENT].render(_BIDI_CONTROLS.sub("", source))
    if len(html) > _comment_html_budget(source):
        raise TooMuchFormatting
    return _CLEANERS[Profile.COMMENT].clean(html)


def render(source: str, profile: Profile) -> str:
    """Render Markdown `source` to HTML that is safe to show as is."""
    html = _MARKDOWN[profile].render(_BIDI_CONTROLS.sub("", source))
    if profile is Profile.ARTICLE:
        html = _demote_h1(html)
    return _CLEANERS[profile].clean(html)


# Markup that already has paragraphs; text without any is plain text with line breaks (WordPress).
_BLOCK_TAG = re.compile(r"<\s*(p|div|blockquote|ul|ol|pre|table|h[1-6])\b", re.IGNORECASE)


def _paragraphs(text: str) -> str:
    """Blank lines part paragraphs and single newlines break lines, as WordPress shows such text."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    return "".join("<p>" + block.replace("\n", "<br>\n") + "</p>\n" for block in blocks)


def clean_html(source: str, profile: Profile) -> str:
    """Clean HTML written elsewhere (an imported comment or post) with the allow-list of `profile`.

    Disqus and WordPress store HTML, not Markdown: it goes through the same cleaner as render()'s output.
    """
    html = source if _BLOCK_TAG.search(source or "") else _paragraphs(source or "")
    if profile is Profile.ARTICLE:
        html = _demote_h1(html)
    return _CLEANERS[profile].clean(html)


def render_body(source: str, profile: Profile, body_format: str) -> str:
    """A stored body's HTML, whichever format its source is in (see the models' body_format)."""
    return clean_html(source, profile) if body_format == "html" else render(source, profile)


# Control characters (C0 but tab, newline and return; DEL; C1), halves of surrogate pairs and the two
# noncharacters U+FFFE/U+FFFF: never meant in a line of text, and mostly not allowed in XML, where one
# of them in a title made every feed that listed it fail (issue 11).
# Bidirectional overrides and isolates (U+202A–E, U+2066–9) too: in a title they reorder what follows
# them on every page and log line that shows it.
_CONTROLS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_RANGES}\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 allows (https://www.w3.org/TR/xml/#charsets); everything else is left out of a feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def one_line(text: str | None) -> str:
    """A title (or another one-line field) as stored: no control characters, whitespace runs made one space."""
    return " ".join(_CONTROLS.sub("", text or "").split())


def without_controls(text: str | None) -> str:
    """Text of several lines (a summary) as stored: control characters out, tabs and line breaks kept."""
    return _CONTROLS.sub("", text or "")


def xml_text(text: str | None) -> str:
    """`text` with the characters XML cannot hold left out: what a feed writes, whatever a row holds."""
    return _NOT_XML.sub("", text or "")


# Characters that show nothing on the page: spaces of every width, format characters (zero-width space and
# joiners, the byte-order mark, bidi marks, tag characters), controls, combining marks with nothing to sit on,
# unassigned code points; and letters and symbols drawn blank (the Hangul fillers, the blank Braille pattern).
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Mn", "Me"})
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def longest_mark_stack(text: str) -> int:
    """The most combining marks in a row in `text`: marks stacked on one letter ("Zalgo" text) draw over the
    lines above and below. Vietnamese stacks two, Indic scripts three or so."""
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        longest = max(longest, run)
    return longest


def shows_something(text: str) -> bool:
    """Whether any character of `text` is visible (it stops at the first: an ordinary comment's first letter)."""
    return any(char not in _BLANK_GLYPHS and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
               for char in text)
