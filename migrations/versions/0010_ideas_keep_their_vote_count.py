"""Each idea keeps its vote count (ideas.vote_count), filled here from idea_votes.

Counting every vote on every board page (a GROUP BY over 200,000 votes at production scale) cost
the board 130 ms and the roadmap 600 ms. From here on ideas.services adds or takes one from the
count in the same transaction as each vote row it inserts or deletes (a check keeps it from going
below 0). The board's "Most votes", the roadmap's columns and a status filter read the top of an
index on vote_count; trending still counts the votes of the last two weeks, now from an index on
(created_at, idea_id), replacing the one on created_at alone, so only the recent entries of the
index are read and never the table.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 02:07:48.910822

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('idea_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_votes_created_at'))
        batch_op.create_index('ix_idea_votes_created_at_idea_id', ['created_at', 'idea_id'], unique=False)

    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vote_count', sa.Integer(), sa.CheckConstraint(
            'vote_count >= 0', name=op.f('ck_ideas_vote_count_not_negative')), server_default='0', nullable=False))

    # One statement, so the counts match the rows at one moment (on PostgreSQL the ALTER above
    # holds the table until commit, so no vote can land in between).
    op.execute('UPDATE ideas SET vote_count = (SELECT count(*) FROM idea_votes WHERE idea_votes.idea_id = ideas.id)')

    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index('ix_ideas_status_vote_count_id', ['status', 'vote_count', 'id'], unique=False)
        batch_op.create_index('ix_ideas_vote_count_id', ['vote_count', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_ideas_vote_count_id')
        batch_op.drop_index('ix_ideas_status_vote_count_id')
        batch_op.drop_constraint(op.f('ck_ideas_vote_count_not_negative'), type_='check')
        batch_op.drop_column('vote_count')

    with op.batch_alter_table('idea_votes', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_votes_created_at_idea_id')
        batch_op.create_index(batch_op.f('ix_idea_votes_created_at'), ['created_at'], unique=False)
