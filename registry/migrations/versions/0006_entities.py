"""entities: canonical schools, people and organisations; entity_id on their rows

Adds the ``entities`` table (with the tombstone trigger every exported table
has, see 0003) and an indexed ``entity_id`` on ``people``, ``schools`` and
``organizations``. Existing rows start unlinked (NULL); ``reestr entities
relink`` links them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

LINKED = ("people", "schools", "organizations")
SQLITE_TRIGGER = """CREATE TRIGGER tombstone_entities AFTER DELETE ON entities BEGIN
INSERT INTO deletions (table_name, row_id, deleted_at)
VALUES ('entities', CAST(OLD.id AS TEXT), strftime('%Y-%m-%d %H:%M:%f000', 'now')); END"""
PG_TRIGGER = ("CREATE TRIGGER tombstone_entities AFTER DELETE ON entities "
              "FOR EACH ROW EXECUTE FUNCTION reestr_tombstone()")


def upgrade() -> None:
    op.create_table('entities',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('kind', sa.String(length=16), nullable=False),
                    sa.Column('name', sa.Text(), nullable=False),
                    sa.Column('key', sa.Text(), nullable=False),
                    sa.Column('school_type', sa.String(length=32), nullable=True),
                    sa.Column('number', sa.String(length=32), nullable=True),
                    sa.Column('proper_name', sa.Text(), nullable=True),
                    sa.Column('locality', sa.Text(), nullable=True),
                    sa.Column('municipality', sa.Text(), nullable=True),
                    sa.Column('surname', sa.Text(), nullable=True),
                    sa.Column('first_name', sa.Text(), nullable=True),
                    sa.Column('patronymic', sa.Text(), nullable=True),
                    sa.Column('initials', sa.String(length=16), nullable=True),
                    sa.Column('gender', sa.String(length=8), nullable=True),
                    sa.Column('position', sa.Text(), nullable=True),
                    sa.Column('organization', sa.Text(), nullable=True),
                    sa.Column('region', sa.Text(), nullable=True),
                    sa.Column('documents', sa.Integer(), nullable=False),
                    sa.Column('first_seen', sa.Date(), nullable=True),
                    sa.Column('last_seen', sa.Date(), nullable=True),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_entities_kind_key', 'entities', ['kind', 'key'], unique=False)
    op.create_index('ix_entities_updated_at', 'entities', ['updated_at'], unique=False)
    for table in LINKED:
        op.add_column(table, sa.Column('entity_id', sa.Integer(), nullable=True))
        op.create_index(f'ix_{table}_entity_id', table, ['entity_id'], unique=False)
    op.execute(PG_TRIGGER if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGER)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP TRIGGER IF EXISTS tombstone_entities" + (" ON entities" if dialect == "postgresql" else ""))
    for table in LINKED:
        op.drop_index(f'ix_{table}_entity_id', table_name=table)
        # a plain DROP COLUMN (SQLite >= 3.35): a batch copy of the table would lose its triggers
        op.execute(f"ALTER TABLE {table} DROP COLUMN entity_id")
    op.drop_index('ix_entities_updated_at', table_name='entities')
    op.drop_index('ix_entities_kind_key', table_name='entities')
    op.drop_table('entities')
