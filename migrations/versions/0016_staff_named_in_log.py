"""Moderators choose whether the public log names them: off by default, a role label stands in.

Revision ID: 0016_staff
Revises: 0015_learn
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_staff"
down_revision = "0015_learn"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, not a batch rebuild: a rebuild on SQLite would drop users' expression indexes.
    op.add_column("users", sa.Column("named_in_log", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    op.drop_column("users", "named_in_log")
