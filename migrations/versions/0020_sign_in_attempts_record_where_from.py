"""Sign-in attempts record where they came from: failures for addresses that have no account are
summarised per address (IP) in the audit log by `flask housekeeping` instead of one audit row each.

Revision ID: 0020
Revises: 0015
Create Date: 2026-12-07 16:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ip', sa.String(length=45), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_column('ip')
