"""Evaluation harness: run the pipeline over gold documents and score it.

Results are a pandas table of true/false positives and negatives per
document and field; ``summary`` turns them into precision, recall and F1 per
field, optionally per document type.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.gold import find_pairs, load_gold, project
from pipeline.run import Extractor
from pipeline.scoring import FieldScore, score_document

# The five record families the issue tracker calls "core": their mean F1 is the
# headline figure (`core macro-F1`) reported beside the per-field table.
CORE_FIELDS = ("people", "dates", "schools", "counts", "decisions")
HEADLINE_FIELDS = ("people", "dates", "schools", "counts", "decisions", "organizations",
                   "doc_type", "region", "municipality", "event.kind", "event.date_start")


@dataclass
class DocumentResult:
    doc_id: str
    corpus: str
    doc_type: str
    scores: list[FieldScore]
    predicted: dict[str, Any]


def evaluate_dirs(directories: list[Path], extractor: Extractor | None = None) -> list[DocumentResult]:
    extractor = extractor or Extractor()
    results = []
    for directory in directories:
        for text_path, gold_path in find_pairs(directory):
            gold = load_gold(gold_path)
            record = extractor.extract_text(text_path.read_text(encoding="utf-8"),
                                            source=str(text_path))
            predicted = project(record, text_path.stem)
            results.append(DocumentResult(text_path.stem, str(directory), gold.get("doc_type") or "other",
                                          score_document(gold, predicted), predicted))
    return results


def table(results: list[DocumentResult]) -> pd.DataFrame:
    rows = [{"corpus": r.corpus, "doc": r.doc_id, "doc_type": r.doc_type, "field": s.field,
             "tp": s.tp, "fp": s.fp, "fn": s.fn} for r in results for s in r.scores]
    return pd.DataFrame(rows, columns=["corpus", "doc", "doc_type", "field", "tp", "fp", "fn"])


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    out = counts.copy()
    predicted = out["tp"] + out["fp"]
    expected = out["tp"] + out["fn"]
    out["precision"] = (out["tp"] / predicted.where(predicted > 0)).fillna(1.0)
    out["recall"] = (out["tp"] / expected.where(expected > 0)).fillna(1.0)
    both = out["precision"] + out["recall"]
    out["f1"] = (2 * out["precision"] * out["recall"] / both.where(both > 0)).fillna(0.0)
    return out.round(4)


def summary(frame: pd.DataFrame, by: tuple[str, ...] = ("field",)) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=[*by, "tp", "fp", "fn", "precision", "recall", "f1"])
    counts = frame.groupby(list(by), sort=True)[["tp", "fp", "fn"]].sum().reset_index()
    return with_rates(counts)


def f1_by_field(frame: pd.DataFrame) -> dict[str, float]:
    s = summary(frame)
    return {row.field: float(row.f1) for row in s.itertuples()}


def core_macro_f1(f1: dict[str, float]) -> float:
    """Mean F1 of the core fields (a core field with no score counts as 0)."""
    return round(sum(f1.get(name, 0.0) for name in CORE_FIELDS) / len(CORE_FIELDS), 4)


def diff_lines(results: list[DocumentResult]) -> list[str]:
    lines = []
    for r in results:
        wrong = [s for s in r.scores if s.missing or s.extra]
        if not wrong:
            continue
        lines.append(f"== {r.doc_id} ({r.doc_type})")
        for s in wrong:
            lines += [f"  {s.field}: - {item}" for item in s.missing]
            lines += [f"  {s.field}: + {item}" for item in s.extra]
    return lines
