"""Command-line tools: flask --app wsgi users|articles|demo|markup|moderation …"""
import os
import stat
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from forum.actions import Forbidden, Refused
from forum.actions.accounts import find_user, register_user, set_role
from forum.actions.articles import import_article
from forum.actions.rerender import rerender_stale
from forum.checks import check_config
from forum.security import forwarded_for_seen_at
from forum.wording import plural
from forum.extensions import db
from forum.markup import Profile
from forum.models import Article, Comment, Role

users_cli = AppGroup("users", help="Create accounts and change roles.")
articles_cli = AppGroup("articles", help="Import articles from Markdown files.")
markup_cli = AppGroup("markup", help="Re-render stored text after a change to the allow-lists.")

ROLE_CHOICE = click.Choice([role.value for role in Role])


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--email", required=True)
@click.option("--role", type=ROLE_CHOICE, default=Role.READER.value, show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for when not given.")
def create_user(username, email, role, password):
    """Create an account."""
    try:
        user = register_user(username, email, password, Role(role))
    except Refused as refusal:
        db.session.rollback()
        raise click.ClickException(f"{refusal.field or 'input'}: {refusal.message}") from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.username} <{user.email}>.")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=ROLE_CHOICE)
def set_user_role(username, role):
    """Give USERNAME the role ROLE (reader, moderator or admin)."""
    user = find_user(username)
    if user is None:
        raise click.ClickException(f"No user named {username!r}.")
    set_role(None, user, Role(role))
    db.session.commit()
    click.echo(f"{user.username} is now {user.role.value}.")


@users_cli.command("set-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for when not given.")
def set_user_password(username, password):
    """Give USERNAME a new password (after `import parley`, whose accounts have none)."""
    from forum.actions.account_data import reset_password

    user = find_user(username)
    if user is None:
        raise click.ClickException(f"No user named {username!r}.")
    try:
        reset_password(user, password)
    except Refused as refusal:
        db.session.rollback()
        raise click.ClickException(refusal.message) from None
    db.session.commit()
    click.echo(f"{user.username} has a new password.")


@articles_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publish", is_flag=True, help="Publish it too (otherwise it is a draft).")
@click.option("--author", metavar="USERNAME", help="The admin shown as its author (and in the log as acting).")
def import_file(path, publish, author):
    """Create or update (by slug) an article from a Markdown file with front matter."""
    writer = None
    if author:
        writer = find_user(author)
        if writer is None:
            raise click.ClickException(f"No user named {author!r}.")
    try:
        article, created = import_article(writer, path.read_text(encoding="utf-8"), publish=publish)
    except Forbidden:
        db.session.rollback()
        raise click.ClickException(f"--author: {author} is not an admin; only admins write articles.") from None
    except Refused as refusal:
        db.session.rollback()
        raise click.ClickException(f"{path}: {refusal.field or 'file'}: {refusal.message}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: not UTF-8 text.") from None
    db.session.commit()
    click.echo(f"{'Created' if created else 'Updated'} /articles/{article.slug} ({article.status.value}).")


@markup_cli.command("rerender")
def rerender():
    """Re-render every article and comment made by an older renderer version."""
    articles = rerender_stale(Article, Profile.ARTICLE)
    comments = rerender_stale(Comment, Profile.COMMENT)
    db.session.commit()
    click.echo(f"Re-rendered {plural(articles, 'article')} and {plural(comments, 'comment')}.")


@click.command("demo")
@with_appcontext
def demo():
    """Load the demo content once; running it again changes nothing."""
    from forum.demo import load_demo

    accounts, article = load_demo()
    db.session.commit()
    instance_dir = Path(current_app.config["INSTANCE_DIR"])
    credentials = instance_dir / "demo-credentials.txt"
    new = [a for a in accounts if a.password]
    if new:
        # Kept for the person running the demo on this machine only (mode 600), so that
        # `make run` can tell them again how to sign in; never used by the app.
        instance_dir.mkdir(exist_ok=True)
        lines = [f"{a.username:<10} {a.role.value:<10} {a.password}" for a in new]
        credentials.write_text("\n".join(lines) + "\n")
        os.chmod(credentials, stat.S_IRUSR | stat.S_IWUSR)
    base = os.environ.get("PARLEY_URL", "http://127.0.0.1:5000")
    click.echo(f"Demo article: {base}/articles/{article.slug}")
    if new:
        click.echo("Demo accounts (sign in at /auth/login):")
        for a in new:
            click.echo(f"  {a.username:<10} {a.role.value:<10} password: {a.password}")
    else:
        click.echo("The demo was loaded before; nothing changed.")
        if credentials.exists():
            click.echo(f"Demo accounts (from {credentials}):")
            for line in credentials.read_text().splitlines():
                name, role, password = line.split()
                click.echo(f"  {name:<10} {role:<10} password: {password}")


@click.command("check")
@with_appcontext
def check():
    """Report configuration problems (default secret, debug on, SQLite on several hosts, …)."""
    findings = check_config(dict(current_app.config), dict(os.environ), forwarded_for_seen_at())
    for finding in findings:
        click.echo(f"{finding.severity.upper():8} {finding.message}")
    if not findings:
        click.echo("No problems found.")
    if any(f.severity == "error" for f in findings):
        raise SystemExit(1)


def register(app) -> None:
    from forum.mail.commands import mail_cli
    from forum.cli_interchange import export_command, import_cli
    from forum.cli_moderation import moderation_cli

    for command in (users_cli, articles_cli, markup_cli, demo, check, mail_cli, import_cli, export_command,
                    moderation_cli):
        app.cli.add_command(command)
