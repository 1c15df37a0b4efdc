"""Automatic slow mode ends by itself: the article keeps when it ends, the policy how long a quiet spell lasts.

Revision ID: 0020_slow_ends
Revises: 0019_tally
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_slow_ends"
down_revision = "0019_tally"
branch_labels = None
depends_on = None


# Plain ADD COLUMNs (nullable, or with a server default): no table rebuild on SQLite.
def upgrade():
    op.add_column("articles", sa.Column("slow_mode_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("site_policy", sa.Column("auto_slow_quiet_minutes", sa.Integer(), server_default="10",
                                           nullable=False))


def downgrade():
    op.drop_column("site_policy", "auto_slow_quiet_minutes")
    op.drop_column("articles", "slow_mode_until")
