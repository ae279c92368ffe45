"""Validated documents become golden-corpus files: DIR/<id>.txt (the text)
and DIR/gold/<id>.json in the shared gold format (pipeline.gold.project of
the record with validated values applied and rejected records left out)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.gold import project, write_gold
from registry.models import Document
from registry.review_models import ReviewDocument
from review.changes import clean_record


def export_validated(engine: Engine, out_dir: Path) -> list[str]:
    """Write every validated document; returns their ids."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with Session(engine) as session:
        query = (select(Document).join(ReviewDocument, ReviewDocument.document_id == Document.id)
                 .where(ReviewDocument.status == "validated", Document.text.is_not(None))
                 .order_by(Document.id).execution_options(yield_per=100))
        for doc in session.scalars(query):
            record = clean_record(doc.record_json or {})
            (out_dir / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8", newline="")
            write_gold(project(record, doc.id), out_dir / "gold")
            written.append(doc.id)
    return written
