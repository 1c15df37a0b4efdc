"""Sign-up, sign-in, sign-out, change password, safe `next` redirects, CSRF, profiles, and roles on admin pages."""
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import html5lib
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from forum.config import TestConfig
from forum.models import Article, ArticleStatus, Role, User
from forum.views.helpers import is_safe_next
from tests.conftest import Auth, csrf_token
from tests.factories import DEFAULT_PASSWORD

GOOD_PASSWORD = "violet lanterns hum softly"
NEW_PASSWORD = "seven amber kites drifting"
SIGN_IN_ERROR = "That username or e-mail and password do not match an account."
CSRF_MESSAGE = "missing its security token"


# --- clients ---

class RequestPerContextClient(FlaskClient):
    """A test client whose every request runs in an app context of its own, as it does in production.

    The `db` fixture keeps one app context open for the whole test and Flask reuses it for each
    request, so `g` would carry over from request to request and from client to client: the user
    Flask-Login caches there, the CSRF token, the policy. A second device could then not be tested.
    Here each request gets a fresh `g` and a session of its own on the test's connection, nested in
    the test's transaction, so a view's rollback undoes only what that request did. (conftest's
    `own_sessions` does this for the one `client`; the tests here need several devices.)
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def new_client(app) -> RequestPerContextClient:
    return RequestPerContextClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def client(app, db):
    return new_client(app)


# --- reading pages ---

def page(response):
    return html5lib.parse(response.get_data(as_text=True), treebuilder="etree", namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def field_box(document, name):
    """The wrapper of a form field: its label, control, help and errors."""
    for box in document.iter("div"):
        if "field" in box.get("class", "").split() and box.find(f".//*[@name='{name}']") is not None:
            return box
    raise AssertionError(f"no field named {name!r}")


def field_errors(document, name) -> list[str]:
    return [text_of(p) for p in field_box(document, name).iter("p") if "error" in p.get("class", "").split()]


def all_errors(document) -> list[str]:
    return [text_of(p) for p in document.iter("p") if "error" in p.get("class", "").split()]


def field_value(document, name) -> str:
    return document.find(f".//input[@name='{name}']").get("value", "")


def header_text(response) -> str:
    return text_of(page(response).find(".//header"))


def is_signed_in(client) -> bool:
    header = header_text(client.get("/"))
    assert ("Sign out" in header) != ("Sign in" in header), header
    return "Sign out" in header


def location(response) -> str:
    """Where a redirect goes, as a path with its query."""
    parts = urlsplit(response.headers["Location"])
    return parts.path + (f"?{parts.query}" if parts.query else "")


def cookie_names_set(response) -> set[str]:
    return {header.split("=", 1)[0] for header in response.headers.getlist("Set-Cookie")}


def count_users(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def forget_session(client) -> None:
    """What closing the browser does: the session cookie goes, a remember cookie stays."""
    client.delete_cookie("session", domain="localhost")
    assert client.get_cookie("session", domain="localhost") is None


def find_user(db, username: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))


# --- register ---

def register_form(client, username, email, **fields) -> dict:
    data = {"username": username, "email": email, "password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD}
    data.update(fields)
    data["csrf_token"] = csrf_token(client, "/auth/register")
    return data


def test_register_page(client):
    response = client.get("/auth/register")
    assert response.status_code == 200
    document = page(response)
    for name in ("username", "email", "password", "confirm", "csrf_token"):
        assert document.find(f".//form//input[@name='{name}']") is not None, name


def test_register_signs_in_and_redirects(client, db, unique):
    name = unique("ada")
    response = client.post("/auth/register", data=register_form(client, username=name, email=f"{name}@example.org"))
    assert response.status_code == 302
    assert location(response) == "/"

    user = find_user(db, name)
    assert user.email == f"{name}@example.org"
    assert user.role is Role.READER
    assert user.password_hash.startswith("scrypt:")
    assert GOOD_PASSWORD not in user.password_hash

    home = client.get("/")
    assert f"Welcome to Parley, {name}." in text_of(page(home).find(".//main"))
    assert name in header_text(home)
    assert is_signed_in(client)


def test_signed_in_people_are_sent_away_from_register(client, auth):
    auth.login_as("reader")
    assert client.get("/auth/register").status_code == 302


REGISTER_FAILURES = {
    # case: (what is typed, given the existing account `taken`; the field at fault; words of its message)
    "username taken in another case": (lambda taken: {"username": taken.username.upper()},
                                       "username", "That username is taken"),
    "e-mail taken in another case": (lambda taken: {"email": taken.email.title()},
                                     "email", "e-mail address exists already"),
    "username too short": (lambda taken: {"username": "ab"}, "username", "A username is 3 to 30 letters"),
    "username with a space": (lambda taken: {"username": "ada lovelace"}, "username", "A username is 3 to 30"),
    "e-mail not an address": (lambda taken: {"email": "ada-at-example"}, "email", "Invalid email address"),
    "password too short": (lambda taken: {"password": "short1!", "confirm": "short1!"},
                           "password", "Use at least 10 characters."),
    # test_passwords.py checks that zxcvbn lists "password1234".
    "common password": (lambda taken: {"password": "password1234", "confirm": "password1234"},
                        "password", "most common passwords"),
    "confirmation differs": (lambda taken: {"confirm": GOOD_PASSWORD + "!"}, "confirm", "The two passwords differ."),
}


@pytest.mark.parametrize("typed, bad_field, message", REGISTER_FAILURES.values(), ids=REGISTER_FAILURES.keys())
def test_register_failure_shows_the_message_at_the_field_and_keeps_the_input(
        client, db, make, unique, typed, bad_field, message):
    taken = make.user(username=unique("taken"))
    users_before = count_users(db)
    name = unique("new")
    data = register_form(client, username=name, email=f"{name}@example.org")
    data.update(typed(taken))

    response = client.post("/auth/register", data=data)

    assert response.status_code == 400
    document = page(response)
    assert any(message in error for error in field_errors(document, bad_field)), all_errors(document)
    others = [error for name in ("username", "email", "password", "confirm") if name != bad_field
              for error in field_errors(document, name)]
    assert others == []
    assert field_value(document, "username") == data["username"]
    assert field_value(document, "email") == data["email"]
    assert field_value(document, "password") == ""  # passwords are never sent back
    assert field_value(document, "confirm") == ""
    assert count_users(db) == users_before
    assert not is_signed_in(client)


# --- sign in and out ---

def login_form(client, login, password, **extra) -> dict:
    return {"login": login, "password": password, "csrf_token": csrf_token(client, "/auth/login"), **extra}


@pytest.mark.parametrize("login_of", [
    lambda user: user.username,
    lambda user: user.username.upper(),
    lambda user: user.email,
    lambda user: user.email.upper(),
], ids=["username", "USERNAME", "e-mail", "E-MAIL"])
def test_sign_in_by_username_or_email_ignoring_case(client, make, unique, login_of):
    user = make.user(username=unique("Grace"))
    response = client.post("/auth/login", data=login_form(client, login_of(user), DEFAULT_PASSWORD))
    assert response.status_code == 302
    assert location(response) == "/"
    home = client.get("/")
    assert f"Signed in as {user.username}." in text_of(page(home).find(".//main"))
    assert user.username in header_text(home)


def test_wrong_password_and_unknown_user_look_the_same(client, make, unique):
    user = make.user()
    wrong_password = client.post("/auth/login", data=login_form(client, user.username, "not the password"))
    unknown_user = client.post("/auth/login", data=login_form(client, unique("nobody"), DEFAULT_PASSWORD))

    assert wrong_password.status_code == unknown_user.status_code == 400
    wrong_page, unknown_page = page(wrong_password), page(unknown_user)
    assert all_errors(wrong_page) == all_errors(unknown_page) == [SIGN_IN_ERROR]
    assert field_errors(wrong_page, "password") == [SIGN_IN_ERROR]
    for document in (wrong_page, unknown_page):
        words = text_of(document.find(".//main")).lower()
        assert "no such" not in words and "not found" not in words and "unknown" not in words
    assert field_value(wrong_page, "login") == user.username  # what was typed is kept
    assert field_value(wrong_page, "password") == ""
    assert not is_signed_in(client)


def test_sign_in_with_empty_fields_is_a_400(client):
    response = client.post("/auth/login", data=login_form(client, "", ""))
    assert response.status_code == 400
    assert field_errors(page(response), "login")


def test_remember_me_sets_the_remember_cookie(client, make):
    user = make.user()
    response = client.post("/auth/login", data=login_form(client, user.username, DEFAULT_PASSWORD, remember="y"))
    assert response.status_code == 302
    assert "remember_token" in cookie_names_set(response)
    remember = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    assert "HttpOnly" in remember


def test_without_remember_me_there_is_no_remember_cookie(client, make):
    user = make.user()
    response = client.post("/auth/login", data=login_form(client, user.username, DEFAULT_PASSWORD))
    assert response.status_code == 302
    assert "remember_token" not in cookie_names_set(response)
    assert client.get_cookie("remember_token", domain="localhost") is None


@pytest.mark.parametrize("remember, still_signed_in", [("y", True), (None, False)])
def test_only_the_remember_cookie_outlives_the_session_cookie(client, make, remember, still_signed_in):
    user = make.user()
    extra = {"remember": remember} if remember else {}
    client.post("/auth/login", data=login_form(client, user.username, DEFAULT_PASSWORD, **extra))
    forget_session(client)
    assert is_signed_in(client) is still_signed_in


def test_sign_out_needs_a_post(client, auth):
    auth.login_as("reader")
    assert client.get("/auth/logout").status_code == 405
    assert is_signed_in(client)


def test_sign_out_needs_the_csrf_token(client, auth):
    auth.login_as("reader")
    response = client.post("/auth/logout", data={})
    assert response.status_code == 400
    assert CSRF_MESSAGE in text_of(page(response).find(".//main"))
    assert is_signed_in(client)


def test_sign_out(client, auth):
    user = auth.login_as("reader")
    response = auth.logout()
    assert response.status_code == 302
    home = client.get("/")
    assert "You are signed out." in text_of(page(home).find(".//main"))
    assert user.username not in header_text(home)
    assert not is_signed_in(client)
    assert "Sign in" in header_text(client.get(f"/users/{user.username}"))


# --- where sign-in leads ---

UNSAFE_NEXT = ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)",
               "http:/evil.example", "///evil.example", "/\tevil.example", "evil.example"]


@pytest.mark.parametrize("target, safe", [
    ("/", True),
    ("/articles/some-slug", True),
    ("/articles/some-slug?sort=best#c12", True),
    ("/admin/", True),
    ("", False),
    (None, False),
    *[(target, False) for target in UNSAFE_NEXT],
    ("\\\\evil.example", False),
    ("/ok\r\nLocation: https://evil.example", False),
])
def test_is_safe_next(target, safe):
    assert is_safe_next(target) is safe


def test_sign_in_follows_a_safe_next(client, make):
    user = make.user()
    response = client.post("/auth/login?next=/admin/users%3Fafter%3D5",
                           data=login_form(client, user.username, DEFAULT_PASSWORD))
    assert location(response) == "/admin/users?after=5"


def test_sign_in_follows_next_from_the_form(client, make):
    user = make.user()
    response = client.post("/auth/login", data=login_form(client, user.username, DEFAULT_PASSWORD,
                                                          next="/users/" + user.username))
    assert location(response) == "/users/" + user.username


@pytest.mark.parametrize("target", UNSAFE_NEXT)
def test_sign_in_ignores_an_unsafe_next(client, make, target):
    user = make.user()
    response = client.post("/auth/login", query_string={"next": target},
                           data=login_form(client, user.username, DEFAULT_PASSWORD, next=target))
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example"])
def test_register_ignores_an_unsafe_next(client, unique, target):
    name = unique("ada")
    response = client.post("/auth/register", query_string={"next": target},
                           data=register_form(client, username=name, email=f"{name}@example.org"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_register_follows_a_safe_next(client, unique):
    name = unique("ada")
    response = client.post("/auth/register?next=/users/someone",
                           data=register_form(client, username=name, email=f"{name}@example.org"))
    assert location(response) == "/users/someone"


def test_the_login_page_carries_next_into_its_form(client):
    document = page(client.get("/auth/login?next=/admin/"))
    assert document.find(".//form//input[@name='next']").get("value") == "/admin/"


# --- change password ---

def password_form(client, current, new, confirm=None) -> dict:
    return {"current_password": current, "new_password": new, "confirm": new if confirm is None else confirm,
            "csrf_token": csrf_token(client, "/auth/password")}


def test_change_password_needs_sign_in(client):
    response = client.get("/auth/password")
    assert response.status_code == 302
    assert location(response).startswith("/auth/login?next=")


def test_change_password_with_a_wrong_current_password(client, db, auth):
    user = auth.login_as("reader")
    response = client.post("/auth/password", data=password_form(client, "not my password", NEW_PASSWORD))
    assert response.status_code == 400
    document = page(response)
    assert field_errors(document, "current_password") == ["That is not your current password."]
    assert field_value(document, "new_password") == ""
    assert find_user(db, user.username).check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("new, confirm, bad_field", [
    ("qwertyuiop", "qwertyuiop", "new_password"),
    ("short", "short", "new_password"),
    (NEW_PASSWORD, NEW_PASSWORD + "!", "confirm"),
])
def test_change_password_refuses_a_bad_new_password(client, db, auth, new, confirm, bad_field):
    user = auth.login_as("reader")
    response = client.post("/auth/password", data=password_form(client, DEFAULT_PASSWORD, new, confirm))
    assert response.status_code == 400
    assert field_errors(page(response), bad_field)
    assert find_user(db, user.username).check_password(DEFAULT_PASSWORD)


def test_change_password(app, client, auth):
    user = auth.login_as("reader")
    response = client.post("/auth/password", data=password_form(client, DEFAULT_PASSWORD, NEW_PASSWORD))
    assert response.status_code == 302
    assert location(response) == f"/users/{user.username}"
    assert is_signed_in(client)  # this session was re-issued

    fresh = new_client(app)
    refused = fresh.post("/auth/login", data=login_form(fresh, user.username, DEFAULT_PASSWORD))
    assert refused.status_code == 400
    accepted = fresh.post("/auth/login", data=login_form(fresh, user.username, NEW_PASSWORD))
    assert accepted.status_code == 302


def test_changing_the_password_signs_out_other_sessions(app, client, make):
    user = make.user()
    other_device, remembered_device = new_client(app), new_client(app)
    Auth(other_device, make).login(user)
    remembered_device.post("/auth/login", data=login_form(remembered_device, user.username, DEFAULT_PASSWORD,
                                                          remember="y"))
    forget_session(remembered_device)
    assert is_signed_in(other_device) and is_signed_in(remembered_device)

    Auth(client, make).login(user)
    response = client.post("/auth/password", data=password_form(client, DEFAULT_PASSWORD, NEW_PASSWORD))
    assert response.status_code == 302

    assert not is_signed_in(other_device)
    assert not is_signed_in(remembered_device)
    assert other_device.get("/auth/password").status_code == 302
    assert is_signed_in(client)


# --- CSRF ---

def test_the_test_config_leaves_csrf_on(app):
    assert getattr(TestConfig, "WTF_CSRF_ENABLED", True) is True
    assert app.config["WTF_CSRF_ENABLED"] is True


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register"])
def test_auth_forms_without_the_token_are_refused(client, db, make, unique, path):
    user = make.user()
    name = unique("nocsrf")
    data = {"login": user.username, "password": DEFAULT_PASSWORD,  # a correct sign-in, or a valid sign-up
            "username": name, "email": f"{name}@example.org", "confirm": DEFAULT_PASSWORD}
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert CSRF_MESSAGE in text_of(page(response).find(".//main"))
    assert find_user(db, name) is None
    assert not is_signed_in(client)


def test_auth_forms_with_a_forged_token_are_refused(client, make):
    user = make.user()
    response = client.post("/auth/login", data={"login": user.username, "password": DEFAULT_PASSWORD,
                                                "csrf_token": "forged"})
    assert response.status_code == 400
    assert CSRF_MESSAGE in text_of(page(response).find(".//main"))


def test_new_article_without_the_token_is_refused(client, db, auth, unique):
    auth.login_as("admin")
    title = unique("Sneaky ")
    response = client.post("/admin/articles/new", data={"title": title, "body": "Text.", "save": "1"})
    assert response.status_code == 400
    assert CSRF_MESSAGE in text_of(page(response).find(".//main"))
    assert db.session.scalar(sa.select(Article).where(Article.title == title)) is None


# --- roles on admin pages ---

ADMIN_PAGES = [
    ("GET", "/admin/"),
    ("GET", "/admin/articles/new"),
    ("GET", "/admin/users"),
    ("POST", "/admin/users/{reader_id}/role"),
    ("POST", "/admin/articles/{draft_id}/publish"),
]


@pytest.fixture
def admin_targets(make):
    """A reader whose role can change and a draft that can be published."""
    return {"reader_id": make.user().id, "draft_id": make.article(published=False).id}


def visit(client, method, path_template, targets):
    path = path_template.format(**targets)
    if method == "GET":
        return client.get(path)
    data = {"csrf_token": csrf_token(client), "role": "moderator"}
    return client.post(path, data=data)


@pytest.mark.parametrize("method, path", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, admin_targets, method, path):
    response = visit(client, method, path, admin_targets)
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert target.path == "/auth/login"
    assert parse_qs(target.query)["next"] == [path.format(**admin_targets)]


@pytest.mark.parametrize("role", ["reader", "moderator"])
@pytest.mark.parametrize("method, path", ADMIN_PAGES)
def test_readers_and_moderators_are_refused(client, db, auth, admin_targets, role, method, path):
    auth.login_as(role)
    response = visit(client, method, path, admin_targets)
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(User, admin_targets["reader_id"]).role is Role.READER
    assert not db.session.get(Article, admin_targets["draft_id"]).status == ArticleStatus.PUBLISHED


@pytest.mark.parametrize("method, path", ADMIN_PAGES)
def test_admins_are_let_in(client, db, auth, admin_targets, method, path):
    auth.login_as("admin")
    response = visit(client, method, path, admin_targets)
    assert response.status_code == (200 if method == "GET" else 302)
    db.session.expire_all()
    if path.endswith("/role"):
        assert db.session.get(User, admin_targets["reader_id"]).role is Role.MODERATOR
    if path.endswith("/publish"):
        assert db.session.get(Article, admin_targets["draft_id"]).status == ArticleStatus.PUBLISHED


@pytest.mark.parametrize("role, sees_admin_link", [("reader", False), ("moderator", False), ("admin", True)])
def test_the_header_shows_the_admin_link_to_admins_only(client, auth, role, sees_admin_link):
    auth.login_as(role)
    links = {a.get("href") for a in page(client.get("/")).find(".//header").iter("a")}
    assert ("/admin/" in links) is sees_admin_link


# --- the admin's user list ---

def role_form(client, role) -> dict:
    return {"role": role, "csrf_token": csrf_token(client, "/admin/users")}


def test_admin_changes_a_role(client, db, auth, make):
    auth.login_as("admin")
    reader = make.user()
    listing = page(client.get("/admin/users"))
    assert listing.find(f".//form[@action='/admin/users/{reader.id}/role']//select[@name='role']") is not None

    response = client.post(f"/admin/users/{reader.id}/role", data=role_form(client, "moderator"))
    assert response.status_code == 302
    assert location(response) == "/admin/users"
    db.session.expire_all()
    assert db.session.get(User, reader.id).role is Role.MODERATOR
    assert f"{reader.username} is now moderator." in text_of(page(client.get("/admin/users")).find(".//main"))


def test_admin_cannot_change_their_own_role(client, db, auth):
    admin = auth.login_as("admin")
    listing = page(client.get("/admin/users"))
    assert listing.find(f".//form[@action='/admin/users/{admin.id}/role']") is None
    own_row = next(row for row in listing.iter("tr") if admin.username in text_of(row))
    assert "(you)" in text_of(own_row)

    response = client.post(f"/admin/users/{admin.id}/role", data=role_form(client, "reader"))
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(User, admin.id).role is Role.ADMIN


@pytest.mark.parametrize("role", ["owner", "", "ADMIN"])
def test_an_invalid_role_is_a_400(client, db, auth, make, role):
    auth.login_as("admin")
    reader = make.user()
    response = client.post(f"/admin/users/{reader.id}/role", data=role_form(client, role))
    assert response.status_code == 400
    assert "Choose one of the roles" in text_of(page(response).find(".//main"))
    db.session.expire_all()
    assert db.session.get(User, reader.id).role is Role.READER


def test_changing_the_role_of_a_missing_user_is_a_404(client, auth):
    auth.login_as("admin")
    assert client.post("/admin/users/999999/role", data=role_form(client, "moderator")).status_code == 404


# --- profiles ---

def test_profile_shows_the_username_and_join_date(client, make, unique):
    user = make.user(username=unique("Hedy"))
    response = client.get(f"/users/{user.username}")
    assert response.status_code == 200
    profile = text_of(page(response).find(".//main"))
    assert user.username in page(response).find(".//h1").text
    assert "Joined " + user.created_at.astimezone(timezone.utc).strftime("%-d %B %Y") in profile
    assert "has not published any comments yet" in profile


def test_profile_lookup_ignores_case(client, make, unique):
    user = make.user(username=unique("Hedy"))
    response = client.get(f"/users/{user.username.upper()}")
    assert response.status_code == 200
    assert user.username in text_of(page(response).find(".//h1"))


def test_profile_of_an_unknown_user_is_a_404(client, unique):
    assert client.get(f"/users/{unique('nobody')}").status_code == 404


def test_own_profile_offers_the_password_change(client, auth, make):
    user = auth.login_as("reader")
    stranger = make.user()
    assert "Change your password" in text_of(page(client.get(f"/users/{user.username}")).find(".//main"))
    assert "Change your password" not in text_of(page(client.get(f"/users/{stranger.username}")).find(".//main"))


def test_staff_reach_a_readers_moderation_page_from_the_profile_and_read_their_sanction(client, auth, make):
    """Walk-through finding 10: from a name in a thread, a moderator found no way to the sanctions."""
    suspended = make.user(suspended_until=datetime.now(timezone.utc) + timedelta(days=3), sanction_reason="Insults.")
    banned = make.user(banned_reason="Spam.")
    plain = make.user()
    auth.login_as("reader")
    for person in (suspended, plain):
        main = page(client.get(f"/users/{person.username}")).find(".//main")
        assert f"/moderation/users/{person.username}" not in [a.get("href") for a in main.iter("a")]
    auth.logout()
    auth.login_as("moderator")
    for person, standing in ((suspended, "Suspended until"), (banned, "Banned since"), (plain, None)):
        main = page(client.get(f"/users/{person.username}")).find(".//main")
        links = [a.get("href") for a in main.iter("a")]
        assert f"/moderation/users/{person.username}" in links
        said = text_of(main)
        assert (standing in said) if standing else ("Suspended" not in said and "Banned" not in said)
