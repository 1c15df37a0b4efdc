"""Export formats, read and written as plain data: no request, no commit, no rules.

disqus.py and wordpress.py read comment exports as a stream of the records below (Thread, Post),
in file order; forum/actions/imports.py writes them in batches. parley_json.py writes Parley's
own complete export through the session it is given, and reads it back for forum/actions/restore.py.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator


from forum.models.base import parse_utc



class BadFile(ValueError):
    """The file cannot be imported; the message says why, in words for the person running the command."""


@dataclass(slots=True)
class Author:
    key: str  # unique within the source: the other system's user name, e-mail or display name
    name: str
    email: str | None = None


@dataclass(slots=True)
class Thread:
    external_id: str
    title: str
    link: str | None = None
    created_at: datetime | None = None
    closed: bool = False
    published: bool = True
    slug: str = ""
    body: str = ""  # HTML (WordPress posts); Disqus threads have none


@dataclass(slots=True)
class Post:
    external_id: str
    thread_id: str
    parent_id: str | None
    author: Author | None
    body: str  # HTML, as written there
    created_at: datetime
    status: str  # a CommentStatus value
    reason: str = ""  # why it is not published, for moderators


class Stream:
    """An export being read: iterating yields its Thread and Post records in file order, once.

    `skipped` counts, as the reading goes, the entries Parley leaves out (pingbacks, attachments…).
    """

    def __init__(self, source: str, records: Callable[["Stream"], Iterator[Thread | Post]]):
        self.source = source
        self.skipped = 0
        self._records = records

    def __iter__(self) -> Iterator[Thread | Post]:
        return self._records(self)


def localname(element) -> str:
    """An element's tag without its namespace ("{http://disqus.com}post" → "post")."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(element, name: str):
    """The first child called `name`, whatever its namespace, or None."""
    for candidate in element:
        if localname(candidate) == name:
            return candidate
    return None


def child_text(element, name: str, strip: bool = True) -> str:
    """The text of the first child called `name`, whatever its namespace ("" when there is none)."""
    found = child(element, name)
    text = found.text or "" if found is not None else ""
    return text.strip() if strip else text


def attribute(element, name: str) -> str | None:
    """An attribute by local name (Disqus writes dsq:id)."""
    if element is None:
        return None
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


# Disqus and WordPress exports nest five or six elements deep; libxml2 alone would allow 256.
MAX_XML_DEPTH = 32


def iter_elements(path: Path | str, depth: int) -> Iterator:
    """Yield each element `depth` levels below the root once it is complete, then free it.

    Entities are not expanded, nothing is fetched, and a file with a DTD is refused: Disqus and
    WordPress never write one, and a DTD is how an "XML bomb" or an external entity gets in.
    Elements nested past MAX_XML_DEPTH are refused as they open.
    """
    from lxml import etree  # here: only imports read XML, and lxml costs each web worker 4 MB (issue 15)

    parser = etree.iterparse(
        str(path), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )
    level = -1
    try:
        for event, element in parser:
            if event == "start":
                level += 1
                if level >= MAX_XML_DEPTH:
                    raise BadFile(f"The file nests elements deeper than {MAX_XML_DEPTH} levels; exports never do.")
                if level == 0:
                    info = element.getroottree().docinfo
                    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
                        raise BadFile(
                            "The file declares a DTD (<!DOCTYPE …>). Exports from Disqus and WordPress never do, "
                            "and a DTD can hide entity expansion (an \"XML bomb\") or external entities, so the "
                            "file is refused. Remove the DOCTYPE if you trust the file."
                        )
                continue
            if level == depth:
                yield element
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
            level -= 1
    except etree.XMLSyntaxError as exc:
        raise BadFile(f"The file is not well-formed XML: {exc.msg} (line {exc.lineno}).") from None
    except OSError as exc:
        raise BadFile(f"The file cannot be read: {exc}.") from None


def parse_iso(text: str) -> datetime | None:
    """2013-01-02T03:04:05Z (Disqus) as an aware UTC datetime; None when empty or unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return parse_utc(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def is_true(text: str) -> bool:
    """Disqus writes booleans as "true"/"false"."""
    return (text or "").strip().lower() in {"true", "1", "yes"}
