"""The per-file work a worker does: read the file, split it into documents
(archive members), extract each ok document. Plain, picklable values in and out;
the database is written by the parent, never here."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from registry.results import DocumentResult
from schemas.errors import ReestrError

EXTRACTION_ERROR = "extraction_error"
READ_ERROR = "read_error"
WARMUP_TEXT = "Совещание руководителей школ Тестовой области состоялось 1 марта 2024 года."
# What a broken extractor raises on a document it accepted; anything else is a bug
# that should crash the worker (it is then replaced and only this file is lost).
EXTRACTION_FAILURES = (ReestrError, ValueError, IndexError, KeyError, TypeError,
                       AttributeError, RecursionError, AssertionError)


@dataclass(frozen=True)
class FileTask:
    path: str
    source_id: str
    size: int
    skip_ids: frozenset[str] = frozenset()   # members already current: not extracted again
    skipped_quarantined: int = 0              # how many of those are quarantined


@dataclass
class FileOutcome:
    task: FileTask
    documents: list[DocumentResult] = field(default_factory=list)
    seconds: float = 0.0
    error: Optional[str] = None  # the file could not be read at all


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def empty_file_id(path: Path) -> str:
    """A 0-byte file has no content to be identified by (every one has the same
    sha256), so its path identifies it: each empty file is accounted for."""
    where = str(path.resolve()).encode("utf-8", "surrogateescape")
    return hashlib.sha256(b"reestr empty file\0" + where).hexdigest()


def member_id(source_id: str, part: Any) -> str:
    """sha256 of the member's bytes when the reader gives it, else a stable hash
    of the container's sha256 and the member's path inside it."""
    own = getattr(part, "sha256", None)
    if own:
        return own
    if part.container_path is None:
        return source_id
    return hashlib.sha256(f"{source_id}\0{part.container_path}".encode("utf-8")).hexdigest()


def load_extractor() -> Any:
    from pipeline.run import Extractor

    extractor = Extractor()
    try:  # lazily loaded models load now, not on the first file
        extractor.extract_text(WARMUP_TEXT)
    except EXTRACTION_FAILURES:  # a broken extractor fails files, not the worker
        pass
    return extractor


def read_parts(data: bytes, name: str) -> list[Any]:
    from ingest.formats import read_document

    return read_document(data, name)


def handle_file(extractor: Any, task: FileTask) -> FileOutcome:
    started = time.perf_counter()
    path = Path(task.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileOutcome(task, seconds=time.perf_counter() - started, error=f"{READ_ERROR}: {exc}")
    parts = read_parts(data, path.name)
    documents = [handle_part(extractor, task, part) for part in parts
                 if member_id(task.source_id, part) not in task.skip_ids]
    return FileOutcome(task, documents, time.perf_counter() - started)


def handle_part(extractor: Any, task: FileTask, part: Any) -> DocumentResult:
    from pipeline.version import EXTRACTOR_VERSION

    started = time.perf_counter()
    result = DocumentResult(
        id=member_id(task.source_id, part), source_id=task.source_id, source_path=task.path,
        container_path=part.container_path, format=part.format, size=part.size,
        encoding=part.encoding, encoding_confidence=part.encoding_confidence, text=part.text,
        status="done", extractor_version=EXTRACTOR_VERSION)
    if part.status != "ok":
        result.status, result.reason, result.error = "quarantined", part.status, part.detail
        return result
    try:
        record = record_of(extractor, part, task.path)
    except EXTRACTION_FAILURES as exc:
        result.status, result.reason = "failed", EXTRACTION_ERROR
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.record_text = record.model_dump_json()  # pydantic's own encoder: fast, and cheap to send
    result.seconds = time.perf_counter() - started
    return result


def record_of(extractor: Any, part: Any, source: str) -> Any:
    """The extraction record of one ok Part (ingest's workers and ``reestr extract``)."""
    record = extractor.extract_text(part.text, source=source, encoding=part.encoding,
                                    encoding_confidence=part.encoding_confidence)
    record.document.container_path = part.container_path
    if part.detail:
        record.warnings.append(part.detail)
    if part.word_confidences:  # recognised text: spans carry their words' confidence
        from ingest.recognised import apply_word_confidences

        apply_word_confidences(record, part.word_confidences)
    return record
