"""Ideas and comments posted once: each carries the key of the form it came from (unique), so a
retry after a failure or a double post finds the one already saved instead of adding a second.
Rows from before have none.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-09 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('ideas', 'idea_comments'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
            batch_op.create_unique_constraint(op.f(f'uq_{table}_submission_key'), ['submission_key'])


def downgrade():
    for table in ('idea_comments', 'ideas'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'uq_{table}_submission_key'), type_='unique')
            batch_op.drop_column('submission_key')
