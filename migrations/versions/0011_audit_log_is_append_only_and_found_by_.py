"""The audit log is append-only in the database too, and found by the person it is about.

A trigger refuses every UPDATE and DELETE of audit_events, whatever the client (the app's ORM
refuses them as well: app/models/audit.py). Whoever owns the schema can still drop the trigger:
it keeps code paths and mistakes from changing history, not a database administrator, whose
removal of old events (a retention policy) is a deliberate step: drop the trigger, delete, create
it again. On SQLite a batch alteration of audit_events rebuilds the table and loses the trigger:
such a migration must create it again (see create_trigger below).

The index on (subject_type, subject_id) serves the admin page's person filter, which now also
finds the events about a person (a failed sign-in has no actor, only the account).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 02:44:25.736841

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

MESSAGE = "audit_events is append-only: events cannot be changed or deleted"


def create_trigger():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}';
            END $$
        """)
        op.execute("CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
                   "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()")
    else:
        for operation in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_events_no_{operation.lower()} BEFORE {operation} ON audit_events "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def drop_trigger():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION audit_events_append_only()")
    else:
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_events_subject', ['subject_type', 'subject_id'], unique=False)
    create_trigger()


def downgrade():
    drop_trigger()
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_subject')
