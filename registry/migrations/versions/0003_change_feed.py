"""change feed: review state and change times on record rows, tombstones

Every record row gets its review state (machine / validated / rejected, by
whom, when: filled here from the validations already stored) and
created_at / updated_at; spans and person mentions get updated_at. Rows that
exist already are stamped with the time of this migration. A ``deletions``
table receives a tombstone from a trigger whenever a row of an exported table
is deleted, whatever deletes it (the registry, the review app, a cascade).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

RECORD_TABLES = ("events", "dates", "people", "schools", "organizations", "counts", "decisions",
                 "action_items")
STAMPED = RECORD_TABLES + ("spans", "person_mentions")
TOMBSTONED = ("documents", "sources", "validations") + STAMPED


def stamp_literal(dialect: str) -> sa.TextClause:
    """Now, as a constant default the existing rows take (SQLAlchemy's own
    text format on SQLite, so the values read back as datetimes)."""
    now = dt.datetime.now(dt.timezone.utc)
    if dialect == "sqlite":
        return sa.text(f"'{now.strftime('%Y-%m-%d %H:%M:%S.%f')}'")
    return sa.text(f"'{now.isoformat()}'")


def review_state_sql(table: str) -> str:
    match = (f"v.document_id = {table}.document_id AND v.record_table = '{table}' "
             f"AND v.record_key = {table}.record_key")
    return (f"UPDATE {table} SET "
            f"review_state = CASE WHEN EXISTS (SELECT 1 FROM validations v WHERE {match} "
            f"AND v.field = '_rejected') THEN 'rejected' "
            f"WHEN EXISTS (SELECT 1 FROM validations v WHERE {match}) THEN 'validated' "
            f"ELSE 'machine' END, "
            f"reviewed_by = (SELECT v.validated_by FROM validations v WHERE {match} "
            f"ORDER BY v.validated_at DESC, v.id DESC LIMIT 1), "
            f"reviewed_at = (SELECT max(v.validated_at) FROM validations v WHERE {match})")


SQLITE_TRIGGER = """CREATE TRIGGER tombstone_{table} AFTER DELETE ON {table} BEGIN
INSERT INTO deletions (table_name, row_id, deleted_at)
VALUES ('{table}', CAST(OLD.id AS TEXT), strftime('%Y-%m-%d %H:%M:%f000', 'now')); END"""
PG_FUNCTION = """CREATE OR REPLACE FUNCTION reestr_tombstone() RETURNS trigger AS $$
BEGIN
  INSERT INTO deletions (table_name, row_id, deleted_at)
  VALUES (TG_TABLE_NAME, OLD.id::text, clock_timestamp());
  RETURN OLD;
END $$ LANGUAGE plpgsql"""
PG_TRIGGER = ("CREATE TRIGGER tombstone_{table} AFTER DELETE ON {table} "
              "FOR EACH ROW EXECUTE FUNCTION reestr_tombstone()")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    stamp = stamp_literal(dialect)
    for table in RECORD_TABLES:
        op.add_column(table, sa.Column('review_state', sa.String(length=16), nullable=False,
                                       server_default='machine'))
        op.add_column(table, sa.Column('reviewed_by', sa.String(length=128), nullable=True))
        op.add_column(table, sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column('created_at', sa.DateTime(timezone=True), nullable=False,
                                       server_default=stamp))
    for table in STAMPED:
        op.add_column(table, sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False,
                                       server_default=stamp))
        op.create_index(f'ix_{table}_updated_at', table, ['updated_at'], unique=False)
    for table in RECORD_TABLES:
        op.execute(review_state_sql(table))
    op.create_table('deletions',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('table_name', sa.String(length=32), nullable=False),
                    sa.Column('row_id', sa.String(length=64), nullable=False),
                    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_deletions_deleted_at', 'deletions', ['deleted_at'], unique=False)
    if dialect == "postgresql":
        op.execute(PG_FUNCTION)
    for table in TOMBSTONED:
        op.execute((PG_TRIGGER if dialect == "postgresql" else SQLITE_TRIGGER).format(table=table))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TOMBSTONED:
        op.execute(f"DROP TRIGGER IF EXISTS tombstone_{table}"
                   + (f" ON {table}" if dialect == "postgresql" else ""))
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS reestr_tombstone()")
    op.drop_index('ix_deletions_deleted_at', table_name='deletions')
    op.drop_table('deletions')
    for table in STAMPED:
        op.drop_index(f'ix_{table}_updated_at', table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('updated_at')
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            for column in ('created_at', 'reviewed_at', 'reviewed_by', 'review_state'):
                batch.drop_column(column)
