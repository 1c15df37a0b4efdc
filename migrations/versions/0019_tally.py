"""The stance tally counts readers, once each per article, not comments: who counts for which stance
(stance_readers), and the readers per stance (article_stances.reader_count, which was comment_count).

Revision ID: 0019_tally
Revises: 0018_inbox
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0019_tally"
down_revision = "0018_inbox"
branch_labels = None
depends_on = None

# Each reader's most recent published top-level comment that takes a stance (forum/actions/tally.py's rule,
# written out here so that the migration does not change when the code does). Comments without an author
# count for no one.
# tests/test_migrations.py runs these on a thread and compares them with what the actions kept.
BACKFILL = (
    """INSERT INTO stance_readers (article_id, user_id, stance_id, comment_id)
    SELECT article_id, author_id, stance_id, id FROM (
        SELECT article_id, author_id, stance_id, id,
               row_number() OVER (PARTITION BY article_id, author_id ORDER BY created_at DESC, id DESC) AS rank
        FROM comments
        WHERE author_id IS NOT NULL AND parent_id IS NULL AND stance_id IS NOT NULL AND status = 'published'
    ) AS ranked WHERE rank = 1""",
    "UPDATE article_stances SET reader_count = "
    "(SELECT count(*) FROM stance_readers WHERE stance_readers.stance_id = article_stances.id)",
)


def upgrade():
    op.create_table(
        "stance_readers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("stance_id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_stance_readers_article_id_articles"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], name=op.f("fk_stance_readers_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["stance_id"], ["article_stances.id"],
                                name=op.f("fk_stance_readers_stance_id_article_stances"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_stance_readers_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stance_readers")),
        sa.UniqueConstraint("article_id", "user_id", name="uq_stance_readers_article_user"),
    )
    op.create_index("ix_stance_readers_user", "stance_readers", ["user_id"])
    op.create_index(op.f("ix_stance_readers_stance_id"), "stance_readers", ["stance_id"])
    op.create_index(op.f("ix_stance_readers_comment_id"), "stance_readers", ["comment_id"])
    # RENAME COLUMN on both databases (SQLite since 3.25): a batch rebuild of article_stances would drop the
    # table that comments point to, and with foreign keys on that would clear every comment's stance.
    op.execute("ALTER TABLE article_stances RENAME COLUMN comment_count TO reader_count")
    for statement in BACKFILL:
        op.execute(statement)
    # Newest last, so that a reader's latest stance comment on an article is found from the end.
    op.drop_index("ix_comments_author_article", table_name="comments")
    op.create_index("ix_comments_author_article", "comments", ["author_id", "article_id", "created_at", "id"])


def downgrade():
    op.drop_index("ix_comments_author_article", table_name="comments")
    op.create_index("ix_comments_author_article", "comments", ["author_id", "article_id"])
    op.execute("ALTER TABLE article_stances RENAME COLUMN reader_count TO comment_count")
    op.execute("UPDATE article_stances SET comment_count = (SELECT count(*) FROM comments "
               "WHERE comments.stance_id = article_stances.id AND comments.parent_id IS NULL "
               "AND comments.status = 'published')")
    op.drop_index(op.f("ix_stance_readers_comment_id"), table_name="stance_readers")
    op.drop_index(op.f("ix_stance_readers_stance_id"), table_name="stance_readers")
    op.drop_index("ix_stance_readers_user", table_name="stance_readers")
    op.drop_table("stance_readers")
