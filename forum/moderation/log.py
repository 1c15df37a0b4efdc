"""The moderation log's only writer. Rows are appended, never changed or deleted."""
from forum.extensions import db
from forum.models import Article, Comment, ModerationAction, User, Verb


def record(actor: User | None, verb: Verb, *, comment: Comment | None = None, user: User | None = None,
           article: Article | None = None, reason: str = "", details: dict | None = None,
           reverts: ModerationAction | None = None) -> ModerationAction:
    """Append one act to the log. `actor` None is the system; at most one target."""
    if sum(target is not None for target in (comment, user, article)) > 1:
        raise ValueError("a log row names one target at most")
    row = ModerationAction(
        actor_id=actor.id if actor is not None else None,
        verb=verb,
        comment_id=comment.id if comment is not None else None,
        target_user_id=user.id if user is not None else None,
        article_id=article.id if article is not None else None,
        reason=reason or "",
        details=details or {},
        reverts_id=reverts.id if reverts is not None else None,
    )
    db.session.add(row)
    db.session.flush()
    return row
