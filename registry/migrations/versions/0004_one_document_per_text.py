"""one document per text: documents.text_sha256, document_sources

Every stored document gets the sha256 of its whitespace-normalised text and is
listed with the file (or archive member) it came from in ``document_sources``.
Documents that turn out to hold the same text are merged into one, the keeper
being the one people worked on most (validations, then review, then the
oldest): the others' sources, validations (where the keeper has none for the
same field) and audit trail move to the keeper, then they are deleted (their
records with them, each leaving a tombstone). Validations stay intact.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

SQLITE_TRIGGER = """CREATE TRIGGER tombstone_document_sources AFTER DELETE ON document_sources BEGIN
INSERT INTO deletions (table_name, row_id, deleted_at)
VALUES ('document_sources', CAST(OLD.id AS TEXT), strftime('%Y-%m-%d %H:%M:%f000', 'now')); END"""
PG_TRIGGER = ("CREATE TRIGGER tombstone_document_sources AFTER DELETE ON document_sources "
              "FOR EACH ROW EXECUTE FUNCTION reestr_tombstone()")
BATCH = 500


def text_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def create_tables() -> None:
    op.add_column('documents', sa.Column('text_sha256', sa.String(length=64), nullable=True))
    op.create_table('document_sources',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('document_id', sa.String(length=64), nullable=False),
                    sa.Column('member_id', sa.String(length=64), nullable=False),
                    sa.Column('source_id', sa.String(length=64), nullable=True),
                    sa.Column('source_path', sa.Text(), nullable=False),
                    sa.Column('container_path', sa.Text(), nullable=True),
                    sa.Column('format', sa.String(length=32), nullable=True),
                    sa.Column('encoding', sa.String(length=32), nullable=True),
                    sa.Column('size', sa.Integer(), nullable=True),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    for column in ('document_id', 'member_id', 'source_id', 'updated_at'):
        op.create_index(f'ix_document_sources_{column}', 'document_sources', [column], unique=False)


def fill(conn: sa.Connection) -> dict[str, list[str]]:
    """Sources of every document and its text key; document ids by key."""
    documents, sources = sa.table('documents', *[sa.column(c) for c in (
        'id', 'text', 'source_id', 'source_path', 'container_path', 'format', 'encoding', 'size',
        'text_sha256')]), sa.table('document_sources', *[sa.column(c) for c in (
            'document_id', 'member_id', 'source_id', 'source_path', 'container_path', 'format',
            'encoding', 'size')], sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('updated_at', sa.DateTime(timezone=True)))
    now = dt.datetime.now(dt.timezone.utc)
    by_key: dict[str, list[str]] = defaultdict(list)
    rows = conn.execute(sa.select(documents.c.id, documents.c.text, documents.c.source_id,
                                  documents.c.source_path, documents.c.container_path,
                                  documents.c.format, documents.c.encoding, documents.c.size)
                        .order_by(documents.c.id)).all()
    links = []
    for row in rows:
        links.append(dict(document_id=row.id, member_id=row.id, source_id=row.source_id,
                          source_path=row.source_path, container_path=row.container_path,
                          format=row.format, encoding=row.encoding, size=row.size,
                          created_at=now, updated_at=now))
        if row.text is not None:
            by_key[text_key(row.text)].append(row.id)
    for start in range(0, len(links), BATCH):
        conn.execute(sa.insert(sources), links[start:start + BATCH])
    return by_key


def weight(conn: sa.Connection, document_id: str) -> tuple:
    """Sort key of a keeper: most validations, validated, reviewed, oldest."""
    validations = conn.execute(sa.text("SELECT count(*) FROM validations WHERE document_id = :d"),
                               {"d": document_id}).scalar()
    status = conn.execute(sa.text("SELECT status FROM review_documents WHERE document_id = :d"),
                          {"d": document_id}).scalar()
    created = conn.execute(sa.text("SELECT created_at FROM documents WHERE id = :d"),
                           {"d": document_id}).scalar()
    return (-validations, status != "validated", status in (None, "new"), str(created), document_id)


def merge(conn: sa.Connection, keeper: str, other: str) -> None:
    ids = {"k": keeper, "o": other}
    conn.execute(sa.text("UPDATE document_sources SET document_id = :k WHERE document_id = :o"), ids)
    conn.execute(sa.text(
        "UPDATE validations SET document_id = :k WHERE document_id = :o AND NOT EXISTS ("
        "SELECT 1 FROM validations v WHERE v.document_id = :k AND v.record_table = validations.record_table "
        "AND v.record_key = validations.record_key AND v.field = validations.field)"), ids)
    conn.execute(sa.text("UPDATE review_audit SET document_id = :k WHERE document_id = :o"), ids)
    conn.execute(sa.text("DELETE FROM documents WHERE id = :o"), ids)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    create_tables()
    op.execute(PG_TRIGGER if dialect == "postgresql" else SQLITE_TRIGGER)
    conn = op.get_bind()
    by_key = fill(conn)
    keys = []
    for key, ids in by_key.items():
        keeper, *others = sorted(ids, key=lambda i: weight(conn, i)) if len(ids) > 1 else ids
        for other in others:
            merge(conn, keeper, other)
        keys.append({"key": key, "k": keeper})
    for start in range(0, len(keys), BATCH):
        conn.execute(sa.text("UPDATE documents SET text_sha256 = :key WHERE id = :k"), keys[start:start + BATCH])
    op.create_index('ix_documents_text_sha256', 'documents', ['text_sha256'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_documents_text_sha256', table_name='documents')
    op.execute("DROP TRIGGER IF EXISTS tombstone_document_sources"
               + (" ON document_sources" if op.get_bind().dialect.name == "postgresql" else ""))
    op.drop_table('document_sources')
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('text_sha256')
