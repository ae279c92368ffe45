"""Flatten an ExtractionRecord's JSON into table rows.

Each record gets a ``record_key`` that stays the same when the same stored text
is extracted again: ``@<offset>`` of its earliest source span (``#<index>`` for a
record without spans, ``event`` for the one event). Validations point at records
by this key.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterator

# record table -> key of its list (or single object) in the record JSON
RECORD_SOURCES: dict[str, str] = {
    "events": "event", "dates": "dates", "people": "people", "schools": "schools",
    "organizations": "organizations", "counts": "counts", "decisions": "decisions",
    "action_items": "actions",
}
SINGLE = {"events"}
PLACES = ("region", "municipality")  # top-level places, stored as columns of events
DATE_COLUMNS = {"date_start", "date_end", "value", "deadline"}
COMMON = ("confidence", "warnings", "conflicts")
RECORD_SPANS_FIELD = "_record"
SKIP_FIELDS = {"spans", "provenance", "confidence", "warnings", "conflicts"}


@dataclass
class FlatRecord:
    table: str
    idx: int
    key: str
    values: dict[str, Any]
    spans: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (field, SpanRef JSON)
    mentions: list[dict[str, Any]] = field(default_factory=list)


def anchor(record: dict[str, Any]) -> int | None:
    starts = [s["start"] for s in record.get("spans") or []]
    if not starts:
        starts = [s["start"] for refs in (record.get("provenance") or {}).values() for s in refs]
    return min(starts) if starts else None


def keyed_records(record_json: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(table, record_key, record dict) for every record, the dicts being the
    live objects inside ``record_json`` (so callers can edit them in place)."""
    for table, source in RECORD_SOURCES.items():
        value = record_json.get(source)
        if table in SINGLE:
            if isinstance(value, dict):
                yield table, "event", value
            continue
        seen: dict[str, int] = {}
        for idx, record in enumerate(value or []):
            start = anchor(record)
            key = f"@{start}" if start is not None else f"#{idx}"
            seen[key] = seen.get(key, 0) + 1
            yield table, key if seen[key] == 1 else f"{key}+{seen[key] - 1}", record


def column_value(name: str, value: Any) -> Any:
    if name in DATE_COLUMNS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def flatten(record_json: dict[str, Any], columns: dict[str, set[str]]) -> list[FlatRecord]:
    """Rows for every record table; ``columns`` says which fields each table stores."""
    flat: list[FlatRecord] = []
    counters: dict[str, int] = {}
    stored = {table: names - SKIP_FIELDS for table, names in columns.items()}
    for table, key, record in keyed_records(record_json):
        idx = counters.get(table, 0)
        counters[table] = idx + 1
        keep = stored[table]
        values = {name: value for name, value in record.items() if name in keep}
        for name in DATE_COLUMNS.intersection(values):
            values[name] = column_value(name, values[name])
        values.update(confidence=record.get("confidence"), warnings=record.get("warnings") or [],
                      conflicts=record.get("conflicts") or [])
        row = FlatRecord(table, idx, key, values)
        row.spans = [(RECORD_SPANS_FIELD, span) for span in record.get("spans") or []]
        row.spans += [(name, span) for name, refs in (record.get("provenance") or {}).items()
                      for span in refs]
        if table == "people":
            row.mentions = list(record.get("spans") or [])
        if table == "events":
            add_places(row, record_json)
        flat.append(row)
    return flat


def add_places(row: FlatRecord, record_json: dict[str, Any]) -> None:
    row.values["doc_type"] = (record_json.get("document") or {}).get("doc_type")
    for name in PLACES:
        place = record_json.get(name)
        row.values[name] = place.get("name") if place else None
        row.spans += [(name, span) for span in (place or {}).get("spans") or []]


def document_spans(record_json: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    info = record_json.get("document") or {}
    return [("doc_type", span) for span in info.get("doc_type_spans") or []]
