"""Named overlap policies. A family module picks one with ``OVERLAP = "<name>"``."""
from __future__ import annotations

from typing import Callable, Sequence

from schemas.mention import Mention

Policy = Callable[[Sequence[Mention]], list[Mention]]


def keep_all(mentions: Sequence[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.start, -m.stop, m.label))


def prefer_longest(mentions: Sequence[Mention]) -> list[Mention]:
    """Among overlapping mentions of the same label keep the longest, then the most confident."""
    kept: list[Mention] = []
    ranked = sorted(mentions, key=lambda m: (-m.length, -m.confidence, m.start))
    for m in ranked:
        if not any(k.label == m.label and k.overlaps(m) for k in kept):
            kept.append(m)
    return keep_all(kept)


def exact_dedupe(mentions: Sequence[Mention]) -> list[Mention]:
    """Drop exact repeats (same label and offsets), keeping the most confident."""
    best: dict[tuple[str, int, int], Mention] = {}
    for m in mentions:
        key = (m.label, m.start, m.stop)
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    return keep_all(list(best.values()))


POLICIES: dict[str, Policy] = {
    "keep_all": keep_all,
    "prefer_longest": prefer_longest,
    "exact_dedupe": exact_dedupe,
}


def policy(name: str) -> Policy:
    try:
        return POLICIES[name]
    except KeyError:
        raise ValueError(f"unknown overlap policy {name!r}; known: {sorted(POLICIES)}") from None
