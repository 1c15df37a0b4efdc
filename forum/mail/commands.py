"""flask --app wsgi mail worker | digest"""
import click
import sqlalchemy as sa
from flask.cli import AppGroup

from forum.mail import delivery, worker as mail_worker
from forum.wording import plural

mail_cli = AppGroup("mail", help="Send e-mail: the outbox worker and the moderators' daily digest.")


@mail_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once nothing in the outbox is due (instead of waiting for more).")
def worker(burst):
    """Send the e-mail waiting in the outbox; run it beside the web processes, under a supervisor."""
    try:
        sent = mail_worker.run_worker(burst=burst)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    except sa.exc.SQLAlchemyError as error:  # --burst only: a running worker logs it and tries again
        raise click.ClickException(f"The database did not answer: {error}") from None
    click.echo(f"Sent {plural(sent, 'e-mail')}.")


@mail_cli.command("digest")
def digest():
    """E-mail each opted-in moderator the queue sizes; meant for cron, once a day."""
    try:
        sent = delivery.send_digest()
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # smtplib's errors are OSErrors: the server is down or refused us
        raise click.ClickException(f"The mail server did not take the digest: {error}") from None
    click.echo(f"Sent the digest to {plural(sent, 'moderator')}.")
