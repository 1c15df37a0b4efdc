"""The tables of Parley. Models say what the data is; they never commit."""
from forum.models.article import Article, ArticleStance, ArticleStatus, StanceReader
from forum.models.classifier import (
    ClassifierModel, ModelState, RetrainOrigin, RetrainOutcome, RetrainRequest,
)
from forum.models.comment import Comment, CommentRevision, CommentStatus, Reaction, ReactionKind
from forum.models.mail import MailKind, MailOutcome, OutgoingMail
from forum.models.moderation import (
    Appeal, AppealOutcome, Flag, FlagReason, ModerationAction, ModNote, Verb, Warning,
)
from forum.models.policy import ModerationMode, SitePolicy, load_policy
from forum.models.user import Role, User
from forum.models.session import SignInAddress, UserSession
from forum.models.token import ApiToken

__all__ = [
    "ApiToken", "ClassifierModel", "ModelState", "RetrainOrigin", "RetrainOutcome", "RetrainRequest",
    "Appeal", "AppealOutcome", "Article", "ArticleStance", "ArticleStatus", "Comment", "CommentRevision",
    "CommentStatus", "Flag", "FlagReason", "MailKind", "MailOutcome", "ModNote", "ModerationAction",
    "ModerationMode", "OutgoingMail", "Reaction", "ReactionKind", "Role", "SignInAddress", "SitePolicy",
    "StanceReader", "User",
    "UserSession", "Verb", "Warning",
    "load_policy",
]
