"""SLA alerts: each request's warning and breach alert recorded once (sla_alerts, unique per request
and point, so two runs of `flask requests sla-alerts` at once send one), the timeline's new event
kind for them, and each service's warning point (the share of its working time used; 75 % for
the services there are).

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None

OLD_KINDS = ('submitted', 'assigned', 'status', 'priority', 'reply', 'note', 'rated', 'reopened', 'cancelled')
NEW_KINDS = (*OLD_KINDS, 'sla')


def _in(column, values):
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade():
    op.create_table(
        'sla_alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('point', sa.String(length=10), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("point IN ('warning', 'breach')", name=op.f('ck_sla_alerts_known_point')),
        sa.ForeignKeyConstraint(['request_id'], ['service_requests.id'],
                                name=op.f('fk_sla_alerts_request_id_service_requests'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sla_alerts')),
        sa.UniqueConstraint('request_id', 'point', name=op.f('uq_sla_alerts_request_id')),
    )
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sla_warning_percent', sa.Integer(), server_default='75', nullable=False))
        batch_op.create_check_constraint(op.f('ck_services_sla_warning_percent_1_to_99'),
                                         'sla_warning_percent BETWEEN 1 AND 99')
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_known_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_request_events_known_kind'), _in('kind', NEW_KINDS))


def downgrade():
    op.execute("DELETE FROM request_events WHERE kind = 'sla'")
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_known_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_request_events_known_kind'), _in('kind', OLD_KINDS))
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_services_sla_warning_percent_1_to_99'), type_='check')
        batch_op.drop_column('sla_warning_percent')
    op.drop_table('sla_alerts')
