"""Batch bookkeeping: what the runner tells the progress bar and the summary."""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

SLOWEST = 5


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class Progress(Protocol):
    def advance(self, summary: "Summary") -> None: ...


class NoProgress:
    def advance(self, summary: "Summary") -> None:
        return None


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0                                     # files already current (or repeated)
    repeated: list[str] = field(default_factory=list)    # skipped: same bytes as a file before them
    copies: list[tuple[str, str]] = field(default_factory=list, repr=False)  # skipped (path, sha256)
    copies_left: int = 0                                 # of those, not looked at: database busy
    statuses: Counter = field(default_factory=Counter)   # document statuses, + skipped/kept by write_document
    file_statuses: Counter = field(default_factory=Counter)  # input files: done, failed, quarantined
    formats: Counter = field(default_factory=Counter)    # "format/status"
    timings: list[tuple[float, str]] = field(default_factory=list)
    unwritten: list[str] = field(default_factory=list)   # could not be stored (database busy)
    unwritten_tasks: list[Any] = field(default_factory=list, repr=False)  # their FileTasks
    marked_busy: int = 0                                 # of those, recorded afterwards as failed db_busy
    unreadable: list[str] = field(default_factory=list)  # could not be read from disk
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add_document(self, status: str, fmt: str | None) -> None:
        with self.lock:  # the writer thread and the planner both count documents
            self.statuses[status] += 1
            self.formats[f"{fmt or 'unknown'}/{status}"] += 1

    def add_file(self, status: str) -> None:
        with self.lock:
            self.file_statuses[status] += 1

    def add_timing(self, seconds: float, path: str) -> None:
        with self.lock:
            self.timings.append((seconds, path))
            self.timings = sorted(self.timings, reverse=True)[:SLOWEST]

    def lines(self) -> list[str]:
        out = [f"{plural(self.files, 'file')}, {self.skipped} skipped (already stored, or the same "
               "bytes as another file); documents: " +
               (", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none")]
        if self.repeated:
            out.append("same bytes as a file stored before (stored once, listed as its copy):")
            out += [f"  {path}" for path in self.repeated[:SLOWEST * 4]]
            if len(self.repeated) > SLOWEST * 4:
                out.append(f"  ... and {len(self.repeated) - SLOWEST * 4} more")
        if self.formats:
            out.append("by format: " + ", ".join(f"{k} {v}" for k, v in sorted(self.formats.items())))
        if self.timings:
            out.append("slowest files:")
            out += [f"  {seconds:7.2f} s  {path}" for seconds, path in self.timings]
        if self.unreadable:
            out.append("could not read (not stored; a rerun tries again):")
            out += [f"  {line}" for line in self.unreadable]
        if self.copies_left:
            out.append(f"{plural(self.copies_left, 'skipped file')} not yet checked for being a copy "
                       "at a new path (database busy); rerun the same command to list them")
        if self.unwritten:
            files = plural(len(self.unwritten), "file")
            if self.marked_busy == len(self.unwritten):
                out.append(f"{files} could not be stored (database busy), recorded as failed db_busy: "
                           "reestr retry finishes them (or rerun the same command)")
            else:
                out.append(f"{files} could not be stored (database busy); "
                           "rerun the same command to finish them")
        return out
