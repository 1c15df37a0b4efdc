"""Two admins leaving at the same moment cannot leave the site with none (issue 11, finding 11).

The race needs two real transactions at once, so it runs against a PostgreSQL database of its own,
committing for real: the admins counted are exactly the ones this test made.
"""
import os
import threading

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from forum import create_app
from forum.actions import Refused
from forum.actions.account_data import CommentChoice, delete_account
from forum.actions.accounts import register_user, set_role
from forum.config import TestConfig, normalise_database_url
from forum.extensions import db
from forum.models import Role, User
from tests.conftest import skip_or_fail
from tests.factories import DEFAULT_PASSWORD


@pytest.fixture(scope="module")
def own_postgres_app():
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        skip_or_fail("the last-admin race needs PostgreSQL (TEST_DATABASE_URL)")
    server = sa.engine.make_url(normalise_database_url(url))
    name = f"{server.database}_admins"
    admin_engine = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    app = create_app(type("AdminsConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": server.set(database=name).render_as_string(hide_password=False)}))
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin_engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin_engine.dispose()


def _two_admins(app) -> tuple[int, int]:
    with app.app_context():
        db.session.execute(sa.text("TRUNCATE users CASCADE"))  # and the log rows of the previous test
        first = register_user("first_admin", "first@example.org", DEFAULT_PASSWORD, role=Role.ADMIN)
        second = register_user("second_admin", "second@example.org", DEFAULT_PASSWORD, role=Role.ADMIN)
        db.session.commit()
        return first.id, second.id


def _race(app, first_act, second_act) -> list[str]:
    """`first_act` runs and holds its transaction open while `second_act` runs; then both commit."""
    outcomes = []
    first_done = threading.Event()

    def run(act, hold: bool):
        with app.app_context():
            try:
                act()
                if hold:
                    first_done.set()
                    threading.Event().wait(0.5)  # the other one starts meanwhile, and must wait for this
                db.session.commit()
                outcomes.append("done")
            except Refused:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                first_done.set()

    first = threading.Thread(target=run, args=(first_act, True))
    first.start()
    first_done.wait(10)
    second = threading.Thread(target=run, args=(second_act, False))
    second.start()
    first.join(10)
    second.join(10)
    assert not first.is_alive() and not second.is_alive(), "a transaction hung"
    return outcomes


def _admins_left(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(User)
                                 .where(User.role == Role.ADMIN, User.deleted_at.is_(None)))


def _delete_own_account(user_id):
    return lambda: delete_account(db.session.get(User, user_id), db.session.get(User, user_id),
                                  DEFAULT_PASSWORD, CommentChoice.KEEP)


def test_two_admins_deleting_themselves_at_once_leave_one(own_postgres_app):
    first, second = _two_admins(own_postgres_app)
    outcomes = _race(own_postgres_app, _delete_own_account(first), _delete_own_account(second))
    assert sorted(outcomes) == ["done", "refused"]
    assert _admins_left(own_postgres_app) == 1


def test_two_admins_demoting_each_other_at_once_leave_one(own_postgres_app):
    first, second = _two_admins(own_postgres_app)

    def demote(actor_id, user_id):
        return lambda: set_role(db.session.get(User, actor_id), db.session.get(User, user_id), Role.READER)

    outcomes = _race(own_postgres_app, demote(first, second), demote(second, first))
    assert sorted(outcomes) == ["done", "refused"]
    assert _admins_left(own_postgres_app) == 1
