"""Signed unsubscribe tokens: anyone holding the link may turn off that one kind of mail, nothing else.

Each list signs with its own salt, so a digest link cannot switch off reply notices or be replayed
elsewhere that the secret key signs (sessions, CSRF). The tokens do not expire: mail sits in
inboxes for years, and unsubscribing must still work then.
"""
from itsdangerous import BadSignature, URLSafeSerializer

LISTS = {
    "replies": "email_replies",  # list name in the URL -> the User column it switches off
    "digest": "email_digest",
}


def _serializer(secret_key: str, list_name: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=f"parley-unsubscribe-{list_name}")


def make_token(secret_key: str, user_id: int, list_name: str) -> str:
    if list_name not in LISTS:
        raise ValueError(f"unknown mailing list {list_name!r}")
    return _serializer(secret_key, list_name).dumps(user_id)


def read_token(secret_key: str, token: str, list_name: str) -> int | None:
    """The user id a token was made for, or None when the token is forged, altered or for another list."""
    if list_name not in LISTS or not token:
        return None
    try:
        user_id = _serializer(secret_key, list_name).loads(token)
    except BadSignature:
        return None
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None
