"""Comments in threads, their earlier versions, reactions; comment counters on articles and stances.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('root_id', sa.Integer(), nullable=True),
    sa.Column('depth', sa.Integer(), server_default='0', nullable=False),
    sa.Column('stance_id', sa.Integer(), nullable=True),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('renderer_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('status', sa.Enum('pending', 'published', 'rejected', 'spam', 'deleted', name='commentstatus', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reply_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('up_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('down_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('score', sa.Float(), server_default='0', nullable=False),
    sa.CheckConstraint('depth >= 0', name=op.f('ck_comments_depth_not_negative')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_comments_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments')),
    sa.ForeignKeyConstraint(['root_id'], ['comments.id'], name=op.f('fk_comments_root_id_comments')),
    sa.ForeignKeyConstraint(['stance_id'], ['article_stances.id'], name=op.f('fk_comments_stance_id_article_stances'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_article_published', ['article_id', 'status', 'published_at'], unique=False)
        batch_op.create_index('ix_comments_author', ['author_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_comments_root', ['root_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_comments_top_created', ['article_id', 'parent_id', 'status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_comments_top_replies', ['article_id', 'parent_id', 'status', 'reply_count', 'id'], unique=False)
        batch_op.create_index('ix_comments_top_score', ['article_id', 'parent_id', 'status', 'score', 'id'], unique=False)

    op.create_table('comment_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('stance_id', sa.Integer(), nullable=True),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_comment_revisions_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stance_id'], ['article_stances.id'], name=op.f('fk_comment_revisions_stance_id_article_stances'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_revisions'))
    )
    with op.batch_alter_table('comment_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_revisions_comment_id'), ['comment_id'], unique=False)

    op.create_table('reactions',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('up', 'down', name='reactionkind', native_enum=False, create_constraint=True, length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_reactions_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reactions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'user_id', name=op.f('pk_reactions'))
    )
    with op.batch_alter_table('article_stances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comment_count', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comments_closed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('comment_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('comments_version', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('comments_version')
        batch_op.drop_column('comment_count')
        batch_op.drop_column('comments_closed')

    with op.batch_alter_table('article_stances', schema=None) as batch_op:
        batch_op.drop_column('comment_count')

    op.drop_table('reactions')
    with op.batch_alter_table('comment_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_revisions_comment_id'))

    op.drop_table('comment_revisions')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_top_score')
        batch_op.drop_index('ix_comments_top_replies')
        batch_op.drop_index('ix_comments_top_created')
        batch_op.drop_index('ix_comments_root')
        batch_op.drop_index('ix_comments_author')
        batch_op.drop_index('ix_comments_article_published')

    op.drop_table('comments')
