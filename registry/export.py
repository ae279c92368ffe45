"""Export the registry for a downstream database: one file per table, a
``deleted`` file of tombstones and a ``manifest.json``.

All tables are read in one transaction (one snapshot), so the files agree with
each other and with the manifest's ``cursor`` (the time the snapshot was
taken). ``since`` keeps only the rows created or changed after a previous
cursor, and the tombstones of rows deleted since; each such export also repeats
the changes of the ``OVERLAP`` before that cursor, so a write still in flight
when the previous export read is not missed (a consumer applies rows as
upserts by id, after the tombstones). ``validated_only`` keeps the record rows
a person validated (and their spans and mentions); with ``since`` a record
that stopped being validated comes as a tombstone.

Values have one type whatever the database: timestamps in UTC with their zone,
JSON columns as JSON text (see registry/export_formats.py for the files).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import JSON, Connection, DateTime, Engine, Table, and_, or_, select, text

from registry.export_formats import SUFFIX, write_rows
from registry.models import RECORD_TABLES, Base, Deletion, PersonMention, PersonRow, SpanRow, utcnow
from registry.sync import as_utc

TABLES = ("documents", "document_sources", "sources", "events", "dates", "people", "person_mentions", "schools",
          "organizations", "counts", "decisions", "action_items", "spans", "validations", "entities")
DELETED = "deleted"
DELETED_COLUMNS = ("table", "id", "deleted_at")
CHANGED_AT = {"validations": "validated_at"}  # else updated_at
OVERLAP = dt.timedelta(seconds=60)
MANIFEST = "manifest.json"

__all__ = ["SUFFIX", "TABLES", "Snapshot", "read_snapshot", "export_tables", "parse_cursor"]


class CursorError(ValueError):
    """A --since value that is not a cursor."""


def parse_cursor(value: str) -> dt.datetime:
    """A cursor from a manifest: an ISO 8601 time (UTC when it has no zone)."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CursorError(f"not a cursor: {value!r} (use the cursor of a manifest.json, "
                          f"an ISO 8601 time such as 2026-12-06T05:50:00+00:00)") from None
    return as_utc(moment)


@dataclass
class Table_:
    name: str
    columns: list[str]
    types: list[Any]  # SQLAlchemy column types, for the writers
    rows: list[tuple]


@dataclass
class Snapshot:
    cursor: dt.datetime
    since: Optional[dt.datetime]
    validated_only: bool
    schema_version: Optional[str]
    tables: list[Table_]


def plain(value: Any, column_type: Any) -> Any:
    """One value as every backend and format gets it."""
    if value is None:
        return None
    if isinstance(column_type, JSON):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(column_type, DateTime):
        return as_utc(value)
    return value


def changed_after(table: Table, since: Optional[dt.datetime]) -> Any:
    if since is None:
        return None
    return table.c[CHANGED_AT.get(table.name, "updated_at")] > since - OVERLAP


def validated_ids(name: str) -> Any:
    model = RECORD_TABLES[name]
    return select(model.id).where(model.review_state == "validated")


def validated_filter(table: Table) -> Any:
    """Rows of ``table`` that belong to validated records (None: all rows)."""
    if table.name in RECORD_TABLES:
        return table.c.review_state == "validated"
    if table.name == "spans":
        return or_(table.c.record_table == "documents",
                   *[and_(table.c.record_table == name, table.c.record_id.in_(validated_ids(name)))
                     for name in RECORD_TABLES])
    if table.name == "person_mentions":
        return table.c.person_id.in_(validated_ids("people"))
    if table.name == "entities":  # those a validated record belongs to
        return or_(*[table.c.id.in_(select(RECORD_TABLES[name].entity_id).where(
            RECORD_TABLES[name].review_state == "validated")) for name in ("people", "schools", "organizations")])
    return None


def read_table(conn: Connection, name: str, since: Optional[dt.datetime] = None,
               validated_only: bool = False) -> Table_:
    table = Base.metadata.tables[name]
    query = select(table).order_by(*table.primary_key.columns)
    for condition in (changed_after(table, since), validated_filter(table) if validated_only else None):
        if condition is not None:
            query = query.where(condition)
    types = [column.type for column in table.columns]
    rows = [tuple(plain(value, kind) for value, kind in zip(row, types)) for row in conn.execute(query)]
    return Table_(name, [column.name for column in table.columns], types, rows)


def tombstones(conn: Connection, since: Optional[dt.datetime], validated_only: bool) -> Table_:
    """Rows deleted after ``since`` (none for a full export); with
    ``validated_only``, also records changed since that are not validated
    (any more), with their spans and mentions."""
    types = [Deletion.table_name.type, Deletion.row_id.type, Deletion.deleted_at.type]
    found: list[tuple] = []
    if since is not None:
        query = (select(Deletion.table_name, Deletion.row_id, Deletion.deleted_at)
                 .where(Deletion.deleted_at > since - OVERLAP).order_by(Deletion.id))
        found += [(table, row_id, as_utc(at)) for table, row_id, at in conn.execute(query)]
        if validated_only:
            found += unvalidated(conn, since)
    return Table_(DELETED, list(DELETED_COLUMNS), types, found)


def unvalidated(conn: Connection, since: dt.datetime) -> list[tuple]:
    found: list[tuple] = []
    for name, model in RECORD_TABLES.items():
        query = select(model.id, model.updated_at).where(model.updated_at > since - OVERLAP,
                                                         model.review_state != "validated")
        rows = conn.execute(query.order_by(model.id)).all()
        found += [(name, str(row_id), as_utc(at)) for row_id, at in rows]
        ids = [row_id for row_id, _ in rows]
        if not ids:
            continue
        spans = select(SpanRow.id, SpanRow.updated_at).where(SpanRow.record_table == name,
                                                             SpanRow.record_id.in_(ids))
        found += [("spans", str(i), as_utc(at)) for i, at in conn.execute(spans.order_by(SpanRow.id))]
        if model is PersonRow:
            mentions = select(PersonMention.id, PersonMention.updated_at).where(
                PersonMention.person_id.in_(ids))
            found += [("person_mentions", str(i), as_utc(at))
                      for i, at in conn.execute(mentions.order_by(PersonMention.id))]
    return found


def schema_version(conn: Connection) -> Optional[str]:
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def read_snapshot(engine: Engine, since: Optional[dt.datetime] = None,
                  validated_only: bool = False) -> Snapshot:
    """Every table and the tombstones, read in one transaction."""
    options = {} if engine.dialect.name == "sqlite" else {"isolation_level": "REPEATABLE READ"}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        cursor = utcnow()
        version = schema_version(conn)  # the first read fixes the snapshot
        tables = [read_table(conn, name, since, validated_only) for name in TABLES]
        tables.append(tombstones(conn, since, validated_only))
    return Snapshot(cursor, since, validated_only, version, tables)


def manifest(snapshot: Snapshot, fmt: str, excel: bool = False) -> dict[str, Any]:
    suffix = SUFFIX[fmt]
    return {
        "cursor": snapshot.cursor.isoformat(),
        "since": snapshot.since.isoformat() if snapshot.since else None,
        "overlap_seconds": OVERLAP.total_seconds() if snapshot.since else 0,
        "schema_version": snapshot.schema_version,
        "format": fmt, "excel": excel, "validated_only": snapshot.validated_only,
        "files": {f"{t.name}{suffix}": {"table": t.name, "rows": len(t.rows)} for t in snapshot.tables},
    }


def export_tables(engine: Engine, fmt: str, out_dir: Path, since: Optional[dt.datetime] = None,
                  validated_only: bool = False, excel: bool = False) -> list[tuple[Path, int]]:
    """Write every file and the manifest (last) into ``out_dir``; (path, rows) of each file."""
    if fmt not in SUFFIX:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(SUFFIX)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    snapshot = read_snapshot(engine, since, validated_only)
    written = []
    for table in snapshot.tables:
        path = out_dir / f"{table.name}{SUFFIX[fmt]}"
        write_rows(table.columns, table.types, table.rows, fmt, path, excel)
        written.append((path, len(table.rows)))
    (out_dir / MANIFEST).write_text(json.dumps(manifest(snapshot, fmt, excel), indent=2) + "\n",
                                    encoding="utf-8")
    return written

