"""Service-wide performance targets (share resolved within target, satisfaction), set by admins.

Revision ID: 0030
Revises: 0022
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0030'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'performance_targets',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('within_target_percent', sa.Numeric(precision=4, scale=1), nullable=False),
        sa.Column('satisfaction', sa.Numeric(precision=3, scale=2), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('id = 1', name=op.f('ck_performance_targets_single_row')),
        sa.CheckConstraint(
            'within_target_percent > 0 AND within_target_percent <= 100', name=op.f('ck_performance_targets_percent_range')
        ),
        sa.CheckConstraint('satisfaction > 0 AND satisfaction <= 5', name=op.f('ck_performance_targets_satisfaction_range')),
        sa.ForeignKeyConstraint(
            ['updated_by_id'], ['users.id'], name=op.f('fk_performance_targets_updated_by_id_users'), ondelete='SET NULL'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_performance_targets')),
    )


def downgrade():
    op.drop_table('performance_targets')
