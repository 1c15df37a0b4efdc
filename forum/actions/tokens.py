"""Personal API tokens: create (the secret is shown once), revoke, and find the user a secret belongs to."""
import hashlib
import secrets
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from forum.actions.errors import Refused
from forum.extensions import db
from forum.models import ApiToken, User

SECRET_PREFIX = "prl_"  # lets secret scanners and people recognise a leaked Parley token
SECRET_BYTES = 32  # 256 random bits: no one guesses it, so a plain sha256 of it is safe to store
SHOWN_PREFIX_CHARS = 8  # "prl_AbCd": enough to tell one's tokens apart, far too little to guess the rest
MAX_NAME_CHARS = 60
MAX_ACTIVE_TOKENS = 20  # per account: more is a script gone wrong, not a person
# last_used_at is written at most this often, so a busy script does not turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user: User, name: str, now: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its secret, which is stored nowhere and shown once."""
    name = (name or "").strip()
    if not name:
        raise Refused("Give the token a name, such as the script or app that will use it.", field="name")
    if len(name) > MAX_NAME_CHARS:
        raise Refused(f"Keep the name under {MAX_NAME_CHARS} characters.", field="name")
    active = db.session.scalar(
        sa.select(sa.func.count()).select_from(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise Refused(f"You have {active} active tokens; revoke one you no longer use first.", field="name")
    secret = SECRET_PREFIX + secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken(user_id=user.id, name=name, prefix=secret[:SHOWN_PREFIX_CHARS], token_hash=hash_secret(secret),
                     created_at=now or _now())
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(user: User, token: ApiToken, now: datetime | None = None) -> None:
    """Stop a token from working, from the next request on; the row stays so its owner sees when."""
    if token.user_id != user.id:
        raise Refused("That token is not yours.")
    if token.revoked_at is None:
        token.revoked_at = now or _now()
        db.session.flush()


def revoke_all_tokens(user: User, now: datetime | None = None) -> None:
    """End every token of `user` at once: when their password changes or their account goes, whoever
    held a token made with the old access loses it too."""
    db.session.execute(
        sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now or _now())
    )


def user_for_secret(secret: str, now: datetime | None = None) -> User | None:
    """The owner of an active token with this secret, or None; notes when the token was last used."""
    now = now or _now()
    row = db.session.execute(
        sa.select(ApiToken.id, ApiToken.last_used_at, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == hash_secret(secret), ApiToken.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        db.session.execute(sa.update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))
    return row.User


SHOWN_TOKENS = 100  # with at most 20 active, the rest are old revoked ones nobody needs to page through


def tokens_of(user: User) -> list[ApiToken]:
    """A person's tokens, newest first."""
    return db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc()).limit(SHOWN_TOKENS)
    ).all()
