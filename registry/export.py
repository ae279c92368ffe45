"""Export the registry with pandas: one file per table (csv, parquet or jsonl).
JSON columns are written as JSON strings so every format holds the same data."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Engine, select

from registry.models import Base

TABLES = ("documents", "sources", "events", "dates", "people", "person_mentions", "schools",
          "organizations", "counts", "decisions", "action_items", "spans", "validations")
SUFFIX = {"csv": ".csv", "parquet": ".parquet", "jsonl": ".jsonl"}


def as_json(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def read_table(engine: Engine, name: str) -> Any:
    import pandas as pd

    table = Base.metadata.tables[name]
    with engine.connect() as conn:
        rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in table.columns])
    for column in table.columns:
        if isinstance(column.type, JSON):
            frame[column.name] = frame[column.name].map(as_json)
    return frame


def write_frame(frame: Any, fmt: str, path: Path) -> None:
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")


def export_tables(engine: Engine, fmt: str, out_dir: Path) -> list[tuple[Path, int]]:
    if fmt not in SUFFIX:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(SUFFIX)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        frame = read_table(engine, name)
        path = out_dir / f"{name}{SUFFIX[fmt]}"
        write_frame(frame, fmt, path)
        written.append((path, len(frame)))
    return written
