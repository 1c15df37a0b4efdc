"""What makes a password acceptable. Pure: no database, no request."""
import importlib.util
import runpy
from functools import lru_cache
from pathlib import Path

from forum.moderation.vocabulary import Vocabulary, settled

MIN_PASSWORD_LENGTH = 10  # characters; NIST SP 800-63B asks for at least 8, we ask a little more
MAX_PASSWORD_LENGTH = 256  # characters; beyond this hashing cost becomes an attack surface


@lru_cache(maxsize=1)
def _common_passwords() -> Vocabulary:
    # zxcvbn ships the 30,000 most frequent passwords from public breach corpora. Importing its package
    # builds ranked dictionaries of all six of its word lists, 12 MB that a web worker would keep after
    # its first sign-up; so only the file of lists is run, and only the passwords kept (0.4 MB).
    return settled(_read_common_passwords)


def _read_common_passwords() -> Vocabulary:
    package = importlib.util.find_spec("zxcvbn")  # found, not imported
    lists = runpy.run_path(str(Path(package.origin).with_name("frequency_lists.py")))["FREQUENCY_LISTS"]
    return Vocabulary(lists["passwords"])


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
