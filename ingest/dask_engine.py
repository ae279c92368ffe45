"""Run the per-file function on a Dask distributed cluster.

Each Dask worker process loads the extractor once (lazily, on its first
task) and reuses it; a lock keeps a multi-threaded worker to one extraction
at a time. Results come back to the client, which writes them to the database,
so the cluster needs no database access; the workers must see the input paths
(shared file system). A worker that dies takes only its task with it: Dask
reports it (KilledWorker, after the scheduler's ``allowed-failures`` retries)
and the file is stored as quarantined ``crashed``. The per-file time limit and
memory cap of the local engine are not enforced here: give the Dask workers a
``--memory-limit`` (the nanny restarts a worker above it).
"""
from __future__ import annotations

import threading
import time
from functools import lru_cache
from typing import Any, Iterator, Optional

from ingest.pool import CRASHED, Failure
from ingest.tasks import FileOutcome, FileTask, handle_file, load_extractor

LOCK = threading.Lock()


@lru_cache(maxsize=1)
def worker_extractor() -> Any:
    return load_extractor()


def extractor_loads() -> int:
    """How often this worker process loaded the models (0 or 1)."""
    return worker_extractor.cache_info().misses


def dask_handle(task: FileTask) -> FileOutcome:
    with LOCK:
        return handle_file(worker_extractor(), task)


def run_on_dask(tasks: Iterator[FileTask], scheduler: Optional[str]) -> Iterator[tuple[FileTask, Any]]:
    """Yield (task, FileOutcome or Failure); a task that erred on the cluster
    (its worker was killed, or the code raised) is a ``crashed`` Failure and the
    batch goes on."""
    from distributed import Client, as_completed

    if not scheduler:
        raise ValueError("--engine dask needs --scheduler ADDRESS")
    with Client(scheduler) as client:
        submitted: dict[Any, tuple[FileTask, float]] = {}
        for task in tasks:
            future = client.submit(dask_handle, task, pure=False)
            submitted[future] = (task, time.monotonic())
        for future in as_completed(list(submitted)):
            task, started = submitted.pop(future)
            if future.status == "finished":
                yield task, future.result()
                continue
            problem = future.exception() if future.status == "error" else future.status
            yield task, Failure(CRASHED, f"on the Dask cluster: {problem!r}", time.monotonic() - started)
