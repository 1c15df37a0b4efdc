"""The shapes the JSON API takes and returns (pydantic), and how rows become them.

The same models validate request bodies, build every response, and give the OpenAPI document
its schemas, so the document cannot describe fields the API does not send (Isso's ACCEPT/FIELDS,
grown into types). Only listed fields are accepted: anything else is a 422.
"""
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy.orm.attributes import set_committed_value

from forum import visibility
from forum.actions.comments import MAX_COMMENT_CHARS
from forum.actions.moderation import FLAG_NOTE_MAX_CHARS, REJECTION_REASON_MAX_CHARS
from forum.models import Article, Comment, FlagReason, ReactionKind
from forum.moderation import notices
from forum.moderation.queues import Queue, QueueItem
from forum.models.base import ID_RANGE
from forum.threads import Node

# Strict: an id is a JSON number; "9" or 9.0 is a client bug to report, not a guess to make.
DatabaseId = Annotated[int, Field(strict=True, ge=ID_RANGE.start, le=ID_RANGE.stop - 1)]


def _storable(text: str) -> str:
    """PostgreSQL stores no NUL character, and no encoding holds a lone surrogate: refuse both up front."""
    if "\x00" in text:
        raise ValueError("the text contains a NUL character (\\0), which cannot be stored")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise ValueError("the text contains an unpaired surrogate, which is not valid Unicode")
    return text


Text = Annotated[str, AfterValidator(_storable)]
# The length is checked on the string itself, so the error counts characters (outside test 8: "at most 40 items").
StanceKey = Annotated[str, Field(max_length=40), AfterValidator(_storable)]


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewComment(RequestBody):
    """A top-level comment, or a reply when parent_id is given."""

    body: Text = Field(description=f"Markdown subset; at most {MAX_COMMENT_CHARS:,} characters after trimming.")
    parent_id: DatabaseId | None = Field(None, description="The comment this one replies to.")
    stance: StanceKey | None = Field(
        None, description="Key of one of the article's stances (top-level comments only).")


class CommentEdit(RequestBody):
    body: Text
    stance: StanceKey | None = None


class ReactionRequest(RequestBody):
    kind: ReactionKind = Field(description="Sending the reaction one already holds takes it back.")


class FlagRequest(RequestBody):
    reason: FlagReason
    note: Annotated[Text, Field(max_length=FLAG_NOTE_MAX_CHARS)] = Field(
        "", description="Required when reason is 'other'.")


class SeenRequest(RequestBody):
    """What the moderator saw when deciding: a decision on a comment that has moved on since is a 409."""

    seen_status: Annotated[str, Field(max_length=20)] | None = Field(
        None, description="The comment's status as shown; refused if it is not that any more.")
    seen_body: Annotated[str, Field(max_length=200_000)] | None = Field(
        None, description="The comment's body (Markdown source) as shown; refused if its author edited it since.")


class RejectRequest(SeenRequest):
    reason: Annotated[Text, Field(min_length=1, max_length=REJECTION_REASON_MAX_CHARS)] = Field(
        description="Shown to the author.")


# --- Responses ---

class ShownStatus(StrEnum):
    """A comment's status as this viewer may know it; on a tombstone, a moderator's removal shows as 'removed'
    and a hold as 'pending' (visibility.tombstone_kind)."""

    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    SPAM = "spam"
    DELETED = "deleted"
    REMOVED = "removed"


class Author(BaseModel):
    username: str = Field(description="The unique handle.")
    display_name: str | None = Field(description="The name the person chose to be shown by (not unique); "
                                                 "null when they chose none.")


# The "not helpful" count is the comment's author's and the moderators' to read, as on the HTML page.
DOWN_COUNT = "Not-helpful reactions: for moderators and the comment's author, null for everyone else."


class CommentOut(BaseModel):
    id: int
    article: str = Field(description="The article's slug.")
    parent_id: int | None
    root_id: int | None
    depth: int
    status: ShownStatus
    tombstone: bool = Field(description="Withdrawn, kept only so that its replies keep their place: no text.")
    author: Author | None
    stance: str | None
    body: str | None = Field(description="The Markdown source; null on a tombstone.")
    body_html: str | None = Field(description="Sanitised HTML rendered from body; null on a tombstone.")
    created_at: datetime
    edited_at: datetime | None
    up: int
    down: int | None = Field(description=DOWN_COUNT)
    reply_count: int
    featured: bool
    replying_to: str | None = Field(None, description="On replies listed flat below the deepest level shown.")
    my_reaction: ReactionKind | None = None
    reasons: list[str] | None = Field(None, description="Why the rules held or hid it, with scores: for moderators.")
    notice: str | None = Field(None, description="Why it is held or rejected, in plain words: for its author.")
    rejection_reason: str | None = None
    replies: list["CommentOut"] = []
    more_replies: int = Field(0, description="Published replies under this top-level comment that a thread page "
                                             "leaves out; read them at replies_url.")
    replies_url: str | None = Field(None, description="Where the replies left out of a thread page start.")


class Stance(BaseModel):
    key: str
    label: str
    reader_count: int = Field(description="Readers whose latest published top-level comment with a stance takes "
                                          "this one: each reader counts once per article.")


class ArticleOut(BaseModel):
    slug: str
    title: str
    summary: str
    url: str
    published_at: datetime | None
    question: str | None
    stances: list[Stance]
    comment_count: int
    comments_closed: bool


class ArticlePage(BaseModel):
    articles: list[ArticleOut]
    next_cursor: str | None = Field(description="Pass as 'after' for the next page; null on the last.")


class ThreadPage(BaseModel):
    article: ArticleOut
    sort: str
    stance: str | None
    comments: list[CommentOut] = Field(description="Top-level comments (featured ones first on page one), with replies.")
    next_cursor: str | None


class ReplyPage(BaseModel):
    comment: CommentOut = Field(description="The top-level comment the replies are under, without them.")
    replies: list[CommentOut] = Field(description="Oldest first, listed flat; replying_to says whom each answers.")
    next_cursor: str | None


class ReactionOut(BaseModel):
    held: ReactionKind | None
    up: int
    down: int | None = Field(description=DOWN_COUNT)


class FlagOut(BaseModel):
    comment_id: int
    reason: FlagReason
    note: str


class FlagShown(BaseModel):
    reason: FlagReason
    note: str
    by: str | None
    created_at: datetime


class AppealOut(BaseModel):
    id: int
    body: str
    created_at: datetime


class QueueEntry(BaseModel):
    comment: CommentOut
    parent: CommentOut | None
    flags: list[FlagShown]
    author_flags_received: int
    appeal: AppealOut | None


class QueuePageOut(BaseModel):
    queue: Queue
    items: list[QueueEntry]
    next_cursor: str | None


class QueueCounts(BaseModel):
    counts: dict[Queue, int]
    cap: int = Field(description="Counts stop at this number plus one.")


class ModerationDone(BaseModel):
    message: str
    comment: CommentOut


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable, for programs: not_found, forbidden, invalid, rate_limited, …")
    message: str = Field(description="For people.")
    fields: dict[str, str] | None = Field(None, description="On 422: the message for each field at fault.")


class Error(BaseModel):
    error: ErrorDetail


# --- Rows to shapes ---

_TOMBSTONE_STATUS = {"deleted": ShownStatus.DELETED, "held": ShownStatus.PENDING, "removed": ShownStatus.REMOVED}


def _shown_status(comment: Comment, tombstone: bool) -> ShownStatus:
    if tombstone:
        return _TOMBSTONE_STATUS[visibility.tombstone_kind(comment)]
    return ShownStatus(comment.status.value)


def comment_out(comment: Comment, stance_keys: dict[int, str], *, tombstone: bool = False, private: bool = False,
                moderator: bool = False, my_reaction: ReactionKind | None = None, replying_to: str | None = None,
                replies: list[CommentOut] | None = None, sees_down: bool | None = None) -> CommentOut:
    """`private`: the viewer is its author or a moderator, and may read why it is held or rejected; only a
    `moderator` reads the rules' reasons and scores, which would teach an author how to get past them.
    `sees_down`: the viewer may read the not-helpful count (by default, when `private`)."""
    shown = private and not tombstone
    sees_down = private if sees_down is None else sees_down
    return CommentOut(
        id=comment.id, article=comment.article.slug, parent_id=comment.parent_id, root_id=comment.root_id,
        depth=comment.depth, status=_shown_status(comment, tombstone), tombstone=tombstone,
        author=None if tombstone or comment.author is None else Author(
            username=comment.author.username, display_name=comment.author.display_name),
        stance=stance_keys.get(comment.stance_id) if comment.stance_id else None,
        body=None if tombstone else comment.body_source, body_html=None if tombstone else comment.body_html,
        created_at=comment.created_at, edited_at=comment.edited_at, up=comment.up_count,
        down=comment.down_count if sees_down else None,
        reply_count=comment.reply_count, featured=comment.featured_at is not None, replying_to=replying_to,
        my_reaction=my_reaction,
        reasons=list(comment.reasons or []) if shown and moderator else None,
        notice=notices.message_to_author(comment.status, comment.reasons) if shown else None,
        rejection_reason=comment.rejection_reason if shown else None,
        replies=replies or [],
    )


def stance_keys_of(article: Article) -> dict[int, str]:
    return {stance.id: stance.key for stance in article.stances}


def node_out(node: Node, stance_keys: dict[int, str], reactions: dict[int, ReactionKind], viewer_id: int | None,
             replies_url: Callable[[Node], str], moderator: bool = False) -> CommentOut:
    """A thread node with its visible replies, as threads.load_thread_page assembled them;
    `replies_url` gives the address of a root's replies that the page left out; `moderator`: the viewer is one."""
    comment = node.comment
    own = viewer_id is not None and comment.author_id == viewer_id
    out = comment_out(
        comment, stance_keys, tombstone=node.tombstone, private=own, sees_down=own or moderator,
        my_reaction=reactions.get(comment.id), replying_to=node.replying_to,
        replies=[node_out(child, stance_keys, reactions, viewer_id, replies_url, moderator) for child in node.children],
    )
    if node.more_replies:
        out.more_replies, out.replies_url = node.more_replies, replies_url(node)
    return out


def article_out(article: Article, url: str, closed: bool) -> ArticleOut:
    return ArticleOut(
        slug=article.slug, title=article.title, summary=article.summary or "", url=url,
        published_at=article.published_at, question=article.question or None,
        stances=[Stance(key=s.key, label=s.label, reader_count=s.reader_count) for s in article.stances],
        comment_count=article.comment_count, comments_closed=closed,
    )


def queue_entry(item: QueueItem) -> QueueEntry:
    comment = item.comment
    keys = stance_keys_of(comment.article)
    parent = None
    if item.parent is not None:
        set_committed_value(item.parent, "article", comment.article)  # the same article: no query
        parent = comment_out(item.parent, keys, private=True, moderator=True)
    return QueueEntry(
        comment=comment_out(comment, keys, private=True, moderator=True), parent=parent,
        flags=[FlagShown(reason=f.reason, note=f.note or "", by=f.user.username if f.user else None,
                         created_at=f.created_at) for f in item.flags],
        author_flags_received=item.author_flags_received,
        appeal=AppealOut(id=item.appeal.id, body=item.appeal.body, created_at=item.appeal.created_at)
        if item.appeal else None,
    )
