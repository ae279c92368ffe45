"""Bulk inserts of the records of many documents: one statement per table.

Record rows go through SQLAlchemy Core (their values need type handling:
dates, JSON). Spans and person mentions, the bulk of the rows, hold only
plain numbers and strings and go straight to the driver's ``executemany``.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from registry.models import RECORD_TABLES, PersonMention, PersonRow, SpanRow
from registry.rows import FlatRecord, document_spans, flatten

SPAN_COLUMNS = ("document_id", "record_table", "record_id", "record_key", "field", "start", "stop",
                "text", "extractor", "confidence", "status")
MENTION_COLUMNS = ("person_id", "document_id", "start", "stop", "text", "extractor", "confidence")


def insert_many_records(session: Session, records: list[tuple[str, dict[str, Any]]],
                        columns: dict[str, set[str]]) -> None:
    """The records of every (document id, record JSON), then the spans and
    person mentions that point at the new row ids."""
    by_table: dict[str, list[tuple[str, FlatRecord]]] = {table: [] for table in RECORD_TABLES}
    document_level: list[tuple] = []
    for document_id, record_json in records:
        for item in flatten(record_json, columns):
            by_table[item.table].append((document_id, item))
        document_level += [span_row(document_id, "documents", None, document_id, name, span)
                           for name, span in document_spans(record_json)]
    spans: list[tuple] = []
    mentions: list[tuple] = []
    for table, items in by_table.items():
        if not items:
            continue
        ids = insert_returning_ids(session, RECORD_TABLES[table].__table__, items, columns[table])
        for document_id, item in items:
            row_id = ids[(document_id, item.key)]
            spans += [span_row(document_id, table, row_id, item.key, name, span) for name, span in item.spans]
            if RECORD_TABLES[table] is PersonRow:
                mentions += [(row_id, document_id, m["start"], m["stop"], m["text"], m.get("extractor"),
                              m.get("confidence")) for m in item.mentions]
    insert_plain(session, SpanRow.__table__, SPAN_COLUMNS, spans + document_level)
    insert_plain(session, PersonMention.__table__, MENTION_COLUMNS, mentions)


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
