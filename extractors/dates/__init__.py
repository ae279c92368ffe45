"""dates: calendar dates (DATE) and periods (PERIOD) with their roles.

DATE mentions carry ``DateAttrs``: ``value`` (datetime.date), ``role`` ("date" |
"range_start" | "range_end" | "deadline"), ``year_inferred`` and ``notes``. A date is found as a *group*:
one numeric date ("14.10.2022г.", "14 10 2022", "14.10.22") or a run of day
numbers before a month name ("6-7 мая", "с 3 по 8 ноября 2023 года").
Groups are then linked: a year written once at the end of an enumeration
belongs to every group of it, "-"/"по"/"до" between groups make a range, a
deadline cue before a group ("в срок до", "не позднее") makes a deadline, and
a group with no year takes it from the nearest preceding context (a full date,
a month period, a school year) or else from ``document_year``.

``build`` makes one DateFact per (value, role) with the spans of every mention.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Callable, Optional, Sequence

from spacy.tokens import Doc

from extractors.base import source_text, span_refs, stored_mentions, text_layer
from extractors.dates.lexicon import Lexicon
from extractors.dates.patterns import (CUE_WINDOW, LIST_JOIN, NUMERIC_FORMS, OPEN_STARTS,
                                      RANGE_JOIN, REFERENCE_BEFORE, day_numbers,
                                      is_range_joiner, make_date, with_year_word)
from extractors.dates.periods import LABEL as PERIOD, find_periods, year_for_month
from schemas.mention import Mention
from schemas.mention_attrs import DateAttrs
from schemas.records import DateFact

NAME = "dates"
OVERLAP = "keep_all"
LABEL = "DATE"
START, CONFIDENCE_OF = attrgetter("start"), attrgetter("confidence")  # read in C by build
# how sure a date is, by how it was written or where its year came from
CONFIDENCE = {"numeric": 0.95, "text": 0.95, "shared": 0.9, "numeric2": 0.85, "spaced": 0.8,
              "same day": 0.8, "context": 0.7, "document": 0.6, "following": 0.5}


@dataclass
class Day:
    start: int
    day: int
    role: str = "date"


@dataclass
class Group:
    """Day numbers sharing one month and year, as written in one place."""
    start: int
    stop: int
    month: int
    year: Optional[int]
    days: list[Day]
    confidence: float
    inferred: Optional[str] = None
    notes: list[str] = field(default_factory=list)
    reference: bool = False


# -- finding groups ---------------------------------------------------------------
def numeric_groups(text: str) -> list[Group]:
    groups = []
    for form, pattern in NUMERIC_FORMS:
        for m, end in with_year_word(pattern, text):  # (a date ending with its year)
            short = len(m.group("y")) == 2
            if short and (len(m.group("d")) < 2 or len(m.group("m")) < 2):
                continue  # "1.2.15" is a section number; "14.10.22" is a date
            confidence = CONFIDENCE["numeric2" if short else form]
            groups.append(Group(m.start(), end, int(m.group("m")),
                                Lexicon.load().full_year(m.group("y")),
                                [Day(m.start(), int(m.group("d")))], confidence))
    return groups


def open_range_starts(text: str) -> list[Group]:
    """"11.05" of "11.05 - 16.05.2023", "12" of "с 12 по 16.09.2023": the year
    (and month) come from the range's end."""
    return [Group(m.start(), m.end(), int(m.group("m")), None,
                  [Day(m.start(), int(m.group("d")))], CONFIDENCE["shared"])
            for pattern in OPEN_STARTS for m in pattern.finditer(text)]


def text_groups(text: str) -> list[Group]:
    groups = []
    lexicon = Lexicon.load()
    for m, end in with_year_word(lexicon.text_date, text):
        month = lexicon.month_number(m.group("month"))
        if month is None or lexicon.address_before.search(
                text[max(0, m.start() - CUE_WINDOW):m.start()]):
            continue
        base = m.start("days")
        days = []
        for offset, number, joiner in day_numbers(m.group("days")):
            if days and is_range_joiner(joiner):
                days[-1].role, role = "range_start", "range_end"
            else:
                role = "date"
            days.append(Day(base + offset, number, role))
        written = m.group("y") or m.group("y2")
        year = int(written) if written else None
        groups.append(Group(m.start(), end, month, year, days, CONFIDENCE["text"]))
    return groups


def without_overlaps(groups: list[Group]) -> list[Group]:
    kept: list[Group] = []
    for g in sorted(groups, key=lambda g: (g.start, -(g.stop - g.start))):
        if not kept or g.start >= kept[-1].stop:
            kept.append(g)
    return kept


# -- linking groups ---------------------------------------------------------------
def share_years(text: str, groups: list[Group]) -> None:
    """"6-7 мая и 3-4 июня 2023 года": the year at the end is everyone's."""
    for left, right in reversed(list(zip(groups, groups[1:]))):
        between = text[left.stop:right.start]
        if left.year is None and right.year is not None and (
                LIST_JOIN.match(between) or RANGE_JOIN.match(between)):
            left.year = right.year
            left.confidence = min(left.confidence, CONFIDENCE["shared"])


def link_ranges(text: str, groups: list[Group]) -> None:
    """"с 02.10.2023 по 13 10 2023", "02.10.2023-13.10.2023": start and end."""
    for left, right in zip(groups, groups[1:]):
        if RANGE_JOIN.match(text[left.stop:right.start]):
            left.days[-1].role = "range_start"
            right.days[0].role = "range_end"


def mark_cues(text: str, groups: list[Group]) -> None:
    """"в срок до 17.11.2023", "не позднее 9 июня": the first day is a deadline;
    "приказ от 15.12.2020": a reference date (it gives no year to other dates)."""
    for g in groups:
        first = g.days[0]
        before = text[max(0, g.start - CUE_WINDOW):g.start]
        if first.role == "date" and Lexicon.load().deadline_before.search(before):
            first.role = "deadline"
        g.reference = bool(REFERENCE_BEFORE.search(before))


# -- years that are not written ---------------------------------------------------
Resolver = Callable[[int], Optional[int]]


def contexts(groups: Sequence[Group], periods: Sequence[Mention]) -> list[tuple[int, Resolver]]:
    """(end offset, month -> year) for everything that states a year."""
    out: list[tuple[int, Resolver]] = []
    for g in groups:
        if g.year is not None and g.inferred is None and not g.reference:
            out.append((g.stop, lambda _m, y=g.year: y))
    for p in periods:
        if p.attrs.kind != "year" and p.attrs.year_end is not None:
            out.append((p.stop, lambda month, p=p: year_for_month(p, month)))
    return sorted(out, key=lambda c: c[0])


def most_frequent_year(years: Sequence[int]) -> Optional[int]:
    """The most frequent year; on a tie the one written first."""
    if not years:
        return None
    counts = Counter(years)
    best = max(counts.values())
    return next(y for y in years if counts[y] == best)


@dataclass
class YearContext:
    """What a date written without a year can take its year from."""
    known: list[tuple[int, Resolver]]
    document: Optional[int]
    reach: int
    same_day: dict[tuple[int, int], int] = field(default_factory=dict)
    ends: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.ends = [c[0] for c in self.known]

    def resolve(self, start: int, stop: int, month: int,
                day: Optional[int] = None) -> tuple[Optional[int], Optional[str]]:
        """The year of the same day written in full elsewhere, else the nearest
        preceding context, else the document's year, else what follows."""
        if (month, day) in self.same_day:
            return self.same_day[(month, day)], "same day"
        before = bisect_right(self.ends, start) - 1
        if before >= 0 and start - self.ends[before] <= self.reach:
            return self.known[before][1](month), "context"
        if self.document is not None:
            return self.document, "document"
        after = bisect_right(self.ends, stop)
        if after < len(self.known):
            return self.known[after][1](month), "following"
        return None, None


def year_context(groups: Sequence[Group], periods: Sequence[Mention]) -> YearContext:
    explicit = [g.year for g in groups if g.year is not None and g.inferred is None]
    own = [g.year for g in groups if g.year is not None and g.inferred is None and not g.reference]
    document = most_frequent_year(own) or most_frequent_year(explicit) or most_frequent_year(
        [p.attrs.year_start for p in periods if p.attrs.year_start])
    same_day = {(g.month, d.day): g.year for g in reversed(groups)
                if g.year is not None and g.inferred is None for d in g.days}
    return YearContext(contexts(groups, periods), document, Lexicon.load().max_context_distance,
                       same_day)


def infer_years(groups: list[Group], context: YearContext) -> None:
    for g in groups:
        if g.year is not None:
            continue
        g.year, g.inferred = context.resolve(g.start, g.stop, g.month, g.days[0].day)
        if g.inferred:
            g.confidence = min(g.confidence, CONFIDENCE[g.inferred])
            g.notes.append(f"year {g.year} inferred from the {g.inferred}")


def with_period_years(periods: Sequence[Mention], context: YearContext) -> list[Mention]:
    """"февраль-апрель" with no year gets one the way a date does (year_inferred=True)."""
    out = []
    for p in periods:
        attrs = p.attrs
        if attrs.kind in ("month", "months") and attrs.year_end is None:
            year_start, _ = context.resolve(p.start, p.stop, attrs.month_start)
            year_end, how = context.resolve(p.start, p.stop, attrs.month_end)
            if how is not None:
                attrs = replace(attrs, year_start=year_start, year_end=year_end,
                                year_inferred=True)
                p = Mention(p.label, p.start, p.stop, p.text, p.extractor,
                            min(p.confidence, CONFIDENCE[how]), attrs)
        out.append(p)
    return out


# -- mentions ----------------------------------------------------------------------
def date_mentions(text: str, groups: Sequence[Group]) -> list[Mention]:
    out = []
    for g in groups:
        if g.year is None:
            continue
        for d in g.days:
            value = make_date(g.year, g.month, d.day)
            if value is None:
                continue
            out.append(Mention.of(text, LABEL, d.start, g.stop, NAME, g.confidence,
                                  attrs=DateAttrs(value, d.role, g.inferred is not None,
                                                  tuple(g.notes))))
    return out


def find(doc: Doc) -> list[Mention]:
    """Dates and periods found in the text layer's reflowed view (so that a date
    hard-wrapped over two lines, «21\nдекабря», is read whole), as source spans."""
    view = text_layer(doc).reflowed
    source = source_text(doc)
    return [in_source(source, *view.to_source(m.start, m.stop), m) for m in find_in(view.text)]


def in_source(source: str, start: int, stop: int, m: Mention) -> Mention:
    return Mention(m.label, start, stop, source[start:stop], m.extractor, m.confidence, m.attrs)


def find_in(text: str) -> list[Mention]:
    groups = without_overlaps(numeric_groups(text) + open_range_starts(text) + text_groups(text))
    share_years(text, groups)
    link_ranges(text, groups)
    mark_cues(text, groups)
    periods = find_periods(text, [(g.start, g.stop) for g in groups], NAME)
    context = year_context(groups, periods)
    infer_years(groups, context)
    periods = with_period_years(periods, context)
    return sorted([*date_mentions(text, groups), *periods], key=lambda m: (m.start, m.stop))


def document_year(doc: Doc) -> Optional[int]:
    """The document's own year: the most frequent written year of its full dates,
    else of its periods (None when the text states no year at all)."""
    mentions = stored_mentions(doc, NAME) or find(doc)
    written = [m.attrs.value.year for m in mentions
               if m.label == LABEL and not m.attrs.year_inferred]
    periods = [m.attrs.year_start for m in mentions if m.label == PERIOD
               and m.attrs.year_start and not m.attrs.year_inferred]
    return most_frequent_year(written) or most_frequent_year(periods)


def build(doc: Doc, mentions: list[Mention]) -> list[DateFact]:
    """One DateFact per (value, role), with the spans of all its mentions."""
    grouped: dict[tuple, list[Mention]] = {}
    for m in mentions:
        if m.label == LABEL:
            grouped.setdefault((m.attrs.value, m.attrs.role), []).append(m)
    facts = []
    for (value, role), ms in sorted(grouped.items(), key=lambda kv: min(map(START, kv[1]))):
        refs = span_refs(ms)
        inferred = all(m.attrs.year_inferred for m in ms)
        warnings = sorted({n for m in ms for n in m.attrs.notes}) if inferred else []
        facts.append(DateFact(value=value, role=role, year_inferred=inferred, spans=refs,
                              provenance={"value": refs},
                              confidence=max(map(CONFIDENCE_OF, ms)), warnings=warnings))
    return facts
