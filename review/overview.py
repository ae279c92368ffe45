"""Figures for the overview page: documents by status, region, type and
month; values awaiting review per field; the latest golden-corpus scores."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import RECORD_TABLES, Validation
from registry.review_models import ReviewDocument
from review import agreement
from review.fields import FIELD_LABELS, TABLE_LABELS
from review.ru import DOC_TYPE_LABELS, STATUS_LABELS, ru_month

TOP_REGIONS = 15
MONTHS_SHOWN = 24
# (table, column) whose values the librarian checks first
REVIEW_FIELDS = (("people", "surname"), ("people", "position"), ("schools", "mention"),
                 ("dates", "value"), ("organizations", "name"), ("counts", "value"),
                 ("decisions", "text"), ("events", "region"), ("events", "title"))


def by_column(session: Session, column: Any, limit: int | None = None) -> list[tuple[Any, int]]:
    count = func.count()
    query = select(column, count).group_by(column).order_by(count.desc()).limit(limit)
    return [(value, n) for value, n in session.execute(query)]


def by_month(session: Session) -> list[tuple[str, int]]:
    rd = ReviewDocument
    dates = session.execute(select(rd.doc_date, func.count()).where(rd.doc_date.is_not(None))
                            .group_by(rd.doc_date)).all()
    months: dict[dt.date, int] = {}
    for day, n in dates:
        months[day.replace(day=1)] = months.get(day.replace(day=1), 0) + n
    recent = sorted(months)[-MONTHS_SHOWN:]
    return [(ru_month(m, short=True), months[m]) for m in recent]


def awaiting(session: Session) -> list[tuple[str, int]]:
    """Values in documents not yet validated that have no validation (joins
    from the record rows to their review row by primary key)."""
    rd = ReviewDocument
    out = []
    for table, column in REVIEW_FIELDS:
        model = RECORD_TABLES[table]
        values = session.scalar(select(func.count()).select_from(model)
                                .join(rd, rd.document_id == model.document_id)
                                .where(getattr(model, column).is_not(None), rd.status != "validated"))
        checked = session.scalar(select(func.count()).select_from(Validation)
                                 .join(rd, rd.document_id == Validation.document_id)
                                 .where(Validation.record_table == table, Validation.field == column,
                                        rd.status != "validated"))
        label = f"{TABLE_LABELS[table]}: {FIELD_LABELS.get(column, column).lower()}"
        out.append((label, max((values or 0) - (checked or 0), 0)))
    return out


def scores(path: Path) -> dict[str, list[tuple[str, float]]]:
    """Per corpus ("corpus", "seeds"): F1 per field from corpus/baseline.json."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: sorted(((f, float(v)) for f, v in fields.items()), key=lambda item: item[0])
            for name, fields in data.items() if isinstance(fields, dict)}


def figures(session: Session, baseline: Path, reviewers: int = 1) -> dict[str, Any]:
    """``reviewers`` > 1: with the two reviewers' agreement per field (review.agreement)."""
    rd = ReviewDocument
    statuses = dict(by_column(session, rd.status))
    return {
        "total": sum(statuses.values()),
        "status": [(STATUS_LABELS[s], statuses.get(s, 0)) for s in STATUS_LABELS],
        "region": [(r or "не указан", n) for r, n in by_column(session, rd.region, TOP_REGIONS)],
        "doc_type": [(DOC_TYPE_LABELS.get(t, t or "не указан"), n) for t, n in by_column(session, rd.doc_type)],
        "month": by_month(session),
        "awaiting": awaiting(session),
        "scores": scores(baseline),
        "agreement": agreement.figures(session) if reviewers > 1 else None,
    }
