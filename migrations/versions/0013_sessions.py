"""Sessions kept server-side (signing out ends them), and sign-in failures counted per account.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_user_sessions_user", "user_sessions", ["user_id", "created_at"])
    op.create_table(
        "sign_in_addresses",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("address_hash", sa.String(length=64), primary_key=True),
        sa.Column("last_signed_in_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("users", sa.Column("failed_sign_ins", sa.Integer(), server_default="0", nullable=False))
    op.add_column("users", sa.Column("last_failed_sign_in_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column("users", "last_failed_sign_in_at")
    op.drop_column("users", "failed_sign_ins")
    op.drop_table("sign_in_addresses")
    op.drop_index("ix_user_sessions_user", table_name="user_sessions")
    op.drop_table("user_sessions")
