"""Disqus XML exports: <thread> elements (link, title, createdAt) then <post> elements.

https://help.disqus.com/en/articles/1717164-comments-export describes the file. A post names its
thread and, for a reply, its parent post by dsq:id; its author by Disqus user name, or for a guest
by e-mail or name.
"""
from pathlib import Path

from collections.abc import Iterator

from forum.interchange import (
    Author, BadFile, Post, Stream, Thread, attribute, child, child_text, is_true, iter_elements, localname,
    parse_iso,
)

SOURCE = "disqus"


def _author(post) -> Author | None:
    element = child(post, "author")
    if element is None:
        return None
    name = child_text(element, "name")
    username = child_text(element, "username")
    email = child_text(element, "email").lower() or None
    if username and not is_true(child_text(element, "isAnonymous")):
        key = f"user:{username.lower()}"
    elif email:
        key = f"email:{email}"
    elif name:
        key = f"name:{name}"
    else:
        return None
    return Author(key=key, name=name or username or "guest", email=email)


def _status(post) -> tuple[str, str]:
    if is_true(child_text(post, "isSpam")):
        return "spam", "Marked as spam in Disqus."
    if is_true(child_text(post, "isDeleted")):
        return "deleted", ""
    if child_text(post, "isApproved") and not is_true(child_text(post, "isApproved")):
        return "pending", "Awaiting approval in Disqus."
    return "published", ""


def _thread(element, thread_id: str) -> Thread:
    link = child_text(element, "link") or None
    return Thread(
        external_id=thread_id,
        title=child_text(element, "title") or link or f"Disqus thread {thread_id}",
        link=link,
        created_at=parse_iso(child_text(element, "createdAt")),
        closed=is_true(child_text(element, "isClosed")),
    )


def _post(element, post_id: str) -> Post:
    thread_id = attribute(child(element, "thread"), "id")
    created_at = parse_iso(child_text(element, "createdAt"))
    if not thread_id or created_at is None:
        raise BadFile(f"Disqus post {post_id} has no thread or no valid createdAt.")
    status, reason = _status(element)
    return Post(
        external_id=post_id, thread_id=thread_id, parent_id=attribute(child(element, "parent"), "id"),
        author=_author(element), body=child_text(element, "message", strip=False),
        created_at=created_at, status=status, reason=reason,
    )


def _records(stream: Stream, path: Path | str) -> Iterator[Thread | Post]:
    deleted_threads: set[str] = set()
    found = False
    for element in iter_elements(path, depth=1):
        kind, dsq_id = localname(element), attribute(element, "id")
        if kind == "thread" and dsq_id:
            found = True
            if is_true(child_text(element, "isDeleted")):
                deleted_threads.add(dsq_id)
                stream.skipped += 1
            else:
                yield _thread(element, dsq_id)
        elif kind == "post" and dsq_id:
            found = True
            post = _post(element, dsq_id)
            if post.thread_id in deleted_threads:
                stream.skipped += 1
            else:
                yield post
    if not found:
        raise BadFile("This is not a Disqus export: it has no <thread> or <post> elements.")


def read(path: Path | str) -> Stream:
    """A Disqus export, read one element at a time as it is iterated; refuses files that are not one."""
    return Stream(SOURCE, lambda stream: _records(stream, path))
