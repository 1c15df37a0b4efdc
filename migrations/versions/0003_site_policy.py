"""The site policy row: edit window and automatic closing of threads.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "site_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edit_window_minutes", sa.Integer(), server_default="15", nullable=False),
        sa.Column("auto_close_days", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_site_policy"),
    )


def downgrade():
    op.drop_table("site_policy")
