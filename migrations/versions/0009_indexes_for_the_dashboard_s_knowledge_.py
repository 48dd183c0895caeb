"""Indexes for the dashboard's knowledge and ideas figures: most read, overdue for review, owners
and authors per category, feedback counts, the ideas funnel and time to a decision.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 01:54:26.702564

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('article_feedback', schema=None) as batch_op:
        batch_op.create_index('ix_article_feedback_article_helpful', ['article_id', 'helpful'], unique=False)

    with op.batch_alter_table('article_revisions', schema=None) as batch_op:
        batch_op.create_index('ix_article_revisions_article_author', ['article_id', 'author_id'], unique=False)

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_status_category_owner', ['status', 'category_id', 'owner_id'], unique=False)
        batch_op.create_index('ix_articles_status_review_by', ['status', 'review_by'], unique=False)
        batch_op.create_index('ix_articles_status_view_count', ['status', 'view_count'], unique=False)

    with op.batch_alter_table('idea_status_changes', schema=None) as batch_op:
        batch_op.create_index('ix_idea_status_changes_decisions', ['to_status', 'idea_id', 'created_at'], unique=False)

    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index('ix_ideas_created_figures', ['created_at', 'status', 'area_team_id'], unique=False)



def downgrade():
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_ideas_created_figures')

    with op.batch_alter_table('idea_status_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_status_changes_decisions')

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_status_view_count')
        batch_op.drop_index('ix_articles_status_review_by')
        batch_op.drop_index('ix_articles_status_category_owner')

    with op.batch_alter_table('article_revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_article_revisions_article_author')

    with op.batch_alter_table('article_feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_article_feedback_article_helpful')

