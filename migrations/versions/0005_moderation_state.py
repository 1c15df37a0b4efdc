"""Moderation state on comments (reasons, flags, featuring), articles (mode, slow mode) and users (standing, sanctions).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE ADD COLUMN, not batch mode: on SQLite a batch rebuild of `users`
    # would drop the lower(username) and lower(email) expression indexes it cannot reflect.
    op.add_column('articles', sa.Column('moderation_mode', sa.String(length=16), nullable=True))
    op.add_column('articles', sa.Column('slow_mode_minutes', sa.Integer(), nullable=True))
    op.add_column('articles', sa.Column('slow_mode_reason', sa.String(length=300), nullable=True))
    op.add_column('comments', sa.Column('reasons', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
    op.add_column('comments', sa.Column('rejection_reason', sa.String(length=500), nullable=True))
    op.add_column('comments', sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('comments', sa.Column('featured_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('comments', sa.Column('flag_weight', sa.Integer(), server_default='0', nullable=False))
    op.add_column('comments', sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('comments', sa.Column('content_hash', sa.String(length=64), nullable=True))
    op.create_index('ix_comments_article_status_created', 'comments', ['article_id', 'status', 'created_at', 'id'])
    op.create_index('ix_comments_content_hash', 'comments', ['content_hash', 'created_at'])
    op.create_index('ix_comments_status_created', 'comments', ['status', 'created_at', 'id'])
    op.create_index('ix_comments_status_flagged', 'comments', ['status', 'flagged_at', 'id'])
    op.create_index('ix_comments_status_published', 'comments', ['status', 'published_at', 'id'])
    op.add_column('users', sa.Column('published_count', sa.Integer(), server_default='0', nullable=False))
    op.add_column('users', sa.Column('rejected_count', sa.Integer(), server_default='0', nullable=False))
    op.add_column('users', sa.Column('review_all_comments', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('users', sa.Column('suspended_until', sa.DateTime(timezone=True), nullable=True))
    op.add_column('users', sa.Column('banned_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('users', sa.Column('sanction_reason', sa.String(length=500), nullable=True))
    op.add_column('users', sa.Column('has_unread_warning', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    # users keeps its expression indexes only without a batch rebuild (see upgrade).
    op.drop_column('users', 'has_unread_warning')
    op.drop_column('users', 'sanction_reason')
    op.drop_column('users', 'banned_at')
    op.drop_column('users', 'suspended_until')
    op.drop_column('users', 'review_all_comments')
    op.drop_column('users', 'rejected_count')
    op.drop_column('users', 'published_count')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_status_published')
        batch_op.drop_index('ix_comments_status_flagged')
        batch_op.drop_index('ix_comments_status_created')
        batch_op.drop_index('ix_comments_content_hash')
        batch_op.drop_index('ix_comments_article_status_created')
        batch_op.drop_column('content_hash')
        batch_op.drop_column('flagged_at')
        batch_op.drop_column('flag_weight')
        batch_op.drop_column('featured_at')
        batch_op.drop_column('moderated_at')
        batch_op.drop_column('rejection_reason')
        batch_op.drop_column('reasons')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('slow_mode_reason')
        batch_op.drop_column('slow_mode_minutes')
        batch_op.drop_column('moderation_mode')
