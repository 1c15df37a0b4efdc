"""Demo content for a first look: staff, a few readers, and one published article."""
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from forum.actions.accounts import find_user, register_user
from forum.actions.articles import import_article
from forum.actions.comments import post_comment
from forum.actions.moderation import flag_comment
from forum.content.demo_comments import DEMO_COMMENTS, DEMO_FLAGS, DEMO_HELD
from forum.extensions import db
from forum.models import Article, Comment, FlagReason, Role, load_policy
from forum.moderation.classifier import NullClassifier

DEMO_ARTICLE = Path(__file__).parent / "content" / "demo-article.md"
DEMO_USERS = [
    ("admin", Role.ADMIN),
    ("moderator", Role.MODERATOR),
    ("ada", Role.READER),
    ("bao", Role.READER),
    ("chidi", Role.READER),
    ("rowdy", Role.READER),
]


@dataclass
class DemoAccount:
    username: str
    role: Role
    password: str | None  # None when the account existed already: its password is not ours to tell


def load_demo() -> tuple[list[DemoAccount], Article]:
    """Create whatever part of the demo is missing; running it again changes nothing."""
    accounts = []
    for username, role in DEMO_USERS:
        if find_user(username) is not None:
            accounts.append(DemoAccount(username, role, None))
            continue
        # Random, so that a demo left running somewhere cannot be entered with a known password.
        password = secrets.token_urlsafe(12)
        register_user(username, f"{username}@demo.parley.invalid", password, role)
        accounts.append(DemoAccount(username, role, password))
    admin = find_user("admin")
    article = db.session.scalar(sa.select(Article).where(Article.slug == "rivals-and-ai-safety"))
    if article is None:
        article, _ = import_article(admin, DEMO_ARTICLE.read_text(encoding="utf-8"), publish=True)
        _post_demo_discussion(article)
    return accounts, article


def _post_demo_discussion(article: Article) -> None:
    """The demo thread, posted through the same action readers use (so every counter is right)."""
    policy = load_policy(db.session)
    posted: dict[str, Comment] = {}
    for key, username, stance, parent_key, text in DEMO_COMMENTS:
        # The civil thread stands for comments a moderator has already read, so the learned classifier
        # does not judge it: it holds c4 ("You have to name a risk before you can watch for it.",
        # abusive 0.62), a false hold that would leave c4's replies nothing to reply to.
        posted[key] = post_comment(
            find_user(username), article, text, policy, parent=posted.get(parent_key), stance_key=stance,
            classifier=NullClassifier(),
        )
    for username, text in DEMO_HELD:
        post_comment(find_user(username), article, text, policy)
    for flagger, key, reason, note in DEMO_FLAGS:
        flag_comment(find_user(flagger), posted[key], FlagReason(reason), note, policy)
