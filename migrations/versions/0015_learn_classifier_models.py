"""The learned classifier's registry (models and retrains) and the policy's pointer to the active model.

Revision ID: 0015_learn
Revises: 0014
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_learn"
down_revision = "0014"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=8)


def upgrade():
    op.create_table(
        "classifier_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", _enum("modelstate", "active", "retired", "refused"), nullable=False),
        sa.Column("state_reason", sa.Text(), server_default="", nullable=False),
        sa.Column("seed_sha256", sa.String(length=64), nullable=False),
        sa.Column("site_decisions", sa.Integer(), server_default="0", nullable=False),
        sa.Column("figures", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("artifact", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classifier_models")),
    )
    op.create_index("ix_classifier_models_state", "classifier_models", ["state", "id"], unique=False)
    op.create_table(
        "classifier_retrains",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", _enum("retrainorigin", "admin", "schedule", "command"), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("schedule_slot", sa.String(length=40), nullable=True),
        sa.Column("claimed_by", sa.String(length=32), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", _enum("retrainoutcome", "accepted", "refused", "failed"), nullable=True),
        sa.Column("message", sa.Text(), server_default="", nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["model_id"], ["classifier_models.id"],
                                name=op.f("fk_classifier_retrains_model_id_classifier_models")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"], ondelete="SET NULL",
                                name=op.f("fk_classifier_retrains_requested_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classifier_retrains")),
        sa.UniqueConstraint("schedule_slot", name=op.f("uq_classifier_retrains_schedule_slot")),
    )
    op.create_index("ix_classifier_retrains_waiting", "classifier_retrains", ["finished_at", "id"], unique=False)
    # Nullable, no foreign key: a column added without rebuilding the policy table on SQLite; a pointer
    # to no row means the shipped model (registry.py).
    op.add_column("site_policy", sa.Column("active_classifier_id", sa.Integer(), nullable=True))
    op.add_column("site_policy", sa.Column("retrain_every_days", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("site_policy") as batch_op:
        batch_op.drop_column("retrain_every_days")
        batch_op.drop_column("active_classifier_id")
    op.drop_index("ix_classifier_retrains_waiting", table_name="classifier_retrains")
    op.drop_table("classifier_retrains")
    op.drop_index("ix_classifier_models_state", table_name="classifier_models")
    op.drop_table("classifier_models")
