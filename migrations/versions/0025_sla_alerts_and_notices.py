"""SLA alerts and notices: each request's warning and breach alert recorded once (sla_alerts,
unique per request and point, so two runs of `flask requests sla-alerts` at once send one), the
timeline's new event kind for them, and each service's warning point (the share of its working
time used; 75 % for the services there are); the kind of each notification, each person's choice
of how to receive each kind (notice_preferences), and the daily digests sent (one per person and
day).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
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

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='', nullable=False))
    op.create_table(
        'notice_preferences',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('delivery', sa.String(length=10), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("delivery IN ('in_app', 'email', 'digest')",
                           name=op.f('ck_notice_preferences_known_delivery')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notice_preferences_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_preferences')),
        sa.UniqueConstraint('user_id', 'kind', name=op.f('uq_notice_preferences_user_id')),
    )
    op.create_table(
        'digests_sent',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digests_sent_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_digests_sent')),
        sa.UniqueConstraint('user_id', 'day', name=op.f('uq_digests_sent_user_id')),
    )


def downgrade():
    op.drop_table('digests_sent')
    op.drop_table('notice_preferences')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('kind')
    op.execute("DELETE FROM request_events WHERE kind = 'sla'")
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_known_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_request_events_known_kind'), _in('kind', OLD_KINDS))
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_services_sla_warning_percent_1_to_99'), type_='check')
        batch_op.drop_column('sla_warning_percent')
    op.drop_table('sla_alerts')
