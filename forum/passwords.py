"""What makes a password acceptable. Pure: no database, no request."""
from functools import lru_cache

MIN_PASSWORD_LENGTH = 10  # characters; NIST SP 800-63B asks for at least 8, we ask a little more
MAX_PASSWORD_LENGTH = 256  # characters; beyond this hashing cost becomes an attack surface


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships the 30,000 most frequent passwords from public breach corpora.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problems(password: str, username: str = "", email: str = "") -> list[str]:
    """Everything wrong with `password`, as messages for the person choosing it (empty: fine)."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"Use at most {MAX_PASSWORD_LENGTH} characters.")
    lowered = password.lower()
    if lowered in _common_passwords():
        problems.append("This is one of the most common passwords; pick one that is harder to guess.")
    elif username and lowered == username.lower():
        problems.append("Your password must not be your username.")
    elif email and lowered in {email.lower(), email.lower().split("@")[0]}:
        problems.append("Your password must not be your e-mail address.")
    return problems
