"""A reader's own data: everything Parley holds about them, as JSON, and the deletion of their account.

A deleted account keeps its row, emptied of personal data, so that the moderation log and the
reactions and flags it made stay whole; its comments are kept (shown as "[deleted account]") or
removed, as its owner chooses.
"""
from datetime import datetime, timezone
from enum import StrEnum

import sqlalchemy as sa

from forum import visibility
from forum.actions.accounts import refuse_last_admin
from forum.actions.errors import Forbidden, Refused
from forum.actions.import_accounts import UNUSABLE_PASSWORD
from forum.actions.sessions import end_all_sessions
from forum.actions.tokens import revoke_all_tokens
from forum.actions import tally
from forum.actions.visibility import bump_versions, recount
from forum.extensions import db
from forum.models import (
    Appeal, Article, ArticleStance, Comment, CommentRevision, CommentStatus, Flag, Reaction, Role, User,
    Verb, Warning,
)
from forum.moderation import log, notices
from forum.passwords import password_problems
from forum.permissions import Action, can

DATA_FORMAT, DATA_VERSION = "parley-personal-data", 1
DELETED_EMAIL_DOMAIN = "deleted.invalid"  # never delivers (RFC 2606)


class CommentChoice(StrEnum):
    KEEP = "keep"  # stay in their threads, by "[deleted account]"
    REMOVE = "remove"  # withdrawn as the author's delete does; a tombstone where they have replies


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _account(user: User) -> dict:
    return {
        "id": user.id, "username": user.username, "display_name": user.display_name, "email": user.email,
        "role": user.role.value,
        "created_at": _iso(user.created_at), "published_count": user.published_count,
        "rejected_count": user.rejected_count, "suspended_until": _iso(user.suspended_until),
        "banned_at": _iso(user.banned_at), "sanction_reason": user.sanction_reason,
        "email_replies": user.email_replies, "email_digest": user.email_digest,
    }


def _comments(user: User) -> list[dict]:
    revisions: dict[int, list[dict]] = {}
    for revision in db.session.scalars(
        sa.select(CommentRevision)
        .where(CommentRevision.comment_id.in_(sa.select(Comment.id).where(Comment.author_id == user.id)))
        .order_by(CommentRevision.comment_id, CommentRevision.id)
    ):
        revisions.setdefault(revision.comment_id, []).append({
            "body_source": revision.body_source, "written_at": _iso(revision.written_at),
            "replaced_at": _iso(revision.replaced_at),
        })
    rows = db.session.execute(
        sa.select(Comment, Article.slug, Article.title, visibility.articles_seen_by(user).label("seen"),
                  ArticleStance.label)
        .join(Article, Article.id == Comment.article_id)
        .outerjoin(ArticleStance, ArticleStance.id == Comment.stance_id)
        .where(Comment.author_id == user.id).order_by(Comment.created_at, Comment.id)
    )
    # The comments are theirs to take; a draft's title and address are not (issue 12: visibility.py).
    return [{
        "id": c.id, "article": {"id": c.article_id, "slug": slug if seen else None, "title": title if seen else None},
        "parent_id": c.parent_id,
        "status": c.status.value, "stance": stance, "body_source": c.body_source, "body_html": c.body_html,
        "created_at": _iso(c.created_at), "edited_at": _iso(c.edited_at), "published_at": _iso(c.published_at),
        # The author's notice, as their thread shows it: the rules' own reasons carry the matched words, scores
        # and thresholds, which would teach them how to get past the rules (moderation/notices.py).
        "notice": notices.message_to_author(c.status, c.reasons), "rejection_reason": c.rejection_reason, "revisions": revisions.get(c.id, []),
    } for c, slug, title, seen, stance in rows]


def personal_data(user: User, now: datetime | None = None) -> dict:
    """Everything Parley holds about `user` that is theirs to take: a few queries, whatever the count."""
    reactions = db.session.scalars(sa.select(Reaction).where(Reaction.user_id == user.id)
                                   .order_by(Reaction.created_at))
    flags = db.session.scalars(sa.select(Flag).where(Flag.user_id == user.id).order_by(Flag.created_at))
    appeals = db.session.scalars(sa.select(Appeal).where(Appeal.user_id == user.id).order_by(Appeal.created_at))
    warnings = db.session.scalars(sa.select(Warning).where(Warning.user_id == user.id).order_by(Warning.created_at))
    return {
        "format": DATA_FORMAT, "version": DATA_VERSION, "exported_at": _iso(now or datetime.now(timezone.utc)),
        "account": _account(user),
        "comments": _comments(user),
        "reactions": [{"comment_id": r.comment_id, "kind": r.kind.value, "created_at": _iso(r.created_at)}
                      for r in reactions],
        "flags": [{"comment_id": f.comment_id, "reason": f.reason.value, "note": f.note,
                   "created_at": _iso(f.created_at)} for f in flags],
        "appeals": [{"comment_id": a.comment_id, "body": a.body, "created_at": _iso(a.created_at),
                     "decided_at": _iso(a.decided_at), "outcome": a.outcome.value if a.outcome else None,
                     "decision_reason": a.decision_reason} for a in appeals],
        "warnings": [{"message": w.message, "created_at": _iso(w.created_at),
                      "acknowledged_at": _iso(w.acknowledged_at)} for w in warnings],
    }


def _withdraw_comments(user: User) -> int:
    """The author's delete (visibility.set_status), in bulk: every comment of theirs becomes "deleted", loses
    its text and its pin (the caller recounts the threads, which leaves tombstones where others replied)."""
    db.session.execute(sa.delete(CommentRevision).where(
        CommentRevision.comment_id.in_(sa.select(Comment.id).where(Comment.author_id == user.id))))
    db.session.execute(sa.delete(Appeal).where(Appeal.user_id == user.id))
    return db.session.execute(
        sa.update(Comment)
        .where(Comment.author_id == user.id, visibility.statuses_that_may_become(CommentStatus.DELETED).clause())
        .values(status=CommentStatus.DELETED, body_source="", body_html="", content_hash=None, featured_at=None)
    ).rowcount


def _erase(user: User, now: datetime) -> None:
    user.username = f"[deleted-{user.id}]"  # brackets: no sign-up or import can ever take this name
    user.display_name = None
    user.email = f"deleted-{user.id}@{DELETED_EMAIL_DOMAIN}"
    user.password_hash = UNUSABLE_PASSWORD
    user.role = Role.READER
    user.unclaimed = False
    user.email_replies = user.email_digest = False
    user.deleted_at = now
    end_all_sessions(user)  # every session and remember-me cookie ends


def delete_account(actor: User, user: User, password: str, comments: CommentChoice,
                   now: datetime | None = None) -> None:
    """Erase `user`'s personal data and end their sessions; their comments are kept or removed as chosen."""
    now = now or datetime.now(timezone.utc)
    if not can(actor, Action.ACCOUNT_DELETE, user):
        raise Forbidden("You may delete only your own account.")
    if not user.check_password(password or ""):
        raise Refused("That is not your password.", field="password")
    refuse_last_admin(user, "You are this site's only admin: make someone else an admin first, "
                            "or the site would be left with nobody to run it.")
    touched = set(db.session.scalars(sa.select(Comment.article_id).where(Comment.author_id == user.id).distinct()))
    # Every thread they wrote in shows them differently now: its counters, cached pages and ETags follow.
    if comments is CommentChoice.REMOVE:
        count = _withdraw_comments(user)
        recount(touched, set())
    else:
        count = db.session.scalar(sa.select(sa.func.count()).select_from(Comment).where(Comment.author_id == user.id))
        bump_versions(touched)
    db.session.execute(sa.update(Comment).where(Comment.author_id == user.id).values(author_id=None))
    # The replies to them keep a copy of that author (models/comment.py): it goes too.
    db.session.execute(sa.update(Comment).where(Comment.parent_author_id == user.id).values(parent_author_id=None))
    tally.forget_reader(user.id)  # kept comments without an author count for no one (actions/tally.py)
    # An admin's articles stay, under the site's name (what a byline shows when an article has no author).
    db.session.execute(sa.update(Article).where(Article.author_id == user.id).values(author_id=None))
    revoke_all_tokens(user, now)
    _erase(user, now)
    db.session.flush()
    db.session.refresh(user, ["session_version"])
    log.record(actor, Verb.ACCOUNT_DELETE, user=user,
               reason="Deleted by its owner; their comments were "
                      + ("kept, shown as [deleted account]." if comments is CommentChoice.KEEP else "removed."),
               details={"comments": comments.value, "count": count})


def reset_password(user: User, password: str) -> None:
    """Set a password from the command line (a restored or imported account has none); claims the account."""
    if user.deleted_at is not None:
        raise Refused("This account was deleted by its owner.")
    problems = password_problems(password, user.username, user.email)
    if problems:
        raise Refused(" ".join(problems))
    user.set_password(password)
    user.unclaimed = False
    end_all_sessions(user)
    db.session.flush()
    db.session.refresh(user, ["session_version"])
