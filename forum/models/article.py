"""Articles, the question each may put to readers, and that question's stances."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.base import UTCDateTime, str_enum, utcnow


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Article(db.Model):
    __tablename__ = "articles"
    __table_args__ = (
        # The front page walks published articles newest first, by keyset.
        sa.Index("ix_articles_status_published", "status", "published_at", "id"),
        # A thread brought in by an import is found again by where it came from: imports are idempotent.
        sa.Index("uq_articles_import_external", "import_source", "external_id", unique=True),
        # One thread per external story: equivalent links are normalised to one URL before they get here.
        sa.Index("uq_articles_external_url", "external_url", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    body_source: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # What body_source is written in: "markdown" (typed here) or "html" (imported from Disqus or
    # WordPress); forum/markup.py's render_body turns either into body_html.
    body_format: Mapped[str] = mapped_column(sa.String(8), default="markdown", server_default="markdown")
    # Which version of markup.py made body_html; older rows are re-rendered by a CLI command.
    renderer_version: Mapped[int] = mapped_column(default=0, server_default="0")
    question: Mapped[str | None] = mapped_column(sa.String(300))
    status: Mapped[ArticleStatus] = mapped_column(
        str_enum(ArticleStatus), default=ArticleStatus.DRAFT, server_default=ArticleStatus.DRAFT.value
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Set at first publication and kept through unpublish/republish, so links and feeds stay stable.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Comments: closed by a moderator (auto-closing by age is a policy, see threads.is_closed).
    comments_closed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Published comments, kept in SQL as statuses change: the page never counts the thread.
    comment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Bumped by every change to the article's comments: the cache key and the "new comments" ETag.
    comments_version: Mapped[int] = mapped_column(default=0, server_default="0")

    # Moderation: the article's own mode (None follows the site policy), and slow mode.
    moderation_mode: Mapped[str | None] = mapped_column(sa.String(16))
    slow_mode_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    slow_mode_reason: Mapped[str | None] = mapped_column(sa.String(300))
    # When an automatic slow mode ends unless the burst goes on (forum/actions/slow_mode.py); None for a
    # moderator's slow mode, which lasts until a moderator lifts it.
    slow_mode_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # An "external story": the thread of a page on another site that embeds it (forum/embedding.py
    # normalises the address, so equivalent links find the same thread). None for Parley's own articles.
    external_url: Mapped[str | None] = mapped_column(sa.String(1000))

    # Imported threads (forum/interchange/): "disqus" or "wordpress", and the id it had there.
    import_source: Mapped[str | None] = mapped_column(sa.String(16))
    external_id: Mapped[str | None] = mapped_column(sa.String(255))

    author = relationship("User", lazy="joined")
    stances: Mapped[list["ArticleStance"]] = relationship(
        back_populates="article",
        order_by="ArticleStance.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def is_external(self) -> bool:
        return self.external_url is not None

    def __repr__(self) -> str:
        return f"<Article {self.slug} {self.status}>"


class ArticleStance(db.Model):
    """One answer a reader may take to the article's question ("Yes", "No", "It depends")."""

    __tablename__ = "article_stances"
    __table_args__ = (
        sa.UniqueConstraint("article_id", "key", name="uq_article_stances_article_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    # The stance as it appears in URLs (?stance=it-depends).
    key: Mapped[str] = mapped_column(sa.String(40))
    label: Mapped[str] = mapped_column(sa.String(60))
    position: Mapped[int] = mapped_column(default=0)
    # Readers whose counted stance (StanceReader) is this one: the tally, kept in SQL.
    reader_count: Mapped[int] = mapped_column(default=0, server_default="0")

    article: Mapped[Article] = relationship(back_populates="stances")


class StanceReader(db.Model):
    """The stance one reader counts for in one article's tally: that of their most recent published top-level
    comment taking a stance there (forum/actions/tally.py keeps it). A reader counts once however often they
    write; comments without an author (anonymous imports, deleted accounts) count for no one."""

    __tablename__ = "stance_readers"
    __table_args__ = (
        sa.UniqueConstraint("article_id", "user_id", name="uq_stance_readers_article_user"),
        # A deleted account's rows, found without reading every article's.
        sa.Index("ix_stance_readers_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    stance_id: Mapped[int] = mapped_column(sa.ForeignKey("article_stances.id", ondelete="CASCADE"), index=True)
    # The comment that sets it, so that the trend can place the reader on the day they took it.
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True)
