"""Rendered comments kept in each worker, so that a thread page is a join of fragments.

A thread page renders each top-level comment with its replies through the comment_node macro
(templates/comments/_comment.html). When a page is rendered for everyone alike (visitors, or the
readers' shared rendering: forum/views/thread_pages.py), each of those subtrees is kept here under
a key made of everything its HTML is made from:

- the scope: the templates' digest (worked out from their sources, so that any template change,
  whoever makes it, retires every fragment), who the rendering is for, the article's slug and
  stances, whether the thread is closed, and for readers the policy the footers ask;
- every comment of the subtree: its row as the page read it (forum/thread_rows.py CommentRow.key:
  each column the templates may read, so the comment's version is the row itself, never a number
  someone must remember to bump), its author's and the replied-to author's names and role, and
  where the tree placed it (tombstone, "replying to", the count of further replies).

A new comment or a changed one retires only the subtree it is in; the rest of the page is joined
from what was rendered before. A page rendered for one particular reader (a moderator, an author
with a held comment) is rendered in full: its fragments would be theirs alone.

Nothing here touches the request: forum/templating.py hands the template the lookup.
"""
from collections import OrderedDict


def subtree_key(node) -> tuple:
    """Everything the HTML of `node` and its replies is made from (forum/threads.py Node): each comment's
    key (forum/thread_rows.py CommentRow: every column but the Markdown source, and its author)."""
    return (
        node.comment.key, node.replying_to_author, node.tombstone, node.replying_to, node.more_replies,
        node.more_cursor, tuple(subtree_key(child) for child in node.children),
    )


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value  # a list column, as a hashable key part


def policy_key(policy) -> tuple:
    """The policy's values, for renderings whose footers ask the policy (readers' permissions)."""
    return tuple(_frozen(getattr(policy, column.key)) for column in policy.__table__.columns)


class FragmentCache:
    """Rendered subtrees by key, the most recently used first out last, up to `max_chars` of HTML."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.chars = 0
        self.entries: OrderedDict[tuple, str] = OrderedDict()
        self.hits = self.misses = 0

    def render(self, scope: tuple, node, render) -> str:
        """The HTML of `node`'s subtree in `scope`: kept, or made by render() and kept."""
        key = (scope, subtree_key(node))
        html = self.entries.get(key)
        if html is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            return html
        self.misses += 1
        html = render()
        if len(html) <= self.max_chars // 10:  # one huge subtree must not push out everything else
            self.entries[key] = html
            self.chars += len(html)
            while self.chars > self.max_chars:
                _, dropped = self.entries.popitem(last=False)
                self.chars -= len(dropped)
        return html

    def clear(self) -> None:
        self.entries.clear()
        self.chars = 0
