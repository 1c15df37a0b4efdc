"""Thread indexes that deliver a page in order without sorting the whole thread; featured and own comments.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OLD = {
    "ix_comments_top_created": ["article_id", "parent_id", "status", "created_at", "id"],
    "ix_comments_top_score": ["article_id", "parent_id", "status", "score", "id"],
    "ix_comments_top_replies": ["article_id", "parent_id", "status", "reply_count", "id"],
}
NEW = {
    "ix_comments_thread_created": ["article_id", "parent_id", "created_at", "id"],
    "ix_comments_thread_score": ["article_id", "parent_id", "score", "id"],
    "ix_comments_thread_replies": ["article_id", "parent_id", "reply_count", "id"],
    "ix_comments_featured": ["article_id", "featured_at"],
    "ix_comments_author_article": ["author_id", "article_id"],
}


# Plain create/drop rather than batch mode: on SQLite a batch rebuilds the whole table, which for
# a large site would copy every comment just to change an index.
def upgrade():
    for name, columns in NEW.items():
        op.create_index(name, "comments", columns)
    for name in OLD:
        op.drop_index(name, table_name="comments")


def downgrade():
    for name, columns in OLD.items():
        op.create_index(name, "comments", columns)
    for name in NEW:
        op.drop_index(name, table_name="comments")
