"""Ask Staffroom: the council's vocabulary (synonyms and abbreviations, used by search and the
assistant), and the questions asked with what answered them, the asker's feedback and the
community's reply.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 02:52:27.048788

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('synonyms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=60), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('meaning', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("key <> ''", name=op.f('ck_synonyms_key_not_empty')),
    sa.CheckConstraint("meaning <> ''", name=op.f('ck_synonyms_meaning_not_empty')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_synonyms_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_synonyms')),
    sa.UniqueConstraint('key', name=op.f('uq_synonyms_key'))
    )
    op.create_table('asked_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=200), nullable=False),
    sa.Column('understood_as', sa.String(length=400), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('follow_up_of_id', sa.Integer(), nullable=True),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('confidence', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('heading', sa.String(length=200), nullable=False),
    sa.Column('ranked', sa.String(length=300), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=True),
    sa.Column('feedback_at', sa.DateTime(), nullable=True),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('referred_at', sa.DateTime(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('replied_by_id', sa.Integer(), nullable=True),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 100', name=op.f('ck_asked_questions_confidence_is_a_percentage')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_asked_questions_article_id_articles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['follow_up_of_id'], ['asked_questions.id'], name=op.f('fk_asked_questions_follow_up_of_id_asked_questions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['replied_by_id'], ['users.id'], name=op.f('fk_asked_questions_replied_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_asked_questions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asked_questions'))
    )
    with op.batch_alter_table('asked_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asked_questions_article_id'), ['article_id'], unique=False)
        batch_op.create_index('ix_asked_questions_asked_at_answered', ['asked_at', 'answered'], unique=False)
        batch_op.create_index('ix_asked_questions_referred_replied', ['referred_at', 'replied_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_asked_questions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('asked_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asked_questions_user_id'))
        batch_op.drop_index('ix_asked_questions_referred_replied')
        batch_op.drop_index('ix_asked_questions_asked_at_answered')
        batch_op.drop_index(batch_op.f('ix_asked_questions_article_id'))

    op.drop_table('asked_questions')
    op.drop_table('synonyms')
