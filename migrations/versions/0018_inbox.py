"""Replies on the site: each reply keeps its parent's author, indexed; readers keep when they last looked.

Revision ID: 0018_inbox
Revises: 0017_names
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0018_inbox"
down_revision = "0017_names"
branch_labels = None
depends_on = None

INDEX = "ix_comments_parent_author"


# Plain ADD COLUMN and CREATE INDEX, no batch rebuild: on SQLite a rebuild would copy every comment and
# drop users' expression indexes. Both columns are nullable, so neither database rewrites the table.
def upgrade():
    op.add_column("users", sa.Column("replies_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("comments", sa.Column("parent_author_id", sa.Integer(), nullable=True))
    # Replies written before this revision: one statement, the same on both databases.
    op.execute(
        "UPDATE comments SET parent_author_id = "
        "(SELECT parent.author_id FROM comments AS parent WHERE parent.id = comments.parent_id) "
        "WHERE parent_id IS NOT NULL"
    )
    op.create_index(INDEX, "comments", ["parent_author_id", "status", "published_at", "id"])
    # Readers start with nothing new: the replies of years past are not news the day the page appears.
    op.execute("UPDATE users SET replies_seen_at = CURRENT_TIMESTAMP")


def downgrade():
    op.drop_index(INDEX, table_name="comments")
    op.drop_column("comments", "parent_author_id")
    op.drop_column("users", "replies_seen_at")
