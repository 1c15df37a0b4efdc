"""Readers' comments: post, reply, edit, delete, react; moderators close and reopen threads."""
import sqlalchemy as sa

from forum.actions.errors import Forbidden, Refused
from forum.extensions import db
from forum.markup import RENDERER_VERSION, Profile, render
from forum.models import (
    Article, ArticleStance, Comment, CommentRevision, CommentStatus, Reaction, ReactionKind, SitePolicy, User,
)
from forum.models.base import utcnow
from forum.permissions import Action, can, comments_closed
from forum.ranking import wilson_lower_bound

MAX_COMMENT_CHARS = 10_000  # after trimming; a long essay fits, a pasted book does not


def _clean_body(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise Refused("Write something first: the comment is empty.", field="body")
    if len(text) > MAX_COMMENT_CHARS:
        raise Refused(
            f"A comment may be at most {MAX_COMMENT_CHARS:,} characters; this one has {len(text):,}.",
            field="body",
        )
    return text


def _stance_for(article: Article, stance_key: str | None, is_reply: bool) -> ArticleStance | None:
    if not stance_key:
        return None
    if is_reply:
        raise Refused("A stance goes with a top-level comment, not a reply.", field="stance")
    for stance in article.stances:
        if stance.key == stance_key:
            return stance
    raise Refused("Choose one of the article's stances, or none.", field="stance")


def _refuse_closed(article: Article, policy: SitePolicy) -> None:
    if comments_closed(article, policy):
        raise Forbidden("Comments on this article are closed.")


# Counters. Every change of what readers can see goes through here, in SQL.

def _bump_version(article_id: int) -> None:
    db.session.execute(
        sa.update(Article).where(Article.id == article_id)
        .values(comments_version=Article.comments_version + 1)
    )


def count_visibility(comment: Comment, delta: int) -> None:
    """Add `delta` (+1 or -1) to the counters that count `comment` while it is published."""
    db.session.execute(
        sa.update(Article).where(Article.id == comment.article_id)
        .values(comment_count=Article.comment_count + delta)
    )
    if comment.root_id is not None:
        db.session.execute(
            sa.update(Comment).where(Comment.id == comment.root_id)
            .values(reply_count=Comment.reply_count + delta)
        )
    else:
        _add_to_tally(comment.stance_id, delta)


def _add_to_tally(stance_id: int | None, delta: int) -> None:
    if stance_id is not None:
        db.session.execute(
            sa.update(ArticleStance).where(ArticleStance.id == stance_id)
            .values(comment_count=ArticleStance.comment_count + delta)
        )


def set_status(comment: Comment, status: CommentStatus) -> None:
    """Move a comment to `status`, keeping every counter and the thread's version right."""
    was_published = comment.status == CommentStatus.PUBLISHED
    comment.status = status
    if status == CommentStatus.PUBLISHED and comment.published_at is None:
        comment.published_at = utcnow()
    db.session.flush()
    if was_published != comment.is_published:
        count_visibility(comment, +1 if comment.is_published else -1)
    _bump_version(comment.article_id)


def post_comment(author: User, article: Article, body: str, policy: SitePolicy,
                 parent: Comment | None = None, stance_key: str | None = None) -> Comment:
    """A new top-level comment (parent None) or reply; published unless a rule holds it."""
    if parent is None and not can(author, Action.COMMENT_POST, article, policy=policy):
        _refuse_closed(article, policy)
        raise Forbidden("You may not comment on this article.")
    if parent is not None:
        if parent.article_id != article.id:
            raise Refused("That reply belongs to another article.")
        if not can(author, Action.COMMENT_REPLY, parent, policy=policy):
            _refuse_closed(article, policy)
            raise Forbidden("Only published comments take replies.")
    text = _clean_body(body)
    stance = _stance_for(article, stance_key, is_reply=parent is not None)

    comment = Comment(
        article=article,
        author=author,
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        stance_id=stance.id if stance else None,
        body_source=text,
        body_html=render(text, Profile.COMMENT),
        renderer_version=RENDERER_VERSION,
        status=CommentStatus.PENDING,
    )
    db.session.add(comment)
    db.session.flush()
    set_status(comment, CommentStatus.PUBLISHED)
    return comment


def edit_comment(author: User, comment: Comment, body: str, policy: SitePolicy,
                 stance_key: str | None = None) -> Comment:
    """Replace the text (and the stance) of one's own comment within the edit window."""
    if not can(author, Action.COMMENT_EDIT, comment, policy=policy):
        raise Forbidden("This comment can no longer be edited.")
    text = _clean_body(body)
    stance = _stance_for(comment.article, stance_key, is_reply=comment.is_reply)
    db.session.add(CommentRevision(
        comment_id=comment.id, body_source=comment.body_source, body_html=comment.body_html,
        stance_id=comment.stance_id, written_at=comment.edited_at or comment.created_at,
    ))
    new_stance_id = stance.id if stance else None
    if comment.is_published and new_stance_id != comment.stance_id:
        _add_to_tally(comment.stance_id, -1)
        _add_to_tally(new_stance_id, +1)
    comment.stance_id = new_stance_id
    comment.body_source = text
    comment.body_html = render(text, Profile.COMMENT)
    comment.renderer_version = RENDERER_VERSION
    comment.edited_at = utcnow()
    db.session.flush()
    _bump_version(comment.article_id)
    return comment


def delete_comment(author: User, comment: Comment) -> None:
    """The author withdraws a comment: a tombstone while it has replies, gone when it has none."""
    if not can(author, Action.COMMENT_DELETE, comment):
        raise Forbidden("You may delete only your own comments.")
    set_status(comment, CommentStatus.DELETED)


def toggle_reaction(user: User, comment: Comment, kind: ReactionKind, policy: SitePolicy) -> ReactionKind | None:
    """Give, take back or switch one's reaction; returns the reaction now held (None: none)."""
    if not can(user, Action.COMMENT_REACT, comment, policy=policy):
        raise Forbidden("You cannot react to this comment.")
    # Delete first and learn what was there, so two quick clicks can never count twice.
    removed = db.session.execute(
        sa.delete(Reaction)
        .where(Reaction.comment_id == comment.id, Reaction.user_id == user.id)
        .returning(Reaction.kind)
    ).scalar_one_or_none()
    held = None if removed == kind else kind
    if held is not None:
        db.session.add(Reaction(comment_id=comment.id, user_id=user.id, kind=held))
        db.session.flush()
    up = (held == ReactionKind.UP) - (removed == ReactionKind.UP)
    down = (held == ReactionKind.DOWN) - (removed == ReactionKind.DOWN)
    counts = db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id)
        .values(up_count=Comment.up_count + up, down_count=Comment.down_count + down)
        .returning(Comment.up_count, Comment.down_count)
    ).one()
    db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id)
        .values(score=wilson_lower_bound(counts.up_count, counts.down_count))
    )
    _bump_version(comment.article_id)
    db.session.expire(comment, ["up_count", "down_count", "score"])
    return held


def set_comments_closed(actor: User, article: Article, closed: bool) -> None:
    """Close (or reopen) an article's thread: still readable, no new comments, edits or reactions."""
    if not can(actor, Action.ARTICLE_CLOSE, article):
        raise Forbidden("Only moderators close threads.")
    article.comments_closed = closed
    db.session.flush()
    _bump_version(article.id)
