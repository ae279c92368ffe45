"""The golden-corpus interchange format (../shared/seeds/GOLD-FORMAT.md):
projecting records onto it, and reading gold files.

Our extension: ``actions`` (rows of tabular plans) and ``warnings``; every key
of the shared format is always present.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schemas.errors import GoldFormatError
from schemas.records import ExtractionRecord

GOLD_KEYS = ("id", "source_url", "doc_type", "event", "region", "municipality", "dates",
             "people", "schools", "organizations", "counts", "decisions")
EVENT_KEYS = ("kind", "title", "format", "date_start", "date_end", "place")


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def project(record: ExtractionRecord, doc_id: str, source_url: str | None = None) -> dict[str, Any]:
    event = record.event
    return {
        "id": doc_id,
        "source_url": source_url,
        "doc_type": record.document.doc_type,
        "event": {"kind": event.kind, "title": event.title, "format": event.format,
                  "date_start": iso(event.date_start), "date_end": iso(event.date_end),
                  "place": event.place},
        "region": record.region.name if record.region else None,
        "municipality": record.municipality.name if record.municipality else None,
        "dates": sorted({d.value.isoformat() for d in record.dates}),
        "people": [{"surname": p.surname, "initials": p.initials, "first_name": p.first_name,
                    "patronymic": p.patronymic, "position": p.position,
                    "organization": p.organization, "event_roles": list(p.event_roles)}
                   for p in record.people],
        "schools": [{"mention": s.mention, "type": s.type, "number": s.number, "name": s.name,
                     "locality": s.locality} for s in record.schools],
        "organizations": [o.name for o in record.organizations],
        "counts": [{"value": c.value, "what": c.what, "evidence": c.evidence}
                   for c in record.counts],
        "decisions": [{"text": d.text, "responsible": d.responsible, "deadline": iso(d.deadline)}
                      for d in record.decisions],
        "actions": [{"n": a.n, "text": a.text, "period": a.period,
                     "date_start": iso(a.date_start), "date_end": iso(a.date_end)}
                    for a in record.actions],
        "warnings": list(record.warnings),
    }


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold: {exc}", source=str(path)) from exc
    missing = [k for k in GOLD_KEYS if k not in gold]
    missing += [f"event.{k}" for k in EVENT_KEYS if k not in (gold.get("event") or {})]
    if missing:
        raise GoldFormatError(f"gold lacks keys: {', '.join(missing)}", source=str(path))
    return gold


def write_gold(gold: dict[str, Any], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{gold['id']}.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def find_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """(text, gold) pairs: ``<id>.txt`` with ``gold/<id>.json`` or ``<id>.json`` beside it."""
    pairs = []
    for text in sorted(directory.glob("*.txt")):
        for gold in (directory / "gold" / f"{text.stem}.json", directory / f"{text.stem}.json"):
            if gold.is_file():
                pairs.append((text, gold))
                break
    return pairs
