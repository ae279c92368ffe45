"""Repository functions: write a document with all its records in one
transaction, record what happened to each input file, answer status queries.

Callers own the transaction (``with Session(engine) as s, s.begin(): ...``);
nothing here commits, so a document is written whole or not at all.
"""
from __future__ import annotations

import copy
import dataclasses
from typing import Any, Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from registry import fulltext
from registry.identity import holder_of, link_source, text_key
from registry.models import (RECORD_TABLES, Document, DocumentSource, PersonMention, Source, SpanRow,
                             Validation, utcnow)
from registry.results import DocumentResult, SourceResult
from registry.sync import COLUMNS, as_utc, refresh_review_state, sync_records
from registry.versions import link_versions
from registry.validate import Validated, apply_validations

__all__ = ["COLUMNS", "as_utc", "sync_records"]
FINAL = ("done", "quarantined")  # statuses a rerun with the same extractor version skips


def validations_for(session: Session, document_id: str) -> list[Validated]:
    rows = session.scalars(select(Validation).where(Validation.document_id == document_id)
                           .order_by(Validation.id))
    return [Validated(v.record_table, v.record_key, v.field, v.value_json) for v in rows]


def clear_records(session: Session, document_id: str) -> None:
    session.execute(delete(SpanRow).where(SpanRow.document_id == document_id))
    session.execute(delete(PersonMention).where(PersonMention.document_id == document_id))
    for model in RECORD_TABLES.values():
        session.execute(delete(model).where(model.document_id == document_id))


def insert_records(session: Session, document_id: str, record_json: dict[str, Any]) -> None:
    """The record rows of ``record_json`` (see ``sync_records``, which callers
    should prefer: after ``clear_records`` every row is new)."""
    sync_records(session, document_id, record_json)


def is_current(doc: Optional[Document], version: Optional[str],
               final: tuple[str, ...] = FINAL) -> bool:
    return doc is not None and doc.status in final and doc.extractor_version == version


def write_document(session: Session, result: DocumentResult, *, force: bool = False,
                   final: tuple[str, ...] = FINAL) -> str:
    """Insert or update one document and replace its records. Returns what
    happened: ``written``, ``skipped`` (status in ``final`` with this extractor
    version; ``force`` rewrites anyway) or ``kept`` (a done document is never
    replaced by a failure)."""
    key = text_key(result.text)
    holder = holder_of(session, key)
    if holder is not None and holder != result.id:  # the same text from another file or member
        link_source(session, holder, result)
        held = session.get(Document, holder)
        if (held.status == "done" and result.status != "done"
                or not force and is_current(held, result.extractor_version, final)):
            return "skipped"
        result = dataclasses.replace(result, id=holder)
    doc = session.get(Document, result.id)
    if not force and is_current(doc, result.extractor_version, final):
        link_source(session, result.id, result)  # the same bytes under another name
        return "skipped"
    if doc is not None and doc.status == "done" and result.status != "done":
        doc.error = result.error
        doc.attempts = (doc.attempts or 0) + 1
        return "kept"
    record_json = result.record()
    validations = validations_for(session, result.id) if record_json is not None else []
    conflicts = 0
    column = result.record_column()
    if validations:  # edits a copy: the caller's result stays as the machine made it
        record_json = copy.deepcopy(record_json)
        conflicts = apply_validations(record_json, validations,
                                      doc.record_json if doc is not None else None)
        column = record_json
    fresh = doc is None
    old_text = None if fresh else doc.text
    values = {name: value for name, value in result.columns().items()
              if name not in ("id", "record_json") and (value is not None or name in NULLABLE_RESET)}
    values.update(doc_type=(record_json or {}).get("document", {}).get("doc_type"), conflicts=conflicts)
    if key is not None:
        values["text_sha256"] = key
    if doc is None:
        doc = Document(id=result.id, attempts=1, created_at=utcnow(), updated_at=utcnow(),
                       record_json=column, **values)
        session.add(doc)
    elif changes(doc, values, record_json):
        for name, value in values.items():
            setattr(doc, name, value)
        doc.record_json = column
        doc.attempts = (doc.attempts or 0) + 1
        doc.updated_at = utcnow()
    session.flush()
    if doc.text != old_text:  # new or changed text: its full-text row (registry.fulltext)
        fulltext.index(session, [(doc.id, doc.text)])
    link_source(session, result.id, result)
    sync_records(session, result.id, record_json if result.status == "done" else None)
    if fresh and result.text:
        link_versions(session, result.id, result.text)
    return "written"


NULLABLE_RESET = {"reason", "error"}  # cleared when a later attempt succeeds
VOLATILE = {"seconds"}  # differs on every run: written only along with a real change


def changes(doc: Document, values: dict[str, Any], record_json: Optional[dict[str, Any]]) -> bool:
    """Whether writing ``values`` and ``record_json`` would change the stored
    document (a reprocess that finds the same leaves the row as it was)."""
    if record_json != doc.record_json:
        return True
    return any(getattr(doc, name) != value for name, value in values.items() if name not in VOLATILE)


def write_source(session: Session, result: SourceResult) -> None:
    source = session.get(Source, result.id)
    if source is None:
        source = Source(id=result.id, attempts=0, created_at=utcnow())
        session.add(source)
    for name, value in vars(result).items():
        setattr(source, name, value)
    source.attempts = (source.attempts or 0) + 1
    source.updated_at = utcnow()


def current_sources(session: Session, source_ids: set[str], version: str,
                    final: tuple[str, ...] = FINAL) -> set[str]:
    """The given sources that need no work with this extractor version. When
    quarantined is not final (retry --quarantined), an archive done with some
    members quarantined (a reason on a done source) needs work too."""
    if not source_ids:
        return set()
    query = select(Source.id).where(Source.id.in_(source_ids), Source.status.in_(final),
                                    Source.extractor_version == version)
    if "quarantined" not in final:
        query = query.where(Source.reason.is_(None))
    return set(session.scalars(query))


def current_members(session: Session, source_ids: set[str], version: str,
                    final: tuple[str, ...] = FINAL) -> dict[str, dict[str, str]]:
    """source id -> {member id: status} of its documents that need no work
    with this extractor version (a member whose text another document holds
    counts under its own id, as listed in document_sources)."""
    found: dict[str, dict[str, str]] = {}
    if not source_ids:
        return found
    current = (Document.status.in_(final), Document.extractor_version == version)
    rows = session.execute(select(Document.source_id, Document.id, Document.status).where(
        Document.source_id.in_(source_ids), *current))
    listed = session.execute(select(DocumentSource.source_id, DocumentSource.member_id, Document.status)
                             .join(Document, Document.id == DocumentSource.document_id)
                             .where(DocumentSource.source_id.in_(source_ids), *current))
    for source_id, member_id, status in [*rows, *listed]:
        found.setdefault(source_id, {})[member_id] = status
    return found


def status_counts(session: Session) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for model, name in ((Document, "documents"), (Source, "sources")):
        query = select(model.status, func.count()).group_by(model.status)
        out[name] = {status: count for status, count in session.execute(query)}
    return out


def problems(session: Session, limit: Optional[int] = None) -> list[Document]:
    query = (select(Document).where(Document.status != "done")
             .order_by(Document.status, Document.source_path, Document.container_path).limit(limit))
    return list(session.scalars(query))


def failed_sources(session: Session, include_quarantined: bool = False) -> list[Source]:
    """Sources to retry: failed ones; with ``include_quarantined`` also
    quarantined ones and archives done with some members quarantined."""
    wanted = Source.status == "failed"
    if include_quarantined:
        wanted = wanted | (Source.status == "quarantined") | Source.reason.is_not(None)
    return list(session.scalars(select(Source).where(wanted).order_by(Source.path)))


def problem_sources(session: Session, limit: Optional[int] = None) -> list[Source]:
    """Input files with a problem that no document of their own shows: archives
    (quarantined, or done with members quarantined) and files that could not be
    stored at all (failed, e.g. db_busy)."""
    own_document = select(Document.id).where(Document.id == Source.id).exists()
    query = (select(Source).where((Source.status != "done") | Source.reason.is_not(None), ~own_document)
             .order_by(Source.status, Source.path).limit(limit))
    return list(session.scalars(query))


def add_validation(session: Session, document_id: str, record_table: str, record_key: str,
                   field: str, value: Any, validated_by: Optional[str] = None) -> Validation:
    """Record (or replace) a validated value; it is applied at the next (re)processing."""
    row = session.scalars(select(Validation).where(
        Validation.document_id == document_id, Validation.record_table == record_table,
        Validation.record_key == record_key, Validation.field == field)).first()
    if row is None:
        row = Validation(document_id=document_id, record_table=record_table,
                         record_key=record_key, field=field)
        session.add(row)
    row.value_json = value
    row.validated_by = validated_by
    row.validated_at = utcnow()
    refresh_review_state(session, document_id, record_table, record_key)
    return row
