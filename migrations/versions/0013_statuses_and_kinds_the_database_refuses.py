"""Statuses and kinds the database refuses: the old and new status of an idea's status change, and
the question kind copied into a request's answer, must be one the code knows (the other status,
role, priority and kind columns had their check already). Each check lists the values of its enum
in app/models (check_in); written out here, so this migration stays as it was when the enums grow.

An existing row with another value stops the upgrade with the value named, for a person to decide
what it should be: nothing is changed behind anyone's back.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

IDEA_STATUSES = ('new', 'under_review', 'planned', 'in_progress', 'implemented', 'not_taken_forward', 'duplicate')
FIELD_KINDS = ('text', 'textarea', 'number', 'date', 'email', 'select', 'radios', 'checkboxes', 'yesno', 'file')
CHECKS = [
    ('idea_status_changes', 'from_status', IDEA_STATUSES),
    ('idea_status_changes', 'to_status', IDEA_STATUSES),
    ('request_answers', 'kind', FIELD_KINDS),
]


def _in(column, values):
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade():
    connection = op.get_bind()
    for table, column, values in CHECKS:
        unknown = connection.execute(sa.text(
            f"SELECT DISTINCT {column} FROM {table} WHERE NOT ({_in(column, values)})")).scalars().all()
        if unknown:
            raise RuntimeError(f"{table}.{column} holds values the code does not know: {sorted(unknown)}")

    with op.batch_alter_table('idea_status_changes', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_idea_status_changes_known_from_status'),
                                         _in('from_status', IDEA_STATUSES))
        batch_op.create_check_constraint(op.f('ck_idea_status_changes_known_to_status'),
                                         _in('to_status', IDEA_STATUSES))

    with op.batch_alter_table('request_answers', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_request_answers_known_kind'), _in('kind', FIELD_KINDS))


def downgrade():
    with op.batch_alter_table('request_answers', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_answers_known_kind'), type_='check')

    with op.batch_alter_table('idea_status_changes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_idea_status_changes_known_to_status'), type_='check')
        batch_op.drop_constraint(op.f('ck_idea_status_changes_known_from_status'), type_='check')
