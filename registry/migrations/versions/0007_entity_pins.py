"""entity pins: a librarian's merges and splits of entities, kept by record

``entity_pins`` holds, per record (document, table, record key: stable across
reprocessing), the group label a merge or split put it in, with who did it and
when; relinking keeps pinned records together under their label.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entity_pins',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('kind', sa.String(length=16), nullable=False),
                    sa.Column('document_id', sa.String(length=64), nullable=False),
                    sa.Column('record_key', sa.String(length=64), nullable=False),
                    sa.Column('label', sa.String(length=64), nullable=False),
                    sa.Column('action', sa.String(length=16), nullable=False),
                    sa.Column('pinned_by', sa.String(length=128), nullable=True),
                    sa.Column('pinned_at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('kind', 'document_id', 'record_key', name='uq_entity_pins_record'))
    op.create_index('ix_entity_pins_document_id', 'entity_pins', ['document_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_entity_pins_document_id', table_name='entity_pins')
    op.drop_table('entity_pins')
