"""Span-level mentions: what an extractor saw, where, and how sure it is.

A mention is the lowest layer of the data model. Offsets are half-open
``[start, stop)`` character offsets into the document text, and ``text`` is
always exactly ``source[start:stop]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Mention:
    label: str
    start: int
    stop: int
    text: str
    extractor: str
    confidence: float = 1.0
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.stop:
            raise ValueError(f"bad offsets [{self.start}, {self.stop}) for {self.label}")
        if len(self.text) != self.stop - self.start:
            raise ValueError(f"text length does not match offsets for {self.label}: {self.text!r}")

    @classmethod
    def of(cls, source: str, label: str, start: int, stop: int, extractor: str,
           confidence: float = 1.0, **attrs: Any) -> "Mention":
        """Build a mention whose text is taken from ``source`` itself."""
        return cls(label, start, stop, source[start:stop], extractor, confidence, attrs)

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.stop and other.start < self.stop

    def contains(self, other: "Mention") -> bool:
        return self.start <= other.start and other.stop <= self.stop

    @property
    def length(self) -> int:
        return self.stop - self.start
