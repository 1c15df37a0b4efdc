"""Signing in and out: sessions kept server-side, and a sign-in slow-down that cannot lock the owner out.

A session is a row (models/session.py) whose secret the signed cookie carries, with the account's
session_version: signing out deletes the row, a password change or deletion ends them all.

Failed sign-ins are counted per *account* (whatever name or e-mail was typed for it), in SQL, so that
every worker and host sees one count. Past a few failures the account is slowed down, not locked:
each further attempt must wait a little longer than the last (1 s, 2 s, 4 s … at most a few minutes),
and an attempt from an address the account has signed in from before is never made to wait. A
stranger can therefore make guessing slow for everyone, and nothing worse for the owner.
"""
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from itsdangerous import BadSignature, URLSafeTimedSerializer

from forum import inbox
from forum.extensions import db
from forum.models import SignInAddress, SitePolicy, User, UserSession
from forum.models.base import MAX_ID
from forum.models.policy import POLICY_ID

FREE_FAILURES = 5  # failed sign-ins in a row before any wait
MAX_WAIT = timedelta(minutes=5)  # the longest an account is ever made to wait between attempts
FAILURE_MEMORY = timedelta(minutes=15)  # a failure older than this no longer counts
ADDRESS_MEMORY = timedelta(days=90)  # how long an address stays "one the owner uses"
# Sessions one account may hold at once: more browsers and devices than a person uses. Past it the oldest
# ends, so a loop of sign-ins cannot add rows without bound (outside test, finding 2).
MAX_SESSIONS_PER_ACCOUNT = 20


def make_device_token(secret_key: str, user: User) -> str:
    """A signed mark this browser keeps after signing in to `user`: "this device is the owner's".

    An address can be shared (an office, a mobile carrier, a proxy); a device cookie cannot be
    guessed. With it the owner passes both the account's slow-down and the address's limit, so
    nobody failing on purpose beside them, at the same address, can keep them out.
    """
    return URLSafeTimedSerializer(secret_key, salt="parley-device").dumps([user.id, secrets.token_hex(8)])


def read_device_token(secret_key: str, token: str | None) -> tuple[int, str] | None:
    """(account id, this device's own name) from a device cookie still in date, or None."""
    if not token or len(token) > 200:
        return None
    try:
        user_id, name = URLSafeTimedSerializer(secret_key, salt="parley-device").loads(
            token, max_age=int(ADDRESS_MEMORY.total_seconds()))
    except (BadSignature, ValueError, TypeError):
        return None
    return (user_id, name) if isinstance(user_id, int) and isinstance(name, str) else None


def wait_before_next_attempt(failures: int, last_failure: datetime | None, now: datetime) -> timedelta:
    """How long the account must still wait before a password is checked for it again (0 when none)."""
    if last_failure is None or failures < FREE_FAILURES or now - last_failure >= FAILURE_MEMORY:
        return timedelta(0)
    # Doubling from one second; the exponent is capped first so a huge count cannot overflow.
    wait = min(timedelta(seconds=2 ** min(failures - FREE_FAILURES, 16)), MAX_WAIT)
    return max(last_failure + wait - now, timedelta(0))


def address_hash(secret_key: str, address: str | None) -> str:
    """An address as stored: keyed, so the table cannot be read back into the addresses people use."""
    return hmac.new(secret_key.encode(), (address or "").encode(), hashlib.sha256).hexdigest()


def is_known_address(user: User, hashed_address: str, now: datetime) -> bool:
    return db.session.scalar(
        sa.select(sa.literal(True)).where(
            SignInAddress.user_id == user.id, SignInAddress.address_hash == hashed_address,
            SignInAddress.last_signed_in_at > now - ADDRESS_MEMORY)
    ) is not None


def sign_in_wait(user: User, hashed_address: str, now: datetime) -> timedelta:
    """How long this attempt must wait; never at all from an address the owner has used."""
    wait = wait_before_next_attempt(user.failed_sign_ins, user.last_failed_sign_in_at, now)
    if wait and is_known_address(user, hashed_address, now):
        return timedelta(0)
    return wait


def record_failed_sign_in(user: User, now: datetime) -> None:
    """One more failure for the account, counted in SQL (attempts on several hosts add up)."""
    stale = sa.or_(User.last_failed_sign_in_at.is_(None), User.last_failed_sign_in_at <= now - FAILURE_MEMORY)
    db.session.execute(
        sa.update(User).where(User.id == user.id)
        .values(failed_sign_ins=sa.case((stale, 1), else_=User.failed_sign_ins + 1), last_failed_sign_in_at=now)
    )


def start_session(user: User, hashed_address: str, now: datetime, lifetime: timedelta) -> str:
    """A new session for `user` after a successful sign-in; returns the key the cookie carries.

    Also clears the account's failures, remembers the address, and drops its sessions older than a
    session may live and those past the newest MAX_SESSIONS_PER_ACCOUNT, so the table holds only
    sessions that could still be used, and a bounded number of them.
    """
    secret = secrets.token_urlsafe(32)
    db.session.execute(sa.delete(UserSession).where(
        UserSession.user_id == user.id, UserSession.created_at <= now - lifetime))
    db.session.add(UserSession(user_id=user.id, token_hash=_digest(secret), created_at=now))
    db.session.flush()
    newest = (sa.select(UserSession.id).where(UserSession.user_id == user.id)
              .order_by(UserSession.created_at.desc(), UserSession.id.desc()).limit(MAX_SESSIONS_PER_ACCOUNT))
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id, UserSession.id.not_in(newest)),
                       execution_options={"synchronize_session": False})
    if user.failed_sign_ins:
        db.session.execute(sa.update(User).where(User.id == user.id).values(failed_sign_ins=0))
    _remember_address(user, hashed_address, now)
    db.session.flush()
    db.session.refresh(user, ["session_version", "failed_sign_ins"])
    user.session_key = f"{user.id}:{user.session_version}:{secret}"
    return user.session_key


def _remember_address(user: User, hashed_address: str, now: datetime) -> None:
    updated = db.session.execute(
        sa.update(SignInAddress)
        .where(SignInAddress.user_id == user.id, SignInAddress.address_hash == hashed_address)
        .values(last_signed_in_at=now)
    ).rowcount
    if not updated:
        # Two sign-ins of one account from one new address at the same moment may both get here:
        # the second insert then finds the row there, which is what it wanted.
        try:
            with db.session.begin_nested():
                db.session.add(SignInAddress(user_id=user.id, address_hash=hashed_address, last_signed_in_at=now))
        except sa.exc.IntegrityError:
            pass


# The site policy comes in the same query: nearly every signed-in page asks for it
# (forum/views/helpers.current_policy takes it from the user). Built once: every signed-in request
# sends it, and building it cost about as much as running it.
# The site policy comes in the same query: nearly every signed-in page asks for it
# (forum/views/helpers.current_policy takes it from the user); so does the header's count of new replies.
_SESSION_USER = (
    sa.select(User).join(UserSession, UserSession.user_id == User.id)
    .outerjoin(SitePolicy, SitePolicy.id == POLICY_ID)
    .add_columns(SitePolicy, inbox.unread_count_column())
    .where(User.id == sa.bindparam("user_id"), User.session_version == sa.bindparam("version"),
           UserSession.token_hash == sa.bindparam("token_hash"),
           UserSession.created_at > sa.bindparam("opened_after"))
)


def load_session_user(session_key: str, now: datetime, lifetime: timedelta) -> User | None:
    """The user a cookie's session key names, if that session is still open; one query."""
    user_id, version, secret = _parse(session_key)
    if user_id is None:
        return None
    row = db.session.execute(_SESSION_USER, {
        "user_id": user_id, "version": version, "token_hash": _digest(secret), "opened_after": now - lifetime,
    }).first()
    if row is None:
        return None
    user, policy, unread_replies = row
    user.unread_replies = unread_replies
    user.site_policy = policy or SitePolicy.with_defaults()  # as load_policy() answers when none was saved
    user.session_key = session_key
    return user


def end_session(session_key: str | None) -> None:
    """Sign-out: the session's row goes, so a copy of the cookie opens nothing any more."""
    user_id, _, secret = _parse(session_key or "")
    if user_id is not None:
        db.session.execute(sa.delete(UserSession).where(
            UserSession.user_id == user_id, UserSession.token_hash == _digest(secret)))


def end_all_sessions(user: User) -> None:
    """Every session of `user` ends (password changed, account deleted); their cookies name nothing."""
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))
    user.session_version = User.session_version + 1  # in SQL; also retires keys of sessions still in flight
    user.session_key = None


def _parse(session_key: str) -> tuple[int | None, int, str]:
    parts = session_key.split(":")
    if len(parts) != 3 or not parts[0].isdecimal() or not parts[1].isdecimal() or not parts[2]:
        return None, 0, ""
    user_id, version = int(parts[0]), int(parts[1])
    if not (0 < user_id <= MAX_ID and version <= MAX_ID):  # what the columns hold; anything larger names nobody
        return None, 0, ""
    return user_id, version, parts[2]


def _digest(secret: str) -> str:
    # A fast hash is enough: the secret carries 256 random bits, unlike a password.
    return hashlib.sha256(secret.encode()).hexdigest()
