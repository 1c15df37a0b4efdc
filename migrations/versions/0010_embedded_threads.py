"""Embedded threads: external stories and allowed origins.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN and a unique index, not batch mode: a batch rebuild of `articles` on SQLite
    # would drop and re-create the table that comments reference with ON DELETE CASCADE.
    op.add_column("articles", sa.Column("external_url", sa.String(length=1000), nullable=True))
    op.create_index("uq_articles_external_url", "articles", ["external_url"], unique=True)
    op.add_column("site_policy", sa.Column("embed_origins", sa.Text(), server_default="", nullable=False))


def downgrade():
    op.drop_column("site_policy", "embed_origins")
    op.drop_index("uq_articles_external_url", table_name="articles")
    op.drop_column("articles", "external_url")  # SQLite 3.35+ drops a column in place
