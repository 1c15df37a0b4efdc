"""The tables of Parley. Models say what the data is; they never commit."""
from forum.models.article import Article, ArticleStance, ArticleStatus
from forum.models.comment import Comment, CommentRevision, CommentStatus, Reaction, ReactionKind
from forum.models.policy import SitePolicy, load_policy
from forum.models.user import Role, User

__all__ = [
    "Article", "ArticleStance", "ArticleStatus", "Comment", "CommentRevision", "CommentStatus",
    "Reaction", "ReactionKind", "Role", "SitePolicy", "User", "load_policy",
]
