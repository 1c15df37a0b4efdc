"""permissions.can for accounts and articles: every role, and a visitor, against every action of the foundation."""
import pytest
from flask_login import AnonymousUserMixin

from forum.models import Article, ArticleStatus, Comment, CommentStatus, Role, User
from forum.permissions import Action, can

SUBJECTS = ("None", "anonymous", "reader", "moderator", "admin")
ROLES = {"reader": Role.READER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}

# What each subject may do, in the order of SUBJECTS.
#                              None   anon   reader moder. admin
EXPECTED = {
    "view a published article": (True, True, True, True, True),
    "view a draft": (False, False, False, False, True),
    "write articles": (False, False, False, False, True),
    "enter the admin area": (False, False, False, False, True),
    "enter the moderation area": (False, False, False, True, True),
    "list users": (False, False, False, False, True),
    "set a reader's role": (False, False, False, False, True),
    "set another admin's role": (False, False, False, False, True),
    "set one's own role": (False, False, False, False, False),
    "edit the site policy": (False, False, False, False, True),
    "open a published comment's permalink": (True, True, True, True, True),
    "open someone else's held comment": (False, False, False, True, True),
    "open one's own held comment": (False, False, True, True, True),
    "open a removed comment that has replies": (True, True, True, True, True),
    "open a removed comment with no replies": (False, False, False, True, True),
    "open a comment under a draft": (False, False, False, False, True),
}


def subject(name: str):
    """The one asking: None, a visitor as Flask-Login sees one, or a user with a role."""
    if name == "None":
        return None
    if name == "anonymous":
        return AnonymousUserMixin()
    return User(id=100, username=name, email=f"{name}@example.org", role=ROLES[name])


def comment(article, status: str, author=None, replies: int = 0) -> Comment:
    author_id = author.id if isinstance(author, User) else 200
    return Comment(id=1, article=article, author_id=author_id, status=CommentStatus(status), reply_count=replies)


def ask(case: str, who) -> bool:
    reader = User(id=200, username="someone", email="someone@example.org", role=Role.READER)
    other_admin = User(id=300, username="other_admin", email="other@example.org", role=Role.ADMIN)
    published = Article(slug="published", title="Published", status=ArticleStatus.PUBLISHED)
    draft = Article(slug="draft", title="Draft", status=ArticleStatus.DRAFT)
    questions = {
        "view a published article": (Action.ARTICLE_VIEW, published),
        "view a draft": (Action.ARTICLE_VIEW, draft),
        "write articles": (Action.ARTICLE_WRITE, None),
        "enter the admin area": (Action.ADMIN_AREA, None),
        "enter the moderation area": (Action.MODERATION_AREA, None),
        "list users": (Action.USER_LIST, None),
        "set a reader's role": (Action.USER_SET_ROLE, reader),
        "set another admin's role": (Action.USER_SET_ROLE, other_admin),
        "set one's own role": (Action.USER_SET_ROLE, who if isinstance(who, User) else reader),
        "edit the site policy": (Action.POLICY_EDIT, None),
        "open a published comment's permalink": (Action.COMMENT_VIEW, comment(published, "published")),
        "open someone else's held comment": (Action.COMMENT_VIEW, comment(published, "pending")),
        "open one's own held comment": (Action.COMMENT_VIEW, comment(published, "pending", author=who)),
        "open a removed comment that has replies": (Action.COMMENT_VIEW, comment(published, "rejected", replies=2)),
        "open a removed comment with no replies": (Action.COMMENT_VIEW, comment(published, "rejected")),
        "open a comment under a draft": (Action.COMMENT_VIEW, comment(draft, "published")),
    }
    action, target = questions[case]
    return can(who, action, target)


TABLE = [
    pytest.param(case, name, allowed, id=f"{name}-{case}")
    for case, row in EXPECTED.items()
    for name, allowed in zip(SUBJECTS, row, strict=True)
]


@pytest.mark.parametrize("case, subject_name, allowed", TABLE)
def test_can(case, subject_name, allowed):
    assert ask(case, subject(subject_name)) is allowed


def test_a_user_with_the_same_id_counts_as_oneself():
    """The rule compares ids, not objects: the admin loaded twice is still themself."""
    admin = User(id=7, username="ada", email="ada@example.org", role=Role.ADMIN)
    same_admin_loaded_again = User(id=7, username="ada", email="ada@example.org", role=Role.ADMIN)
    assert can(admin, Action.USER_SET_ROLE, same_admin_loaded_again) is False


@pytest.mark.parametrize("target", [None, "ada", 200])
def test_setting_a_role_needs_a_user_as_target(target):
    admin = User(id=7, username="ada", email="ada@example.org", role=Role.ADMIN)
    assert can(admin, Action.USER_SET_ROLE, target) is False


def test_a_visitor_has_no_role_even_if_one_is_attached():
    """Only a signed-in user's role counts: an object that claims a role but is not authenticated gets nothing."""
    visitor = AnonymousUserMixin()
    visitor.role = Role.ADMIN
    assert can(visitor, Action.ADMIN_AREA) is False
    assert can(visitor, Action.ARTICLE_VIEW, Article(slug="d", title="D", status=ArticleStatus.DRAFT)) is False
