"""The mail outbox: e-mail owed is a row written with the change that owes it, so nothing is lost.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("reply", name="mailkind", native_enum=False, create_constraint=True, length=8),
                  nullable=False),
        sa.Column("ident", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=32), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Enum("sent", "skipped", "failed", name="mailoutcome", native_enum=False,
                                     create_constraint=True, length=8), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    op.create_index("ix_mail_outbox_waiting", "mail_outbox", ["done_at", "next_attempt_at"], unique=False)
    op.create_index("ix_mail_outbox_ident", "mail_outbox", ["kind", "ident"], unique=False)


def downgrade():
    op.drop_index("ix_mail_outbox_ident", table_name="mail_outbox")
    op.drop_index("ix_mail_outbox_waiting", table_name="mail_outbox")
    op.drop_table("mail_outbox")
