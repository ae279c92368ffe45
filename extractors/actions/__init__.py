"""actions: rows of tabular plans (``№ | action | period | completion``).

Two table shapes are read: tab-separated lines (tables converted from
documents) and ``|``-separated markdown-like lines. A row starts with a line
whose first cell is a row number (``1.``, ``8..``, ``23``); following lines
whose first cell is empty continue the row cell by cell. A header row
(``data/actions.json`` ``header_roles``) gives the column roles; without one the
columns are number, action, period, completion.

Values never contain conversion artefacts (HTML tags, bullets, bookmarks): a
cell is cut into the source fragments between artefacts, the value joins them
and the provenance lists every fragment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc

from extractors.base import grounded, load_lexicon, source_text, span_ref, stored_mentions, trim
from extractors.text.lines import bounds as lines
from schemas.mention import Mention
from schemas.mention_attrs import ActionRowAttrs
from schemas.records import ActionItem, SpanRef

NAME = "actions"
LABEL = "ACTION_ROW"
DEFAULT_ROLES = ("n", "text", "period", "completion")
VALUE_ROLES = ("n", "text", "period", "completion")
MIN_CELLS_WITHOUT_HEADER = 3
SPACES = re.compile(r"\s+")
HYPHEN_END = re.compile(r"\w-$")
Fragment = tuple[int, int]


@dataclass
class Row:
    start: int
    stop: int
    cells: list[list[Fragment]] = field(default_factory=list)

    def add(self, index: int, fragment: Fragment) -> None:
        while len(self.cells) <= index:
            self.cells.append([])
        self.cells[index].append(fragment)


class Lexicon(NamedTuple):
    """``data/actions.json``: the header words of each column role and the patterns
    of a table's lines and cells."""
    header_roles: dict[str, tuple[str, ...]]  # role -> words a header cell starts with
    min_header_roles: int
    min_rows: int
    row_number: re.Pattern[str]
    artefacts: re.Pattern[str]
    list_start: re.Pattern[str]
    until_words: re.Pattern[str]
    markdown_separator: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("actions.json")

        def compiled(key: str) -> re.Pattern[str]:
            return re.compile(data[key], re.IGNORECASE | re.MULTILINE)

        roles = {role: tuple(words) for role, words in data["header_roles"].items()}
        return cls(header_roles=roles,
                   min_header_roles=int(data["min_header_roles"]), min_rows=int(data["min_rows"]),
                   row_number=compiled("row_number"), artefacts=compiled("artefacts"),
                   list_start=compiled("list_start"), until_words=compiled("until_words"),
                   markdown_separator=compiled("markdown_separator"))


def segments(text: str, start: int, stop: int, sep: str) -> list[Fragment]:
    cells, pos = [], start
    for i in range(start, stop):
        if text[i] == sep:
            cells.append((pos, i))
            pos = i + 1
    cells.append((pos, stop))
    return cells


def split_cells(text: str, start: int, stop: int) -> list[Fragment] | None:
    """Raw cells of one line, or None when the line is not a table line."""
    line = text[start:stop]
    if "\t" in line:
        return segments(text, start, stop, "\t")
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return segments(text, start + line.index("|") + 1, start + line.rindex("|"), "|")
    return None


def header_roles(text: str, cells: list[Fragment]) -> list[str] | None:
    roles = []
    for s, e in cells:
        value = SPACES.sub(" ", text[s:e]).strip().lower()
        role = next((r for r, words in Lexicon.load().header_roles.items()
                     if value and any(value.startswith(w) for w in words)), "")
        roles.append(role)
    known = [r for r in roles if r]
    return roles if len(set(known)) >= Lexicon.load().min_header_roles else None


def read_rows(text: str) -> list[tuple[list[str], list[Row]]]:
    """Tables of the text: (column roles, rows)."""
    tables: list[tuple[list[str], list[Row]]] = []
    roles: list[str] = list(DEFAULT_ROLES)
    header = False
    rows: list[Row] = []

    def flush() -> None:
        nonlocal rows, header, roles
        if rows:
            tables.append((roles if header else list(DEFAULT_ROLES), rows))
        rows, header, roles = [], False, list(DEFAULT_ROLES)

    for ls, le in lines(text):
        cells = split_cells(text, ls, le)
        if cells is None:
            if text[ls:le].strip():
                flush()
            continue
        if Lexicon.load().markdown_separator.match(text, ls, le):
            continue
        found_roles = header_roles(text, cells)
        if found_roles is not None:
            flush()
            roles, header = found_roles, True
            continue
        first = clean(text, [cells[0]])
        if len(first) == 1 and Lexicon.load().row_number.fullmatch(text, *first[0]):
            rows.append(Row(ls, le))
            cells[0] = first[0]
        elif not first and rows:
            rows[-1].stop = le
        else:
            flush()
            continue
        for index, cell in enumerate(cells):
            s, e = trim(text, *cell, " \t")
            if e > s:
                rows[-1].add(index, (s, e))
    flush()
    return tables


def clean(text: str, fragments: list[Fragment]) -> list[Fragment]:
    """The fragments of a cell between conversion artefacts, trimmed."""
    parts = []
    for start, stop in fragments:
        pos = start
        for m in Lexicon.load().artefacts.finditer(text, start, stop):
            parts.append(trim(text, pos, m.start(), " \t"))
            pos = m.end()
        parts.append(trim(text, pos, stop, " \t"))
    return [(s, e) for s, e in parts if e > s]


def action_text(text: str, fragments: list[Fragment]) -> list[Fragment]:
    """The action cell up to an inner list (and the ``:`` that introduces it)."""
    kept = []
    for start, stop in fragments:
        inner = Lexicon.load().list_start.search(text, start, stop)
        if inner is None:
            kept.append((start, stop))
            continue
        colon = text.rfind(":", start, inner.start())
        cut = colon if colon >= 0 else inner.start()
        kept.append(trim(text, start, cut, " \t:;,"))
        break
    return clean(text, [(s, e) for s, e in kept if e > s])


def period_dates(text: str, fragments: list[Fragment], dates: list[Mention]
                 ) -> tuple[Mention | None, Mention | None]:
    """(start, end) DATE mentions of the period cell."""
    inside = sorted((m for m in dates if m.label == "DATE"
                     and any(s <= m.start < e for s, e in fragments)), key=lambda m: m.start)
    if not inside:
        return None, None
    if len(inside) >= 2:
        return inside[0], inside[-1]
    only = inside[0]
    cell_start = min(s for s, e in fragments if s <= only.start)
    until = Lexicon.load().until_words.search(text, cell_start, only.start)
    if until or only.attrs.role in ("deadline", "range_end"):
        return None, only
    return only, None


def row_mention(text: str, roles: list[str], row: Row, dates: list[Mention]) -> Mention | None:
    columns: dict[str, list[Fragment]] = {}
    for index, cell in enumerate(row.cells):
        role = roles[index] if index < len(roles) else ""
        if role in VALUE_ROLES and cell:
            columns.setdefault(role, []).extend(cell)
    if "text" not in columns:
        return None
    columns["text"] = action_text(text, columns["text"])
    for role in ("n", "period", "completion"):
        if role in columns:
            columns[role] = clean(text, columns[role])
    first, last = period_dates(text, columns.get("period", []), dates)
    return Mention.of(text, LABEL, row.start, row.stop, NAME, 0.9, attrs=ActionRowAttrs(
        columns={k: tuple(v) for k, v in columns.items() if v},
        date_start_span=(first.start, first.stop) if first else None,
        date_start=first.attrs.value if first else None,
        date_end_span=(last.start, last.stop) if last else None,
        date_end=last.attrs.value if last else None))


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    dates = stored_mentions(doc, "dates")
    found = []
    for roles, rows in read_rows(text):
        if len(rows) < Lexicon.load().min_rows:
            continue
        if roles == list(DEFAULT_ROLES) and not all(len(r.cells) >= MIN_CELLS_WITHOUT_HEADER
                                                      for r in rows):
            continue
        found += [m for m in (row_mention(text, roles, row, dates) for row in rows) if m]
    return found


def value(text: str, spans: list[SpanRef]) -> str | None:
    """Fragments joined by a space; a word hyphenated across cell lines is rejoined."""
    joined = ""
    for span in spans:
        # a match of HYPHEN_END (\w-$, $ also before a final line break) starts at one of the
        # last three characters: searched from there, not along the whole joined text
        glue = "" if not joined or HYPHEN_END.search(joined, len(joined) - 3) else " "
        joined += glue + span.text
    # what SPACES.sub(" ", joined).strip() gives: re's \s and str.split's blanks are the same
    # characters (str.isspace, checked over every code point)
    return " ".join(joined.split()) or None


def build(doc: Doc, mentions: list[Mention]) -> list[ActionItem]:
    if not mentions:  # almost every document has no action table
        return []
    text = source_text(doc)
    items = []
    for m in mentions:
        provenance = {role: [grounded(text, s, e, NAME) for s, e in frags]
                      for role, frags in m.attrs.columns.items()}
        for key, span in (("date_start", m.attrs.date_start_span),
                          ("date_end", m.attrs.date_end_span)):
            if span:
                provenance[key] = [grounded(text, *span, NAME)]
        values = {role: value(text, provenance.get(role, [])) for role in VALUE_ROLES}
        items.append(ActionItem(
            n=values["n"], text=values["text"] or "", period=values["period"],
            completion=values["completion"], date_start=m.attrs.date_start,
            date_end=m.attrs.date_end, spans=[span_ref(m)],
            provenance=provenance, confidence=m.confidence))
    return items
