"""The review queue: one ``review_documents`` row per extracted document with
the indexed columns the queue filters and sorts on, refreshed from the
registry when a document was (re)written, and paged with LIMIT/OFFSET over the
(certainty, id) index so 100,000 documents are never loaded at once."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Optional

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from registry.models import Document
from registry.review_models import ReviewAudit, ReviewDocument
from registry.rows import keyed_records
from review.search import matches, ranked

PAGE_SIZE = 50
SYNC_BATCH = 500
WARNING_WEIGHT = 0.02   # each warning lowers certainty by this much ...
WARNING_CAP = 25        # ... for at most this many warnings
SEARCH_FIELDS = ("surname", "mention", "name", "title", "kind")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@dataclass(frozen=True)
class Filters:
    status: Optional[str] = None
    doc_type: Optional[str] = None
    region: Optional[str] = None
    date_from: Optional[dt.date] = None
    date_to: Optional[dt.date] = None
    q: Optional[str] = None
    field: Optional[str] = None      # search only this field (review.search.SEARCH_FIELDS)
    warnings: bool = False           # only documents with warnings
    conflicts: bool = False          # only documents where reprocessing met a validated value
    reviewer: Optional[str] = None   # only documents this librarian validated


def first_date(record_json: dict[str, Any]) -> Optional[dt.date]:
    event = record_json.get("event") or {}
    candidates = [event.get("date_start")] + [d.get("value") for d in record_json.get("dates") or []]
    for value in candidates:
        if value:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                continue
    return None


def summarize(doc: Document) -> dict[str, Any]:
    """The queue columns of one document."""
    record_json = doc.record_json or {}
    confidences, warnings, words = [], len(record_json.get("warnings") or []), []
    for _table, _key, record in keyed_records(record_json):
        if record.get("_rejected"):
            continue
        if record.get("confidence") is not None:
            confidences.append(float(record["confidence"]))
        warnings += len(record.get("warnings") or [])
        words += [str(record[f]) for f in SEARCH_FIELDS if record.get(f)]
    region = (record_json.get("region") or {}).get("name")
    title = (record_json.get("event") or {}).get("title") or PurePath(doc.source_path).name
    lowest = min(confidences) if confidences else None
    # the lowest confidence alone is the same (0.70) for most documents: half of it
    # and half the mean spreads them apart, the least certain still first
    mean = sum(confidences) / len(confidences) if confidences else 1.0
    base = 1.0 if lowest is None else (lowest + mean) / 2
    certainty = base - WARNING_WEIGHT * min(warnings, WARNING_CAP)
    search = " ".join([doc.source_path, doc.container_path or "", region or "", title, *words])
    return dict(doc_type=doc.doc_type, region=region[:200] if region else None,
                doc_date=first_date(record_json), title=title, search_text=search.lower(),
                records=sum(1 for _ in keyed_records(record_json)), warnings=warnings,
                min_confidence=lowest, certainty=round(certainty, 6), doc_updated=doc.updated_at)


def readable_member(path: Optional[str]) -> Optional[str]:
    """A container path with Cyrillic member names that zip stored without the
    UTF-8 flag (read as cp437 mojibake) decoded as cp866, as DOS and Windows wrote them."""
    if not path:
        return path
    parts = []
    for part in path.split("/"):
        try:
            fixed = part.encode("cp437").decode("cp866")
        except (UnicodeEncodeError, UnicodeDecodeError):
            fixed = part
        mojibake = not CYRILLIC.search(part) and CYRILLIC.search(fixed)
        parts.append(fixed if mojibake else part)
    return "/".join(parts)


def sources(session: Session, ids: list[str]) -> dict[str, tuple[str, Optional[str], Optional[str]]]:
    """File name, container path (readable) and format of the listed documents."""
    rows = session.execute(select(Document.id, Document.source_path, Document.container_path,
                                  Document.format).where(Document.id.in_(ids)))
    return {i: (PurePath(path).name, readable_member(member), fmt) for i, path, member, fmt in rows}


def refresh(session: Session, doc: Document) -> ReviewDocument:
    row = session.get(ReviewDocument, doc.id)
    if row is None:
        row = ReviewDocument(document_id=doc.id, status="new")
        session.add(row)
    for name, value in summarize(doc).items():
        setattr(row, name, value)
    return row


def stale_ids(session: Session, limit: int) -> list[str]:
    query = (select(Document.id).outerjoin(ReviewDocument, ReviewDocument.document_id == Document.id)
             .where(Document.status == "done", Document.record_json.is_not(None),
                    or_(ReviewDocument.document_id.is_(None), ReviewDocument.doc_updated.is_(None),
                        ReviewDocument.doc_updated != Document.updated_at))
             .limit(limit))
    return list(session.scalars(query))


def sync(session: Session) -> int:
    """Create or refresh the review rows of new and rewritten documents."""
    done, previous = 0, None
    while (ids := stale_ids(session, SYNC_BATCH)) and ids != previous:  # no progress: stop
        for doc in session.scalars(select(Document).where(Document.id.in_(ids))):
            refresh(session, doc)
        session.flush()
        done += len(ids)
        previous = ids
        if len(ids) < SYNC_BATCH:
            break
    return done


def heads_only() -> Any:
    """Near-duplicates linked as versions (``documents.version_of``, registry.versions)
    are shown once: by the document the others are versions of. A correlated NOT
    EXISTS looks each queued document up by its primary key; ``NOT IN (subquery)``
    made SQLite scan the whole documents table, texts included, on every page."""
    return ~exists().where(Document.id == ReviewDocument.document_id, Document.version_of.is_not(None))


def version_counts(session: Session, ids: list[str]) -> dict[str, int]:
    """How many documents the version group of each listed head has (1: no
    versions): registry.versions.version_count for a page of rows at once."""
    counts = dict(session.execute(select(Document.version_of, func.count()).where(
        Document.version_of.in_(ids)).group_by(Document.version_of)).all())
    return {i: 1 + counts.get(i, 0) for i in ids}


def conditions(filters: Filters) -> list[Any]:
    rd = ReviewDocument
    where = [heads_only()]
    if filters.status:
        where.append(rd.status == filters.status)
    if filters.doc_type:
        where.append(rd.doc_type == filters.doc_type)
    if filters.region:
        where.append(rd.region == filters.region)
    if filters.date_from:
        where.append(rd.doc_date >= filters.date_from)
    if filters.date_to:
        where.append(rd.doc_date <= filters.date_to)
    if filters.q:
        where.append(matches(filters.q, filters.field))
    if filters.warnings:
        where.append(rd.warnings > 0)
    if filters.conflicts:
        where.append(rd.document_id.in_(select(Document.id).where(Document.conflicts > 0)))
    if filters.reviewer:
        where.append(rd.validated_by == filters.reviewer)
    return where


def page(session: Session, filters: Filters, number: int, size: int = PAGE_SIZE
         ) -> tuple[list[ReviewDocument], int]:
    """One page of the queue (least certain first; a phrase search puts the
    documents whose text holds it first, best first) and the total matching."""
    where = conditions(filters)
    total = session.scalar(select(func.count()).select_from(ReviewDocument).where(*where))
    query = (ranked(select(ReviewDocument), session, filters.q, filters.field).where(*where)
             .order_by(ReviewDocument.certainty, ReviewDocument.document_id)
             .limit(size).offset(max(number - 1, 0) * size))
    return list(session.scalars(query)), total or 0


def next_document(session: Session, current: Optional[ReviewDocument],
                  validator: Optional[str] = None) -> Optional[str]:
    """The next document still to check after ``current`` in queue order
    (wrapping); with ``validator`` (two reviewers per document), not one that
    this reviewer has validated already."""
    rd, a = ReviewDocument, ReviewAudit
    base = select(rd.document_id).where(rd.status != "validated", heads_only())
    if validator is not None:
        base = base.where(~exists().where(a.document_id == rd.document_id, a.action == "validate",
                                          a.user_name == validator))
    if current is not None:
        after = or_(rd.certainty > current.certainty,
                    and_(rd.certainty == current.certainty, rd.document_id > current.document_id))
        found = session.scalar(base.where(after).order_by(rd.certainty, rd.document_id).limit(1))
        if found:
            return found
        base = base.where(rd.document_id != current.document_id)
    return session.scalar(base.order_by(rd.certainty, rd.document_id).limit(1))


def facets(session: Session) -> dict[str, list[str]]:
    """Values for the filter drop-downs (distinct over indexed columns)."""
    rd = ReviewDocument
    regions = session.scalars(select(rd.region).where(rd.region.is_not(None)).distinct()
                              .order_by(rd.region).limit(200))
    types = session.scalars(select(rd.doc_type).where(rd.doc_type.is_not(None)).distinct()
                            .order_by(rd.doc_type))
    reviewers = session.scalars(select(rd.validated_by).where(rd.validated_by.is_not(None))
                                .distinct().order_by(rd.validated_by).limit(200))
    return {"regions": list(regions), "doc_types": list(types), "reviewers": list(reviewers)}
