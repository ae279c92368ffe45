"""Records of recognised (OCR) text: every span carries the confidence of the
words it covers, and a value read from low-confidence words gets a warning
the reviewer sees in the record's warnings.

A span's confidence becomes the lower of the extractor's and the lowest word
confidence (0-1) among the recognised words it overlaps."""
from __future__ import annotations

import bisect
from typing import Any, Sequence

from pydantic import BaseModel

LOW_VALUE_CONFIDENCE = 0.6


class WordIndex:
    """Recognised words' ranges, for looking up the words under a span."""

    def __init__(self, words: Sequence[tuple[int, int, float]]) -> None:
        self.words = sorted(words)
        self.starts = [start for start, _, _ in self.words]

    def confidence(self, start: int, stop: int) -> float | None:
        """The lowest confidence (0-1) of the words overlapping [start, stop)."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        found = [conf for begin, end, conf in self.words[first:bisect.bisect_left(self.starts, stop)]
                 if begin < stop and end > start]
        return min(found) / 100 if found else None


def apply_word_confidences(record: Any, words: Sequence[tuple[int, int, float]]) -> None:
    """Lower each span's confidence to its words'; warn about weakly read values."""
    if not words:
        return
    index = WordIndex(words)
    low: dict[tuple[int, int], str] = {}
    visit(record, index, low)
    for (start, stop), text in sorted(low.items()):
        confidence = index.confidence(start, stop) or 0.0
        record.warnings.append(f"OCR: «{text}» [{start}:{stop}] was recognised with low "
                               f"confidence ({confidence:.0%}); check it against the scan")


def visit(value: Any, index: WordIndex, low: dict[tuple[int, int], str]) -> Any:
    from schemas.records import SpanRef

    if isinstance(value, SpanRef):
        confidence = index.confidence(value.start, value.stop)
        if confidence is None:
            return value
        if confidence < LOW_VALUE_CONFIDENCE:
            low[(value.start, value.stop)] = value.text
        return value.model_copy(update={"confidence": min(value.confidence, confidence)})
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            current = getattr(value, name)
            updated = visit(current, index, low)
            if updated is not current:
                setattr(value, name, updated)
        return value
    if isinstance(value, list):
        items = [visit(item, index, low) for item in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        items = {key: visit(item, index, low) for key, item in value.items()}
        return items if any(items[k] is not value[k] for k in value) else value
    return value
