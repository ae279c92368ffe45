"""A small process pool that survives its workers.

Each worker is a process of its own with an address-space cap
(``RLIMIT_AS``); it runs ``init()`` once (load the models), says it is ready,
then handles one task at a time. A task that runs past the time limit gets its
worker killed; a worker that dies (crash, out of memory) is replaced. Either
way only that task is lost, reported as a ``Failure``; the pool goes on.
``concurrent.futures.ProcessPoolExecutor`` cannot do this: one dead worker
breaks the whole executor.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Generic, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")
TIMEOUT = "timeout"
CRASHED = "crashed"
LIMITS_EXCEEDED = "limits_exceeded"
START_TIMEOUT_S = 300.0
MAX_START_FAILURES = 3
POLL_S = 0.5
NO_TASK: Any = object()
# One worker per core: numerical libraries in a worker must not start threads of their own.
SINGLE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class PoolError(RuntimeError):
    """Workers cannot start at all (e.g. the memory cap is below what the models need)."""


@dataclass(frozen=True)
class Failure:
    reason: str  # timeout | crashed | limits_exceeded
    detail: str
    seconds: float


def cap_memory(memory_mb: Optional[int]) -> None:
    if memory_mb:
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def kill_group(process: Any) -> None:
    """Kill a worker and whatever it started (it leads its own process group)."""
    if process.pid is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if process.is_alive():
        process.kill()


def worker_main(conn: Connection, init: Callable[[], Any], handle: Callable[[Any, Any], Any],
                memory_mb: Optional[int]) -> None:
    for name in SINGLE_THREAD:
        os.environ.setdefault(name, "1")
    try:  # a group of its own: killing it also ends the programs it runs (antiword, tesseract)
        os.setpgrp()
    except OSError:
        pass
    cap_memory(memory_mb)
    try:
        state = init()
    except MemoryError:
        conn.send(("fatal", LIMITS_EXCEEDED, "out of memory while loading the models"))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent went away
            return
        if task is None:
            return
        try:
            result = handle(state, task)
        except MemoryError:
            conn.send(("fatal", LIMITS_EXCEEDED, f"out of memory (cap {memory_mb} MB)"))
            return
        conn.send(("ok", result, None))


@dataclass
class Slot(Generic[T]):
    process: Any
    conn: Connection
    ready: bool = False
    broken: bool = False                           # its pipe closed under a send: it is dying
    queue: deque = field(default_factory=deque)  # tasks sent, in order; the head is running
    started: float = 0.0                           # when the head started (as seen from here)
    spawned: float = field(default_factory=time.monotonic)

    @property
    def task(self) -> Optional[T]:
        return self.queue[0] if self.queue else None


class WorkerPool(Generic[T]):
    """``depth`` tasks are in flight per worker: the next one waits in the pipe,
    so a worker goes on at once when it finishes, even while the caller is busy
    writing results. Its time limit counts from when the previous result came."""

    def __init__(self, size: int, init: Callable[[], Any], handle: Callable[[Any, T], Any], *,
                 timeout: Optional[float] = None, memory_mb: Optional[int] = None,
                 context: str = "spawn", depth: int = 2) -> None:
        self.size = max(1, size)
        self.init, self.handle = init, handle
        self.timeout, self.memory_mb = timeout, memory_mb
        self.depth = max(1, depth)
        self.ctx = mp.get_context(context)
        self.slots: list[Slot[T]] = []
        self.start_failures = 0
        self.spawned = 0  # worker processes started, replacements included
        self.returned: deque = deque()  # tasks sent to a worker that died before starting them

    def spawn(self) -> Slot[T]:
        self.spawned += 1
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=worker_main, daemon=True,
                                   args=(child, self.init, self.handle, self.memory_mb))
        process.start()
        child.close()
        return Slot(process, parent)

    def retire(self, slot: Slot[T], kill: bool) -> None:
        """Replace the worker; the tasks still queued behind its head go back."""
        if kill:
            kill_group(slot.process)
        slot.process.join(timeout=5)
        slot.conn.close()
        self.returned.extendleft(reversed(list(slot.queue)[1:]))
        self.slots[self.slots.index(slot)] = self.spawn()

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for slot in self.slots:
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                kill_group(slot.process)
                slot.process.join()
            slot.conn.close()
        self.slots = []

    def __enter__(self) -> "WorkerPool[T]":
        self.slots = [self.spawn() for _ in range(self.size)]
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, tasks: Iterable[T]) -> Iterator[tuple[T, Any]]:
        """Yield (task, result or Failure) in completion order.

        Finished workers get their next task before a result is handed to the
        caller, so the workers keep extracting while the caller writes it."""
        source = iter(tasks)
        while True:
            more = self.dispatch(source)
            if not more and not self.returned and all(not s.queue for s in self.slots):
                return
            outcomes = list(self.poll())
            self.dispatch(source)
            yield from outcomes

    def dispatch(self, source: Iterator[T]) -> bool:
        """Fill every ready worker up to ``depth`` tasks, one round at a time so
        that a few tasks spread over all workers; False once ``source`` is exhausted."""
        for level in range(1, self.depth + 1):
            for slot in self.slots:
                if not slot.ready or slot.broken or len(slot.queue) >= level:
                    continue
                task = self.returned.popleft() if self.returned else next(source, NO_TASK)
                if task is NO_TASK:
                    return False
                if not self.send(slot, task):
                    self.returned.appendleft(task)
                    continue
                if not slot.queue:
                    slot.started = time.monotonic()
                slot.queue.append(task)
        return True

    @staticmethod
    def send(slot: Slot[T], task: T) -> bool:
        """Hand a task to a worker; False if the worker has died meanwhile (its
        pipe is closed). The worker then takes no more tasks; ``check`` finds
        it dead, reports the task it died on and replaces it."""
        try:
            slot.conn.send(task)
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            slot.broken = True
            return False
        return True

    def poll(self) -> Iterator[tuple[T, Any]]:
        wait([s.conn for s in self.slots] + [s.process.sentinel for s in self.slots],
             timeout=self.wait_time())
        for slot in list(self.slots):
            yield from self.check(slot)

    def wait_time(self) -> float:
        if self.timeout is None:
            return POLL_S * 4
        busy = [s.started + self.timeout - time.monotonic() for s in self.slots if s.queue]
        return max(0.01, min(busy + [POLL_S * 4]))

    def check(self, slot: Slot[T]) -> Iterator[tuple[T, Any]]:
        """Every message the worker has sent, then its time limit and its health."""
        while slot.conn.poll():
            try:
                kind, payload, detail = slot.conn.recv()
            except (EOFError, OSError):
                yield from self.died(slot)
                return
            now = time.monotonic()
            if kind == "ready":
                slot.ready, self.start_failures = True, 0
                continue
            if kind == "ok":
                task = slot.queue.popleft()
                slot.started = now
                yield task, payload
                continue
            task, seconds = slot.task, now - slot.started  # "fatal": the worker exits after an out-of-memory
            self.retire(slot, kill=True)
            yield from self.lost(task, Failure(payload, detail, seconds))
            return
        now = time.monotonic()
        if slot.queue and self.timeout is not None and now - slot.started > self.timeout:
            task = slot.task
            self.retire(slot, kill=True)
            yield task, Failure(TIMEOUT, f"no result after {self.timeout:g} s", now - slot.started)
            return
        if slot.broken or not slot.process.is_alive():
            yield from self.died(slot)
            return
        if not slot.ready and now - slot.spawned > START_TIMEOUT_S:
            raise PoolError(f"a worker did not start within {START_TIMEOUT_S:g} s")

    def lost(self, task: Optional[T], failure: Failure) -> Iterator[tuple[T, Any]]:
        if task is None:
            self.start_failed(failure.detail)
            return
        yield task, failure

    def died(self, slot: Slot[T]) -> Iterator[tuple[T, Any]]:
        slot.process.join(timeout=5)
        code = slot.process.exitcode
        task, seconds = slot.task, time.monotonic() - slot.started
        self.retire(slot, kill=True)
        if task is None and slot.ready:  # died between tasks: nothing lost, not a start failure
            return
        detail = f"worker died (exit code {code})"
        yield from self.lost(task, Failure(CRASHED, detail, seconds if task is not None else 0.0))

    def start_failed(self, detail: str) -> None:
        self.start_failures += 1
        if self.start_failures >= MAX_START_FAILURES:
            raise PoolError(f"workers keep failing to start: {detail}")
