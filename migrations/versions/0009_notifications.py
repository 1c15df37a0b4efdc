"""E-mail notification preferences, and the mark that a reply was announced.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, not a batch rebuild: a rebuild on SQLite would drop users' expression indexes.
    op.add_column("users", sa.Column("email_replies", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("users", sa.Column("email_digest", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("reply_notified_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("reply_notified_at")
    op.drop_column("users", "email_digest")
    op.drop_column("users", "email_replies")
