"""Build rows for tests with sensible defaults: make.user(role="admin"), make.article(published=True)."""
import itertools

from forum.actions.accounts import register_user
from forum.actions.articles import ArticleDraft, publish_article, save_article
from forum.models import Role

DEFAULT_PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


class Factories:
    def __init__(self, session):
        self.session = session

    def user(self, role: str | Role = Role.READER, username: str | None = None, password: str = DEFAULT_PASSWORD):
        n = next(_counter)
        username = username or f"user{n}"
        return register_user(username, f"{username}@example.org", password, Role(role))

    def article(self, title: str | None = None, body: str = "Some *text*.", published: bool = True,
                question: str = "", stances: list[str] | None = None, author=None, slug: str = ""):
        n = next(_counter)
        draft = ArticleDraft(
            title=title or f"Article {n}", body=body, slug=slug, summary=f"Summary {n}",
            question=question, stances=stances or [],
        )
        article = save_article(author, None, draft)
        if published:
            publish_article(author, article)
        return article
