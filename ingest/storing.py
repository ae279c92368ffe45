"""Storing results in the registry, from the parent process.

Results are stored a few dozen documents per transaction (bulk inserts, see
registry/batch.py); a batch that cannot be written falls back to storing its
files one by one, with retries. A ``Writer`` thread does this while the main
thread keeps the workers fed: a worker then never waits for a write.
"""
from __future__ import annotations

import gc
import queue
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ingest.pool import Failure
from ingest.report import Summary
from ingest.tasks import FileOutcome, FileTask
from registry.batch import write_documents, write_sources
from registry.results import DocumentResult, SourceResult
from registry.store import FINAL, write_document, write_source

DB_BUSY = "db_busy"
MEMBERS_QUARANTINED = "members_quarantined"  # an archive done, with some members quarantined
WRITE_ATTEMPTS = 5
WRITE_BACKOFF_S = 0.5
BATCH_DOCUMENTS = 48      # results stored in one transaction...
BATCH_SECONDS = 1.0       # ...or fewer, once the oldest has waited this long
QUEUED_BATCHES = 4        # the writer's backlog before the main thread waits for it
GC_THRESHOLDS = (20_000, 20, 20)  # while storing (Python's default: 700, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Parsed records are trees of dicts and lists, freed by reference counting
    alone; with the default thresholds the cyclic collector's passes over them
    took ~1 ms of the parent's ~5 ms per document. Cycles are still collected."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def extractor_version() -> str:
    from pipeline.version import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


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


def source_status(task: FileTask,
                  documents: list[DocumentResult]) -> tuple[str, Optional[str], Optional[str]]:
    """(status, reason, error) of an input file. A plain file has its
    document's. An archive is failed if a member failed, quarantined if no
    member is done (reason: the members' most common one), else done, with
    reason ``members_quarantined`` when some members are (retry --quarantined
    takes it up again)."""
    if any(d.status == "failed" for d in documents):
        first = documents[0] if len(documents) == 1 else None
        return "failed", first.reason if first else None, first.error if first else None
    if len(documents) == 1 and documents[0].id == documents[0].source_id:
        return documents[0].status, documents[0].reason, documents[0].error
    quarantined = [d.reason or "unknown" for d in documents if d.status == "quarantined"]
    done = len(documents) - len(quarantined) + len(task.skip_ids) - task.skipped_quarantined
    total = len(documents) + len(task.skip_ids)
    if not quarantined and not task.skipped_quarantined:
        return "done", None, None
    counts = Counter(quarantined)
    summary = ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
    if task.skipped_quarantined:
        summary += (", " if summary else "") + f"{task.skipped_quarantined} quarantined before"
    if done == 0:
        reason = counts.most_common(1)[0][0] if counts else "no_text"
        return "quarantined", reason, f"no member of the archive could be read ({summary})"
    return "done", MEMBERS_QUARANTINED, f"{total - done} of {total} members quarantined ({summary})"


def source_result(task: FileTask, documents: list[DocumentResult], seconds: float) -> SourceResult:
    status, reason, error = source_status(task, documents)
    return SourceResult(id=task.source_id, path=task.path, size=task.size, status=status,
                        seconds=seconds, parts=len(documents) + len(task.skip_ids),
                        reason=reason, error=error, extractor_version=extractor_version())


def account(summary: Summary, task: FileTask, documents: list[DocumentResult], outcomes: list[str],
            seconds: float) -> None:
    for document, outcome in zip(documents, outcomes):
        summary.add_document(document.status if outcome == "written" else outcome, document.format)
    summary.add_file(source_status(task, documents)[0])
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
    summary.add_file("failed")
    summary.unwritten.append(task.path)
    summary.unwritten_tasks.append(task)


def mark_unwritten(db: Engine, summary: Summary) -> None:
    """Once the batch is over, record each file that could not be stored as a
    failed source (reason db_busy), so that ``reestr retry`` finds it. If the
    database is still busy the files stay unrecorded: a rerun of the same
    command finishes them either way."""
    for task in summary.unwritten_tasks:
        busy = SourceResult(id=task.source_id, path=task.path, size=task.size, status="failed",
                            reason=DB_BUSY, error="the database was busy; reestr retry stores it",
                            parts=0, extractor_version=extractor_version())
        try:
            with Session(db) as session, session.begin():
                write_source(session, busy)
        except OperationalError:
            return
        summary.marked_busy += 1


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


class Writer:
    """A thread that stores batches in order. ``put`` hands it a batch (and
    waits only when QUEUED_BATCHES are already waiting); ``stored()`` tells how
    many files are stored so far; ``close`` stores what is left and re-raises
    an error the thread met (nothing after it is stored; a rerun finishes)."""

    def __init__(self, db: Engine, summary: Summary, final: tuple[str, ...] = FINAL) -> None:
        self.db, self.summary, self.final = db, summary, final
        self.batches: queue.Queue[Optional[list[tuple[FileTask, Any]]]] = queue.Queue(QUEUED_BATCHES)
        self.files = 0
        self.error: Optional[BaseException] = None
        self.thread = threading.Thread(target=self.run, name="reestr-writer", daemon=True)
        self.thread.start()

    def run(self) -> None:
        while (items := self.batches.get()) is not None:
            if self.error is not None:
                continue  # keep draining so put() never blocks on a dead writer
            try:
                store_batch(self.db, items, self.summary, self.final)
            except BaseException as exc:  # handed to the main thread by check()
                self.error = exc
                continue
            self.files += len(items)

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, items: list[tuple[FileTask, Any]]) -> None:
        self.check()
        if items:
            self.batches.put(items)

    def stored(self) -> int:
        return self.files

    def close(self) -> None:
        self.batches.put(None)
        self.thread.join()
        self.check()
