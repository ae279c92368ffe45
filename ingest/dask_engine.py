"""Run the per-file function on a Dask distributed cluster.

Each Dask worker process keeps one worker of our own pool (``ingest.pool``)
as a child process: it loads the models once and handles that Dask worker's
files one at a time, with the same time limit and memory cap as the local
engine, so a hang, a crash or an out-of-memory file costs only that file
there too. That needs Dask worker processes that may have children
(``distributed.worker.daemon: False``, e.g. the environment variable
``DASK_DISTRIBUTED__WORKER__DAEMON=False``); on daemonic Dask workers the
files are handled in the Dask worker itself, without the time limit and the
memory cap (give the Dask workers a ``--memory-limit``; the nanny restarts a
worker above it). Results come back to the client, which writes them to the
database, so the cluster needs no database access; the workers must see the
input paths (a shared file system). A Dask worker that dies takes only its
task with it: the file is stored as quarantined ``crashed``.
"""
from __future__ import annotations

import atexit
import multiprocessing
import threading
import time
from functools import lru_cache
from typing import Any, Iterator, Optional

from ingest.pool import CRASHED, Failure, WorkerPool
from ingest.tasks import FileTask, handle_file, load_extractor

LOCK = threading.Lock()


@lru_cache(maxsize=1)
def worker_extractor() -> Any:
    return load_extractor()


POOLS: dict[tuple[Optional[float], Optional[int]], WorkerPool] = {}


def worker_pool(timeout: Optional[float], memory_mb: Optional[int]) -> WorkerPool:
    """This Dask worker's own one-process pool for these limits, started once."""
    key = (timeout, memory_mb)
    if key not in POOLS:
        pool: WorkerPool = WorkerPool(1, load_extractor, handle_file, timeout=timeout,
                                      memory_mb=memory_mb, depth=1)
        POOLS[key] = pool.__enter__()
        atexit.register(pool.close)
    return POOLS[key]


def extractor_loads() -> int:
    """How often this Dask worker loaded the models, itself or in a child process."""
    return worker_extractor.cache_info().misses + sum(pool.spawned for pool in POOLS.values())


def can_have_children() -> bool:
    return not multiprocessing.current_process().daemon


def dask_handle(task: FileTask, timeout: Optional[float] = None,
                memory_mb: Optional[int] = None) -> Any:
    """A FileOutcome, or a Failure (timeout, crashed, limits_exceeded)."""
    with LOCK:
        if not can_have_children():
            return handle_file(worker_extractor(), task)
        for _, result in worker_pool(timeout, memory_mb).run([task]):
            return result
    raise RuntimeError("the worker pool returned no result")


def run_on_dask(tasks: Iterator[FileTask], scheduler: Optional[str], timeout: Optional[float] = None,
                memory_mb: Optional[int] = None) -> Iterator[tuple[FileTask, Any]]:
    """Yield (task, FileOutcome or Failure); a task that erred on the cluster
    (its worker was killed, or the code raised) is a ``crashed`` Failure and the
    batch goes on."""
    from distributed import Client, as_completed

    if not scheduler:
        raise ValueError("--engine dask needs --scheduler ADDRESS")
    with Client(scheduler) as client:
        submitted: dict[Any, tuple[FileTask, float]] = {}
        for task in tasks:
            future = client.submit(dask_handle, task, timeout, memory_mb, pure=False)
            submitted[future] = (task, time.monotonic())
        for future in as_completed(list(submitted)):
            task, started = submitted.pop(future)
            if future.status == "finished":
                yield task, future.result()
                continue
            problem = future.exception() if future.status == "error" else future.status
            yield task, Failure(CRASHED, f"on the Dask cluster: {problem!r}", time.monotonic() - started)

