"""full-text search: the documents' text by lemmas (registry.fulltext)

``document_fulltext`` holds one row per document with text: its words'
lemmas in order. On SQLite an external-content FTS5 table indexes them, kept in
step by triggers; on PostgreSQL a generated ``tsvector`` column (``russian``)
with a GIN index. The documents already stored are indexed here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from registry.fulltext import FTS, TABLE, fill

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, lemmas) VALUES (new.id, new.lemmas); END",
    f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, lemmas) VALUES ('delete', old.id, old.lemmas); END",
    f"CREATE TRIGGER {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, lemmas) VALUES ('delete', old.id, old.lemmas); "
    f"INSERT INTO {FTS}(rowid, lemmas) VALUES (new.id, new.lemmas); END",
)


def upgrade() -> None:
    op.create_table(TABLE,
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('document_id', sa.String(length=64), nullable=False),
                    sa.Column('lemmas', sa.Text(), nullable=False),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('document_id', name=f'uq_{TABLE}_document_id'))
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(lemmas, content='{TABLE}', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 0')")
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    else:
        op.execute(f"ALTER TABLE {TABLE} ADD COLUMN tsv tsvector "
                   f"GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, lemmas)) STORED")
        op.create_index(f'ix_{TABLE}_tsv', TABLE, ['tsv'], postgresql_using='gin')
    fill(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for suffix in ('ai', 'ad', 'au'):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    else:
        op.drop_index(f'ix_{TABLE}_tsv', table_name=TABLE)
    op.drop_table(TABLE)
