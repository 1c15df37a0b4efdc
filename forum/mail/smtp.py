"""Sending over SMTP with the standard library: settings from the app's config, one connection per batch.

smtplib and email.message cover what Parley needs (STARTTLS or implicit TLS, login, many messages
over one connection); a mail library would add a dependency and a layer for no new ability.
"""
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpSettings:
    server: str
    port: int
    use_tls: bool  # STARTTLS after connecting
    use_ssl: bool  # TLS from the first byte
    username: str | None
    password: str | None
    sender: str
    timeout: float  # seconds


def settings_from(config) -> SmtpSettings | None:
    """The SMTP settings in a Flask config, or None when no MAIL_SERVER is set (mail is off)."""
    if not config.get("MAIL_SERVER"):
        return None
    return SmtpSettings(
        server=config["MAIL_SERVER"], port=int(config.get("MAIL_PORT") or 25),
        use_tls=bool(config.get("MAIL_USE_TLS")), use_ssl=bool(config.get("MAIL_USE_SSL")),
        username=config.get("MAIL_USERNAME"), password=config.get("MAIL_PASSWORD"),
        sender=config.get("MAIL_FROM") or "parley@localhost", timeout=float(config.get("MAIL_TIMEOUT") or 10),
    )


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in SMTP connection (use it in a with block); raises smtplib/OSError errors."""
    context = ssl.create_default_context()
    if settings.use_ssl:
        connection = smtplib.SMTP_SSL(settings.server, settings.port, timeout=settings.timeout, context=context)
    else:
        connection = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
    try:
        if settings.use_tls and not settings.use_ssl:
            connection.starttls(context=context)
        if settings.username:
            connection.login(settings.username, settings.password or "")
    except BaseException:
        connection.close()
        raise
    return connection


def send(settings: SmtpSettings, messages: list[EmailMessage]) -> None:
    """Send every message over one SMTP connection; raises smtplib/OSError errors to the caller."""
    if not messages:
        return
    with connect(settings) as connection:
        for message in messages:
            connection.send_message(message)
