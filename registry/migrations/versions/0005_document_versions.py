"""near-duplicate documents as versions: documents.version_of, MinHash tables

Adds ``documents.version_of``, ``document_signatures`` (a MinHash per
document) and ``document_bands`` (its LSH bands, indexed), then signs every
stored document in the order they were stored and links near-duplicates
(registry/versions.py: similarity >= 0.9) to the first of their group.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def create_tables() -> None:
    op.add_column('documents', sa.Column('version_of', sa.String(length=64), nullable=True))
    op.create_index('ix_documents_version_of', 'documents', ['version_of'], unique=False)
    op.create_table('document_signatures',
                    sa.Column('document_id', sa.String(length=64), nullable=False),
                    sa.Column('minhash', sa.LargeBinary(), nullable=False),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('document_id'))
    op.create_table('document_bands',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('document_id', sa.String(length=64), nullable=False),
                    sa.Column('band', sa.Integer(), nullable=False),
                    sa.Column('hash', sa.String(length=32), nullable=False),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_document_bands_document_id', 'document_bands', ['document_id'], unique=False)
    op.create_index('ix_document_bands_band_hash', 'document_bands', ['band', 'hash'], unique=False)


def upgrade() -> None:
    from registry.versions import MAX_CANDIDATES, THRESHOLD, band_keys, signature

    create_tables()
    conn = op.get_bind()
    signed: dict[str, object] = {}
    groups: dict[tuple[int, str], list[str]] = {}
    heads: dict[str, str] = {}
    rows = conn.execute(sa.text("SELECT id, text FROM documents WHERE text IS NOT NULL "
                                "ORDER BY created_at, id"))
    for document_id, body in rows:
        minhash = signature(body)
        if minhash is None:
            continue
        keys = band_keys(minhash)
        shared = Counter(other for key in keys for other in groups.get(key, []))
        candidates = sorted(shared, key=lambda other: (-shared[other], other))[:MAX_CANDIDATES]
        best, score = None, THRESHOLD
        for other in sorted(candidates):
            value = float(minhash.jaccard(signed[other]))
            if value >= score:
                best, score = heads.get(other, other), value
        if best is not None:
            heads[document_id] = best
        signed[document_id] = minhash
        for key in keys:
            groups.setdefault(key, []).append(document_id)
        conn.execute(sa.text("INSERT INTO document_signatures (document_id, minhash) VALUES (:d, :m)"),
                     {"d": document_id, "m": minhash.hashvalues.astype("uint32").tobytes()})
        conn.execute(sa.text("INSERT INTO document_bands (document_id, band, hash) VALUES (:d, :b, :h)"),
                     [{"d": document_id, "b": band, "h": key} for band, key in keys])
    for document_id, head in heads.items():
        conn.execute(sa.text("UPDATE documents SET version_of = :h WHERE id = :d"),
                     {"h": head, "d": document_id})


def downgrade() -> None:
    op.drop_index('ix_document_bands_band_hash', table_name='document_bands')
    op.drop_index('ix_document_bands_document_id', table_name='document_bands')
    op.drop_table('document_bands')
    op.drop_table('document_signatures')
    op.drop_index('ix_documents_version_of', table_name='documents')
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('version_of')
