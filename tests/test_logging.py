"""The log says who did what, and never what they typed as a secret."""
import logging

from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD


def test_log_names_the_actor_and_leaves_out_secrets(app, client, make, caplog):
    user = make.user()
    token = csrf_token(client)
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        client.post("/auth/login", data={"login": user.username, "password": DEFAULT_PASSWORD, "csrf_token": token})
        client.post("/auth/login?token=secret-in-query", data={"login": user.username, "password": "wrong-" + DEFAULT_PASSWORD,
                                                               "csrf_token": token})
        token = csrf_token(client)  # signing in starts a new session, with a new token
        client.post("/auth/logout", data={"csrf_token": token})
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /auth/login" in text and "POST /auth/logout" in text
    assert f"user {user.id} POST /auth/logout" in text
    for secret in (DEFAULT_PASSWORD, token, "secret-in-query", client.get_cookie("session").value if client.get_cookie("session") else "zz-no-cookie"):
        assert secret not in text
