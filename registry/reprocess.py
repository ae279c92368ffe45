"""Re-run extraction on stored text, without reading the sources again.
Each document is rewritten in its own transaction; validated values win."""
from __future__ import annotations

import time
from collections import Counter
from typing import Any, Callable, Optional

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from registry.models import Document
from registry.store import DocumentResult, write_document

EXTRACTION_ERROR = "extraction_error"
# What a broken extractor raises on a text it accepted (see ingest.tasks).
EXTRACTION_FAILURES = (ValueError, IndexError, KeyError, TypeError, AttributeError,
                       RecursionError, AssertionError)


def reprocessable(engine: Engine, outdated_only: bool = False) -> list[str]:
    """Documents with stored text: done ones and those whose extraction failed
    (only those extracted by another extractor version when ``outdated_only``)."""
    from pipeline.version import EXTRACTOR_VERSION

    query = select(Document.id).where(Document.text.is_not(None),
                                      Document.status.in_(("done", "failed")))
    if outdated_only:
        query = query.where(Document.extractor_version != EXTRACTOR_VERSION)
    with Session(engine) as session:
        return list(session.scalars(query.order_by(Document.id)))


def extract(extractor: Any, doc: Document) -> DocumentResult:
    from pipeline.version import EXTRACTOR_VERSION
    from schemas.errors import ReestrError

    result = DocumentResult(id=doc.id, source_path=doc.source_path, status="done",
                            extractor_version=EXTRACTOR_VERSION)
    started = time.perf_counter()
    try:
        record = extractor.extract_text(doc.text, source=doc.source_path, encoding=doc.encoding,
                                        encoding_confidence=doc.encoding_confidence)
    except (ReestrError, *EXTRACTION_FAILURES) as exc:
        result.status, result.reason = "failed", EXTRACTION_ERROR
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    record.document.container_path = doc.container_path
    result.record_json = record.model_dump(mode="json")
    result.seconds = time.perf_counter() - started
    return result


def reprocess(engine: Engine, extractor: Any, ids: list[str],
              on_document: Optional[Callable[[], None]] = None) -> Counter:
    counts: Counter = Counter()
    for document_id in ids:
        with Session(engine) as session, session.begin():
            doc = session.get(Document, document_id)
            if doc is None or doc.text is None:
                continue
            result = extract(extractor, doc)
            outcome = write_document(session, result, force=True)
            counts[result.status if outcome == "written" else outcome] += 1
            if doc.conflicts:
                counts["with conflicts"] += 1
        if on_document is not None:
            on_document()
    return counts
