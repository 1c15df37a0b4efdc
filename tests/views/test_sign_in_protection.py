"""Sign-in protection that cannot be turned against the owner, sessions that end when signed out,
and the client's address behind a proxy (issue 11, findings 8-10)."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.actions.sessions import FREE_FAILURES, MAX_WAIT, wait_before_next_attempt
from forum.checks import check_config
from forum.config import TestConfig
from forum.models import Role, User, UserSession
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD
from tests.views.test_auth import is_signed_in, new_client

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)
OWNER_ADDRESS = "198.51.100.7"


@pytest.fixture
def client(app, db):
    return new_client(app)


def sign_in(client, login, password=DEFAULT_PASSWORD, address=OWNER_ADDRESS, **extra):
    data = {"login": login, "password": password, "csrf_token": csrf_token(client, "/auth/login"), **extra}
    return client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": address})


def sign_out(client):
    return client.post("/auth/logout", data={"csrf_token": csrf_token(client)})


# --- the rule ---

def test_no_wait_for_the_first_failures_then_a_doubling_wait_with_a_ceiling():
    just_now = NOW - timedelta(milliseconds=1)
    assert wait_before_next_attempt(FREE_FAILURES - 1, just_now, NOW) == timedelta(0)
    waits = [wait_before_next_attempt(FREE_FAILURES + n, NOW, NOW) for n in range(4)]
    assert waits == [timedelta(seconds=s) for s in (1, 2, 4, 8)]
    assert wait_before_next_attempt(10 ** 9, NOW, NOW) == MAX_WAIT  # a huge count is no lockout
    assert wait_before_next_attempt(10 ** 9, NOW - MAX_WAIT, NOW) == timedelta(0)
    assert wait_before_next_attempt(FREE_FAILURES + 3, NOW - timedelta(seconds=5), NOW) == timedelta(seconds=3)


# --- finding 8: nobody can lock the owner out ---

def test_failures_from_elsewhere_never_block_the_owner_at_an_address_they_used(app, database_url, unique):
    # With the rate limiter on, as in production: before, 5 failures blocked the right password for 15 minutes.
    limited = _limited_app(database_url, hops=0, per_address="1000 per minute")
    name = unique("owner")
    with limited.app_context():
        from forum.actions.accounts import register_user
        from forum.extensions import db as real_db
        owner_id = register_user(name, f"{name}@example.org", DEFAULT_PASSWORD, role=Role.ADMIN).id
        real_db.session.commit()
    try:
        owner, attacker = limited.test_client(), limited.test_client()
        assert _post_sign_in(owner, name, DEFAULT_PASSWORD, OWNER_ADDRESS) == 302
        owner.post("/auth/logout")
        codes = [_post_sign_in(attacker, name, f"guess {n}", f"203.0.113.{n}") for n in range(12)]
        assert codes[:FREE_FAILURES] == [400] * FREE_FAILURES and 429 in codes
        assert _post_sign_in(owner, name, DEFAULT_PASSWORD, OWNER_ADDRESS) == 302
        with limited.app_context():
            assert real_db.session.get(User, owner_id).failed_sign_ins == 0  # a success starts the count again
    finally:  # this app commits for real: leave the shared test database as it was
        with limited.app_context():
            real_db.session.execute(sa.delete(User).where(User.id == owner_id))
            real_db.session.commit()


def test_failures_at_the_owners_own_address_do_not_keep_their_device_out(app, database_url, unique):
    """Outsider review: 20 failures from a shared address (an office, a carrier, a proxy) blocked the
    owners who use it. Their browser's device cookie, set when they signed in, passes that limit."""
    limited = _limited_app(database_url, hops=0, per_address="3 per minute")
    limited.config["RATELIMIT_LOGIN_PER_DEVICE"] = "2 per minute"
    name = unique("owner")
    with limited.app_context():
        from forum.actions.accounts import register_user
        from forum.extensions import db as real_db
        owner_id = register_user(name, f"{name}@example.org", DEFAULT_PASSWORD).id
        real_db.session.commit()
    try:
        owner, neighbour, new_browser = limited.test_client(), limited.test_client(), limited.test_client()
        assert _post_sign_in(owner, name, DEFAULT_PASSWORD, OWNER_ADDRESS) == 302
        owner.post("/auth/logout")
        assert [_post_sign_in(neighbour, f"nobody-{n}", "x", OWNER_ADDRESS) for n in range(4)][-1] == 429
        assert _post_sign_in(new_browser, name, DEFAULT_PASSWORD, OWNER_ADDRESS) == 429  # no device cookie
        assert _post_sign_in(owner, name, DEFAULT_PASSWORD, OWNER_ADDRESS) == 302
        owner.post("/auth/logout")
        # A device cookie is no licence to guess: it gets a few failures of its own.
        assert [_post_sign_in(owner, name, "wrong", OWNER_ADDRESS) for _ in range(3)] == [400, 400, 429]
    finally:
        with limited.app_context():
            real_db.session.execute(sa.delete(User).where(User.id == owner_id))
            real_db.session.commit()


def _post_sign_in(client, login, password, address):
    return client.post("/auth/login", data={"login": login, "password": password},
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_the_account_is_slowed_down_not_locked_and_says_for_how_long(client, make, db):
    owner = make.user()
    codes = [sign_in(client, owner.username, "wrong", address="203.0.113.9").status_code
             for _ in range(FREE_FAILURES)]
    assert codes == [400] * FREE_FAILURES
    waiting = sign_in(client, owner.username, address="192.0.2.50")  # the right password, from a new place
    assert waiting.status_code == 429
    assert 1 <= int(waiting.headers["Retry-After"]) <= 2
    text = waiting.get_data(as_text=True)
    assert "Too many failed sign-ins for this account" in text and owner.username in text  # what was typed stays
    # The wait is short: once it has passed, the right password works from anywhere.
    db.session.execute(sa.update(User).where(User.id == owner.id)
                       .values(last_failed_sign_in_at=datetime.now(timezone.utc) - timedelta(seconds=3)))
    assert sign_in(client, owner.username, address="192.0.2.50").status_code == 302


def test_username_and_email_count_against_one_account(client, make):
    owner = make.user()
    for attempt in range(FREE_FAILURES):
        login = owner.username if attempt % 2 else owner.email.upper()
        assert sign_in(client, login, "wrong", address="203.0.113.20").status_code == 400
    assert sign_in(client, owner.email, "wrong", address="203.0.113.20").status_code == 429
    assert sign_in(client, owner.username.upper(), "wrong", address="203.0.113.20").status_code == 429


def test_unknown_names_have_no_account_counter(client, unique):
    name = unique("nobody")
    codes = {sign_in(client, name, "wrong", address="203.0.113.30").status_code for _ in range(FREE_FAILURES + 2)}
    assert codes == {400}


# --- finding 10: sessions end when signed out; a new CSRF token at sign-in ---

def _copy_cookies(source, target, names=("session", "remember_token")):
    for name in names:
        cookie = source.get_cookie(name, domain="localhost")
        if cookie is not None:
            target.set_cookie(name, cookie.value, domain="localhost")


def test_a_copied_session_cookie_stops_working_after_sign_out(client, make):
    user = make.user()
    sign_in(client, user.username, remember="y")
    copy = new_client(client.application)
    _copy_cookies(client, copy)
    assert is_signed_in(copy)
    assert sign_out(client).status_code == 302
    assert not is_signed_in(copy)
    remembered_only = new_client(client.application)
    _copy_cookies(copy, remembered_only, names=("remember_token",))
    assert not is_signed_in(remembered_only)


def test_signing_out_ends_only_that_session(client, make, db):
    user = make.user()
    other_device = new_client(client.application)
    sign_in(client, user.username)
    sign_in(other_device, user.username)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                             .where(UserSession.user_id == user.id)) == 2
    sign_out(client)
    assert not is_signed_in(client) and is_signed_in(other_device)


def test_a_csrf_token_from_before_sign_in_is_refused_after_it(client, make):
    user = make.user()
    planted = csrf_token(client, "/auth/login")  # e.g. fixed in the browser by someone else beforehand
    sign_in(client, user.username)
    assert client.post("/auth/logout", data={"csrf_token": planted}).status_code == 400
    assert is_signed_in(client)
    assert sign_out(client).status_code == 302 and not is_signed_in(client)


def test_a_cookie_of_the_old_form_or_a_forged_key_names_nobody(client, make, app):
    user = make.user()
    with app.test_request_context():
        from forum.views.auth import load_user
        assert load_user(f"{user.id}:{user.session_version}") is None  # before server-side sessions
        assert load_user(f"{user.id}:{user.session_version}:not-a-session") is None
        assert load_user(f"{2 ** 40}:1:x") is None and load_user("1:1:") is None


# --- finding 9: the real client behind a proxy ---

def _limited_app(database_url, hops, per_address="2 per minute"):
    config = type("ProxiedConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_LOGIN_PER_ADDRESS": per_address, "PROXY_HOPS": hops,
    })
    return create_app(config)


def _fail_through_proxy(client, forwarded_for):
    return client.post("/auth/login", data={"login": "nobody-at-all", "password": "x"},
                       environ_base={"REMOTE_ADDR": "10.0.0.1"}, headers={"X-Forwarded-For": forwarded_for}).status_code


@pytest.mark.parametrize("hops, second_client_limited", [(1, False), (0, True)])
def test_limits_key_on_the_client_behind_the_configured_proxies(app, database_url, hops, second_client_limited):
    client = _limited_app(database_url, hops).test_client()
    assert [_fail_through_proxy(client, "192.0.2.1") for _ in range(3)] == [400, 400, 429]
    assert (_fail_through_proxy(client, "192.0.2.2") == 429) is second_client_limited


def test_flask_check_warns_when_forwarded_requests_arrive_without_hops(app, database_url, tmp_path):
    config = type("UnproxiedConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url,
                                                     "INSTANCE_DIR": str(tmp_path)})
    unproxied = create_app(config)
    assert "PARLEY_PROXY_HOPS" not in unproxied.test_cli_runner().invoke(args=["check"]).output
    unproxied.test_client().get("/healthz", headers={"X-Forwarded-For": "192.0.2.1"})
    output = unproxied.test_cli_runner().invoke(args=["check"]).output
    assert re.search(r"WARNING +Requests arrived with an X-Forwarded-For header", output)
    # With the hops configured the same observation is no problem.
    assert not [f for f in check_config({"PROXY_HOPS": 1}, {}, "2026-12-06 10:00 UTC") if "Forwarded" in f.message]


def test_an_account_keeps_at_most_its_newest_sessions(make, db):
    """Outside test, finding 2: a loop of sign-ins added a session row each time, without bound."""
    from forum.actions.sessions import MAX_SESSIONS_PER_ACCOUNT, start_session

    user, other = make.user(), make.user()
    start_session(other, "address", datetime.now(timezone.utc), timedelta(days=30))
    start = datetime.now(timezone.utc)
    keys = [start_session(user, "address", start + timedelta(seconds=n), timedelta(days=30))
            for n in range(MAX_SESSIONS_PER_ACCOUNT + 5)]

    def sessions_of(account):
        return db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                                 .where(UserSession.user_id == account.id))

    assert sessions_of(user) == MAX_SESSIONS_PER_ACCOUNT and sessions_of(other) == 1
    from forum.actions.sessions import load_session_user
    now = start + timedelta(minutes=1)
    assert load_session_user(keys[-1], now, timedelta(days=30)) is not None  # the newest stay open
    assert load_session_user(keys[4], now, timedelta(days=30)) is None  # the oldest ended
