"""Service-wide performance targets (share resolved within target, satisfaction), set by admins;
the people who receive the monthly performance pack, and the packs sent (one per month).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0026'
down_revision = '0025'
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


    op.create_table(
        'pack_recipients',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_pack_recipients_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_pack_recipients')),
    )
    op.create_table(
        'monthly_packs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('recipients', sa.Integer(), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('html', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_monthly_packs')),
        sa.UniqueConstraint('month', name=op.f('uq_monthly_packs_month')),
    )


def downgrade():
    op.drop_table('monthly_packs')
    op.drop_table('pack_recipients')
    op.drop_table('performance_targets')
