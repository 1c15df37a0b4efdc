"""Readers may choose a display name, shown next to their username (which stays the unique handle).

Revision ID: 0017_names
Revises: 0016_staff
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0017_names"
down_revision = "0016_staff"
branch_labels = None
depends_on = None


# A nullable column with no default: a plain ADD COLUMN on both databases, no table rebuild.
def upgrade():
    op.add_column("users", sa.Column("display_name", sa.String(length=50), nullable=True))


def downgrade():
    op.drop_column("users", "display_name")
