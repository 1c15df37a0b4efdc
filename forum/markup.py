"""Markdown in, clean HTML out: the only place where user text becomes markup.

Text is rendered once, when it is written (CommonMark via markdown-it-py), then cleaned
with a bleach allow-list. The source is stored beside the HTML with RENDERER_VERSION,
so that a change to the allow-lists below can re-render every stored row.
"""
import re
from enum import Enum
from functools import partial

import bleach
from bleach.css_sanitizer import CSSSanitizer
from bleach.html5lib_shim import Filter
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

# Bump whenever the output for the same source may change (parser options, allow-lists).
RENDERER_VERSION = 1

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


def _cleaner(tags, attributes, css_sanitizer=None) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=tags | DROPPED_WITH_CONTENT,
        attributes=attributes,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        css_sanitizer=css_sanitizer,
        filters=[
            _DropElements,
            partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"}),
        ],
    )


_CLEANERS = {
    Profile.COMMENT: _cleaner(COMMENT_TAGS, COMMENT_ATTRIBUTES),
    # markdown-it writes table column alignment as style="text-align: …"; no other property passes.
    Profile.ARTICLE: _cleaner(
        ARTICLE_TAGS, ARTICLE_ATTRIBUTES, CSSSanitizer(allowed_css_properties=["text-align"])
    ),
}


def _demote_h1(html: str) -> str:
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render(source: str, profile: Profile) -> str:
    """Render Markdown `source` to HTML that is safe to show as is."""
    html = _MARKDOWN[profile].render(source)
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
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
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
