"""Event-dated targets (a date question can set the due time; a request records what its due time
was counted from), participants copied into requests, and services that leave out the generic
description questions. Expand only: new tables and defaulted or nullable columns.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07 23:15:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asks_description", sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table("service_fields", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_working_days_before", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_service_fields_due_working_days_before_0_to_250"), "due_working_days_before BETWEEN 0 AND 250"
        )

    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_basis", sa.String(length=12), server_default="submission", nullable=False))
        batch_op.add_column(sa.Column("event_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("event_label", sa.String(length=200), server_default="", nullable=False))
        batch_op.add_column(sa.Column("event_days_before", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_service_requests_known_due_basis"), "due_basis IN ('submission', 'event', 'event_passed')"
        )

    op.create_table(
        "request_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["users.id"], name=op.f("fk_request_participants_added_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_request_participants_request_id_service_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_request_participants_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_participants")),
        sa.UniqueConstraint("request_id", "user_id", name=op.f("uq_request_participants_request_id")),
    )
    with op.batch_alter_table("request_participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_participants_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("request_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_participants_user_id"))
    op.drop_table("request_participants")
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_requests_known_due_basis"), type_="check")
        batch_op.drop_column("event_days_before")
        batch_op.drop_column("event_label")
        batch_op.drop_column("event_date")
        batch_op.drop_column("due_basis")
    with op.batch_alter_table("service_fields", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_fields_due_working_days_before_0_to_250"), type_="check")
        batch_op.drop_column("due_working_days_before")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("asks_description")
