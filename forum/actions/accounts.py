"""Accounts: register, authenticate, change password, change role."""
import re

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from forum.actions.errors import Forbidden, Refused
from forum.actions.sessions import end_all_sessions
from forum.actions.tokens import revoke_all_tokens
from forum.actions.visibility import bump_versions
from forum.extensions import db
from forum.markup import longest_mark_stack, one_line, shows_something, without_controls
from forum.models import Article, Comment, Role, SitePolicy, User, Verb
from forum.moderation import log, names
from forum.moderation.scorer import default_scorer
from forum.moderation.words import find_listed_words, parse_word_list
from forum.passwords import password_problems
from forum.permissions import Action, can

USERNAME_MIN_CHARS, USERNAME_MAX_CHARS = 3, 30
USERNAME_PATTERN = re.compile(
    rf"^[A-Za-z0-9_][A-Za-z0-9_.-]{{{USERNAME_MIN_CHARS - 2},{USERNAME_MAX_CHARS - 2}}}[A-Za-z0-9_]$")
USERNAME_RULE = (f"{USERNAME_MIN_CHARS} to {USERNAME_MAX_CHARS} letters, digits, '_', '.' or '-', starting and ending "
                 "with a letter, digit or '_'.")
DISPLAY_NAME_MAX_CHARS = 50
MAX_MARKS_ON_ONE_LETTER = 4
# Words by which a reader's name would claim to speak for the site. Matched as whole words through the
# moderation word matcher's views, so "M0derator", "a.d.m.i.n" and look-alike letters count too, while
# "Modesto" or "Administrative Law Fan" do not. Staff wear a badge; nobody needs these in a name.
STAFF_TITLES = ("moderator", "moderators", "mod", "mods", "admin", "admins", "administrator", "administrators",
                "staff", "official", "officials", "support team", "site team", "editor", "editors", "verified")
# Marks that read as a platform's badge of verification next to a name.
BADGE_MARKS = frozenset("✓✔☑✅🗸🗹🛡⚑")
EMAIL_MAX_CHARS = 254  # the longest address SMTP carries (RFC 5321's path limit, less its brackets)

# Checked against when no account matches, so that a sign-in for an unknown name costs
# as much time as one for a known name and the timing does not tell which it was.
_DUMMY_HASH = generate_password_hash("parley-no-such-account", method="scrypt")


def find_user(name_or_email: str) -> User | None:
    """The user whose username or e-mail is `name_or_email`, ignoring case."""
    key = name_or_email.strip().lower()
    column = User.email if "@" in key else User.username
    return db.session.scalar(sa.select(User).where(sa.func.lower(column) == key))


def _check_new_user(username: str, email: str, password: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise Refused(f"A username is {USERNAME_RULE}", field="username")
    if find_user(username) is not None:
        raise Refused("That username is taken; please choose another.", field="username")
    if find_user(email) is not None:
        raise Refused(
            "An account with this e-mail address exists already. Sign in instead?", field="email"
        )
    problems = password_problems(password, username, email)
    if problems:
        raise Refused(" ".join(problems), field="password")


def register_user(username: str, email: str, password: str, role: Role = Role.READER) -> User:
    """Create an account. Raises Refused with the field at fault."""
    username, email = username.strip(), email.strip()
    _check_new_user(username, email, password)
    user = User(username=username, email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _domains(listing: str) -> set[str]:
    return {line.strip().lower().lstrip("@").strip(".") for line in (listing or "").splitlines() if line.strip()}


def domain_is_listed(domain: str, listing: str) -> bool:
    """Whether `domain` or one of its parent domains is in `listing` (a rule for mailinator.com covers
    sub.mailinator.com: anyone may create subdomains of a disposable-mail domain)."""
    listed = _domains(listing)
    labels = domain.lower().strip(".").split(".")
    return any(".".join(labels[start:]) in listed for start in range(len(labels)))


def claims_to_speak_for_the_site(name: str, site_name: str = "") -> bool:
    """Whether `name` carries a staff title or the site's own name (see STAFF_TITLES)."""
    if not BADGE_MARKS.isdisjoint(name):
        return True
    titles = STAFF_TITLES + ((site_name,) if site_name.strip() else ())
    # Usernames join words with '_', '.' or '-': read those as spaces, so "parley_mod" is two words.
    return bool(find_listed_words(name.replace("_", " "), titles))


def register_reader(username: str, email: str, password: str, policy: SitePolicy, site_name: str = "") -> User:
    """Sign-up from the site: the policy may refuse or hold addresses from listed domains, and a reader's
    username may not claim to speak for the site."""
    if claims_to_speak_for_the_site(username, site_name):
        raise Refused("Usernames that sound like the site's staff or the site itself (moderator, admin, "
                      "official …) are kept for the people who are. Please choose another.", field="username")
    domain = email.strip().rsplit("@", 1)[-1].lower()
    if domain_is_listed(domain, policy.signup_refuse_domains):
        raise Refused("Sign-ups from this e-mail domain are not accepted here. Please use another address.",
                      field="email")
    user = register_user(username, email, password)
    if domain_is_listed(domain, policy.signup_hold_domains):
        user.review_all_comments = True
        db.session.flush()
    return user


def authenticate(name_or_email: str, password: str) -> User | None:
    """The user these credentials belong to, or None, taking the same time either way."""
    return password_matches(find_user(name_or_email), password)


def password_matches(user: User | None, password: str) -> User | None:
    """`user` if `password` is theirs, else None; as slow for no user as for a wrong password."""
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if user.check_password(password) else None


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password; other sessions and every API token of this user stop working."""
    if not user.check_password(current_password):
        raise Refused("That is not your current password.", field="current_password")
    problems = password_problems(new_password, user.username, user.email)
    if problems:
        raise Refused(" ".join(problems), field="new_password")
    user.set_password(new_password)
    end_all_sessions(user)  # the caller starts this device a new one
    revoke_all_tokens(user)  # a token made from a stolen session must not outlive the new password
    db.session.flush()
    db.session.refresh(user, ["session_version"])


def set_display_name(actor: User, user: User, typed: str | None, policy: SitePolicy, site_name: str = "") -> None:
    """Give `user` the display name `typed` (blank: none, and pages show the username alone).

    The threads they wrote in are rendered with their name and kept in the thread cache, so every one of
    them gets a new version: a rare change pays for itself here rather than on every page view."""
    if not can(actor, Action.ACCOUNT_RENAME, user):
        raise Forbidden("You may change only your own display name, and not while a sanction is in force.")
    typed = typed or ""
    # Refused rather than quietly cleaned: the person should see the name they will be shown under.
    if without_controls(typed) != typed:
        raise Refused("A display name cannot contain control characters or characters that change the "
                      "direction of text.", field="display_name")
    name = one_line(typed) or None
    if name is not None and not shows_something(name):  # outside test 6: zero-width spaces made a blank name
        raise Refused("A display name needs at least one visible character; leave it empty to be shown by your "
                      "username.", field="display_name")
    if name is not None and longest_mark_stack(name) > MAX_MARKS_ON_ONE_LETTER:  # outside test 7: 40 stacked
        raise Refused("A display name cannot stack more than four accents or other marks on one letter.",
                      field="display_name")
    if name is not None and len(name) > DISPLAY_NAME_MAX_CHARS:
        raise Refused(f"A display name is at most {DISPLAY_NAME_MAX_CHARS} characters.", field="display_name")
    if name is not None and find_listed_words(name, tuple(parse_word_list(policy.banned_words))):
        raise Refused("That display name contains a word this site does not allow. Please choose another.",
                      field="display_name")
    if name is not None and names.reasons_to_refuse(name, policy, default_scorer()):
        # Which rule is not said, as for a held comment: the reasons would teach how to get round them.
        raise Refused("That display name looks like an insult, a threat, an advertisement or contact details, "
                      "and names are shown without a moderator seeing them first. Please choose another.",
                      field="display_name")
    if name is not None and user.role == Role.READER and claims_to_speak_for_the_site(name, site_name):
        raise Refused("A reader's display name cannot sound like the site's staff or the site itself "
                      "(moderator, admin, official …): staff are shown with a badge. Please choose another.",
                      field="display_name")
    if name == user.display_name:
        return
    user.display_name = name
    db.session.flush()
    bump_versions([
        *db.session.scalars(sa.select(Comment.article_id).where(Comment.author_id == user.id).distinct()),
        *db.session.scalars(sa.select(Article.id).where(Article.author_id == user.id)),
    ])


def refuse_last_admin(user: User, message: str) -> None:
    """Refuse to let `user` stop being an admin when no other admin would be left.

    The other admins' rows are locked (PostgreSQL) until this transaction ends, so two admins leaving
    at once cannot each count the other and both go: the second waits, then counts again.
    """
    if user.role is not Role.ADMIN:
        return
    admins = db.session.scalars(
        sa.select(User.id).where(User.role == Role.ADMIN, User.deleted_at.is_(None)).with_for_update()
    ).all()
    if not set(admins) - {user.id}:
        raise Refused(message)


def set_role(actor: User | None, user: User, role: Role) -> None:
    """Change `user`'s role. `actor` None means the command line, which the site owner runs."""
    if actor is not None and not can(actor, Action.USER_SET_ROLE, user):
        raise Forbidden("You may not change this user's role.")
    before = user.role
    if actor is not None and before is Role.ADMIN and role is not Role.ADMIN:
        # Two admins demoting each other at once must not leave the site with none (the site owner at
        # the command line may: they can always make a new admin there).
        refuse_last_admin(user, "They are this site's only admin: make someone else an admin first.")
    user.role = role
    db.session.flush()
    if before != role:
        log.record(actor, Verb.ROLE_CHANGE, user=user, details={"from": before.value, "to": role.value})
