"""Comments, their earlier versions, and readers' reactions to them."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.base import UTCDateTime, str_enum, utcnow


class CommentStatus(StrEnum):
    PENDING = "pending"  # held for a moderator
    PUBLISHED = "published"
    REJECTED = "rejected"  # by a moderator, with a reason the author sees
    SPAM = "spam"
    DELETED = "deleted"  # by its author; a tombstone while it has replies


class ReactionKind(StrEnum):
    UP = "up"
    DOWN = "down"


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        # Top-level comments of an article in each sort order (thread pages, by keyset). Status is not
        # in them: a page shows several statuses (tombstones too), and with status before the sort key
        # the database would have to sort every top-level comment of the thread for each page, which
        # grows with the thread. In this order it reads the page's rows and stops.
        sa.Index("ix_comments_thread_created", "article_id", "parent_id", "created_at", "id"),
        sa.Index("ix_comments_thread_score", "article_id", "parent_id", "score", "id"),
        sa.Index("ix_comments_thread_replies", "article_id", "parent_id", "reply_count", "id"),
        # Featured comments, pinned above page one: found without reading the whole thread.
        sa.Index("ix_comments_featured", "article_id", "featured_at"),
        # All replies under a page of top-level comments, in one query.
        sa.Index("ix_comments_root", "root_id", "created_at", "id"),
        # "3 new comments": published since a moment, per article.
        sa.Index("ix_comments_article_published", "article_id", "status", "published_at"),
        sa.Index("ix_comments_author", "author_id", "created_at", "id"),
        # Replies to a reader's comments, newest first, and how many came since they last looked
        # (forum/inbox.py): read in index order and stopped at a LIMIT, however much they wrote.
        sa.Index("ix_comments_parent_author", "parent_author_id", "status", "published_at", "id"),
        # A reader's own comments under one article (the overlay on a cached thread page), newest last: the
        # tally finds a reader's latest stance by walking it backwards (actions/tally.py).
        sa.Index("ix_comments_author_article", "author_id", "article_id", "created_at", "id"),
        # Moderation queues, oldest first, whole site or one article.
        sa.Index("ix_comments_status_created", "status", "created_at", "id"),
        sa.Index("ix_comments_article_status_created", "article_id", "status", "created_at", "id"),
        sa.Index("ix_comments_status_flagged", "status", "flagged_at", "id"),
        sa.Index("ix_comments_status_published", "status", "published_at", "id"),
        # The same text again within a day: found by hash, not by scanning.
        sa.Index("ix_comments_content_hash", "content_hash", "created_at"),
        sa.CheckConstraint("depth >= 0", name="depth_not_negative"),
        # An imported comment is found again by where it came from: imports are idempotent.
        sa.Index("uq_comments_import_external", "import_source", "external_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"))
    # The top-level ancestor (None for a top-level comment): a page loads all replies by root.
    root_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"))
    depth: Mapped[int] = mapped_column(default=0, server_default="0")
    # The parent's author, copied when the reply is written, so that a reader's replies are found by an
    # index rather than through all their comments. Not a foreign key: user rows are never deleted (a
    # deleted account is erased in place), and delete_account clears it with the parent's author_id.
    parent_author_id: Mapped[int | None] = mapped_column()
    stance_id: Mapped[int | None] = mapped_column(sa.ForeignKey("article_stances.id", ondelete="SET NULL"))

    body_source: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    # What body_source is written in: "markdown" (typed here) or "html" (imported from Disqus or
    # WordPress); forum/markup.py's render_body turns either into body_html.
    body_format: Mapped[str] = mapped_column(sa.String(8), default="markdown", server_default="markdown")
    renderer_version: Mapped[int] = mapped_column(default=0, server_default="0")
    status: Mapped[CommentStatus] = mapped_column(str_enum(CommentStatus), index=False)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When it became visible to everyone; "new comments" and the Recent queue read this.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Counters change in SQL (x = x + 1), never read-modify-write.
    # reply_count: published replies anywhere below a top-level comment (0 on replies).
    reply_count: Mapped[int] = mapped_column(default=0, server_default="0")
    up_count: Mapped[int] = mapped_column(default=0, server_default="0")
    down_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Wilson lower bound of up / (up + down), stored when reactions change (ranking.py).
    score: Mapped[float] = mapped_column(sa.Float, default=0.0, server_default="0")

    # Moderation: why the pipeline or the flags held it (shown to moderators and the author),
    # and the reason a moderator gave when rejecting it (shown to the author).
    reasons: Mapped[list] = mapped_column(sa.JSON, default=list, server_default=sa.text("'[]'"))
    rejection_reason: Mapped[str | None] = mapped_column(sa.String(500))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    featured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Open (unreviewed) flags: their summed weight, and when the first came in.
    flag_weight: Mapped[int] = mapped_column(default=0, server_default="0")
    flagged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # sha256 of the normalised text, to catch the same text posted again.
    content_hash: Mapped[str | None] = mapped_column(sa.String(64))
    # When the parent's author was e-mailed about this reply: set once, so a reply approved, undone
    # and approved again is still announced at most once.
    reply_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Imported comments (forum/interchange/): where they came from. Their body_source is the HTML
    # they were written in there, not Markdown (markup.clean_html, not render, makes body_html).
    import_source: Mapped[str | None] = mapped_column(sa.String(16))
    external_id: Mapped[str | None] = mapped_column(sa.String(255))

    author = relationship("User", lazy="raise")
    stance = relationship("ArticleStance", lazy="raise")
    article = relationship("Article", lazy="raise")

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    def __repr__(self) -> str:
        return f"<Comment {self.id} {self.status} depth={self.depth}>"


class CommentRevision(db.Model):
    """A comment as it was before an edit; moderators can read them all."""

    __tablename__ = "comment_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    body_source: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    stance_id: Mapped[int | None] = mapped_column(sa.ForeignKey("article_stances.id", ondelete="SET NULL"))
    # When this version was written (the comment's creation, or its previous edit).
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reaction(db.Model):
    """One reader's reaction to one comment: at most one each, by the primary key."""

    __tablename__ = "reactions"

    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[ReactionKind] = mapped_column(str_enum(ReactionKind, length=8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
