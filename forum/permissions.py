"""Who may do what: the one place where roles, ownership and time windows are compared.

Views, actions and templates all ask can(user, action, target); none compares roles itself.
Who may *see* a comment or an article is forum/visibility.py's rule, which can() asks too.
Rules that depend on the site's policy (the edit window, closing threads by age) take it
as an argument, so this module stays free of the database and the request.
"""
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from forum import visibility
from forum.models import Article, Comment, Role, SitePolicy, User


class Action(StrEnum):
    ARTICLE_VIEW = "article:view"
    ARTICLE_WRITE = "article:write"  # create, edit, preview, publish, unpublish
    ARTICLE_CLOSE = "article:close"  # close or reopen its comments
    ADMIN_AREA = "admin:enter"
    MODERATION_AREA = "moderation:enter"
    USER_LIST = "user:list"
    USER_SET_ROLE = "user:set-role"
    POLICY_EDIT = "policy:edit"
    COMMENT_POST = "comment:post"  # target: the article
    COMMENT_VIEW = "comment:view"  # its permalink, as the thread would show it to this user
    COMMENT_REPLY = "comment:reply"  # target: the parent comment
    COMMENT_EDIT = "comment:edit"
    COMMENT_DELETE = "comment:delete"
    COMMENT_REACT = "comment:react"
    COMMENT_HISTORY = "comment:history"  # read earlier versions of an edited comment
    COMMENT_FLAG = "comment:flag"
    COMMENT_MODERATE = "comment:moderate"  # approve, reject, spam, feature, undo
    COMMENT_APPEAL = "comment:appeal"  # target: one's own rejected comment
    APPEAL_DECIDE = "appeal:decide"
    ARTICLE_SLOW_MODE = "article:slow-mode"
    USER_REVIEW = "user:review"  # a moderator's view of a user: history, flags, notes
    USER_EMAIL_VIEW = "user:email"  # a user's whole e-mail address (moderators see its domain only)
    USER_SANCTION = "user:sanction"  # warn, suspend, ban, unban
    ACCOUNT_DELETE = "account:delete"  # target: the account (one's own only)
    ACCOUNT_RENAME = "account:rename"  # choose a display name; target: the account (one's own only)


# The actions whose answer depends on the site policy (edit window, thread age).
NEEDS_POLICY = frozenset({
    Action.COMMENT_POST, Action.COMMENT_REPLY, Action.COMMENT_EDIT, Action.COMMENT_REACT, Action.COMMENT_FLAG,
})


def _is_signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def comments_closed(article: Article, policy: SitePolicy | None, now: datetime | None = None) -> bool:
    """Closed by a moderator, or older than the policy's auto-close age."""
    if article.comments_closed:
        return True
    if policy is None or not policy.auto_close_days or article.published_at is None:
        return False
    return (now or _now()) >= article.published_at + timedelta(days=policy.auto_close_days)


def edit_window_open(comment: Comment, policy: SitePolicy | None, now: datetime | None = None) -> bool:
    minutes = policy.edit_window_minutes if policy is not None else 15
    return (now or _now()) < comment.created_at + timedelta(minutes=minutes)


def why_owner_cannot_edit(user: User | None, comment: Comment, policy: SitePolicy | None,
                          now: datetime | None = None) -> str | None:
    """For the author of `comment` who may not edit it, why, in words; None for anyone else (a plain 403)
    or when they may. An edit sent just after the window closed must say so, with the text kept."""
    if not _is_signed_in(user) or comment.author_id != user.id or can(user, Action.COMMENT_EDIT, comment,
                                                                      policy=policy, now=now):
        return None
    if not in_good_standing(user, now):
        return "Your account may not edit comments at the moment."
    if not visibility.EDITABLE(comment):
        return "This comment can no longer be edited."
    if comments_closed(comment.article, policy, now):
        return "The discussion is closed: comments can no longer be edited."
    minutes = policy.edit_window_minutes if policy is not None else 0
    return f"The {minutes}-minute edit window has closed: this comment can no longer be edited."


def _can_post_on(article: Article, policy, now) -> bool:
    return visibility.article_is_public(article) and not comments_closed(article, policy, now)


def in_good_standing(user: User, now: datetime | None = None) -> bool:
    """Neither banned nor suspended."""
    return not user.is_banned and not user.is_suspended(now or _now())


def _outranks(actor: User, target: User) -> bool:
    """Moderators sanction readers; admins also sanction moderators; nobody sanctions an admin."""
    if target.id == actor.id or target.role is Role.ADMIN:
        return False
    return actor.role is Role.ADMIN or target.role is Role.READER


def can(user: User | None, action: Action, target=None, *, policy: SitePolicy | None = None,
        now: datetime | None = None) -> bool:
    """True when `user` (None or anonymous for a visitor) may do `action` to `target`."""
    signed_in = _is_signed_in(user)
    role = user.role if signed_in else None
    is_staff = role in (Role.MODERATOR, Role.ADMIN)

    if action is Action.ARTICLE_VIEW:
        return visibility.can_see_article(user, target)
    if action in (Action.ARTICLE_WRITE, Action.ADMIN_AREA, Action.USER_LIST, Action.POLICY_EDIT):
        return role is Role.ADMIN
    if action in (Action.ARTICLE_CLOSE, Action.ARTICLE_SLOW_MODE):
        # A draft has no discussion yet; acting on one would also put its title in the public log.
        return is_staff and visibility.article_is_public(target)
    if action is Action.COMMENT_MODERATE:
        return is_staff and visibility.can_see_article(user, target.article)
    if action in (Action.MODERATION_AREA, Action.COMMENT_HISTORY, Action.APPEAL_DECIDE, Action.USER_REVIEW):
        return is_staff
    if action is Action.USER_EMAIL_VIEW:
        # Moderating needs the domain (a run of sign-ups from one), never the address itself.
        return role is Role.ADMIN or (signed_in and isinstance(target, User) and target.id == user.id)
    if action is Action.USER_SANCTION:
        return is_staff and isinstance(target, User) and _outranks(user, target)
    if action is Action.USER_SET_ROLE:
        # An admin may not demote themself: a site must never be left without its last admin by accident.
        return role is Role.ADMIN and isinstance(target, User) and target.id != user.id

    if action is Action.COMMENT_VIEW:
        return visibility.shows_in_thread(user, target)

    if not signed_in:
        return False
    if action is Action.COMMENT_DELETE:
        return target.author_id == user.id and not visibility.WITHDRAWN(target)
    if action is Action.ACCOUNT_DELETE:
        # One's own account, whatever one's standing or role: leaving is never taken away.
        # (A site's last admin is kept by the action, which can count the admins.)
        return isinstance(target, User) and target.id == user.id and target.deleted_at is None
    if action is Action.COMMENT_APPEAL:
        return target.author_id == user.id and visibility.REJECTED_ONLY(target)
    if not in_good_standing(user, now):
        return False  # banned or suspended: read, delete one's own, appeal; nothing else
    if action is Action.ACCOUNT_RENAME:
        # Not while sanctioned: a new name is a way to speak, and a fresh start the sanction did not give.
        return isinstance(target, User) and target.id == user.id and target.deleted_at is None
    if action is Action.COMMENT_POST:
        return _can_post_on(target, policy, now)
    if action is Action.COMMENT_REPLY:
        return visibility.PUBLIC(target) and _can_post_on(target.article, policy, now)
    if action is Action.COMMENT_EDIT:
        # Held ones too, but within the same window: replies may stand under the text (issue 12), and an
        # edit never lets a comment out of a hold people put it in (visibility.status_after_edit).
        return (
            target.author_id == user.id
            and visibility.EDITABLE(target)
            and edit_window_open(target, policy, now)
            and not comments_closed(target.article, policy, now)
        )
    if action is Action.COMMENT_FLAG:
        return target.author_id != user.id and visibility.PUBLIC(target)
    if action is Action.COMMENT_REACT:
        return (
            target.author_id != user.id
            and visibility.PUBLIC(target)
            and not comments_closed(target.article, policy, now)
        )
    raise ValueError(f"no rule for {action!r}")
