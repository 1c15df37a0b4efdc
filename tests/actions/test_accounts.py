"""The account actions called directly: register, find, authenticate, change password, set role."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.actions import Forbidden, Refused
from forum.actions.accounts import (
    DISPLAY_NAME_MAX_CHARS, authenticate, change_password, find_user, register_reader, register_user,
    set_display_name, set_role,
)
from forum.models import ModerationAction, Role, User, Verb
from forum.models.base import utcnow
from tests.factories import DEFAULT_PASSWORD

PASSWORD = "violet lanterns hum softly"
NEW_PASSWORD = "seven amber kites drifting"


def user_rows(db, username: str) -> list[User]:
    return db.session.scalars(sa.select(User).where(sa.func.lower(User.username) == username.lower())).all()


def refusal_of(call) -> Refused:
    with pytest.raises(Refused) as caught:
        call()
    return caught.value


# --- register ---

def test_register_stores_a_scrypt_hash_never_the_password(db, unique):
    name = unique("ada")
    user = register_user(name, f"{name}@example.org", PASSWORD)
    db.session.expire_all()
    [row] = user_rows(db, name)
    assert row.id == user.id
    assert row.role is Role.READER
    assert row.password_hash.startswith("scrypt:")
    assert PASSWORD not in row.password_hash
    assert row.check_password(PASSWORD)
    assert not row.check_password(PASSWORD.upper())


def test_register_trims_spaces_around_name_and_address(db, unique):
    name = unique("ada")
    user = register_user(f"  {name} ", f" {name}@example.org  ", PASSWORD)
    assert (user.username, user.email) == (name, f"{name}@example.org")


def test_register_with_a_role(db, unique):
    name = unique("mod")
    assert register_user(name, f"{name}@example.org", PASSWORD, Role.MODERATOR).role is Role.MODERATOR


@pytest.mark.parametrize("taken, attempt", [("Ada", "ada"), ("ada", "ADA"), ("ada", "aDa")])
def test_duplicate_username_is_refused_whatever_the_case(db, unique, taken, attempt):
    suffix = unique("_")
    register_user(taken + suffix, f"first{suffix}@example.org", PASSWORD)
    refusal = refusal_of(lambda: register_user(attempt + suffix, f"second{suffix}@example.org", PASSWORD))
    assert refusal.field == "username"
    assert "taken" in refusal.message
    assert len(user_rows(db, taken + suffix)) == 1


def test_duplicate_email_is_refused_whatever_the_case(db, unique):
    register_user(unique("ada"), "Ada.Lovelace@Example.org", PASSWORD)
    refusal = refusal_of(lambda: register_user(unique("other"), "ada.lovelace@example.ORG", PASSWORD))
    assert refusal.field == "email"
    assert "e-mail address exists already" in refusal.message


@pytest.mark.parametrize("username", [
    "ab",  # too short
    "a" * 31,  # too long
    "ada lovelace",  # space
    "-ada",  # starts with a dash
    "ada.",  # ends with a dot
    "ada@home",  # '@' would make it look like an e-mail address at sign-in
    "adä",  # letters outside ASCII
])
def test_invalid_usernames_are_refused(db, username):
    refusal = refusal_of(lambda: register_user(username, "someone@example.org", PASSWORD))
    assert refusal.field == "username"
    assert refusal.message.startswith("A username is 3 to 30")
    assert user_rows(db, username) == []


@pytest.mark.parametrize("username", ["ada", "Ada_Lovelace", "a.b-c", "_x_", "a" * 30])
def test_valid_usernames_are_accepted(db, username):
    assert register_user(username, f"{username}@example.org", PASSWORD).id is not None


@pytest.mark.parametrize("password, message_part", [
    ("short1!", "at least 10 characters"),
    ("password1234", "most common passwords"),
])
def test_weak_passwords_are_refused(db, unique, password, message_part):
    name = unique("ada")
    refusal = refusal_of(lambda: register_user(name, f"{name}@example.org", password))
    assert refusal.field == "password"
    assert message_part in refusal.message
    assert user_rows(db, name) == []


def test_register_reader_refuses_and_holds_listed_domains(db, unique, site_policy):
    policy = site_policy(signup_refuse_domains="spam.example\n", signup_hold_domains="@watch.example")
    refusal = refusal_of(lambda: register_reader(unique("s"), "s@Spam.Example", PASSWORD, policy))
    assert refusal.field == "email"

    held = register_reader(unique("w"), f"{unique('w')}@watch.example", PASSWORD, policy)
    assert held.review_all_comments is True
    ordinary = register_reader(unique("o"), f"{unique('o')}@example.org", PASSWORD, policy)
    assert ordinary.review_all_comments is False


def test_domain_rules_cover_subdomains_but_not_lookalikes(db, unique, site_policy):
    policy = site_policy(signup_refuse_domains="mailinator.com", signup_hold_domains="watch.example")
    for address in ("ok@sub.mailinator.com", "ok@a.b.MAILINATOR.com"):
        assert refusal_of(lambda: register_reader(unique("s"), address, PASSWORD, policy)).field == "email"
    held = register_reader(unique("w"), f"{unique('w')}@mail.watch.example", PASSWORD, policy)
    assert held.review_all_comments is True
    # Only whole labels match: notmailinator.com is someone else's domain.
    lookalike = register_reader(unique("o"), f"{unique('o')}@notmailinator.com", PASSWORD, policy)
    assert lookalike.review_all_comments is False


# --- find and authenticate ---

def test_find_user_by_name_or_email_ignoring_case(make, unique):
    user = make.user(username=unique("Grace"))
    assert find_user(user.username.upper()) is user
    assert find_user(f"  {user.email.upper()} ") is user
    assert find_user("nobody-" + user.username) is None


@pytest.mark.parametrize("login_of", [
    lambda user: user.username,
    lambda user: user.username.swapcase(),
    lambda user: user.email.upper(),
])
def test_authenticate_by_name_or_email(make, login_of):
    user = make.user()
    assert authenticate(login_of(user), DEFAULT_PASSWORD) is user


def test_authenticate_refuses_a_wrong_password_and_an_unknown_user_alike(make):
    user = make.user()
    assert authenticate(user.username, DEFAULT_PASSWORD + "x") is None
    assert authenticate(user.username, DEFAULT_PASSWORD.upper()) is None  # passwords are case-sensitive
    assert authenticate("no-such-user", DEFAULT_PASSWORD) is None
    assert authenticate("nobody@example.org", DEFAULT_PASSWORD) is None


# --- change password ---

def test_change_password(db, make):
    user = make.user()
    version_before = user.session_version
    change_password(user, DEFAULT_PASSWORD, NEW_PASSWORD)
    assert user.session_version == version_before + 1
    assert authenticate(user.username, DEFAULT_PASSWORD) is None
    assert authenticate(user.username, NEW_PASSWORD) is user
    assert user.get_id() is None  # every session ended; the view starts this device a new one


def test_change_password_needs_the_current_password(make):
    user = make.user()
    refusal = refusal_of(lambda: change_password(user, "not my password", NEW_PASSWORD))
    assert refusal.field == "current_password"
    assert user.session_version == 1
    assert user.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("new_password", ["short", "qwertyuiop"])
def test_change_password_refuses_a_weak_new_password(make, new_password):
    user = make.user()
    refusal = refusal_of(lambda: change_password(user, DEFAULT_PASSWORD, new_password))
    assert refusal.field == "new_password"
    assert user.check_password(DEFAULT_PASSWORD)


def test_new_password_may_not_be_the_username(make, unique):
    user = make.user(username=unique("longname"))
    refusal = refusal_of(lambda: change_password(user, DEFAULT_PASSWORD, user.username.upper()))
    assert refusal.field == "new_password"
    assert "username" in refusal.message


# --- roles ---

def role_changes(db, user) -> list[ModerationAction]:
    return db.session.scalars(
        sa.select(ModerationAction).where(ModerationAction.target_user_id == user.id,
                                          ModerationAction.verb == Verb.ROLE_CHANGE)
    ).all()


def test_admin_sets_a_role_and_it_is_logged(db, make):
    admin, reader = make.user(role="admin"), make.user()
    set_role(admin, reader, Role.MODERATOR)
    assert reader.role is Role.MODERATOR
    [entry] = role_changes(db, reader)
    assert entry.actor_id == admin.id
    assert entry.details == {"from": "reader", "to": "moderator"}


def test_setting_the_same_role_logs_nothing(db, make):
    admin, reader = make.user(role="admin"), make.user()
    set_role(admin, reader, Role.READER)
    assert role_changes(db, reader) == []


def test_the_command_line_sets_roles_as_the_system(db, make):
    user = make.user()
    set_role(None, user, Role.ADMIN)
    assert user.role is Role.ADMIN
    assert [entry.actor_id for entry in role_changes(db, user)] == [None]


@pytest.mark.parametrize("actor_role", ["reader", "moderator"])
def test_non_admins_may_not_set_roles(make, actor_role):
    actor, target = make.user(role=actor_role), make.user()
    with pytest.raises(Forbidden):
        set_role(actor, target, Role.ADMIN)
    assert target.role is Role.READER


def test_an_admin_may_not_change_their_own_role(make):
    admin = make.user(role="admin")
    with pytest.raises(Forbidden):
        set_role(admin, admin, Role.READER)
    assert admin.role is Role.ADMIN


# --- display names ---

def test_a_display_name_is_trimmed_kept_and_cleared_and_need_not_be_unique(make, site_policy):
    policy = site_policy(banned_words="")
    ada, other = make.user(), make.user()
    set_display_name(ada, ada, "   Ada   Lovelace  ", policy)
    assert ada.display_name == "Ada Lovelace" and ada.shown_name == "Ada Lovelace"
    set_display_name(other, other, "Ada Lovelace", policy)  # the username tells them apart
    assert other.display_name == "Ada Lovelace"
    set_display_name(ada, ada, "   ", policy)
    assert ada.display_name is None and ada.shown_name == ada.username
    set_display_name(ada, ada, "x" * DISPLAY_NAME_MAX_CHARS, policy)
    assert len(ada.display_name) == DISPLAY_NAME_MAX_CHARS
    for name in ("Nguy\u00ea\u0303n Th\u1ecb", "Nguye\u0302\u0303n", "\u0915\u094d\u0937\u093f\u0924\u093f"):
        set_display_name(ada, ada, name, policy)  # Vietnamese and Hindi stack a mark or two: accepted
        assert ada.display_name == name


@pytest.mark.parametrize(("typed", "says"), [
    ("x" * (DISPLAY_NAME_MAX_CHARS + 1), "at most 50 characters"),
    ("Ada\u202eecalevoL", "direction of text"),  # a right-to-left override reverses what follows it
    ("Ada\u2066Lovelace", "direction of text"),
    ("Ada\x00Lovelace", "control characters"),
    ("Ada\x1bLovelace", "control characters"),
    ("Sn4rkle Fan", "not allow"),  # the banned word, obfuscated as the comment rules read it
    ("\u200b\u200b\u200b", "visible character"),  # outside test 6: zero-width spaces showed a blank name
    ("\u3164 \u3164", "visible character"),  # the Hangul filler is a letter drawn blank
    ("Ada" + "\u0301" * 40, "four accents"),  # outside test 7: marks stacked over the lines around the name
])
def test_a_display_name_is_refused_with_a_reason(make, site_policy, typed, says):
    policy = site_policy(banned_words="snarkle")
    ada = make.user()
    refusal = refusal_of(lambda: set_display_name(ada, ada, typed, policy))
    assert refusal.field == "display_name" and says in refusal.message
    assert ada.display_name is None


def test_only_the_person_in_good_standing_names_themselves(make, site_policy):
    policy = site_policy(banned_words="")
    ada = make.user()
    for actor in (make.user(), make.user("admin")):
        with pytest.raises(Forbidden):
            set_display_name(actor, ada, "Someone else", policy)
    suspended = make.user(suspended_until=utcnow() + timedelta(days=1), sanction_reason="cool off")
    with pytest.raises(Forbidden):
        set_display_name(suspended, suspended, "A fresh start", policy)


def test_a_new_display_name_bumps_every_thread_the_person_wrote_in_and_no_other(make, db, site_policy):
    policy = site_policy(banned_words="")
    ada = make.user()
    commented, replied, authored, elsewhere = make.article(), make.article(), make.article(), make.article()
    authored.author = ada
    make.comment(commented, author=ada)
    make.comment(replied, author=ada, parent=make.comment(replied), status="pending")
    make.comment(elsewhere)
    db.session.flush()

    def versions():
        db.session.expire_all()
        return [a.comments_version for a in (commented, replied, authored, elsewhere)]

    before = versions()
    set_display_name(ada, ada, "Ada Lovelace", policy)
    assert versions() == [before[0] + 1, before[1] + 1, before[2] + 1, before[3]]
    set_display_name(ada, ada, " Ada Lovelace ", policy)  # the same name: nothing to redo
    assert versions() == [before[0] + 1, before[1] + 1, before[2] + 1, before[3]]


@pytest.mark.parametrize("name", ["Parley Moderators (official)", "M0derator Jane", "the a.d.m.i.n", "Site Staff",
                                  "parley team", "Official Account", "mod_squad", "Jane ✔", "Verified reader"])
def test_a_reader_may_not_take_a_name_that_speaks_for_the_site(make, site_policy, name):
    reader, policy = make.user(), site_policy(banned_words="")
    refusal = refusal_of(lambda: set_display_name(reader, reader, name, policy, "Parley"))
    assert refusal.field == "display_name" and "staff" in refusal.message
    assert reader.display_name is None


@pytest.mark.parametrize("name", ["Modesto Reyes", "Administrative Law Fan", "Ed Itor", "Staffordshire Sam", "Parleyvoo"])
def test_names_that_only_contain_a_staff_word_are_fine(make, site_policy, name):
    reader, policy = make.user(), site_policy(banned_words="")
    set_display_name(reader, reader, name, policy, "Parley")
    assert reader.display_name == name


def test_staff_may_use_their_title_and_readers_may_not_register_under_one(make, unique, site_policy):
    moderator, policy = make.user(role=Role.MODERATOR), site_policy(banned_words="")
    set_display_name(moderator, moderator, "Jane, moderator", policy, "Parley")
    assert moderator.display_name == "Jane, moderator"
    refusal = refusal_of(lambda: register_reader("parley_admin", "pa@example.org", PASSWORD, policy, "Parley"))
    assert refusal.field == "username"
    assert register_reader(unique("modesto"), f"{unique('m')}@example.org", PASSWORD, policy, "Parley").username
