"""Search on several hosts: outbox rows carry their transaction's id on PostgreSQL (an index's
position is then the oldest transaction still running when it read, so a late commit is never
missed), each host's position is kept in search_hosts, and search_outbox_horizon records what
housekeeping has removed (a host behind it rebuilds its index).

On SQLite the outbox's ids become AUTOINCREMENT: emptied by housekeeping, the table would
otherwise hand out id 1 again, below every index's position.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 17:20:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    # SQLite: AUTOINCREMENT, so an id is never handed out again after housekeeping empties the
    # table (an index past it would skip the change). PostgreSQL's sequence never reuses one.
    with op.batch_alter_table(
        'search_outbox', schema=None, recreate='auto', table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        batch_op.add_column(sa.Column('xid', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_search_outbox_xid', ['xid'], unique=False)
    op.create_table(
        'search_hosts',
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('generation', sa.String(length=80), nullable=False),
        sa.Column('position_id', sa.BigInteger(), nullable=False),
        sa.Column('position_xid', sa.BigInteger(), nullable=True),
        sa.Column('applied_at', sa.DateTime(), nullable=True),
        sa.Column('follower_seen_at', sa.DateTime(), nullable=True),
        sa.Column('seen_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_search_hosts')),
    )
    op.create_table(
        'search_outbox_horizon',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pruned_through_id', sa.BigInteger(), nullable=False),
        sa.Column('pruned_through_xid', sa.BigInteger(), nullable=True),
        sa.Column('pruned_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox_horizon')),
    )
    # Rows housekeeping removed before the horizon was recorded: say so, so that a lost index is
    # rebuilt from the database rather than from an outbox that no longer holds every change.
    first = op.get_bind().execute(sa.text('SELECT min(id), count(*) FROM search_outbox')).one()
    if first[0] is None or first[0] > 1:
        op.get_bind().execute(
            sa.text('INSERT INTO search_outbox_horizon (id, pruned_through_id) VALUES (1, :through)'),
            {'through': (first[0] or 1) - 1},
        )


def downgrade():
    op.drop_table('search_outbox_horizon')
    op.drop_table('search_hosts')
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_search_outbox_xid')
        batch_op.drop_column('xid')
