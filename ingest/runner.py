"""The batch runner: walk the inputs, skip what is already current, parse and
extract each file in a worker process (``local``) or on a Dask cluster
(``dask``), and store the results a few dozen files per transaction (bulk inserts; a file
whose batch cannot be written is then stored on its own, document by document).

Rerunning the same command after a crash finishes the batch: a source is
marked final only together with or after all its documents, and documents
that are already current are skipped by their sha256 id.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ingest.pool import Failure, WorkerPool
from ingest.report import NoProgress, Progress, Summary
from ingest.tasks import FileOutcome, FileTask, handle_file, load_extractor, sha256_file
from registry.batch import write_documents, write_sources
from registry.store import (FINAL, DocumentResult, SourceResult, current_members, current_sources,
                            write_document, write_source)

WRITE_ATTEMPTS = 5
WRITE_BACKOFF_S = 0.5
PLAN_CHUNK = 32           # files hashed and looked up in the registry together
BATCH_DOCUMENTS = 48      # results stored in one transaction...
BATCH_SECONDS = 1.0       # ...or fewer, once the oldest has waited this long


@dataclass(frozen=True)
class Options:
    workers: int = 1
    engine: str = "local"           # local | dask
    scheduler: Optional[str] = None  # Dask scheduler address
    timeout: Optional[float] = 120.0
    memory_mb: Optional[int] = 2048
    redo_quarantined: bool = False   # treat quarantined files as not final (retry --quarantined)

    @property
    def final(self) -> tuple[str, ...]:
        """Statuses that make a file or document current (skipped by a rerun)."""
        return ("done",) if self.redo_quarantined else FINAL


def extractor_version() -> str:
    from pipeline.version import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def walk(paths: Iterable[Path]) -> list[Path]:
    """Regular files under the given paths, sorted, hidden files left out."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            found.append(path)
    return found


def database_files(db: Engine) -> set[Path]:
    """An embedded database (and its WAL) inside the inbox is not a document."""
    if db.dialect.name != "sqlite" or not db.url.database or db.url.database == ":memory:":
        return set()
    base = Path(db.url.database).resolve()
    return {base} | {base.with_name(base.name + suffix) for suffix in ("-wal", "-shm", "-journal")}


def inputs(db: Engine, paths: Iterable[Path]) -> list[Path]:
    """The files a batch works on."""
    leave_out = database_files(db)
    return [f for f in walk(paths) if f.resolve() not in leave_out]


def plan(db: Engine, files: list[Path], options: Options, summary: Summary,
         progress: Progress) -> Iterator[FileTask]:
    """Tasks for the files that need work; lazily, a chunk of files at a time,
    so hashing overlaps extraction and the registry is asked once per chunk."""
    version = extractor_version()
    seen: set[str] = set()
    for start in range(0, len(files), PLAN_CHUNK):
        hashed = list(hash_files(files[start:start + PLAN_CHUNK], summary, progress))
        ids = {source_id for _, source_id, _ in hashed}
        with Session(db) as session:
            current = current_sources(session, ids, version, options.final)
            members = current_members(session, ids - current, version, options.final)
        for path, source_id, size in hashed:
            if source_id in seen or source_id in current:
                summary.skipped += 1
                progress.advance(summary)
                continue
            seen.add(source_id)
            yield FileTask(str(path), source_id, size, frozenset(members.get(source_id, ())))


def hash_files(files: list[Path], summary: Summary, progress: Progress) -> Iterator[tuple[Path, str, int]]:
    for path in files:
        try:
            yield path, sha256_file(path), path.stat().st_size
        except OSError as exc:  # vanished or unreadable: not stored, a rerun tries again
            summary.add_document("failed", "unreadable")
            summary.unreadable.append(f"{path}: {exc.strerror or exc}")
            progress.advance(summary)


def failure_document(task: FileTask, reason: str, detail: str, seconds: float) -> DocumentResult:
    status = "failed" if reason == "read_error" else "quarantined"
    return DocumentResult(id=task.source_id, source_id=task.source_id, source_path=task.path,
                          format=Path(task.path).suffix.lstrip(".").lower() or None,
                          size=task.size, status=status, reason=reason, error=detail,
                          extractor_version=extractor_version(), seconds=seconds)


def documents_of(task: FileTask, result: Any) -> tuple[list[DocumentResult], float]:
    if isinstance(result, Failure):
        return [failure_document(task, result.reason, result.detail, result.seconds)], result.seconds
    outcome: FileOutcome = result
    if outcome.error is not None:
        reason, _, detail = outcome.error.partition(": ")
        return [failure_document(task, reason, detail, outcome.seconds)], outcome.seconds
    return outcome.documents, outcome.seconds


def source_status(documents: list[DocumentResult]) -> str:
    if any(d.status == "failed" for d in documents):
        return "failed"
    if len(documents) == 1 and documents[0].id == documents[0].source_id:
        return documents[0].status
    return "done"


def source_result(task: FileTask, documents: list[DocumentResult], seconds: float) -> SourceResult:
    first = documents[0] if len(documents) == 1 else None
    return SourceResult(id=task.source_id, path=task.path, size=task.size,
                        status=source_status(documents), seconds=seconds,
                        parts=len(documents) + len(task.skip_ids),
                        reason=first.reason if first else None,
                        error=first.error if first else None,
                        extractor_version=extractor_version())


def account(summary: Summary, task: FileTask, documents: list[DocumentResult], outcomes: list[str],
            seconds: float) -> None:
    for document, outcome in zip(documents, outcomes):
        summary.add_document(document.status if outcome == "written" else outcome, document.format)
    summary.add_timing(seconds, task.path)


def store(db: Engine, task: FileTask, result: Any, summary: Summary, final: tuple[str, ...]) -> None:
    """One file on its own: each document in its own transaction, then the source."""
    documents, seconds = documents_of(task, result)
    outcomes = []
    for document in documents:
        with Session(db) as session, session.begin():
            outcomes.append(write_document(session, document, final=final))
    with Session(db) as session, session.begin():
        write_source(session, source_result(task, documents, seconds))
    account(summary, task, documents, outcomes, seconds)


def store_batch(db: Engine, batch: list[tuple[FileTask, Any]], summary: Summary,
                final: tuple[str, ...] = FINAL) -> None:
    """Many files in one transaction. If that fails (database busy, a key
    another batch inserted meanwhile), each file is stored on its own with
    retries, so a batch costs no more than its files would one by one."""
    prepared = [(task, *documents_of(task, result)) for task, result in batch]
    try:
        with Session(db) as session, session.begin():
            outcomes = iter(write_documents(session, [d for _, docs, _ in prepared for d in docs], final))
            write_sources(session, [source_result(task, docs, seconds) for task, docs, seconds in prepared])
    except (OperationalError, IntegrityError):
        for task, result in batch:
            store_with_retry(db, task, result, summary, final)
        return
    for task, documents, seconds in prepared:
        account(summary, task, documents, [next(outcomes) for _ in documents], seconds)


def store_with_retry(db: Engine, task: FileTask, result: Any, summary: Summary,
                     final: tuple[str, ...] = FINAL) -> None:
    """A busy or locked database is retried, and so is a key another batch
    inserted meanwhile (the retry then finds it current); if the database stays
    busy the file is left for the next run (its source is not marked final)."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            store(db, task, result, summary, final)
            return
        except (OperationalError, IntegrityError):
            time.sleep(WRITE_BACKOFF_S * 2**attempt)
    summary.add_document("failed", "db_busy")
    summary.unwritten.append(task.path)


def results(tasks: Iterator[FileTask], options: Options) -> Iterator[tuple[FileTask, Any]]:
    """Workers start only when there is a first file to work on."""
    first = next(tasks, None)
    if first is None:
        return
    tasks = itertools.chain([first], tasks)
    if options.engine == "dask":
        from ingest.dask_engine import run_on_dask

        yield from run_on_dask(tasks, options.scheduler, options.timeout, options.memory_mb)
        return
    with WorkerPool(options.workers, load_extractor, handle_file, timeout=options.timeout,
                    memory_mb=options.memory_mb) as pool:
        yield from pool.run(tasks)


class Batch:
    """Results waiting to be stored together."""

    def __init__(self) -> None:
        self.items: list[tuple[FileTask, Any]] = []
        self.documents = 0
        self.since = 0.0

    def add(self, task: FileTask, result: Any) -> None:
        if not self.items:
            self.since = time.monotonic()
        self.items.append((task, result))
        self.documents += len(result.documents) if isinstance(result, FileOutcome) else 1

    def full(self) -> bool:
        return self.documents >= BATCH_DOCUMENTS or time.monotonic() - self.since >= BATCH_SECONDS

    def take(self) -> list[tuple[FileTask, Any]]:
        items, self.items, self.documents = self.items, [], 0
        return items


def ingest(db: Engine, paths: Iterable[Path], options: Options = Options(),
           progress: Progress = NoProgress(), files: Optional[list[Path]] = None) -> Summary:
    files = inputs(db, paths) if files is None else files
    summary = Summary(files=len(files))
    tasks = plan(db, files, options, summary, progress)
    batch = Batch()
    for task, result in results(tasks, options):
        batch.add(task, result)
        if batch.full():
            flush(db, batch, summary, progress, options.final)
    flush(db, batch, summary, progress, options.final)
    return summary


def flush(db: Engine, batch: Batch, summary: Summary, progress: Progress, final: tuple[str, ...]) -> None:
    items = batch.take()
    if items:
        store_batch(db, items, summary, final)
    for _ in items:
        progress.advance(summary)
