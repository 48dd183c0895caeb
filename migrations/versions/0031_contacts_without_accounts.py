"""People without an account (assisted digital): contacts (name, how to reach them, how they prefer
to hear from us), the phone calls and letters owed to them (contact_tasks), and a nullable contact_id
on service_requests and request_drafts. Expand only: new tables and nullable columns.

service_requests.requester_id stays NOT NULL and, for a contact's request, names the agent who
raised it: the person accountable, who follows it in Staffroom. The previous release, which knows
nothing of contact_id, keeps working on every request (it sees the agent as the requester).

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07 23:04:44.042931

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('phone_digits', sa.String(length=20), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('preferred', sa.String(length=10), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('anonymised_at', sa.DateTime(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.CheckConstraint("preferred IN ('email', 'phone', 'letter')", name=op.f('ck_contacts_known_preferred')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_contacts_created_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_contacts_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_contacts_submission_key'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_phone_digits'), ['phone_digits'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_team_id'), ['team_id'], unique=False)

    op.create_table('contact_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('headline', sa.String(length=200), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("method IN ('phone', 'letter')", name=op.f('ck_contact_tasks_known_method')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_tasks_contact_id_contacts')),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_contact_tasks_done_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['service_requests.id'], name=op.f('fk_contact_tasks_request_id_service_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_tasks'))
    )
    with op.batch_alter_table('contact_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_tasks_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index('ix_contact_tasks_request_id', ['request_id'], unique=False)

    with op.batch_alter_table('request_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_request_drafts_contact_id_contacts'), 'contacts', ['contact_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_service_requests_contact_id'), ['contact_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_service_requests_contact_id_contacts'), 'contacts', ['contact_id'], ['id'])



def downgrade():
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_service_requests_contact_id_contacts'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_service_requests_contact_id'))
        batch_op.drop_column('contact_id')

    with op.batch_alter_table('request_drafts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_request_drafts_contact_id_contacts'), type_='foreignkey')
        batch_op.drop_column('contact_id')

    with op.batch_alter_table('contact_tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_tasks_request_id')
        batch_op.drop_index(batch_op.f('ix_contact_tasks_contact_id'))

    op.drop_table('contact_tasks')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_team_id'))
        batch_op.drop_index(batch_op.f('ix_contacts_phone_digits'))
        batch_op.drop_index(batch_op.f('ix_contacts_email'))

    op.drop_table('contacts')
