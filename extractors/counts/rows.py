"""Counts in table rows flattened to lines, the way monitoring notes and plans give their
figures: the row label names what is counted and every bare number in the row's later cells
counts it, the previous year's figure too.

    Показатель<TAB>2022 год<TAB>2023 год
    Количество выпускников, чел.<TAB>152<TAB>129
    Учителя | 45 | 41

Cells are split by tabs or "|" (markdown rule rows are skipped). A label counts when it
starts with a count cue and names a counted noun ("Количество участников ГИА, чел.") or is a
plural counted noun with its adjectives ("Педагогические работники"); a singular noun is one
thing's name ("Гимназия № 3"), no label. When the label names nothing, a column header that
names a count ("Количество участников") does. A column of shares, scores or plans ("%",
"Доля", "Средний балл", "План") holds no counts, nor do years.

Tables flattened one cell per line ("Количество выпускников |" then "152 |" on the next
lines) give the numbers right under a label line.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from extractors.counts.lexicon import counts_lexicon, fold, is_count_cue, is_modifier, key, what_of
from extractors.counts.numbers import Found, Taken
from extractors.text.morph import parses

LINE = re.compile(r"[^\n]*")
# [\s|:\-–—+]*, written to compile quickly (see numbers.THOUSANDS_GAP)
RULE_ROW = re.compile(r"(?:[\s|:\-+]|[–—]{1})*")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
LONE_CELL = re.compile(r"[ \t]*([^|\t]*?)[ \t]*\|[ \t]*")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CONFIDENCE = 0.8


def row_cells(line: str, offset: int) -> list[tuple[int, int]]:
    """[start, stop) of every cell of a table line (empty ones too); [] for a plain line."""
    sep = "\t" if "\t" in line else "|" if line.count("|") >= 2 else None
    if sep is None:
        return []
    cells, start = [], 0
    for part in line.split(sep):
        cells.append((start, start + len(part)))
        start += len(part) + 1
    if sep == "|":  # "| a | b |": the outer pipes leave empty cells at both ends
        while cells and not line[slice(*cells[0])].strip():
            cells.pop(0)
        while cells and not line[slice(*cells[-1])].strip():
            cells.pop()
    return [(offset + a, offset + b) for a, b in cells]


def label_kind(text: str, start: int, stop: int) -> Optional[tuple[str, int, int]]:
    """(what, noun start, noun stop) a row label names."""
    lexicon = counts_lexicon()
    words = list(WORD.finditer(text, start, stop))
    if not words or len(words) > lexicon.max_label_words or "№" in text[start:stop]:
        return None
    if is_count_cue(words[0].group()):
        previous = None
        for m in words[1:]:
            what = what_of(m.group(), previous)
            if what is not None:
                return what, m.start(), m.end()
            previous = m.group()
        return None
    previous = None
    for m in words[:lexicon.max_modifiers + 1]:
        what = what_of(m.group(), previous)
        if what is not None:
            return (what, m.start(), m.end()) if plural(m.group()) else None
        if not is_modifier(m.group()):
            return None
        previous = m.group()
    return None


def plural(word: str) -> bool:
    """"Учителя" may be plural (a genitive singular too); "Гимназия" may not."""
    return any("plur" in p.tag for p in parses(word)[:3])


def skipped_column(text: str, header: Optional[tuple[int, int]]) -> bool:
    """A column of shares, scores, plans or years' numbers of something else."""
    if header is None:
        return False
    cell = text[header[0]:header[1]]
    words = {key(m.group()) for m in WORD.finditer(cell)} | {fold(m.group()) for m in WORD.finditer(cell)}
    return "%" in cell or bool(words & counts_lexicon().skip_columns)


def table_lines(text: str) -> Iterator[tuple[int, int]]:
    for m in LINE.finditer(text):
        if m.group().strip() and not RULE_ROW.fullmatch(m.group()):
            yield m.start(), m.end()


def number_in(text: str, cell: tuple[int, int], taken: Taken) -> Optional[re.Match[str]]:
    m = counts_lexicon().number_cell.fullmatch(text, *cell)
    if m is None or taken.overlaps(m.start(1), m.end(1)):
        return None
    first_year, last_year = counts_lexicon().years
    return None if first_year <= value_of(m) <= last_year else m


def value_of(m: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", m.group(1)))


def found(label: tuple[str, int, int], start: int, m: re.Match[str]) -> Found:
    what, noun_start, noun_stop = label
    return Found(start, (m.start(1), m.end(1)), (noun_start, noun_stop), m.end(1), value_of(m),
                 what, None, start, CONFIDENCE, m.end(1), itemised=True)  # one figure per cell


def row_counts(text: str, taken: Taken) -> list[Found]:
    """Counts of table rows: label, then numbers; one cell per line too."""
    if "\t" not in text and "|" not in text:
        return []  # no row has cells (``row_cells``) nor a lone cell (``LONE_CELL``)
    out: list[Found] = []
    header: list[tuple[int, int]] = []
    lone: list[tuple[int, int]] = []  # the current run of one-cell lines
    last_stop = 0
    for a, b in table_lines(text):
        if BLANK_LINE.search(text, last_stop, a):
            header = []  # a blank line ends a table
        last_stop = b
        single = LONE_CELL.fullmatch(text, a, b)
        if single is not None:
            lone.append(single.span(1))
            out += lone_counts(text, lone, taken)
            continue
        lone = []
        cells = row_cells(text[a:b], a)
        if len(cells) < 2:
            header = []
            continue
        if not header:
            header = cells
            if not any(counts_lexicon().number_cell.fullmatch(text, *c) for c in cells):
                continue
        out += cells_counts(text, cells, header, taken)
    return out


def cells_counts(text: str, cells: list[tuple[int, int]], header: list[tuple[int, int]],
                 taken: Taken) -> list[Found]:
    out: list[Found] = []
    label, label_start = None, None
    for i, cell in enumerate(cells):
        if WORD.search(text, *cell) is None:
            if label_start is None:
                continue  # a row number before the label
        elif label_start is None:
            label_start, label = WORD.search(text, *cell).start(), label_kind(text, *cell)
            continue
        m = number_in(text, cell, taken)
        column = header[i] if len(header) == len(cells) and header is not cells else None
        if m is None or label_start is None or skipped_column(text, column):
            continue
        kind = label or (column_kind(text, column) if column else None)
        if kind is not None:
            out.append(found(kind, label_start, m))
    return out


def column_kind(text: str, column: tuple[int, int]) -> Optional[tuple[str, int, int]]:
    words = list(WORD.finditer(text, *column))
    return label_kind(text, *column) if words and is_count_cue(words[0].group()) else None


def lone_counts(text: str, lone: list[tuple[int, int]], taken: Taken) -> list[Found]:
    """The run's last cell, if it is a number under a label line (past the numbers above it)."""
    *above, last = lone
    m = number_in(text, last, taken)
    if m is None:
        return []
    k = len(above) - 1
    while k >= 0 and counts_lexicon().number_cell.fullmatch(text, *above[k]):
        k -= 1
    if k < 0 or WORD.search(text, *above[k]) is None:
        return []
    label = label_kind(text, *above[k])
    return [found(label, WORD.search(text, *above[k]).start(), m)] if label else []
