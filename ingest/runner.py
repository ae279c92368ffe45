"""The batch runner: walk the inputs, skip what is already current, parse and
extract each file in a worker process (``local``) or on a Dask cluster
(``dask``), and store the results a few dozen documents per transaction in a
writer thread (ingest/storing.py).

Rerunning the same command after a crash finishes the batch: a source is
marked final only together with or after all its documents, and documents
that are already current are skipped by their sha256 id. A file with the
bytes of one stored before, at another path, is listed as its copy once the
batch is stored (ingest/copies.py).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ingest.copies import link_copies
from ingest.pool import WorkerPool
from ingest.report import NoProgress, Progress, Summary
from ingest.storing import (FINAL, Batch, Writer, extractor_version, fewer_collections,
                            mark_unwritten)
from ingest.tasks import FileTask, empty_file_id, handle_file, load_extractor, sha256_file
from registry.store import current_members, current_sources

PLAN_CHUNK = 32           # files hashed and looked up in the registry together


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
                summary.copies.append((str(path), source_id))  # listed if at a new path
                if source_id in seen:
                    summary.repeated.append(str(path))
                progress.advance(summary)
                continue
            seen.add(source_id)
            kept = members.get(source_id, {})
            yield FileTask(str(path), source_id, size, frozenset(kept),
                           sum(status == "quarantined" for status in kept.values()))


def hash_files(files: list[Path], summary: Summary, progress: Progress) -> Iterator[tuple[Path, str, int]]:
    for path in files:
        try:
            size = path.stat().st_size
            yield path, sha256_file(path) if size else empty_file_id(path), size
        except OSError as exc:  # vanished or unreadable: not stored, a rerun tries again
            summary.add_document("failed", "unreadable")
            summary.add_file("failed")
            summary.unreadable.append(f"{path}: {exc.strerror or exc}")
            progress.advance(summary)


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


def ingest(db: Engine, paths: Iterable[Path], options: Options = Options(),
           progress: Progress = NoProgress(), files: Optional[list[Path]] = None) -> Summary:
    files = inputs(db, paths) if files is None else files
    summary = Summary(files=len(files))
    tasks = plan(db, files, options, summary, progress)
    batch = Batch()
    with fewer_collections():
        writer = Writer(db, summary, options.final)
        shown = 0
        try:
            for task, result in results(tasks, options):
                batch.add(task, result)
                if batch.full():
                    writer.put(batch.take())
                shown = show(progress, summary, writer, shown)
            writer.put(batch.take())
        finally:
            writer.close()
    mark_unwritten(db, summary)
    linked, summary.copies_left = link_copies(db, summary.copies)
    repeated = set(summary.repeated)
    summary.repeated += [path for path in linked if path not in repeated]
    show(progress, summary, writer, shown)
    return summary


def show(progress: Progress, summary: Summary, writer: Writer, shown: int) -> int:
    """Advance the progress bar (from this thread only) by the files stored since."""
    stored = writer.stored()
    for _ in range(stored - shown):
        progress.advance(summary)
    return stored
