"""PERIOD mentions: month periods ("октябрь-ноябрь 2023г.", "в мае и июне
2023 года"), school years ("2023–2024 учебный год") and bare years ("в 2022 году").

A period is not a calendar date (the gold never lists one), but it gives the
year to dates written without one and tells the event/actions extractors
when something happened. Attrs (``PeriodAttrs``): ``kind`` ("month" | "months" |
"school_year" | "year"), ``year_start``, ``year_end`` (ints or None), for month
periods ``month_start`` and ``month_end``, and ``year_inferred``.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Sequence

from extractors.dates.lexicon import Lexicon
from extractors.dates.patterns import MONTH_JOIN, SCHOOL_YEAR_FORMS, YEAR_ALONE, with_year_word
from schemas.mention import Mention
from schemas.mention_attrs import PeriodAttrs

LABEL = "PERIOD"
SPAN_LOOKBACK = 8  # taken spans are short and few overlap: the last few before ``stop`` suffice
CONFIDENCE = {"month": 0.8, "months": 0.85, "school_year": 0.95, "year": 0.8}


@dataclass
class MonthHit:
    start: int
    stop: int
    month: int
    year: int | None


def overlaps_any(start: int, stop: int, taken: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, stop) meets a span of ``taken`` (sorted by start, as built here)."""
    i = bisect_left(taken, (stop, stop))
    return any(a < stop and start < b for a, b in taken[max(0, i - SPAN_LOOKBACK):i])


def month_hits(text: str, taken: Sequence[tuple[int, int]]) -> list[MonthHit]:
    hits = []
    lexicon = Lexicon.load()
    for m, end in with_year_word(lexicon.month_year, text):
        month = lexicon.month_number(m.group("month"))
        if month is None or overlaps_any(m.start(), end, taken):
            continue
        year = int(m.group("y")) if m.group("y") else None
        hits.append(MonthHit(m.start(), end, month, year))
    return hits


def month_chains(text: str, hits: list[MonthHit]) -> list[list[MonthHit]]:
    """Consecutive month names joined by "-", "и", ",", "по" form one period."""
    chains: list[list[MonthHit]] = []
    for hit in hits:
        last = chains[-1][-1] if chains else None
        if last is not None and MONTH_JOIN.match(text[last.stop:hit.start]):
            chains[-1].append(hit)
        else:
            chains.append([hit])
    return chains


def share_chain_years(chain: list[MonthHit]) -> None:
    """A year written once at the end belongs to every month before it."""
    following: int | None = None
    for hit in reversed(chain):
        if hit.year is None:
            hit.year = following
        following = hit.year


def chain_mention(text: str, chain: list[MonthHit], extractor: str) -> Mention | None:
    first, last = chain[0], chain[-1]
    if len(chain) == 1 and first.year is None and \
            not Lexicon.load().month_prepositions.search(text[:first.start][-30:]):
        return None
    kind = "months" if len(chain) > 1 else "month"
    return Mention.of(text, LABEL, first.start, last.stop, extractor, CONFIDENCE[kind],
                      attrs=PeriodAttrs(kind, first.year, last.year, first.month, last.month))


def month_periods(text: str, taken: Sequence[tuple[int, int]], extractor: str) -> list[Mention]:
    out = []
    for chain in month_chains(text, month_hits(text, taken)):
        share_chain_years(chain)
        mention = chain_mention(text, chain, extractor)
        if mention is not None:
            out.append(mention)
    return out


def school_years(text: str, extractor: str) -> list[Mention]:
    out: list[Mention] = []
    for pattern in SCHOOL_YEAR_FORMS:
        for m in pattern.finditer(text):
            first = int(m.group("y1"))
            second = int(m.group("y2"))
            if second < 100:
                second += first // 100 * 100
            if second != first + 1 or overlaps_any(
                    m.start(), m.end(), sorted((o.start, o.stop) for o in out)):
                continue
            out.append(Mention.of(text, LABEL, m.start(), m.end(), extractor,
                                  CONFIDENCE["school_year"],
                                  attrs=PeriodAttrs("school_year", first, second)))
    return out


def bare_years(text: str, taken: Sequence[tuple[int, int]], extractor: str) -> list[Mention]:
    out = []
    for m, end in with_year_word(YEAR_ALONE, text, required=True):
        if overlaps_any(m.start(), end, taken):
            continue
        year = int(m.group("y"))
        out.append(Mention.of(text, LABEL, m.start(), end, extractor, CONFIDENCE["year"],
                              attrs=PeriodAttrs("year", year, year)))
    return out


def find_periods(text: str, taken: Sequence[tuple[int, int]], extractor: str) -> list[Mention]:
    """Every PERIOD mention outside the ``taken`` spans (the calendar dates)."""
    schools = school_years(text, extractor)
    spans = sorted([*taken, *((s.start, s.stop) for s in schools)])
    months = month_periods(text, spans, extractor)
    spans = sorted([*spans, *((m.start, m.stop) for m in months)])
    return sorted([*schools, *months, *bare_years(text, spans, extractor)],
                  key=lambda m: (m.start, m.stop))


def year_for_month(period: Mention, month: int) -> int | None:
    """The year a month falls in, given a period written before it."""
    attrs = period.attrs
    start, end = attrs.year_start, attrs.year_end
    if attrs.kind == "school_year":
        return start if month >= 9 else end
    if start is not None and end is not None and start != end:
        return end if month <= (attrs.month_end or 12) else start
    return end if end is not None else start
