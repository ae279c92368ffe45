"""The regression gate: recorded per-field F1 baselines and the comparison.

``corpus/baseline.json`` holds, per corpus name ("corpus", "seeds"), the F1 of
every field. The gate fails when a field falls below its recorded value;
raising the baseline is an explicit ``reestr baseline --write`` and a commit.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluate import evaluate_dirs, f1_by_field, table
from pipeline.run import Extractor

TOLERANCE = 1e-6


def measure(directory: Path, extractor: Extractor | None = None) -> dict[str, float]:
    return f1_by_field(table(evaluate_dirs([directory], extractor)))


def load(path: Path) -> dict[str, dict[str, float]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def save(path: Path, baselines: dict[str, dict[str, float]]) -> None:
    ordered = {name: dict(sorted(fields.items())) for name, fields in sorted(baselines.items())}
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def regressions(current: dict[str, float], recorded: dict[str, float]) -> list[str]:
    """Fields whose F1 fell below the record (a field that vanished counts as 0)."""
    return [f"{field}: {current.get(field, 0.0):.4f} < baseline {value:.4f}"
            for field, value in sorted(recorded.items())
            if current.get(field, 0.0) + TOLERANCE < value]
