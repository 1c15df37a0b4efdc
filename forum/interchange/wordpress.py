"""WordPress eXtended RSS (WXR) exports: <item> posts and pages, each with its <wp:comment> elements.

A comment's wp:comment_parent names another comment of the same post (0: none); wp:comment_approved
is 1, 0, spam or trash. Ids are per site, so the records' ids carry the site's address.
"""
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from forum.interchange import (
    Author, BadFile, Post, Stream, Thread, child_text, iter_elements, localname, parse_iso,
)

SOURCE = "wordpress"
SITE_KEY_CHARS = 180  # of the site's address, in external ids (the column holds 255)
IMPORTED_TYPES = {"post", "page"}
SKIPPED_POST_STATUSES = {"trash", "auto-draft", "inherit"}
SKIPPED_COMMENT_TYPES = {"pingback", "trackback"}
# wp:comment_approved → (our status, the reason moderators see)
STATUSES = {
    "1": ("published", ""),
    "0": ("pending", "Awaiting moderation in WordPress."),
    "spam": ("spam", "Marked as spam in WordPress."),
    "trash": ("rejected", "In the WordPress trash when exported."),
    "post-trashed": ("rejected", "In the WordPress trash when exported."),
}


def _date(gmt: str, local: str = "") -> datetime | None:
    """WordPress writes '2012-01-02 03:04:05' (GMT); drafts may have zeros there."""
    for text in (gmt, local):
        text = (text or "").strip()
        if text and not text.startswith("0000"):
            try:
                return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
            except ValueError:
                parsed = parse_iso(text)
                if parsed is not None:
                    return parsed
    return None


def _author(comment, site: str) -> Author | None:
    name = child_text(comment, "comment_author")
    email = child_text(comment, "comment_author_email").lower() or None
    user_id = child_text(comment, "comment_user_id")
    if user_id and user_id != "0":
        key = f"{site}/user/{user_id}"
    elif email:
        key = f"email:{email}"
    elif name:
        key = f"{site}/name/{name}"
    else:
        return None
    return Author(key=key[:255], name=name or "guest", email=email)


def _comments(item, thread: Thread, site: str, stream: Stream) -> Iterator[Post]:
    for element in item:
        if localname(element) != "comment":
            continue
        comment_id = child_text(element, "comment_id")
        if child_text(element, "comment_type") in SKIPPED_COMMENT_TYPES or not comment_id:
            stream.skipped += 1
            continue
        created_at = _date(child_text(element, "comment_date_gmt"), child_text(element, "comment_date"))
        if created_at is None:
            raise BadFile(f"WordPress comment {comment_id} has no valid date.")
        approved = child_text(element, "comment_approved") or "1"
        status, reason = STATUSES.get(approved, ("pending", f"Status {approved!r} in WordPress."))
        parent = child_text(element, "comment_parent")
        yield Post(
            external_id=f"{site}/comment/{comment_id}", thread_id=thread.external_id,
            parent_id=f"{site}/comment/{parent}" if parent and parent != "0" else None,
            author=_author(element, site), body=child_text(element, "comment_content", strip=False),
            created_at=created_at, status=status, reason=reason,
        )


def _thread(item, site: str) -> Thread | None:
    post_id = child_text(item, "post_id")
    status = child_text(item, "status")
    if child_text(item, "post_type") not in IMPORTED_TYPES or not post_id or status in SKIPPED_POST_STATUSES:
        return None
    return Thread(
        external_id=f"{site}/post/{post_id}",
        title=child_text(item, "title") or f"Untitled ({post_id})",
        link=child_text(item, "link") or None,
        created_at=_date(child_text(item, "post_date_gmt"), child_text(item, "post_date")),
        closed=child_text(item, "comment_status") == "closed",
        published=status == "publish",
        slug=child_text(item, "post_name"),
        body=child_text(item, "encoded", strip=False),
    )


def _records(stream: Stream, path: Path | str) -> Iterator[Thread | Post]:
    site = ""
    found = False
    for element in iter_elements(path, depth=2):
        kind = localname(element)
        if kind in ("base_site_url", "link") and not site:
            site = (element.text or "").strip().rstrip("/").lower()[:SITE_KEY_CHARS]
        elif kind == "item":
            found = True
            thread = _thread(element, site or "wordpress")
            if thread is None:
                stream.skipped += 1 + sum(1 for e in element if localname(e) == "comment")
                continue
            yield thread
            yield from _comments(element, thread, site or "wordpress", stream)
    if not found:
        raise BadFile("This is not a WordPress export (WXR): it has no <channel> with <item> elements.")


def read(path: Path | str) -> Stream:
    """A WXR file, read one item at a time as it is iterated; refuses files that are not one."""
    return Stream(SOURCE, lambda stream: _records(stream, path))
