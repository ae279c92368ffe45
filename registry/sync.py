"""Stable record rows: a document's record tables brought in line with its
record JSON by changing only what differs.

A record is matched to its row by ``record_key`` (stable across extractions,
see registry/rows.py). A row whose values are the same is not touched (same
id, same ``updated_at``); a changed value updates that row alone; a record
that is gone is deleted (a trigger leaves a tombstone in ``deletions``); a new
one is inserted. Spans and person mentions are matched by all their values,
so an unchanged record keeps its spans' rows too.

Each record row also carries its review state, derived from ``validations``:
``rejected`` when a person rejected the record, ``validated`` when a person
confirmed or corrected any of its values, else ``machine``; ``reviewed_by`` and
``reviewed_at`` are those of the latest validation.

The review app's write path calls ``sync_records`` after changing a record
JSON (instead of deleting and re-inserting the document's rows), and
``add_validation`` (registry/store.py) refreshes the review state of the one
record it validates.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Optional

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from registry.bulk import (MENTION_COLUMNS, SPAN_COLUMNS, insert_plain, insert_returning_ids, span_row,
                           stamp_value)
from registry.models import RECORD_TABLES, PersonMention, SpanRow, Validation, utcnow
from registry.rows import FlatRecord, document_spans, flatten
from registry.validate import MARKS

COLUMNS: dict[str, set[str]] = {name: set(model.__table__.columns.keys())
                                for name, model in RECORD_TABLES.items()}
STAMPS = ("created_at", "updated_at")
FIXED = {"id", "document_id", "entity_id", *STAMPS}  # entity_id is the linker's (registry/entities.py)
State = tuple[str, Optional[str], Optional[dt.datetime]]  # review_state, reviewed_by, reviewed_at
MACHINE: State = ("machine", None, None)


def review_states(session: Session, document_id: str, table: Optional[str] = None,
                  key: Optional[str] = None) -> dict[tuple[str, str], State]:
    """(record table, record key) -> review state of every reviewed record of a
    document (or of one record)."""
    query = select(Validation.record_table, Validation.record_key, Validation.field,
                   Validation.validated_by, Validation.validated_at).where(
        Validation.document_id == document_id)
    if table is not None:
        query = query.where(Validation.record_table == table, Validation.record_key == key)
    states: dict[tuple[str, str], State] = {}
    rejected: set[tuple[str, str]] = set()
    for record_table, record_key, field, by, at in session.execute(
            query.order_by(Validation.validated_at, Validation.id)):
        target = (record_table, record_key)
        if field in MARKS:
            rejected.add(target)
        states[target] = ("validated", by, at)  # the latest validation wins by and at
    for target in rejected:
        states[target] = ("rejected", *states[target][1:])
    return states


def state_values(state: State) -> dict[str, Any]:
    return {"review_state": state[0], "reviewed_by": state[1], "reviewed_at": state[2]}


def same(old: Any, new: Any) -> bool:
    if isinstance(old, dt.datetime) and isinstance(new, dt.datetime):
        return as_utc(old) == as_utc(new)
    return old == new


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (stored as UTC), PostgreSQL aware ones."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def refresh_review_state(session: Session, document_id: str, table: str, key: str) -> None:
    """Bring one record row's review state in line with its validations."""
    if table not in RECORD_TABLES:
        return
    session.flush()
    model = RECORD_TABLES[table].__table__
    state = review_states(session, document_id, table, key).get((table, key), MACHINE)
    row = session.execute(select(model.c.id, model.c.review_state, model.c.reviewed_by,
                                 model.c.reviewed_at).where(
        model.c.document_id == document_id, model.c.record_key == key)).first()
    if row is None:
        return
    wanted = state_values(state)
    if any(not same(getattr(row, name), value) for name, value in wanted.items()):
        session.execute(update(model).where(model.c.id == row.id).values(**wanted, updated_at=utcnow()))


def sync_records(session: Session, document_id: str, record_json: Optional[dict[str, Any]]) -> None:
    """Make the record rows, spans and person mentions of a document those of
    ``record_json`` (None or {}: no records), writing only what differs."""
    session.flush()
    now = utcnow()
    flat = flatten(record_json or {}, COLUMNS)
    states = review_states(session, document_id) if flat else {}
    row_ids: dict[tuple[str, str], int] = {}
    for table, model in RECORD_TABLES.items():
        items = [item for item in flat if item.table == table]
        row_ids.update(sync_table(session, model.__table__, document_id, items, states, now))
    spans = [span_row(document_id, item.table, row_ids[(item.table, item.key)], item.key, name, span)
             for item in flat for name, span in item.spans]
    spans += [span_row(document_id, "documents", None, document_id, name, span)
              for name, span in document_spans(record_json or {})]
    sync_plain(session, SpanRow.__table__, SPAN_COLUMNS, document_id, spans, now)
    mentions = [(row_ids[("people", item.key)], document_id, m["start"], m["stop"], m["text"],
                 m.get("extractor"), m.get("confidence"))
                for item in flat if item.table == "people" for m in item.mentions]
    sync_plain(session, PersonMention.__table__, MENTION_COLUMNS, document_id, mentions, now)


def sync_table(session: Session, table: Table, document_id: str, items: list[FlatRecord],
               states: dict[tuple[str, str], State], now: dt.datetime) -> dict[tuple[str, str], int]:
    """Rows of one record table; returns their ids by (table, record key)."""
    data_columns = [name for name in table.c.keys() if name not in FIXED]
    existing = {row["record_key"]: row for row in session.execute(
        select(table).where(table.c.document_id == document_id)).mappings()}
    ids: dict[tuple[str, str], int] = {}
    new: list[tuple[str, FlatRecord]] = []
    for item in items:
        values = dict.fromkeys(data_columns)
        values.update(item.values, idx=item.idx, record_key=item.key)
        values.update(state_values(states.get((item.table, item.key), MACHINE)))
        old = existing.pop(item.key, None)
        if old is None:
            fresh = dict(values, created_at=now, updated_at=now)
            fresh.pop("idx"), fresh.pop("record_key")
            new.append((document_id, FlatRecord(item.table, item.idx, item.key, fresh)))
            continue
        ids[(item.table, item.key)] = old["id"]
        changed = {name: value for name, value in values.items() if not same(old[name], value)}
        if changed:
            session.execute(update(table).where(table.c.id == old["id"]).values(**changed, updated_at=now))
    if existing:
        session.execute(delete(table).where(table.c.id.in_([row["id"] for row in existing.values()])))
    if new:
        returned = insert_returning_ids(session, table, new, set(table.c.keys()))
        ids.update({(table.name, key): row_id for (_, key), row_id in returned.items()})
    return ids


def sync_plain(session: Session, table: Table, columns: tuple[str, ...], document_id: str,
               wanted: list[tuple], now: dt.datetime) -> None:
    """Rows matched by all their values: unmatched old ones deleted, new ones inserted."""
    stored = session.execute(select(table.c.id, *[table.c[name] for name in columns]).where(
        table.c.document_id == document_id)).all()
    needed = Counter(wanted)
    gone: list[int] = []
    for row in stored:
        values = tuple(row[1:])
        if needed[values] > 0:
            needed[values] -= 1
        else:
            gone.append(row[0])
    if gone:
        session.execute(delete(table).where(table.c.id.in_(gone)))
    fresh = [values for values, count in needed.items() for _ in range(count)]
    if fresh:
        stamp = stamp_value(session, now)
        insert_plain(session, table, columns + ("updated_at",), [values + (stamp,) for values in fresh])
