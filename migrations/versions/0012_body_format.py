"""Articles and comments say what their source is written in: Markdown, or HTML from an import.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("articles", "comments")
IMPORTED_HTML = ("disqus", "wordpress")  # the importers that store their sources' HTML as is


# Plain ADD COLUMN (no table rebuild on SQLite); rows imported so far were HTML, as the importers stored them.
def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column("body_format", sa.String(length=8), server_default="markdown", nullable=False))
        op.execute(sa.text(f"UPDATE {table} SET body_format = 'html' WHERE import_source IN :sources")
                   .bindparams(sa.bindparam("sources", expanding=True, value=list(IMPORTED_HTML))))


def downgrade():
    for table in TABLES:
        op.drop_column(table, "body_format")  # SQLite 3.35+ drops a plain column in place
