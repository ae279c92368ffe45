"""Span-level mentions: what an extractor saw, where, and how sure it is.

A mention is the lowest layer of the data model. Offsets are half-open
``[start, stop)`` character offsets into the document text, and ``text`` is
always exactly ``source[start:stop]``.

``attrs`` is either a typed attributes object (``schemas/mention_attrs.py``:
one frozen dataclass per family's label, read as ``m.attrs.kind``) or, for a
family not converted yet, a plain dict (the generic path). Both are mappings,
so string look-ups still work on either.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from schemas.mention_attrs import Attrs, is_typed


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
           confidence: float = 1.0, attrs: Optional[Attrs] = None, **generic: Any) -> "Mention":
        """Build a mention whose text is taken from ``source`` itself, with typed
        ``attrs`` or (families not converted yet) keyword attributes."""
        if attrs is not None and generic:
            raise TypeError("a mention has typed attrs or keyword attributes, not both")
        return cls(label, start, stop, source[start:stop], extractor, confidence,
                   attrs if attrs is not None else generic)

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.stop and other.start < self.stop

    def contains(self, other: "Mention") -> bool:
        return self.start <= other.start and other.stop <= self.stop

    @property
    def length(self) -> int:
        return self.stop - self.start

    def to_dict(self, generic: Callable[[Mapping[str, Any]], Any] = dict) -> dict[str, Any]:
        """Plain data (the text is left out: it is the source's slice). Typed attrs
        give their own ``to_dict``; a plain dict goes through ``generic``."""
        attrs = self.attrs.to_dict() if isinstance(self.attrs, Attrs) else generic(self.attrs)
        return {"label": self.label, "start": self.start, "stop": self.stop,
                "extractor": self.extractor, "confidence": self.confidence, "attrs": attrs}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str,
                  generic: Callable[[Any], Mapping[str, Any]] = dict) -> "Mention":
        raw = data["attrs"]
        attrs = Attrs.from_dict(raw) if is_typed(raw) else generic(raw)
        start, stop = data["start"], data["stop"]
        return cls(data["label"], start, stop, source[start:stop], data["extractor"],
                   data["confidence"], attrs)
