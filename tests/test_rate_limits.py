"""Rate limits: configured per route, a 429 that says when to retry, and counters that several
workers share through Redis."""
import os
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.config import TestConfig
from forum.extensions import db
from forum.models import User
from tests.conftest import skip_or_fail


PASSPHRASE = "a long enough passphrase here"


def _app(database_url, **overrides):
    config = type("LimitedConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False,
        **overrides,
    })
    return create_app(config)


def _fail_login(client, name="someone", address="10.0.0.1"):
    return client.post("/auth/login", data={"login": name, "password": "not the password"},
                       environ_base={"REMOTE_ADDR": address})


@contextmanager
def registered_reader(limited, client, prefix: str, address: str):
    """A reader signed up through the form from `address` (asserted), removed again afterwards: these apps
    commit for real, and the test database is shared."""
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    created = client.post("/auth/register", environ_base={"REMOTE_ADDR": address}, data={
        "username": name, "email": f"{name}@example.org", "password": PASSPHRASE, "confirm": PASSPHRASE})
    assert created.status_code == 302
    try:
        yield name
    finally:
        with limited.app_context():
            db.session.execute(sa.delete(User).where(User.username == name))
            db.session.commit()


def test_failed_sign_ins_from_one_address_slow_down_across_accounts(app, database_url):
    client = _app(database_url, RATELIMIT_LOGIN_PER_ADDRESS="3 per minute",
                  RATELIMIT_STORAGE_URI="memory://").test_client()
    answers = [_fail_login(client, f"name{i}", "10.0.0.7") for i in range(5)]
    assert [a.status_code for a in answers] == [400, 400, 400, 429, 429]
    # Retry-After tells a client to wait: only the refusals carry it (outside test 6).
    assert [("Retry-After" in a.headers) for a in answers] == [False, False, False, True, True]


def test_the_429_page_says_when_to_retry(app, database_url):
    client = _app(database_url, RATELIMIT_LOGIN_PER_ADDRESS="1 per minute",
                  RATELIMIT_STORAGE_URI="memory://").test_client()
    _fail_login(client, "x")
    response = _fail_login(client, "x")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Please wait" in response.get_data(as_text=True)


def test_posting_is_limited_per_account(app, database_url):
    limited = _app(database_url, RATELIMIT_POST="2 per minute", RATELIMIT_STORAGE_URI="memory://")
    # The limited app shares the database; this test's rows live in the rolled-back session, so
    # the limit is checked on the article route before any database work is needed.
    client = limited.test_client()
    codes = [client.post("/articles/no-such-article/comments", data={"body": "hi"}).status_code for _ in range(4)]
    assert codes[:2] == [404, 404] and codes[2:] == [429, 429]


def test_counters_are_shared_through_redis(app, database_url):
    """Two app instances (two workers, or two hosts) count against one limit in Redis."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        skip_or_fail("the Redis test needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15)")
    import redis

    connection = redis.Redis.from_url(redis_url)
    try:
        connection.ping()
    except redis.ConnectionError:
        skip_or_fail(f"Redis does not answer at {redis_url}")
    # An address of this run's own (an IPv6 one, made unique), so that its counter is not shared with
    # any other test failing sign-ins through this Redis; its keys are removed afterwards.
    address = f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"
    settings = dict(RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_LOGIN_PER_ADDRESS="4 per minute")
    first, second = _app(database_url, **settings).test_client(), _app(database_url, **settings).test_client()
    try:
        assert [_fail_login(first, "nobody", address).status_code for _ in range(2)] == [400, 400]
        assert [_fail_login(second, "nobody", address).status_code for _ in range(2)] == [400, 400]
        assert _fail_login(first, "nobody", address).status_code == 429
        assert _fail_login(second, "nobody", address).status_code == 429
        assert any(connection.scan_iter(f"*{address}*")), "the counters are not in Redis"
    finally:
        for key in connection.scan_iter(f"*{address}*"):
            connection.delete(key)


def test_failed_sign_ups_are_limited_per_address(app, database_url):
    client = _app(database_url, RATELIMIT_REGISTER_ATTEMPTS="2 per hour", RATELIMIT_STORAGE_URI="memory://").test_client()
    codes = [client.post("/auth/register", data={"username": ""}, environ_base={"REMOTE_ADDR": "10.1.1.1"}).status_code
             for _ in range(3)]
    assert codes == [400, 400, 429]


def test_accounts_created_are_limited_per_address_but_typos_are_not(app, database_url):
    limited = _app(database_url, RATELIMIT_REGISTER="1 per hour", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    address = {"REMOTE_ADDR": "10.2.2.2"}
    for _ in range(3):  # typos do not use up the allowance of accounts
        assert client.post("/auth/register", data={"username": ""}, environ_base=address).status_code == 400
    with registered_reader(limited, client, "new", "10.2.2.2"):
        client.post("/auth/logout")
        assert client.post("/auth/register", data={"username": ""}, environ_base=address).status_code == 429


def test_live_previews_are_limited_per_account(app, database_url):
    """A preview of a long text costs up to half a second of rendering: an endless stream of them is refused."""
    limited = _app(database_url, RATELIMIT_PREVIEW="3 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    codes = [client.post("/comments/preview", data={"body": "hi"}, environ_base={"REMOTE_ADDR": "10.3.3.3"}).status_code
             for _ in range(4)]
    # Signed out, each answer is the 401 that keeps the text and links to sign-in, still counted against the address.
    assert codes[:3] == [401, 401, 401] and codes[3] == 429


def test_flags_are_limited_per_account_on_the_pages_and_the_api_together(app, database_url):
    """Outsider review F13: a minutes-old account sent 18 flags in a second. One bucket per account serves the
    flag form and the API alike, whatever address the account comes from."""
    limited = _app(database_url, RATELIMIT_FLAG="2 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    with registered_reader(limited, client, "flagger", "10.4.4.4"):
        def flag_page(address):
            return client.post("/comments/999999999/flag", data={"reason": "abuse"},
                               environ_base={"REMOTE_ADDR": address}).status_code

        def flag_api(address):
            return client.post("/api/v1/comments/999999999/flags", json={"reason": "abuse"},
                               environ_base={"REMOTE_ADDR": address}).status_code

        assert [flag_page("10.4.4.5"), flag_page("10.4.4.6")] == [404, 404]  # counted though there is no such comment
        assert [flag_api("10.4.4.7"), flag_page("10.4.4.8")] == [429, 429]


def test_the_previews_refusals_are_json_for_the_script_that_asked(app, database_url):
    """The preview script reads JSON: a signed-out writer and a too-eager one are told so in JSON (review F15)."""
    limited = _app(database_url, RATELIMIT_PREVIEW="1 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    answers = [client.post("/comments/preview", data={"body": "hi"}, environ_base={"REMOTE_ADDR": "10.3.3.4"})
               for _ in range(2)]
    assert [a.status_code for a in answers] == [401, 429]
    assert "Retry-After" not in answers[0].headers and "X-RateLimit-Remaining" in answers[0].headers
    assert all(a.mimetype == "application/json" for a in answers)
    assert "signed out" in answers[0].get_json()["error"]["message"]
    assert "Please wait" in answers[1].get_json()["error"]["message"] and int(answers[1].headers["Retry-After"]) > 0


@pytest.fixture
def password_checks(monkeypatch):
    """How many times a stored password hash was checked (each one costs a worker about 0.4 s of scrypt)."""
    import forum.actions.accounts
    import forum.models.user

    calls = []
    for module in (forum.models.user, forum.actions.accounts):
        real = module.check_password_hash
        monkeypatch.setattr(module, "check_password_hash",
                            lambda hashed, password, real=real: calls.append(1) or real(hashed, password))
    return calls


def test_successful_sign_ins_are_limited_per_account_before_the_password_is_checked(app, database_url, password_checks):
    """Outside test, finding 2: loops signing in to one's own account kept the workers busy with scrypt."""
    limited = _app(database_url, RATELIMIT_PASSWORD_CHECKS_PER_ACCOUNT="3 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    with registered_reader(limited, client, "signer", "10.5.5.1") as name:
        codes = []
        for attempt in range(5):
            client.post("/auth/logout")
            codes.append(client.post("/auth/login", data={"login": name, "password": PASSPHRASE},
                                     environ_base={"REMOTE_ADDR": f"10.5.5.{attempt + 2}"}).status_code)
        assert codes == [302, 302, 302, 429, 429]
        assert len(password_checks) == 3  # the refused ones cost no scrypt
        refused = client.post("/auth/login", data={"login": name.upper(), "password": "x"},
                              environ_base={"REMOTE_ADDR": "10.5.5.9"})
        assert refused.status_code == 429 and "Please wait" in refused.get_data(as_text=True)
        assert "not lost if you go back" in refused.get_data(as_text=True)


def test_password_checks_from_one_address_are_limited_whatever_the_account(app, database_url, password_checks):
    limited = _app(database_url, RATELIMIT_PASSWORD_CHECKS_PER_ADDRESS="3 per minute",
                   RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    codes = [client.post("/auth/login", data={"login": f"someone{i}", "password": "a guess"},
                         environ_base={"REMOTE_ADDR": "10.6.6.6"}).status_code for i in range(5)]
    assert codes == [400, 400, 400, 429, 429]
    assert len(password_checks) == 3


def test_changing_the_password_and_deleting_the_account_share_the_accounts_allowance(app, database_url,
                                                                                    password_checks):
    limited = _app(database_url, RATELIMIT_PASSWORD_CHECKS_PER_ACCOUNT="3 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    with registered_reader(limited, client, "changer", "10.7.7.1") as name:
        client.post("/auth/logout")
        assert client.post("/auth/login", data={"login": name, "password": PASSPHRASE},
                           environ_base={"REMOTE_ADDR": "10.7.7.2"}).status_code == 302
        wrong = {"current_password": "not it", "new_password": "another long passphrase", "confirm": "another long passphrase"}
        assert client.post("/auth/password", data=wrong, environ_base={"REMOTE_ADDR": "10.7.7.3"}).status_code == 400
        assert client.post("/account/delete", data={"password": "not it", "comments": "keep"},
                           environ_base={"REMOTE_ADDR": "10.7.7.4"}).status_code == 400
        checked = len(password_checks)
        assert client.post("/account/delete", data={"password": "not it", "comments": "keep"},
                           environ_base={"REMOTE_ADDR": "10.7.7.5"}).status_code == 429
        assert client.post("/auth/password", data=wrong, environ_base={"REMOTE_ADDR": "10.7.7.6"}).status_code == 429
        assert len(password_checks) == checked
