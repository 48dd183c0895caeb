"""Covering indexes for the dashboard's figures: its counts and percentiles over a period read
the index alone (see docs/performance.md, "Dashboard").

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 01:31:26.832476

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.create_index('ix_service_requests_first_response_figures', ['first_response_at', 'first_response_minutes', 'team_id', 'service_id'], unique=False)
        batch_op.create_index('ix_service_requests_rated_figures', ['rated_at', 'rating', 'team_id', 'service_id'], unique=False)
        batch_op.create_index('ix_service_requests_resolved_figures', ['resolved_at', 'resolution_minutes', 'resolved_within_sla', 'team_id', 'service_id', 'assignee_id'], unique=False)
        batch_op.create_index('ix_service_requests_status_submitted', ['status', 'submitted_at', 'team_id', 'service_id'], unique=False)
        batch_op.create_index('ix_service_requests_submitted_scope', ['submitted_at', 'team_id', 'service_id'], unique=False)



def downgrade():
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_service_requests_submitted_scope')
        batch_op.drop_index('ix_service_requests_status_submitted')
        batch_op.drop_index('ix_service_requests_resolved_figures')
        batch_op.drop_index('ix_service_requests_rated_figures')
        batch_op.drop_index('ix_service_requests_first_response_figures')

