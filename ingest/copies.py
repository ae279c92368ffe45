"""Byte-identical copies: a file whose bytes (sha256) equal a file stored
before, at another path, in the same run or an earlier one.

Its bytes are parsed and stored once (``sources`` holds one row per sha256,
under the first path). Once the batch is stored, the copy is listed in
``document_sources`` under each document the first file gave (archive members
with the copy's name in their container path), so ``reestr status`` accounts
for it like a file holding a stored document's text. A path listed already
gets nothing new: a rerun adds no rows.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from registry.models import Document, DocumentSource, utcnow

CHUNK = 256   # copies looked up in the registry together
COPIED = ("document_id", "member_id", "container_path", "format", "encoding", "size")


def renamed(container_path: Optional[str], first: str, copy: str) -> Optional[str]:
    """A member's container path starts with its archive's base name: the
    copy's members are found under the copy's name."""
    old, new = Path(first).name, Path(copy).name
    if container_path is not None and container_path.startswith(old + "/"):
        return new + container_path[len(old):]
    return container_path


def listed(session: Session, source_ids: set[str]) -> dict[str, dict[str, list[dict]]]:
    """source id -> {path: its document_sources rows}; a source stored before
    document_sources was kept falls back to its documents' own rows."""
    found: dict[str, dict[str, list[dict]]] = {}
    rows = session.execute(select(DocumentSource.source_id, DocumentSource.source_path,
                                  *(getattr(DocumentSource, c) for c in COPIED))
                           .where(DocumentSource.source_id.in_(source_ids)).order_by(DocumentSource.id))
    for source_id, path, *values in rows:
        found.setdefault(source_id, {}).setdefault(path, []).append(dict(zip(COPIED, values)))
    missing = source_ids - found.keys()
    if missing:
        own = session.execute(select(Document.source_id, Document.source_path, Document.id, Document.id,
                                     Document.container_path, Document.format, Document.encoding,
                                     Document.size).where(Document.source_id.in_(missing))
                              .order_by(Document.id))
        for source_id, path, *values in own:
            found.setdefault(source_id, {}).setdefault(path, []).append(dict(zip(COPIED, values)))
    return found


def copy_rows(source_id: str, path: str, known: dict[str, list[dict]]) -> list[dict]:
    """The rows that list ``path`` as a copy, or none if it is listed already
    (or nothing of these bytes is stored: a rerun links it)."""
    if path in known or not known:
        return []
    first = next(iter(known))   # rows are ordered by id: the path stored first
    now = utcnow()
    return [dict(row, source_id=source_id, source_path=path,
                 container_path=renamed(row["container_path"], first, path),
                 created_at=now, updated_at=now) for row in known[first]]


def link_copies(db: Engine, candidates: Iterable[tuple[str, str]]) -> tuple[list[str], int]:
    """List each (path, source id) whose bytes are stored under another path.
    Returns the paths newly listed and how many candidates were left unlooked
    at because the database stayed busy (a rerun of the command lists them)."""
    pending = list(dict.fromkeys(candidates))
    linked: list[str] = []
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start:start + CHUNK]
        try:
            linked += link_chunk(db, chunk)
        except OperationalError:
            return linked, len(pending) - start
    return linked, 0


def link_chunk(db: Engine, chunk: list[tuple[str, str]]) -> list[str]:
    """One transaction: the chunk's copies are listed all or none."""
    linked: list[str] = []
    with Session(db) as session, session.begin():
        known = listed(session, {source_id for _, source_id in chunk})
        rows: list[dict] = []
        for path, source_id in chunk:
            new = copy_rows(source_id, path, known.get(source_id, {}))
            if new:
                rows += new
                linked.append(path)
                known[source_id][path] = new   # the same path twice in one call: once
        if rows:
            session.execute(insert(DocumentSource), rows)
    return linked
