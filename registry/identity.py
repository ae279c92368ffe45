"""One document per text.

A document is identified by its decoded text with whitespace normalised
(``text_key``), not by the bytes of its container: the same report as a UTF-8
txt, a cp1251 txt and a zip member is one document, and each file or member
that holds it is listed in ``document_sources``. ``documents.id`` stays the id
the first copy got (the sha256 of its bytes, see COLUMNS.md), so ids already
handed out keep meaning the same document.
"""
from __future__ import annotations

import hashlib
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Document, DocumentSource, utcnow
from registry.results import DocumentResult


def normalised(text: str) -> str:
    """Runs of whitespace (spaces, tabs, line breaks, no-break spaces) as one space."""
    return " ".join(text.split())


def text_key(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()


def holder_of(session: Session, key: Optional[str]) -> Optional[str]:
    """The document that has this text already."""
    if key is None:
        return None
    return session.scalar(select(Document.id).where(Document.text_sha256 == key))


def read_from_source(result: DocumentResult) -> bool:
    """Whether ``result`` was read from a file (ingest), not re-extracted from
    stored text (reprocess, which sets none of these)."""
    return any(value is not None for value in (result.source_id, result.format, result.text))


def source_row(document_id: str, result: DocumentResult) -> dict:
    now = utcnow()
    return dict(document_id=document_id, member_id=result.id, source_id=result.source_id,
                source_path=result.source_path, container_path=result.container_path,
                format=result.format, encoding=result.encoding, size=result.size,
                created_at=now, updated_at=now)


def link_source(session: Session, document_id: str, result: DocumentResult) -> bool:
    """List the file or member ``result`` came from under the document (once);
    True when it was new."""
    if not read_from_source(result):
        return False
    known = session.scalar(select(DocumentSource.id).where(
        DocumentSource.document_id == document_id, DocumentSource.member_id == result.id,
        DocumentSource.source_path == result.source_path,
        DocumentSource.container_path.is_(None) if result.container_path is None
        else DocumentSource.container_path == result.container_path))
    if known is not None:
        return False
    session.add(DocumentSource(**source_row(document_id, result)))
    return True
