"""Replies and internal notes on requests posted once: each carries the key of the form it came
from (unique), so a retry after a failure or a double post finds the one already added. Rows from
before have none.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(op.f('uq_request_events_submission_key'), ['submission_key'])


def downgrade():
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_request_events_submission_key'), type_='unique')
        batch_op.drop_column('submission_key')
