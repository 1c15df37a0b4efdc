"""The tables of Parley. Models say what the data is; they never commit."""
from forum.models.article import Article, ArticleStance, ArticleStatus
from forum.models.user import Role, User

__all__ = ["Article", "ArticleStance", "ArticleStatus", "Role", "User"]
