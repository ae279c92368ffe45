"""Validated values win over machine values.

``apply_validations`` edits a fresh record JSON: every validated field gets its
validated value back; where the machine now says something else the record gets
a warning and a ``conflicts`` entry ({field, machine, validated}). A validated
record the extractor no longer finds is carried over from the previous record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from registry.rows import PLACES, RECORD_SOURCES, SINGLE, keyed_records

MISSING_WARNING = "validated record kept: this extractor version no longer finds it"
# Review marks (set by the review app, e.g. a record a person rejected): written
# onto the record as they are, never a conflict, never carried over when gone.
MARKS = ("_rejected",)


@dataclass(frozen=True)
class Validated:
    record_table: str
    record_key: str
    field: str
    value: Any


def conflict_warning(name: str, machine: Any, validated: Any) -> str:
    return f"conflict: {name}: machine value {machine!r} differs from the validated {validated!r}"


def read_field(record_json: dict[str, Any], table: str, record: dict[str, Any], name: str) -> Any:
    if table == "events" and name in PLACES:
        place = record_json.get(name)
        return place.get("name") if place else None
    return record.get(name)


def write_field(record_json: dict[str, Any], table: str, record: dict[str, Any], name: str,
                value: Any) -> None:
    if table == "events" and name in PLACES:
        place = record_json.get(name) or {"spans": [], "provenance": {}, "confidence": 1.0,
                                          "warnings": [], "kind": name}
        place["name"] = value
        record_json[name] = place
    else:
        record[name] = value


def carry_over(record_json: dict[str, Any], old_json: Optional[dict[str, Any]], table: str,
               key: str) -> Optional[dict[str, Any]]:
    """Copy a validated record the new extraction lacks from the previous JSON."""
    previous = {(t, k): r for t, k, r in keyed_records(old_json or {})}
    old = previous.get((table, key))
    if old is None:
        return None
    warnings = [w for w in old.get("warnings") or []
                if w != MISSING_WARNING and not w.startswith("conflict: ")]
    old = dict(old, warnings=warnings + [MISSING_WARNING], conflicts=[])
    source = RECORD_SOURCES[table]
    if table in SINGLE:
        record_json[source] = old
    else:
        record_json.setdefault(source, []).append(old)
    return old


def apply_validations(record_json: dict[str, Any], validations: list[Validated],
                      old_json: Optional[dict[str, Any]] = None) -> int:
    """Apply in place; returns the number of conflicts found."""
    conflicts = 0
    for item in validations:
        records = {(t, k): r for t, k, r in keyed_records(record_json)}
        record = records.get((item.record_table, item.record_key))
        if record is None and item.field in MARKS:
            continue
        if record is not None and item.field in MARKS:
            record[item.field] = item.value
            continue
        if record is None:
            record = carry_over(record_json, old_json, item.record_table, item.record_key)
        if record is None:
            record_json.setdefault("warnings", []).append(
                f"validated {item.record_table} {item.record_key} not found in the record")
            continue
        machine = read_field(record_json, item.record_table, record, item.field)
        if machine != item.value:
            conflicts += 1
            write_field(record_json, item.record_table, record, item.field, item.value)
            record.setdefault("warnings", []).append(conflict_warning(item.field, machine, item.value))
            record.setdefault("conflicts", []).append(
                {"field": item.field, "machine": machine, "validated": item.value})
    return conflicts
