"""A page of a thread in a fixed number of queries, assembled into a tree for display.

One query for a page of top-level comments (keyset, in the chosen order), one for the oldest
replies under each of them (by root, at most REPLIES_PER_ROOT each), one for the viewer's
reactions and flags: the cost of a page does not grow with the length of the thread. The rest of a root's
replies are read on their own pages (load_replies_page), linked from the thread. A thread page reads
its comments as plain rows (forum/thread_rows.py): it never changes them.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from forum import thread_rows, visibility
from forum.models import Article, ArticleStance, Comment, Flag, Reaction, ReactionKind, User
from forum.pagination import decode_cursor, encode_cursor, keyset_page, next_page
from forum.ranking import Sort
from forum.visibility import Viewer

TOP_LEVEL_PER_PAGE = 50
MAX_NESTED_DEPTH = 3  # deeper replies are listed flat under their depth-3 ancestor
# Replies shown under each top-level comment of a thread page; the others are a link away. Without a
# cap one busy root (thousands of replies) made its page cost seconds to load and render.
REPLIES_PER_ROOT = 30
REPLIES_PER_PAGE = 100  # on a root's own pages of replies

_ORDER = {
    Sort.BEST: (lambda: [Comment.score, Comment.id], True),
    Sort.NEWEST: (lambda: [Comment.created_at, Comment.id], True),
    Sort.OLDEST: (lambda: [Comment.created_at, Comment.id], False),
    Sort.REPLIES: (lambda: [Comment.reply_count, Comment.id], True),
}


@dataclass
class Node:
    """A comment as shown: its visible replies, and whether it only stands in for a removed one."""

    comment: Comment | thread_rows.CommentRow  # rows on thread pages, entities on a root's pages of replies
    children: list["Node"] = field(default_factory=list)
    tombstone: bool = False  # not shown to this viewer, but kept so the replies to it keep their place
    replying_to: str | None = None  # set on replies listed flat under their depth-3 ancestor
    # Whose comment it answers, when that one is shown (already loaded).
    replying_to_author: User | thread_rows.AuthorRow | None = None
    # On a top-level comment: published replies not loaded on this page, and where the next ones start.
    more_replies: int = 0
    more_cursor: str | None = None


@dataclass
class ThreadPage:
    roots: list[Node]
    next_cursor: str | None
    reactions: dict[int, ReactionKind]  # the viewer's own, by comment id
    flagged: frozenset[int] = frozenset()  # the comments the viewer has flagged


def _top_level_clauses(article: Article, viewer: Viewer) -> list:
    return thread_rows.top_level_clauses(article.id, viewer)


def _is_visible(comment: Comment, viewer: Viewer) -> bool:
    return visibility.can_see_comment(viewer, comment)


def _build(comment: Comment, children_of, viewer: Viewer, article) -> Node | None:
    """The node for `comment` with its visible subtree, or None when nothing in it is visible."""
    if comment.depth >= MAX_NESTED_DEPTH:
        children = _flatten(comment, children_of, viewer, article)
    else:
        children = [
            node for child in children_of.get(comment.id, ())
            if (node := _build(child, children_of, viewer, article)) is not None
        ]
    if _is_visible(comment, viewer):
        return Node(comment, children)
    if children:
        return Node(comment, children, tombstone=True)
    return None


def _reply_node(reply: Comment, parent: Comment | None, viewer: Viewer) -> Node:
    """A reply listed flat, saying whom it answers: the parent's author, loaded with the parent."""
    answering = parent.author if parent is not None and parent.author and _is_visible(parent, viewer) else None
    return Node(reply, replying_to=answering.username if answering else "a removed comment",
                replying_to_author=answering)


def _flatten(ancestor: Comment, children_of, viewer: Viewer, article) -> list[Node]:
    """Every visible descendant of `ancestor`, oldest first, each saying whom it answers."""
    found: list[Node] = []
    stack = [(child, ancestor) for child in reversed(children_of.get(ancestor.id, ()))]
    while stack:
        comment, parent = stack.pop()
        if _is_visible(comment, viewer):
            found.append(_reply_node(comment, parent, viewer))
        stack.extend((child, comment) for child in reversed(children_of.get(comment.id, ())))
    found.sort(key=lambda node: (node.comment.created_at, node.comment.id))
    return found


def load_thread_page(session, article: Article, viewer, sort: Sort, stance: ArticleStance | None = None,
                     cursor: str | None = None, per_page: int = TOP_LEVEL_PER_PAGE) -> ThreadPage:
    """One page of `article`'s thread as `viewer` may see it (forum/visibility.py): four queries at most.

    The comments are read-only rows (forum/thread_rows.py), not ORM entities."""
    viewer = visibility.viewer_of(viewer)
    columns, descending = _ORDER[sort]
    order = columns()
    keys = tuple(column.key for column in order)
    values = {"article_id": article.id, "viewer_id": viewer.id, "limit": per_page + 1,
              "stance_id": stance.id if stance is not None else None}
    if cursor:
        after = decode_cursor(cursor, *(column.type.python_type for column in order))
        values.update({f"after_{key}": value for key, value in zip(keys, after)})
    if session.autoflush:
        session.flush()  # as the ORM would before a query: Core statements do not flush
    statement = thread_rows.top_level_statement(keys, descending, thread_rows.viewer_kind(viewer), stance is not None,
                                                bool(cursor))
    page = next_page(thread_rows.comment_rows(session.execute(statement, values), article), per_page, keys)
    # Featured comments lead the first page, whatever the order chosen.
    featured = [] if cursor else thread_rows.comment_rows(
        session.execute(thread_rows.featured_statement(stance is not None), values), article)
    roots = featured + list(page.items)
    replies = _first_replies(session, [root.id for root in roots], article) if roots else []
    children_of = defaultdict(list)
    for reply in replies:
        children_of[reply.parent_id].append(reply)

    reactions, flagged = {}, frozenset()
    if viewer.id is not None and roots:
        reactions, flagged = load_viewer_marks(session, viewer.id, [c.id for c in roots] + [c.id for c in replies])

    nodes = [node for root in roots if (node := _build(root, children_of, viewer, article)) is not None]
    _mark_more_replies(nodes, replies)
    return ThreadPage(nodes, page.next_cursor, reactions, flagged)


def _first_replies(session, root_ids: list[int], article: Article) -> list[thread_rows.CommentRow]:
    """The oldest REPLIES_PER_ROOT replies under each root, oldest first, in one query.

    The oldest replies of a root hold the parents of one another: a parent is always older than its
    replies, so the tree built from them has no holes."""
    statement = thread_rows.first_replies_statement(REPLIES_PER_ROOT)
    return thread_rows.comment_rows(session.execute(statement, {"root_ids": root_ids}), article)


def _mark_more_replies(nodes: list[Node], replies: list[Comment]) -> None:
    """Tell each root how many of its published replies the page left out, and where they start.

    reply_count (published replies anywhere below the root) is public, so the count says nothing
    about held or removed replies."""
    loaded: dict[int, list[Comment]] = defaultdict(list)
    for reply in replies:
        loaded[reply.root_id].append(reply)
    for node in nodes:
        shown = loaded.get(node.comment.id, [])
        if len(shown) < REPLIES_PER_ROOT:
            continue  # every reply of this root is on the page
        node.more_replies = max(0, node.comment.reply_count - sum(1 for r in shown if visibility.PUBLIC(r)))
        if node.more_replies:
            last = shown[-1]
            node.more_cursor = encode_cursor(last.created_at, last.id)


def load_replies_page(session, root: Comment, viewer, cursor: str | None = None,
                      per_page: int = REPLIES_PER_PAGE) -> ThreadPage:
    """A page of the replies under `root` that `viewer` may see, oldest first and listed flat (each
    saying whom it answers): where a thread page's "more replies" link leads. Three queries."""
    viewer = visibility.viewer_of(viewer)
    shown = visibility.comments_seen_by(viewer, articles_known_visible=True)
    query = sa.select(Comment).options(joinedload(Comment.author)).where(Comment.root_id == root.id, shown)
    page = keyset_page(session, query, [Comment.created_at, Comment.id], cursor, per_page, descending=False)
    parent_ids = {reply.parent_id for reply in page.items} - {root.id}
    parents = {root.id: root}
    if parent_ids:
        parents.update({parent.id: parent for parent in session.scalars(
            sa.select(Comment).options(joinedload(Comment.author)).where(Comment.id.in_(parent_ids)))})
    children = []
    for reply in page.items:
        set_committed_value(reply, "article", root.article)
        parent = parents.get(reply.parent_id)
        if parent is not None:
            set_committed_value(parent, "article", root.article)
        children.append(_reply_node(reply, parent, viewer))
    reactions, flagged = {}, frozenset()
    if viewer.id is not None:
        reactions, flagged = load_viewer_marks(session, viewer.id, [root.id] + [reply.id for reply in page.items])
    return ThreadPage([Node(root, children, tombstone=not _is_visible(root, viewer))], page.next_cursor, reactions,
                      flagged)


def reply_rank(session, reply: Comment) -> int:
    """How many replies under the same root are older than `reply`: where it falls among them."""
    return _replies_before(session, reply.root_id, reply.created_at, reply.id)


def new_reply_rank(session, root_id: int, now: datetime) -> int:
    """reply_rank of a reply about to be posted under `root_id` at `now`."""
    return _replies_before(session, root_id, now, AFTER_EVERY_ID)


def _replies_before(session, root_id: int, created_at: datetime, comment_id: int) -> int:
    return session.scalar(
        sa.select(sa.func.count()).select_from(Comment)
        .where(Comment.root_id == root_id,
               sa.tuple_(Comment.created_at, Comment.id) < sa.tuple_(created_at, comment_id))
    )


def page_comment_ids(page: ThreadPage) -> list[int]:
    """Every comment shown on `page`, tombstones included."""
    ids = []
    stack = list(page.roots)
    while stack:
        node = stack.pop()
        ids.append(node.comment.id)
        stack.extend(node.children)
    return ids


FLAGGED = "flag"  # the mark of a flag among the viewer's marks, beside the reactions' kinds


def load_viewer_marks(session, viewer_id: int, comment_ids: list[int]) -> tuple[dict[int, ReactionKind], frozenset[int]]:
    """The viewer's own reactions among `comment_ids`, by comment id, and which of them they flagged:
    one query, so that the Flag link can say "Flagged" without a query per comment."""
    if not comment_ids:
        return {}, frozenset()
    marks = sa.union_all(
        sa.select(Reaction.comment_id, sa.cast(Reaction.kind, sa.String).label("mark"))
        .where(Reaction.user_id == viewer_id, Reaction.comment_id.in_(comment_ids)),
        sa.select(Flag.comment_id, sa.literal(FLAGGED, sa.String).label("mark"))
        .where(Flag.user_id == viewer_id, Flag.comment_id.in_(comment_ids)),
    )
    return _read_marks(session.execute(marks).all())


def _read_marks(pairs) -> tuple[dict[int, ReactionKind], frozenset[int]]:
    reactions, flagged = {}, set()
    for comment_id, mark in pairs:
        if mark == FLAGGED:
            flagged.add(int(comment_id))
        else:
            reactions[int(comment_id)] = ReactionKind(mark)
    return reactions, frozenset(flagged)


def load_overlay(session, article: Article, viewer, comment_ids: list[int]
                 ) -> tuple[list[Comment], dict[int, ReactionKind], frozenset[int]]:
    """What the thread cache lays over a shared rendering for a signed-in reader, in one query: their
    comments under `article` that they see (every status but deleted), their reactions among
    `comment_ids` (the page's comments), by comment id, and which of those they flagged.

    The reader's own row anchors the query, so that the marks come back when they wrote nothing
    here; the reactions and flags ride along, aggregated into one text column each, on every row."""
    seeing = visibility.viewer_of(viewer)
    statement = _overlay_statement(session.get_bind().dialect.name, seeing.staff, seeing.admin)
    rows = session.execute(statement, {"viewer_id": seeing.id, "article_id": article.id,
                                       "comment_ids": comment_ids or [0]}).all()
    own = [comment for _, comment, _, _ in rows if comment is not None]
    for comment in own:
        set_committed_value(comment, "article", article)
        set_committed_value(comment, "author", viewer)
    return own, *read_mark_columns(*(rows[0][2:4] if rows else (None, None)))


def read_mark_columns(reactions_text: str | None, flags_text: str | None
                      ) -> tuple[dict[int, ReactionKind], frozenset[int]]:
    """The viewer's reactions and flags from the two text columns of viewer_mark_columns."""
    marks = ",".join(text for text in (reactions_text, flags_text) if text)
    return _read_marks(pair.split(":") for pair in marks.split(",") if pair)


def viewer_mark_columns(dialect: str, viewer_id, comment_ids):
    """The viewer's reactions and flags among `comment_ids`, each aggregated into one text column (two scalar
    subqueries), so that they ride on a query of one row or of the viewer's own comments."""
    join = sa.func.string_agg if dialect == "postgresql" else sa.func.group_concat
    reactions_text = (
        sa.select(join(sa.cast(Reaction.comment_id, sa.String) + ":" + sa.cast(Reaction.kind, sa.String), ","))
        .where(Reaction.user_id == viewer_id, Reaction.comment_id.in_(comment_ids))
        .scalar_subquery()
    )
    flags_text = (
        sa.select(join(sa.cast(Flag.comment_id, sa.String) + ":" + FLAGGED, ","))
        .where(Flag.user_id == viewer_id, Flag.comment_id.in_(comment_ids))
        .scalar_subquery()
    )
    return reactions_text, flags_text


@lru_cache(maxsize=8)
def _overlay_statement(dialect: str, staff: bool, admin: bool):
    """load_overlay's query for one database and kind of viewer, with the viewer, the article and the page's
    comments as parameters: built once, since building it cost a signed-in page more than running it."""
    viewer_id = sa.bindparam("viewer_id", type_=sa.Integer)
    reactions_text, flags_text = viewer_mark_columns(dialect, viewer_id, sa.bindparam("comment_ids", expanding=True))
    viewer = visibility.Viewer(viewer_id, staff, admin)
    own_here = sa.and_(Comment.author_id == User.id, Comment.article_id == sa.bindparam("article_id", type_=sa.Integer),
                       visibility.comments_seen_by(viewer, articles_known_visible=True))
    return sa.select(User.id, Comment, reactions_text, flags_text).select_from(User).outerjoin(Comment, own_here) \
        .where(User.id == viewer_id)


def cursor_before(comment: Comment) -> str:
    """An `after` cursor, in oldest-first order, whose page starts with `comment` (a root's pages of replies)."""
    return encode_cursor(comment.created_at, comment.id - 1)


# A permalink past the first page opens a page that starts this many top-level comments before the
# one it names, so the reader lands in the conversation rather than at its edge.
PERMALINK_CONTEXT = 5


def cursor_of_page_holding(session, root: Comment, viewer, sort: Sort,
                           per_page: int = TOP_LEVEL_PER_PAGE) -> str | None:
    """The `after` cursor of a thread page, in `sort`, that shows the top-level comment `root` with the
    comments around it; None when the first page holds it (as it does in most threads, and always
    for featured ones).

    One query reads at most `per_page` keys of the comments before `root` in that order: enough to
    know whether `root` is on the first page, and where a page a few comments before it starts."""
    if root.featured_at is not None and visibility.PUBLIC(root):
        return None
    columns, _descending = _ORDER[sort]
    return _cursor_of_page_with_key(session, root.article, viewer, sort,
                                    [getattr(root, column.key) for column in columns()], per_page)


# The id a comment not yet stored is compared with: larger than every stored one (the largest INTEGER).
AFTER_EVERY_ID = 2**31 - 1


def cursor_of_page_for_new_root(session, article: Article, viewer, sort: Sort, now: datetime,
                                per_page: int = TOP_LEVEL_PER_PAGE) -> str | None:
    """cursor_of_page_holding for a top-level comment about to be posted at `now`: no reactions (the
    score's column default), no replies, and an id after every stored one."""
    own = {"score": 0.0, "created_at": now, "reply_count": 0, "id": AFTER_EVERY_ID}
    columns, _descending = _ORDER[sort]
    return _cursor_of_page_with_key(session, article, viewer, sort, [own[column.key] for column in columns()],
                                    per_page)


def _cursor_of_page_with_key(session, article: Article, viewer, sort: Sort, own: list,
                             per_page: int) -> str | None:
    viewer = visibility.viewer_of(viewer)
    columns, descending = _ORDER[sort]
    order = columns()
    key = sa.tuple_(*order)
    own_key = sa.tuple_(*own)
    before = key > own_key if descending else key < own_key
    nearest_first = [column.asc() if descending else column.desc() for column in order]
    keys = session.execute(
        sa.select(*order).where(*_top_level_clauses(article, viewer), before)
        .order_by(*nearest_first).limit(per_page)
    ).all()
    if len(keys) < per_page:
        return None
    return encode_cursor(*keys[PERMALINK_CONTEXT])


def count_published_since(session, article: Article, since: datetime) -> int:
    """How many comments became visible on `article` after `since` (the "new comments" notice)."""
    return session.scalar(
        sa.select(sa.func.count())
        .select_from(Comment)
        .where(Comment.article_id == article.id, visibility.PUBLIC.clause(), Comment.published_at > since)
    )


def load_user_comments(session, user: User, viewer, cursor: str | None, per_page: int = 30):
    """A keyset page of `user`'s comments that `viewer` sees (forum/visibility.py), newest first: everyone
    sees the published ones on published articles, the user (and moderators) also the held, rejected
    and removed ones, with their status."""
    query = (
        sa.select(Comment)
        .options(joinedload(Comment.article))
        .where(Comment.author_id == user.id, visibility.comments_seen_by(viewer))
    )
    return keyset_page(session, query, [Comment.created_at, Comment.id], cursor, per_page)


def has_replies(session, comment: Comment) -> bool:
    """Whether anything answers `comment` (so that, deleted, it stays in the thread as a tombstone)."""
    return session.scalar(sa.select(sa.exists().where(Comment.parent_id == comment.id)))
