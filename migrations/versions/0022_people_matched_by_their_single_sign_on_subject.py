"""People matched by their single sign-on subject: the provider's stable id for them (Entra ID's
object id, else the token's `sub`), unique, set at their first sign-in through the provider.
Rows from before have none.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 16:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sso_subject', sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint(op.f('uq_users_sso_subject'), ['sso_subject'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_users_sso_subject'), type_='unique')
        batch_op.drop_column('sso_subject')
