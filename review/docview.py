"""The document page's model: records with their fields, the state of every
field (pending, accepted, edited, rejected, added) and the highlighted spans."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from registry.rows import keyed_records
from registry.validate import read_field
from review.fields import (ADDABLE, ALWAYS_SHOWN, EDITABLE, FIELD_LABELS, PLACE_FIELDS,
                           RECORD_LABELS, TABLE_LABELS, FieldKind, field_kind)
from review.highlight import Span
from review.ru import VALUE_LABELS, ru_date, value_label

TABLE_ORDER = ("events", "people", "schools", "organizations", "dates", "counts", "decisions",
               "action_items")
REJECTED = "_rejected"


@dataclass
class FieldView:
    name: str
    label: str
    value: Any
    display: str
    state: str
    kind: FieldKind
    dom_id: str
    span_ids: list[int] = field(default_factory=list)
    version: str = ""


@dataclass
class RecordView:
    table: str
    key: str
    label: str
    dom_id: str
    rejected: bool
    confidence: Optional[float]
    warnings: list[str]
    fields: list[FieldView]
    span_ids: list[int] = field(default_factory=list)


@dataclass
class DocumentView:
    groups: list[tuple[str, list[RecordView]]]
    spans: list[Span]
    pending: int


def dom_id(*parts: str) -> str:
    return "-".join(parts)


def display(value: Any, kind: FieldKind, table: str = "", name: str = "") -> str:
    """A value as the page shows it: in Russian (dates, choice labels)."""
    if value is None or value == []:
        return "—"
    if kind.kind == "date":
        return ru_date(value)
    if (table, name) in VALUE_LABELS or isinstance(value, list):
        return value_label(table, name, value)
    return str(value)


def record_spans(record_json: dict[str, Any], table: str, record: dict[str, Any]
                 ) -> list[tuple[str, dict[str, Any]]]:
    spans = [("_record", s) for s in record.get("spans") or []]
    spans += [(name, s) for name, refs in (record.get("provenance") or {}).items() for s in refs]
    if table == "events":
        for name in PLACE_FIELDS:
            spans += [(name, s) for s in (record_json.get(name) or {}).get("spans") or []]
    return spans


def grounded(text: str, span: dict[str, Any]) -> bool:
    start, stop = span.get("start"), span.get("stop")
    return (isinstance(start, int) and isinstance(stop, int) and 0 <= start < stop <= len(text)
            and text[start:stop] == span.get("text"))


Versioner = Callable[[str, str, str, Any, bool], str]


def build(text: str, record_json: dict[str, Any], states: dict[tuple[str, str, str], str],
          version: Optional[Versioner] = None) -> DocumentView:
    """``states``: (table, key, field) -> last review action on it;
    ``version(table, key, field, value, rejected)``: the field's version."""
    spans: list[Span] = []
    groups: dict[str, list[RecordView]] = {t: [] for t in TABLE_ORDER}
    pending = 0
    for table, key, record in keyed_records(record_json):
        rec_id = dom_id("rec", table, key)
        rejected = bool(record.get(REJECTED))
        view = RecordView(table, key, RECORD_LABELS[table], rec_id, rejected,
                          record.get("confidence"), list(record.get("warnings") or []), [])
        by_field: dict[str, list[int]] = {}
        for name, span in record_spans(record_json, table, record):
            if grounded(text, span):
                span_id = len(spans)
                what = RECORD_LABELS[table] + ("" if name == "_record" else
                                               " — " + FIELD_LABELS.get(name, name).lower())
                spans.append(Span(span_id, span["start"], span["stop"], table, rec_id, name, rejected,
                                  what + (" (отклонено)" if rejected else "")))
                view.span_ids.append(span_id)
                by_field.setdefault(name, []).append(span_id)
        for name in EDITABLE[table]:
            value = read_field(record_json, table, record, name)
            empty = value is None or value == []
            if empty and (table, key, name) not in states and (table, name) not in ALWAYS_SHOWN:
                continue
            kind = field_kind(table, name)
            state = "reject" if rejected else states.get((table, key, name),
                                                         "empty" if empty else "pending")
            pending += state == "pending"
            ids = by_field.get(name) or (by_field.get("_record", []) if name == ADDABLE.get(table) else [])
            view.fields.append(FieldView(name, FIELD_LABELS.get(name, name), value,
                                         display(value, kind, table, name), state, kind,
                                         dom_id("f", table, key, name), ids,
                                         version(table, key, name, value, rejected) if version else ""))
        groups[table].append(view)
    ordered = [(TABLE_LABELS[t], groups[t]) for t in TABLE_ORDER if groups[t]]
    return DocumentView(ordered, spans, pending)
