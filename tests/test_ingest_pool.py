"""The worker pool: a hang, a crash or an out-of-memory worker costs only its task."""
from __future__ import annotations

import os
import signal

import pytest

from ingest.pool import CRASHED, LIMITS_EXCEEDED, TIMEOUT, Failure, PoolError, WorkerPool
from ingest_pool_helpers import behave, init_hungry, init_light

MEMORY_MB = 400


def run(tasks: list[str], size: int = 2, timeout: float | None = 5.0) -> dict[str, object]:
    with WorkerPool(size, init_light, behave, timeout=timeout, memory_mb=MEMORY_MB) as pool:
        return dict(pool.run(tasks))


@pytest.mark.parametrize("bad, reason", [
    ("sleep:30", TIMEOUT),
    ("crash", CRASHED),
    ("hog", LIMITS_EXCEEDED),
])
def test_ingest_pool_bad_task_costs_only_itself(bad: str, reason: str) -> None:
    results = run(["a", bad, "b", "c"], timeout=1.5)
    assert isinstance(results[bad], Failure) and results[bad].reason == reason
    assert [results[t].split(":")[1] for t in ("a", "b", "c")] == ["a", "b", "c"]


def test_ingest_pool_replaces_dead_worker() -> None:
    results = run(["crash", "x", "y"], size=1)
    assert isinstance(results["crash"], Failure)
    assert results["x"].startswith("state:x:") and results["y"].startswith("state:y:")


def test_ingest_pool_spreads_tasks_over_workers() -> None:
    results = run([f"sleep:0.3#{i}" for i in range(6)])
    assert len({value.rsplit(":", 1)[1] for value in results.values()}) == 2


def test_ingest_pool_workers_that_cannot_start_stop_the_batch() -> None:
    with pytest.raises(PoolError):
        with WorkerPool(1, init_hungry, behave, timeout=5, memory_mb=MEMORY_MB) as pool:
            list(pool.run(["a"]))


def test_ingest_pool_tasks_queued_behind_a_hang_are_not_lost() -> None:
    results = run(["a", "sleep:30", "b", "c"], size=1, timeout=1.5)
    assert isinstance(results["sleep:30"], Failure) and results["sleep:30"].reason == TIMEOUT
    assert [results[t].split(":")[1] for t in ("a", "b", "c")] == ["a", "b", "c"]


def test_ingest_pool_worker_holds_its_next_task_while_the_caller_works() -> None:
    with WorkerPool(1, init_light, behave, timeout=5, memory_mb=MEMORY_MB, depth=2) as pool:
        seen = []
        tasks = [f"sleep:0.3#{name}" for name in "abcd"]
        for task, _ in pool.run(tasks):
            seen.append((task, list(pool.slots[0].queue)))
    # b runs and c waits in the pipe while the caller handles a
    assert seen[0] == (tasks[0], tasks[1:3])
    assert [task for task, _ in seen] == tasks


def test_ingest_pool_worker_dead_between_tasks_loses_nothing() -> None:
    """A worker killed while idle: the next send finds its pipe closed. The
    task goes to its replacement instead of aborting the batch."""
    with WorkerPool(1, init_light, behave, timeout=5, memory_mb=MEMORY_MB) as pool:
        first = dict(pool.run(["a"]))
        worker = pool.slots[0].process
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(timeout=5)
        rest = dict(pool.run(["b", "c"]))
    assert first["a"].startswith("state:a:")
    assert rest["b"].startswith("state:b:") and rest["c"].startswith("state:c:")
    assert pool.spawned == 2


def process_gone(pid: int) -> bool:
    """Not running: no such process, or a zombie waiting for init to reap it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_ingest_pool_timeout_also_ends_programs_the_worker_started(tmp_path) -> None:
    import time

    pidfile = tmp_path / "child.pid"
    results = run([f"child:{pidfile}"], size=1, timeout=2.0)
    assert isinstance(results[f"child:{pidfile}"], Failure)
    child = int(pidfile.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 10
    while not process_gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process_gone(child)
