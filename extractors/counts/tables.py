"""Counts in a table flattened to lines whose header row names what the cells
below count:

    Количество участников<TAB>Количество школ
    86<TAB>12

(cells split by tabs or "|", a markdown rule row "|---|---|" between them is
skipped). A header cell counts when it holds a count cue and a counted noun
("Количество участников", "Число школ-участниц") or is the noun alone
("Участники"); the cell below must be a bare number.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional, Sequence

from extractors.counts.lexicon import counts_lexicon, is_count_cue, what_of
from extractors.counts.numbers import Found, Taken
from extractors.counts.rows import RULE_ROW

LINE = re.compile(r"[^\n]*")
CELL = re.compile(r"[^\t|]+")
NUMBER_CELL = re.compile(r"\s*(\d{1,6})\s*")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CONFIDENCE = 0.8


def cells(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Non-blank cells of a line with two or more of them, as [start, stop)."""
    line = text[start:stop]
    if "\t" not in line and "|" not in line:
        return []
    return [(start + m.start(), start + m.end()) for m in CELL.finditer(line) if m.group().strip()]


def header_what(text: str, start: int, stop: int) -> Optional[tuple[str, int, int]]:
    """(what, noun start, noun stop) a header cell counts."""
    words = list(WORD.finditer(text, start, stop))
    if not words or len(words) > counts_lexicon().max_header_words:
        return None
    cue = is_count_cue(words[0].group())
    if not cue and len(words) > 2:
        return None
    previous = None
    for m in words[1:] if cue else words:
        what = what_of(m.group(), previous)
        if what is not None:
            return what, m.start(), m.end()
        previous = m.group()
    return None


def lines(text: str) -> Iterator[tuple[int, int]]:
    """[start, stop) of the non-rule lines (markdown "|---|" rows left out)."""
    for m in LINE.finditer(text):
        if m.group().strip() and not RULE_ROW.fullmatch(m.group()):
            yield m.start(), m.end()


def table_counts(text: str, taken: Taken) -> list[Found]:
    if "\t" not in text and "|" not in text:
        return []  # no line has cells (``cells``): most documents hold no table
    found: list[Found] = []
    rows = [(a, b) for a, b in lines(text)]
    for (a, b), (c, d) in zip(rows, rows[1:]):
        head, below = cells(text, a, b), cells(text, c, d)
        if len(head) < 2 or len(head) != len(below):
            continue
        for (h0, h1), (v0, v1) in zip(head, below):
            f = cell_count(text, (h0, h1), (v0, v1), taken)
            if f is not None:
                found.append(f)
    return found


def cell_count(text: str, head: tuple[int, int], value: tuple[int, int],
               taken: Taken) -> Optional[Found]:
    number = NUMBER_CELL.fullmatch(text, *value)
    what = header_what(text, *head)
    if number is None or what is None or taken.overlaps(number.start(1), number.end(1)):
        return None
    n = int(number.group(1))
    first_year, last_year = counts_lexicon().years
    if first_year <= n <= last_year:
        return None
    kind, noun_start, noun_stop = what
    start = WORD.search(text, *head).start()
    return Found(start, (number.start(1), number.end(1)), (noun_start, noun_stop), number.end(1),
                 n, kind, None, start, CONFIDENCE, number.end(1))


def merged(found: Sequence[Found], tables: Sequence[Found]) -> list[Found]:
    """Table counts whose number no other form already read."""
    numbers = {f.number[0] for f in found}
    return [f for f in tables if f.number[0] not in numbers]
