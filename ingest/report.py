"""Batch bookkeeping: what the runner tells the progress bar and the summary."""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

SLOWEST = 5


class Progress(Protocol):
    def advance(self, summary: "Summary") -> None: ...


class NoProgress:
    def advance(self, summary: "Summary") -> None:
        return None


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0                                     # files already current (or repeated)
    statuses: Counter = field(default_factory=Counter)   # document statuses, + skipped/kept by write_document
    formats: Counter = field(default_factory=Counter)    # "format/status"
    timings: list[tuple[float, str]] = field(default_factory=list)
    unwritten: list[str] = field(default_factory=list)   # could not be stored (database busy)
    unreadable: list[str] = field(default_factory=list)  # could not be read from disk
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add_document(self, status: str, fmt: str | None) -> None:
        with self.lock:  # the writer thread and the planner both count documents
            self.statuses[status] += 1
            self.formats[f"{fmt or 'unknown'}/{status}"] += 1

    def add_timing(self, seconds: float, path: str) -> None:
        with self.lock:
            self.timings.append((seconds, path))
            self.timings = sorted(self.timings, reverse=True)[:SLOWEST]

    def lines(self) -> list[str]:
        out = [f"{self.files} files, {self.skipped} skipped as already current; documents: " +
               (", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none")]
        if self.formats:
            out.append("by format: " + ", ".join(f"{k} {v}" for k, v in sorted(self.formats.items())))
        if self.timings:
            out.append("slowest files:")
            out += [f"  {seconds:7.2f} s  {path}" for seconds, path in self.timings]
        if self.unreadable:
            out.append("could not read (not stored; a rerun tries again):")
            out += [f"  {line}" for line in self.unreadable]
        if self.unwritten:
            out.append(f"{len(self.unwritten)} files could not be stored (database busy); "
                       "rerun the same command to finish them")
        return out
