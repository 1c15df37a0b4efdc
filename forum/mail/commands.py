"""flask --app wsgi mail worker | digest"""
import click
from flask.cli import AppGroup
from redis import RedisError

from forum.mail import delivery

mail_cli = AppGroup("mail", help="Send e-mail: the queue worker and the moderators' daily digest.")


@mail_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (instead of waiting for more).")
def worker(burst):
    """Send queued e-mail (needs REDIS_URL); run it beside the web processes, under a supervisor."""
    try:
        delivery.run_worker(burst=burst)
    except (RuntimeError, RedisError) as error:
        raise click.ClickException(str(error)) from None


@mail_cli.command("digest")
def digest():
    """E-mail each opted-in moderator the queue sizes; meant for cron, once a day."""
    try:
        sent = delivery.send_digest()
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # smtplib's errors are OSErrors: the server is down or refused us
        raise click.ClickException(f"The mail server did not take the digest: {error}") from None
    click.echo(f"Sent the digest to {sent} moderator(s).")
