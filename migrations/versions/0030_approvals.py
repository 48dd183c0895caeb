"""Approvals: each service's approval steps (who approves, and when), each request's copy of the
steps that applied to it and the people asked; a request's new status "awaiting approval" and the
timeline's new event kind; each person's line manager, and whom their approvals go to while away.
Expand only: new tables, new nullable columns, check constraints that allow one more value.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 23:00:43.117647

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

OLD_STATUSES = ("submitted", "in_progress", "waiting", "resolved", "closed", "cancelled")
NEW_STATUSES = ("submitted", "awaiting_approval", "in_progress", "waiting", "resolved", "closed", "cancelled")
OLD_KINDS = ("submitted", "assigned", "status", "priority", "reply", "note", "rated", "reopened", "cancelled", "sla")
NEW_KINDS = (*OLD_KINDS, "approval")


def _in(column, values):
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade():
    op.create_table(
        "approval_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("approver_kind", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=3), server_default="any", nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("condition_field_id", sa.Integer(), nullable=True),
        sa.Column("condition_operator", sa.String(length=4), nullable=True),
        sa.Column("condition_value", sa.String(length=200), server_default="", nullable=False),
        sa.CheckConstraint(
            "approver_kind IN ('person', 'line_manager', 'team', 'role')",
            name=op.f("ck_approval_steps_known_approver_kind"),
        ),
        sa.CheckConstraint("mode IN ('any', 'all')", name=op.f("ck_approval_steps_known_mode")),
        sa.CheckConstraint(
            "condition_operator IN ('gt', 'ge', 'lt', 'le', 'eq', 'is')",
            name=op.f("ck_approval_steps_known_condition_operator"),
        ),
        sa.CheckConstraint(
            "role IN ('editor', 'agent', 'manager', 'admin')", name=op.f("ck_approval_steps_known_role")
        ),
        sa.ForeignKeyConstraint(
            ["condition_field_id"],
            ["service_fields.id"],
            name=op.f("fk_approval_steps_condition_field_id_service_fields"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["users.id"], name=op.f("fk_approval_steps_person_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_approval_steps_service_id_services"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_approval_steps_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_steps")),
    )
    with op.batch_alter_table("approval_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approval_steps_condition_field_id"), ["condition_field_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_approval_steps_service_id"), ["service_id"], unique=False)

    op.create_table(
        "request_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("approver_kind", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=3), server_default="any", nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("activated_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_for_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "approver_kind IN ('person', 'line_manager', 'team', 'role')",
            name=op.f("ck_request_approvals_known_approver_kind"),
        ),
        sa.CheckConstraint("mode IN ('any', 'all')", name=op.f("ck_request_approvals_known_mode")),
        sa.CheckConstraint(
            "state IN ('queued', 'pending', 'approved', 'rejected', 'cancelled')",
            name=op.f("ck_request_approvals_known_state"),
        ),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name=op.f("fk_request_approvals_decided_by_id_users")),
        sa.ForeignKeyConstraint(
            ["decided_for_id"], ["users.id"], name=op.f("fk_request_approvals_decided_for_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["users.id"], name=op.f("fk_request_approvals_person_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_request_approvals_request_id_service_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_request_approvals_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_approvals")),
        sa.UniqueConstraint("request_id", "position", name=op.f("uq_request_approvals_request_id")),
    )
    with op.batch_alter_table("request_approvals", schema=None) as batch_op:
        batch_op.create_index("ix_request_approvals_state_activated", ["state", "activated_at"], unique=False)

    op.create_table(
        "request_approvers",
        sa.Column("approval_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("on_behalf_of_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approval_id"],
            ["request_approvals.id"],
            name=op.f("fk_request_approvers_approval_id_request_approvals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["on_behalf_of_id"],
            ["users.id"],
            name=op.f("fk_request_approvers_on_behalf_of_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_request_approvers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("approval_id", "user_id", name=op.f("pk_request_approvers")),
    )
    with op.batch_alter_table("request_approvers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_approvers_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("line_manager_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("away_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("delegate_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_users_line_manager_id_users"), "users", ["line_manager_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_users_delegate_id_users"), "users", ["delegate_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_requests_known_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_service_requests_known_status"), _in("status", NEW_STATUSES))
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_request_events_known_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_request_events_known_kind"), _in("kind", NEW_KINDS))


def downgrade():
    # Requests still awaiting approval become plain submitted ones; approval events go.
    op.execute("UPDATE service_requests SET status = 'submitted' WHERE status = 'awaiting_approval'")
    op.execute("DELETE FROM request_events WHERE kind = 'approval'")
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_request_events_known_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_request_events_known_kind"), _in("kind", OLD_KINDS))
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_requests_known_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_service_requests_known_status"), _in("status", OLD_STATUSES))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_users_delegate_id_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_users_line_manager_id_users"), type_="foreignkey")
        batch_op.drop_column("delegate_id")
        batch_op.drop_column("away_until")
        batch_op.drop_column("line_manager_id")

    with op.batch_alter_table("request_approvers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_approvers_user_id"))

    op.drop_table("request_approvers")
    with op.batch_alter_table("request_approvals", schema=None) as batch_op:
        batch_op.drop_index("ix_request_approvals_state_activated")

    op.drop_table("request_approvals")
    with op.batch_alter_table("approval_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_steps_service_id"))
        batch_op.drop_index(batch_op.f("ix_approval_steps_condition_field_id"))

    op.drop_table("approval_steps")
