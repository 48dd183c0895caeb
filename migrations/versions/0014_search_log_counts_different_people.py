"""The search log counts different people: a keyed hash of who searched, so a search with no
results reaches the content-gap lists only once several different people have made it (the hash
names nobody without the app's secret key). Searches logged before keep "" and count as nobody.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('searcher', sa.String(length=32), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('search_log', schema=None) as batch_op:
        batch_op.drop_column('searcher')
