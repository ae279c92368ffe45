"""Bulk inserts of the records of many documents: one statement per table.

Every row goes to the driver's ``executemany``, its values converted by the
column types' own bind processors (dates, JSON, booleans): SQLAlchemy Core
spent more time building parameters than SQLite spent storing them. Record
rows need their new ids for the spans that point at them. On SQLite the
transaction already holds the write lock (the documents went in first), so
they are numbered from the table's largest id, as SQLite itself would; other
databases hand them back through ``RETURNING``.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Callable

from sqlalchemy import DateTime, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from registry.models import RECORD_TABLES, PersonMention, PersonRow, SpanRow, utcnow
from registry.rows import FlatRecord, document_spans, flatten

SPAN_COLUMNS = ("document_id", "record_table", "record_id", "record_key", "field", "start", "stop",
                "text", "extractor", "confidence", "status")
MENTION_COLUMNS = ("person_id", "document_id", "start", "stop", "text", "extractor", "confidence")


def insert_many_records(session: Session, records: list[tuple[str, dict[str, Any]]],
                        columns: dict[str, set[str]]) -> None:
    """The records of every (document id, record JSON), then the spans and
    person mentions that point at the new row ids. The documents are new, so
    nobody has reviewed their records yet: every row is ``machine``."""
    by_table: dict[str, list[tuple[str, FlatRecord]]] = {table: [] for table in RECORD_TABLES}
    document_level: list[tuple] = []
    now = utcnow()
    fresh = {"created_at": now, "updated_at": now, "review_state": "machine"}
    stamp = (stamp_value(session, now),)
    for document_id, record_json in records:
        for item in flatten(record_json, columns):
            item.values.update(fresh)
            by_table[item.table].append((document_id, item))
        document_level += [span_row(document_id, "documents", None, document_id, name, span) + stamp
                           for name, span in document_spans(record_json)]
    spans: list[tuple] = []
    mentions: list[tuple] = []
    insert_with_ids = insert_numbered if is_sqlite(session) else insert_returning_ids
    for table, items in by_table.items():
        if not items:
            continue
        ids = insert_with_ids(session, RECORD_TABLES[table].__table__, items, columns[table])
        for document_id, item in items:
            row_id = ids[(document_id, item.key)]
            spans += [span_row(document_id, table, row_id, item.key, name, span) + stamp
                      for name, span in item.spans]
            if RECORD_TABLES[table] is PersonRow:
                mentions += [(row_id, document_id, m["start"], m["stop"], m["text"], m.get("extractor"),
                              m.get("confidence")) + stamp for m in item.mentions]
    insert_plain(session, SpanRow.__table__, SPAN_COLUMNS + ("updated_at",), spans + document_level)
    insert_plain(session, PersonMention.__table__, MENTION_COLUMNS + ("updated_at",), mentions)


def stamp_value(session: Session, now: dt.datetime) -> Any:
    """A timestamp as the driver takes it for a DateTime column (SQLAlchemy's
    text format on SQLite, the datetime itself elsewhere)."""
    dialect = session.connection().dialect
    process = DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)
    return process(now) if process else now


def insert_returning_ids(session: Session, table: Table, items: list[tuple[str, FlatRecord]],
                         columns: set[str]) -> dict[tuple[str, str], int]:
    """Insert record rows; their new ids by (document id, record key), unique
    within a table. Unordered RETURNING stays one batched statement on SQLite
    too (ordered RETURNING falls back to a statement per row there)."""
    blank = dict.fromkeys(columns - {"id"})  # executemany wants the same keys in every row
    rows = [dict(blank, document_id=document_id, idx=f.idx, record_key=f.key, **f.values)
            for document_id, f in items]
    returned = session.execute(insert(table).returning(table.c.id, table.c.document_id,
                                                       table.c.record_key), rows)
    return {(document_id, key): row_id for row_id, document_id, key in returned}


RECORD_KEYS = ("id", "document_id", "idx", "record_key")


def is_sqlite(session: Session) -> bool:
    return session.connection().dialect.name == "sqlite"


def insert_numbered(session: Session, table: Table, items: list[tuple[str, FlatRecord]],
                    columns: set[str]) -> dict[tuple[str, str], int]:
    """Insert record rows with ids counted on from the table's largest (SQLite).
    Callers have written in this transaction already, so it holds the write
    lock and no other writer can take these ids; if one had committed since
    this transaction's snapshot, SQLite refuses the write (busy) rather than
    let two rows share an id."""
    connection = session.connection()
    first = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) + 1 FROM {table.name}").scalar_one()
    names = tuple(sorted(columns - set(RECORD_KEYS)))
    convert = converter(connection.dialect, table, names)
    ids: dict[tuple[str, str], int] = {}
    rows: list[tuple] = []
    for number, (document_id, item) in enumerate(items, start=first):
        ids[(document_id, item.key)] = number
        rows.append((number, document_id, item.idx, item.key, *convert(item.values)))
    insert_plain(session, table, RECORD_KEYS + names, rows)
    return ids


@lru_cache(maxsize=256)
def converter(dialect: Dialect, table: Table, names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    """Values of ``names`` from a dict, as the driver takes them (a missing
    name is NULL, as in Core's executemany with ``None`` defaults)."""
    processors = [(name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names]
    if all(process is None for _, process in processors):
        return lambda values: tuple(map(values.get, names))
    return lambda values: tuple([values.get(name) if process is None else process(values.get(name))
                                 for name, process in processors])


def insert_values(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows given as dicts with every column of ``table`` (types converted here)."""
    if not rows:
        return
    names = tuple(table.c.keys())
    convert = converter(session.connection().dialect, table, names)
    insert_plain(session, table, names, [convert(row) for row in rows])


def span_row(document_id: str, table: str, record_id: int | None, key: str, name: str,
             span: dict[str, Any]) -> tuple:
    return (document_id, table, record_id, key, name, span["start"], span["stop"], span["text"],
            span.get("extractor"), span.get("confidence"), span.get("status"))


def insert_plain(session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``executemany`` on the driver for rows of plain values (no type conversion)."""
    if not rows:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
                 f"VALUES ({', '.join([mark] * len(columns))})")
    connection.exec_driver_sql(statement, rows)
