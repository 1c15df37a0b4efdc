"""Every public XSS payload and naughty string, through both Markdown profiles, comes out harmless.

The output is parsed with html5lib (as a browser would parse it) and checked against the
allow-lists: no element or attribute outside them, no event handler, no URL whose scheme is
not http, https or mailto (after entity decoding and whitespace stripping).
"""
import re
from pathlib import Path

import html5lib
import pytest

from forum.markup import ALLOWED_PROTOCOLS, ARTICLE_ATTRIBUTES, ARTICLE_TAGS, COMMENT_ATTRIBUTES, COMMENT_TAGS, Profile, render
from tests.conftest import skip_or_fail

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FORBIDDEN = {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "form", "input",
             "textarea", "link", "meta", "base", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcset"}
ALLOWED = {
    Profile.COMMENT: (COMMENT_TAGS, COMMENT_ATTRIBUTES),
    Profile.ARTICLE: (ARTICLE_TAGS, ARTICLE_ATTRIBUTES),
}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]")


def corpus_lines() -> list[str]:
    if not CORPUS.is_dir():
        skip_or_fail(f"the shared test corpus is not at {CORPUS} (it sits beside the repository in CI)")
    lines = []
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        for line in text.splitlines():
            line = line.rstrip("\r")
            if line.strip() and not (path.name == "blns.txt" and line.startswith("#")):
                # Lone surrogates (invalid UTF-8 in the file) cannot reach the app through a form.
                lines.append(line.encode("utf-8", "replace").decode("utf-8"))
    return lines


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: the parser has decoded entities once, as a browser does;
    browsers also drop tabs, newlines and leading control characters before reading it."""
    cleaned = _INVISIBLE.sub("", url)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def problems(output: str, profile: Profile) -> list[str]:
    tags, attributes = ALLOWED[profile]
    found = []
    fragment = html5lib.parseFragment(output, treebuilder="etree", namespaceHTMLElements=False)
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element is fragment:
            continue  # the fragment's own root, comments and processing instructions are not elements
        tag = element.tag.split("}")[-1].lower()
        if tag in FORBIDDEN or tag not in tags:
            found.append(f"element <{tag}>")
        for name, value in element.attrib.items():
            name = name.split("}")[-1].lower()
            if name.startswith("on"):
                found.append(f"event handler {name} on <{tag}>")
            elif name not in attributes.get(tag, []):
                found.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES:
                scheme = scheme_of(value)
                if scheme is not None and scheme not in ALLOWED_PROTOCOLS:
                    found.append(f"{scheme}: URL in {name}")
    return found


@pytest.mark.parametrize("profile", [Profile.COMMENT, Profile.ARTICLE], ids=lambda p: p.value)
def test_every_payload_comes_out_harmless(profile):
    lines = corpus_lines()
    failures = {}
    for line in lines:
        found = problems(render(line, profile), profile)
        if found:
            failures[line] = found
    print(f"\n{profile.value}: {len(lines)} payloads rendered and parsed, {len(failures)} with a problem")
    assert not failures, list(failures.items())[:10]


def test_the_checker_itself_catches_what_it_should():
    """A checker that finds nothing proves nothing: feed it raw attacks, unsanitized."""
    assert problems('<img src=x onerror="alert(1)">', Profile.ARTICLE)
    assert problems('<a href="jav&#x09;ascript:alert(1)">x</a>', Profile.COMMENT)
    assert problems('<a href="javascript&colon;alert(1)">x</a>', Profile.COMMENT)
    assert problems("<svg><script>alert(1)</script></svg>", Profile.ARTICLE)
    assert problems('<a href="data:text/html,x">x</a>', Profile.COMMENT)
    assert not problems('<a href="https://example.org" rel="nofollow ugc noopener">x</a>', Profile.COMMENT)
