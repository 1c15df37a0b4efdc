"""The `flask users` commands: create accounts (password given or prompted) and change roles."""
import pytest
import sqlalchemy as sa

from forum.actions.accounts import authenticate
from forum.models import ModerationAction, Role, User, Verb

PASSWORD = "violet lanterns hum softly"


@pytest.fixture
def cli(app, db):
    """Run a command as `flask` would, in an app context of its own, inside the test's transaction.

    The command uses db.session, the `db` fixture's registry bound to the test's connection; its own
    app context gives it its own session there, whose commit releases a savepoint inside the test's
    transaction, and whose uncommitted work is dropped when the command ends, as it is in production.
    """
    runner = app.test_cli_runner()

    def run(*args, input=None):
        with app.app_context():
            return runner.invoke(args=list(args), input=input)

    return run


def create_args(username, role="reader", password=PASSWORD):
    args = ["users", "create", "--username", username, "--email", f"{username}@example.org", "--role", role]
    return args + (["--password", password] if password is not None else [])


def stored_user(db, username) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))


# --- users create ---

def test_create_with_a_password(cli, db, unique):
    name = unique("chief")
    result = cli(*create_args(name, role="admin"))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Created admin {name} <{name}@example.org>."
    user = stored_user(db, name)
    assert user.role is Role.ADMIN
    assert user.password_hash.startswith("scrypt:")
    assert authenticate(name, PASSWORD).id == user.id


def test_create_defaults_to_reader(cli, db, unique):
    name = unique("plain")
    args = create_args(name)
    del args[args.index("--role"):args.index("--role") + 2]
    assert cli(*args).exit_code == 0
    assert stored_user(db, name).role is Role.READER


def test_create_twice_fails_with_a_message(cli, db, unique):
    name = unique("twice")
    assert cli(*create_args(name)).exit_code == 0
    again = cli("users", "create", "--username", name.upper(), "--email", f"other-{name}@example.org",
                "--password", PASSWORD)
    assert again.exit_code != 0
    assert "username: That username is taken" in again.output
    assert stored_user(db, name).email == f"{name}@example.org"


def test_create_with_a_taken_email_fails(cli, db, unique):
    name = unique("first")
    assert cli(*create_args(name)).exit_code == 0
    clash = cli("users", "create", "--username", unique("second"), "--email", f"{name.upper()}@EXAMPLE.org",
                "--password", PASSWORD)
    assert clash.exit_code != 0
    assert "email: An account with this e-mail address exists already" in clash.output


def test_create_prompts_for_the_password(cli, db, unique):
    name = unique("prompted")
    result = cli(*create_args(name, password=None), input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Password:" in result.output and "Repeat for confirmation:" in result.output
    assert PASSWORD not in result.output  # typed input is hidden
    assert authenticate(name, PASSWORD).id == stored_user(db, name).id


def test_the_prompt_asks_again_when_the_two_entries_differ(cli, db, unique):
    name = unique("retyped")
    result = cli(*create_args(name, password=None), input=f"{PASSWORD}\n{PASSWORD}x\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert authenticate(name, PASSWORD) is not None


@pytest.mark.parametrize("password, message", [
    ("qwertyuiop", "most common passwords"),
    ("short", "at least 10 characters"),
])
def test_create_refuses_a_weak_password(cli, db, unique, password, message):
    name = unique("weak")
    result = cli(*create_args(name, password=password))
    assert result.exit_code != 0
    assert "password:" in result.output and message in result.output
    assert stored_user(db, name) is None


def test_create_refuses_a_weak_prompted_password(cli, db, unique):
    name = unique("weak")
    result = cli(*create_args(name, password=None), input="qwertyuiop\nqwertyuiop\n")
    assert result.exit_code != 0
    assert "most common passwords" in result.output
    assert stored_user(db, name) is None


def test_create_refuses_an_invalid_username(cli, db):
    result = cli(*create_args("bad name"))
    assert result.exit_code != 0
    assert "username: A username is" in result.output


def test_create_refuses_an_unknown_role(cli, db, unique):
    name = unique("owner")
    result = cli(*create_args(name, role="owner"))
    assert result.exit_code == 2  # a usage error, before anything is done
    assert "'owner' is not one of 'reader', 'moderator', 'admin'" in result.output
    assert stored_user(db, name) is None


# --- users set-role ---

def test_set_role(cli, db, make, unique):
    user = make.user(username=unique("Promoted"))
    result = cli("users", "set-role", user.username.lower(), "moderator")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{user.username} is now moderator."
    assert stored_user(db, user.username).role is Role.MODERATOR
    [entry] = db.session.scalars(sa.select(ModerationAction).where(
        ModerationAction.target_user_id == user.id, ModerationAction.verb == Verb.ROLE_CHANGE)).all()
    assert entry.actor_id is None  # the command line acts as the system
    assert entry.details == {"from": "reader", "to": "moderator"}


def test_set_role_finds_the_user_by_email(cli, db, make):
    user = make.user()
    assert cli("users", "set-role", user.email.upper(), "admin").exit_code == 0
    assert stored_user(db, user.username).role is Role.ADMIN


def test_set_role_can_demote_the_last_admin(cli, db, make):
    """The site owner at the command line is not bound by the web's no-self-demotion rule."""
    admin = make.user(role="admin")
    assert cli("users", "set-role", admin.username, "reader").exit_code == 0
    assert stored_user(db, admin.username).role is Role.READER


def test_set_role_of_an_unknown_user_fails(cli, db, unique):
    name = unique("ghost")
    result = cli("users", "set-role", name, "admin")
    assert result.exit_code == 1
    assert f"No user named '{name}'." in result.output


def test_set_role_refuses_an_unknown_role(cli, db, make):
    user = make.user()
    result = cli("users", "set-role", user.username, "owner")
    assert result.exit_code == 2
    assert stored_user(db, user.username).role is Role.READER


# --- the commands and the test's transaction ---

def test_the_command_commits(cli, db, unique):
    """The command's session is closed when it ends: only what it committed is left."""
    name = unique("kept")
    assert cli(*create_args(name)).exit_code == 0
    assert stored_user(db, name) is not None
    assert cli("users", "set-role", name, "admin").exit_code == 0
    assert stored_user(db, name).role is Role.ADMIN


def test_a_commands_commit_stays_inside_the_tests_transaction(cli, db, unique):
    """Another connection must not see the row: the rollback at the end of the test removes it."""
    name = unique("isolated")
    assert cli(*create_args(name)).exit_code == 0
    with db.engine.connect() as other_connection:
        seen = other_connection.scalar(sa.select(sa.func.count()).select_from(User).where(User.username == name))
    assert seen == 0
