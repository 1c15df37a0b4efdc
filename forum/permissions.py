"""Who may do what: the one place where roles and ownership are compared.

Views, actions and templates all ask can(user, action, target); none compares roles itself.
"""
from enum import StrEnum

from forum.models import Article, Role, User


class Action(StrEnum):
    ARTICLE_VIEW = "article:view"
    ARTICLE_WRITE = "article:write"  # create, edit, preview, publish, unpublish
    ADMIN_AREA = "admin:enter"
    MODERATION_AREA = "moderation:enter"
    USER_LIST = "user:list"
    USER_SET_ROLE = "user:set-role"


def _is_signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def can(user: User | None, action: Action, target=None) -> bool:
    """True when `user` (None or anonymous for a visitor) may do `action` to `target`."""
    role = user.role if _is_signed_in(user) else None

    if action is Action.ARTICLE_VIEW:
        assert isinstance(target, Article)
        return target.is_published or role is Role.ADMIN
    if action in (Action.ARTICLE_WRITE, Action.ADMIN_AREA, Action.USER_LIST):
        return role is Role.ADMIN
    if action is Action.MODERATION_AREA:
        return role in (Role.MODERATOR, Role.ADMIN)
    if action is Action.USER_SET_ROLE:
        # An admin may not demote themself: a site must never be left without its last admin by accident.
        return role is Role.ADMIN and isinstance(target, User) and target.id != user.id
    raise ValueError(f"no rule for {action!r}")
