"""Unclaimed accounts for imported authors, and names that are free: in bulk, a few queries per batch."""
from collections import defaultdict
from collections.abc import Callable

import sqlalchemy as sa
from slugify import slugify

from forum.actions.accounts import USERNAME_PATTERN
from forum.actions.batches import chunks
from forum.extensions import db
from forum.interchange import Author
from forum.models import Role, User

USERNAME_BASE_CHARS = 24  # leaves room for a "_123" suffix within the 30 a username may have
FALLBACK_USERNAME = "guest"  # for names with nothing transliterable ("???")
UNUSABLE_PASSWORD = "!"  # matches no password: werkzeug refuses a hash without its "method$salt$" parts
PLACEHOLDER_EMAIL_DOMAIN = "unclaimed.invalid"  # .invalid never delivers (RFC 2606), and sign-up refuses it


def _taken(column, values: set[str], lower: bool) -> set[str]:
    found: set[str] = set()
    key = sa.func.lower(column) if lower else column
    for part in chunks(sorted(values)):
        found.update(v.lower() if lower else v for v in db.session.scalars(sa.select(column).where(key.in_(part))))
    return found


def claim_free(bases: list[str], column, separator: str, max_chars: int, lower: bool) -> list[str]:
    """For each base, itself or base<sep>2, base<sep>3 … : the first one neither in `column` nor given out here.

    Each round asks the database about every candidate at once; authors sharing a base get consecutive
    numbers in the same round, so a file with a hundred "guest"s costs a round or two, not a hundred.
    """
    norm: Callable[[str], str] = str.lower if lower else str
    result: list[str | None] = [None] * len(bases)
    next_number: dict[str, int] = defaultdict(lambda: 1)
    given: set[str] = set()
    pending = list(range(len(bases)))
    while pending:
        candidates = {}
        for i in pending:
            number = next_number[bases[i]]
            next_number[bases[i]] = number + 1
            suffix = "" if number == 1 else f"{separator}{number}"
            candidates[i] = bases[i][:max_chars - len(suffix)] + suffix
        taken = _taken(column, {norm(c) for c in candidates.values()} - given, lower) | given
        retry = []
        for i in pending:
            if norm(candidates[i]) in taken:
                retry.append(i)
            else:
                given.add(norm(candidates[i]))
                result[i] = candidates[i]
        pending = retry
    return result  # type: ignore[return-value]


def username_base(name: str) -> str:
    """A username from a display name: transliterated ("Zoë Åberg" → "Zoe_Aberg"), only allowed characters."""
    base = slugify(name or "", separator="_", lowercase=False, max_length=USERNAME_BASE_CHARS,
                   regex_pattern=r"[^A-Za-z0-9_]+")
    base = base.strip("_")[:USERNAME_BASE_CHARS] or FALLBACK_USERNAME
    if len(base) < 3:
        base = f"{base}_{FALLBACK_USERNAME}"
    return base if USERNAME_PATTERN.match(base) else FALLBACK_USERNAME


def _free_emails(authors: list[Author]) -> set[str]:
    """The authors' e-mails that no account has yet; an address two authors share goes to neither."""
    wanted = [a.email for a in authors if a.email and "@" in a.email and len(a.email) <= 254]
    counts: dict[str, int] = defaultdict(int)
    for email in wanted:
        counts[email.lower()] += 1
    unique = {email for email, n in counts.items() if n == 1}
    return unique - _taken(User.email, unique, lower=True)


def ensure_authors(source: str, authors: list[Author]) -> tuple[dict[str, int], int, int]:
    """User ids by author key, creating unclaimed accounts for authors not imported before.

    Returns (ids, created, reused).
    """
    ids: dict[str, int] = {}
    keys = [a.key for a in authors]
    for part in chunks(keys):
        rows = db.session.execute(
            sa.select(User.external_id, User.id).where(User.import_source == source, User.external_id.in_(part))
        )
        ids.update({key: user_id for key, user_id in rows})
    new = [a for a in authors if a.key not in ids]
    if not new:
        return ids, 0, len(authors)
    names = claim_free([username_base(a.name) for a in new], User.username, "_", 30, lower=True)
    emails = _free_emails(new)
    rows = [{
        "username": username, "role": Role.READER, "password_hash": UNUSABLE_PASSWORD, "unclaimed": True,
        "email": author.email if author.email and author.email.lower() in emails
        else f"{username.lower()}@{PLACEHOLDER_EMAIL_DOMAIN}",
        "import_source": source, "external_id": author.key,
    } for author, username in zip(new, names)]
    for part in chunks(rows):
        result = db.session.execute(sa.insert(User).returning(User.external_id, User.id), part)
        ids.update({key: user_id for key, user_id in result})
    return ids, len(new), len(authors) - len(new)
