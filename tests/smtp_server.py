"""A real SMTP server for the mail tests (aiosmtpd on a free loopback port), and what it received."""
import socket
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        return self.message.get_content()


class Inbox:
    """aiosmtpd's handler: every message accepted is kept, parsed as a mail client would."""

    def __init__(self):
        self.received: list[Received] = []
        self.refused: set[str] = set()  # addresses answered "550", as a server answers for an unknown mailbox
        self.connections = 0  # SMTP sessions opened (each client greets once)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]

    def clear(self) -> None:
        self.received.clear()
        self.refused.clear()
        self.connections = 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    """One SMTP server for the whole run; `mail` below points the app at it and empties the inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def mail(app, monkeypatch, smtp_server) -> Inbox:
    """The app sends to the test SMTP server (no TLS, no login on loopback); the inbox starts empty."""
    inbox, port = smtp_server
    inbox.clear()
    for name, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False,
                        "MAIL_USE_SSL": False, "MAIL_USERNAME": None, "MAIL_PASSWORD": None,
                        "MAIL_FROM": "Parley <parley@example.org>", "REDIS_URL": None,
                        "SITE_URL": "http://parley.test"}.items():
        monkeypatch.setitem(app.config, name, value)
    return inbox
