"""review app tables: users, sessions, audit trail, per-document review state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('review_audit',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_name', sa.String(length=128), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('record_table', sa.String(length=32), nullable=False),
    sa.Column('record_key', sa.String(length=64), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('old_json', sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('new_json', sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_audit_document_id'), ['document_id'], unique=False)

    op.create_table('review_users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('review_documents',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('doc_type', sa.String(length=16), nullable=True),
    sa.Column('region', sa.String(length=200), nullable=True),
    sa.Column('doc_date', sa.Date(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=True),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('min_confidence', sa.Float(), nullable=True),
    sa.Column('certainty', sa.Float(), nullable=False),
    sa.Column('doc_updated', sa.DateTime(timezone=True), nullable=True),
    sa.Column('validated_by', sa.String(length=128), nullable=True),
    sa.Column('validated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    with op.batch_alter_table('review_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_documents_doc_date'), ['doc_date'], unique=False)
        batch_op.create_index('ix_review_documents_type_status', ['doc_type', 'status'], unique=False)
        batch_op.create_index('ix_review_documents_queue', ['certainty', 'document_id'], unique=False)
        batch_op.create_index('ix_review_documents_region_status', ['region', 'status'], unique=False)
        batch_op.create_index('ix_review_documents_status_queue', ['status', 'certainty', 'document_id'], unique=False)

    op.create_table('review_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['review_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('review_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_sessions_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_sessions_user_id'))

    op.drop_table('review_sessions')
    with op.batch_alter_table('review_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_review_documents_status_queue')
        batch_op.drop_index('ix_review_documents_region_status')
        batch_op.drop_index('ix_review_documents_queue')
        batch_op.drop_index('ix_review_documents_type_status')
        batch_op.drop_index(batch_op.f('ix_review_documents_doc_date'))

    op.drop_table('review_documents')
    op.drop_table('review_users')
    with op.batch_alter_table('review_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_audit_document_id'))

    op.drop_table('review_audit')
