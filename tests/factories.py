"""Build rows for tests with sensible defaults, one factory per model: make.user(role="admin"),
make.article(published=False), make.comment(article, status="pending")."""
import itertools

from forum.actions.articles import ArticleDraft, publish_article, save_article
from forum.models import Role

DEFAULT_PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)
_default_password_hash: list[str] = []  # computed once: scrypt takes a large fraction of a second


class Factories:
    def __init__(self, session):
        self.session = session

    def user(self, role: str | Role = Role.READER, username: str | None = None, password: str = DEFAULT_PASSWORD, *,
             email: str | None = None, banned_reason: str | None = None, suspended_until=None,
             sanction_reason: str | None = None, published_count: int = 0):
        """An account (the default password's hash is worked out once); optionally banned or suspended, or
        with a record of published comments (a trusted reader, past the policy's trusted_after)."""
        from forum.models import User
        from forum.models.base import utcnow

        n = next(_counter)
        username = username or f"user{n}"
        user = User(username=username, email=email or f"{username}@example.org", role=Role(role),
                    published_count=published_count)
        if password == DEFAULT_PASSWORD:
            if not _default_password_hash:
                user.set_password(DEFAULT_PASSWORD)
                _default_password_hash.append(user.password_hash)
            user.password_hash = _default_password_hash[0]
        else:
            user.set_password(password)
        if banned_reason is not None:
            user.banned_at, user.sanction_reason = utcnow(), banned_reason
        if suspended_until is not None:
            user.suspended_until, user.sanction_reason = suspended_until, sanction_reason or "Cooling off"
        self.session.add(user)
        self.session.flush()
        return user

    def trusted_flagger(self, article=None, standing: int = 3, role: str | Role = Role.READER):
        """A reader whose flags count double (moderation/flags.py): an account weeks old, with `standing`
        comments that have stayed published for days."""
        from datetime import timedelta

        from forum.models.base import utcnow
        from forum.moderation.flags import FLAG_TRUST_MIN_ACCOUNT_AGE, STANDING_AFTER

        user = self.user(role, published_count=standing)
        user.created_at = utcnow() - FLAG_TRUST_MIN_ACCOUNT_AGE - timedelta(days=1)
        article = article or self.article()
        for _ in range(standing):
            self.comment(article, author=user, status="published").published_at = utcnow() - STANDING_AFTER - timedelta(hours=1)
        self.session.flush()
        return user

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

    def comment(self, article, author=None, body: str | None = None, parent=None, stance_key: str | None = None,
                status=None, now=None):
        """A comment (a reply when `parent` is given). Without `status`, posted through post_comment under the
        site's policy, as a reader posts one. With it, moved there without a moderator: posted with no toxicity
        model and no automatic slow mode (pending ones under pre-moderation, so they carry its reason), then
        visibility.set_status for the rest."""
        from forum.actions.comments import post_comment
        from forum.actions.visibility import set_status
        from forum.models import CommentStatus, ModerationMode, load_policy
        from forum.moderation.scorer import NullScorer

        n = next(_counter)
        author = author or self.user()
        if status is None:
            body = body or f"Comment number {n}: a point worth making about the article."
            return post_comment(author, article, body, load_policy(self.session), parent=parent, stance_key=stance_key,
                                now=now)
        status = CommentStatus(status)
        policy = policy_with(**{
            name: getattr(load_policy(self.session), name)
            for name in ("banned_words", "suspect_words", "max_links", "edit_window_minutes")
        })
        policy.auto_slow_posts_per_minute = 0
        policy.moderation_mode = ModerationMode.PRE if status == CommentStatus.PENDING else ModerationMode.POST
        body = body or f"Comment {n}: a considered point about the article."
        comment = post_comment(author, article, body, policy, parent=parent, stance_key=stance_key,
                               scorer=NullScorer(), now=now)
        if comment.status != status:
            set_status(comment, status)
        return comment


# --- Moderation helpers (moderation, sanctions and route-matrix tests) ---

class FixedScorer:
    """A toxicity scorer that gives every text the same score, so reason texts are exact."""

    def __init__(self, value: float):
        self.value = value

    def score(self, text: str) -> float:
        return self.value


def policy_with(**changes):
    """The default policy with some fields changed; not saved (actions take the policy they are given)."""
    from forum.models import SitePolicy

    policy = SitePolicy.with_defaults()
    for name, value in changes.items():
        assert hasattr(SitePolicy, name), name
        setattr(policy, name, value)
    return policy


def rules_only_decision(text: str, policy=None):
    """decide() for a reader in good standing under post-moderation, by the rules alone (no classifier, no scorer)."""
    from forum.models import ModerationMode, SitePolicy
    from forum.moderation.evaluation import reader_in_good_standing
    from forum.moderation.pipeline import decide
    from forum.moderation.scorer import NullScorer

    return decide(text, reader_in_good_standing(), ModerationMode.POST.value, policy or SitePolicy.with_defaults(),
                  NullScorer())
