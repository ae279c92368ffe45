"""Many files in one transaction: the fast path of batch ingestion.

A document (or source) the registry does not hold yet goes in with bulk
inserts, one statement per table for the whole batch. Anything already there
takes the careful path of ``write_document`` / ``write_source`` (skip what is
current, keep a done document over a failure, re-apply validations). The
caller owns the transaction, so a batch is stored whole or not at all, and
with it every document in it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from registry import fulltext
from registry.bulk import insert_many_records, insert_values, is_sqlite
from registry.identity import source_row as link_row
from registry.identity import read_from_source, text_key
from registry.models import Document, DocumentSource, Source, utcnow
from registry.results import DocumentResult, SourceResult
from registry.store import COLUMNS, FINAL, write_document, write_source
from registry.versions import link_versions


def split_known(session: Session, model: Any, items: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """(new, known): ``known`` are in the table already or repeat an earlier item."""
    ids = {item.id for item in items}
    stored = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()
    new: list[Any] = []
    known: list[Any] = []
    for item in items:
        (known if item.id in stored else new).append(item)
        stored.add(item.id)
    return new, known


def split_texts(session: Session, new: list[DocumentResult],
                known: list[DocumentResult]) -> tuple[list[DocumentResult], list[DocumentResult]]:
    """Move to ``known`` the new results whose text a stored document or an
    earlier result has (``write_document`` lists them as another source)."""
    keys = {r.id: text_key(r.text) for r in new}
    wanted = {key for key in keys.values() if key is not None}
    held = set(session.scalars(select(Document.text_sha256).where(Document.text_sha256.in_(wanted)))
               ) if wanted else set()
    fresh: list[DocumentResult] = []
    for result in new:
        key = keys[result.id]
        (known if key in held else fresh).append(result)
        if key is not None:
            held.add(key)
    return fresh, known


def document_row(result: DocumentResult, now: dt.datetime) -> dict[str, Any]:
    row = result.columns()
    record = result.record() or {}
    row.update(doc_type=record.get("document", {}).get("doc_type"), conflicts=0, attempts=1,
               created_at=now, updated_at=now, text_sha256=text_key(result.text))
    return row


def source_row(result: SourceResult, now: dt.datetime) -> dict[str, Any]:
    return dict(vars(result), attempts=1, created_at=now, updated_at=now)


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Whole rows: straight to the driver on SQLite, through Core elsewhere."""
    if is_sqlite(session):
        insert_values(session, table, rows)
    else:
        session.execute(insert(table), rows)


def write_documents(session: Session, results: Sequence[DocumentResult],
                    final: tuple[str, ...] = FINAL) -> list[str]:
    """What ``write_document`` returns, for each result in order."""
    new, known = split_known(session, Document, results)
    new, known = split_texts(session, new, known)
    now = utcnow()
    if new:
        insert_rows(session, Document.__table__, [document_row(r, now) for r in new])
        fulltext.index(session, [(r.id, r.text) for r in new if r.text])
        insert_rows(session, DocumentSource.__table__, [link_row(r.id, r) for r in new if read_from_source(r)])
        for result in new:
            if result.text:
                link_versions(session, result.id, result.text)
        insert_many_records(session, [(r.id, r.record()) for r in new
                                      if r.record() is not None and r.status == "done"], COLUMNS)
    outcomes = {id(r): "written" for r in new}
    for result in known:
        outcomes[id(result)] = write_document(session, result, final=final)
    return [outcomes[id(r)] for r in results]


def write_sources(session: Session, results: Sequence[SourceResult]) -> None:
    new, known = split_known(session, Source, results)
    if new:
        now = utcnow()
        insert_rows(session, Source.__table__, [source_row(r, now) for r in new])
    for result in known:
        write_source(session, result)
