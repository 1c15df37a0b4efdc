"""Imported threads, authors and comments remember where they came from; accounts can be deleted.

Two intents share this revision because they ship together (issue 7): the import source and
external id on articles, users and comments (unique, so imports are idempotent), the unclaimed
and deleted marks on users, and the "account_delete" verb in the moderation log's CHECK.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_VERBS = (
    "approve", "reject", "spam", "feature", "unfeature", "hide", "close", "reopen", "slow_mode", "normal_mode",
    "warn", "suspend", "ban", "unban", "role_change", "policy_change", "publish", "unpublish", "appeal_upheld",
    "appeal_granted", "undo",
)
NEW_VERBS = OLD_VERBS + ("account_delete",)
VERB_CHECK = "ck_moderation_actions_verb"


def _verb_check(verbs) -> str:
    return "verb IN (" + ", ".join(f"'{verb}'" for verb in verbs) + ")"


def _replace_verb_check(verbs) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot alter a CHECK in place; moderation_actions has no expression index to lose in a rebuild.
        with op.batch_alter_table("moderation_actions") as batch_op:
            batch_op.drop_constraint(op.f(VERB_CHECK), type_="check")
            batch_op.create_check_constraint(op.f(VERB_CHECK), _verb_check(verbs))
    else:
        op.drop_constraint(op.f(VERB_CHECK), "moderation_actions", type_="check")
        op.create_check_constraint(op.f(VERB_CHECK), "moderation_actions", _verb_check(verbs))


def upgrade():
    # Plain ADD COLUMN, not batch mode: a batch rebuild of `users` on SQLite would drop the
    # lower(username) and lower(email) expression indexes it cannot reflect.
    for table in ("articles", "users", "comments"):
        op.add_column(table, sa.Column("import_source", sa.String(length=16), nullable=True))
        op.add_column(table, sa.Column("external_id", sa.String(length=255), nullable=True))
        op.create_index(f"uq_{table}_import_external", table, ["import_source", "external_id"], unique=True)
    op.add_column("users", sa.Column("unclaimed", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("users", sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    _replace_verb_check(NEW_VERBS)


def downgrade():
    op.execute("DELETE FROM moderation_actions WHERE verb = 'account_delete'")
    _replace_verb_check(OLD_VERBS)
    op.drop_column("users", "deleted_at")
    op.drop_column("users", "unclaimed")
    for table in ("comments", "users", "articles"):
        op.drop_index(f"uq_{table}_import_external", table_name=table)
        op.drop_column(table, "external_id")
        op.drop_column(table, "import_source")
