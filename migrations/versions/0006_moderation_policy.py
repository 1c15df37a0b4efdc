"""Moderation policy: mode, word lists, thresholds, heat controls and sign-up domains.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('site_policy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('moderation_mode', sa.Enum('post', 'pre', 'pre_new_users', name='moderationmode', native_enum=False, create_constraint=True, length=16), server_default='post', nullable=False))
        batch_op.add_column(sa.Column('banned_words', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('suspect_words', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('max_links', sa.Integer(), server_default='2', nullable=False))
        batch_op.add_column(sa.Column('toxicity_threshold', sa.Float(), server_default='0.8', nullable=False))
        batch_op.add_column(sa.Column('trusted_after', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('flags_to_hide', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('log_shows_reader_names', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('commenting_enabled', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('commenting_off_message', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('auto_slow_posts_per_minute', sa.Integer(), server_default='20', nullable=False))
        batch_op.add_column(sa.Column('auto_slow_flags_per_minute', sa.Integer(), server_default='10', nullable=False))
        batch_op.add_column(sa.Column('auto_slow_minutes', sa.Integer(), server_default='2', nullable=False))
        batch_op.add_column(sa.Column('signup_hold_domains', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('signup_refuse_domains', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('site_policy', schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_site_policy_moderationmode"), type_="check")
        batch_op.drop_column('signup_refuse_domains')
        batch_op.drop_column('signup_hold_domains')
        batch_op.drop_column('auto_slow_minutes')
        batch_op.drop_column('auto_slow_flags_per_minute')
        batch_op.drop_column('auto_slow_posts_per_minute')
        batch_op.drop_column('commenting_off_message')
        batch_op.drop_column('commenting_enabled')
        batch_op.drop_column('log_shows_reader_names')
        batch_op.drop_column('flags_to_hide')
        batch_op.drop_column('trusted_after')
        batch_op.drop_column('toxicity_threshold')
        batch_op.drop_column('max_links')
        batch_op.drop_column('suspect_words')
        batch_op.drop_column('banned_words')
        batch_op.drop_column('moderation_mode')
