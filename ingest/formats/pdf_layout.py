"""A PDF page's text with its ruled table rows read row by row.

pypdf's ``extract_text`` writes text in content-stream order, and a word
processor draws a table cell by cell: the row "1. | Провести ... | до 11 мая
2024 года | Дроздов И.С." comes out as each cell's wrapped lines in turn, so
the row's date, count and owner no longer share a line. ``page_text`` keeps
pypdf's text and, through its visitors, where each text fragment starts and
which rectangles and rules the page draws (cells enclosed by rules:
ingest.formats.pdf_grid). A row of a ruled table is two or more cells
spanning the same band of the page side by side; its fragments
are replaced by one line of tab-separated cells, as the docx reader writes a
table row, each cell's wrapped lines joined by spaces. Text outside such rows
(and a framed paragraph: a band of one rectangle) is pypdf's, unchanged, as
is a page drawing more than MAX_BOXES rectangles and rules. A page without
ruled cells may hold a table without borders: its columns give the cells
(ingest.formats.pdf_columns).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ingest.formats import pdf_columns, pdf_grid

# Points: rectangles whose edges differ by less are the same band (and a
# fragment this close outside a box is still in it).
TOLERANCE = 1.5
# Thinner rectangles are rules or underlines, not cells.
MIN_CELL = 4.0
# Past this many rectangles (a drawing, not a form) the page is read as pypdf
# reads it: placing fragments among them costs their product.
MAX_BOXES = 3000
RULE_SLANT = 0.5    # points: a rule is level (or upright) within this
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 with x0 < x1, y0 < y1
WORD_HYPHEN = re.compile(r"[^\W\d_]-$")


@dataclass
class Page:
    fragments: list[tuple[str, float, float]] = field(default_factory=list)  # text, x, y
    sizes: list[float] = field(default_factory=list)                         # font size of each
    boxes: list[Box] = field(default_factory=list)
    horizontal: list[pdf_grid.Rule] = field(default_factory=list)    # y, x0, x1
    vertical: list[pdf_grid.Rule] = field(default_factory=list)      # x, y0, y1
    point: Optional[tuple[float, float]] = None                      # the path's current point

    def text(self, text: str, cm: Any, tm: Any, _font: Any = None, size: Any = 0, *_: Any) -> None:
        x, y = apply(cm, tm[4], tm[5])
        self.fragments.append((text, x, y))
        try:
            self.sizes.append(abs(float(size) * float(tm[3] or 1) * float(cm[3] or 1)))
        except (TypeError, ValueError):
            self.sizes.append(0.0)

    def operator(self, operator: bytes, operands: Any, cm: Any, _tm: Any) -> None:
        try:
            values = [float(value) for value in operands]
        except (TypeError, ValueError):
            return
        if operator not in (b"m", b"l"):
            self.point = None    # a painted, closed or curved path: no line goes on from it
        if operator == b"m" and len(values) == 2:
            self.point = apply(cm, *values)
        elif operator == b"l" and len(values) == 2:
            end = apply(cm, *values)
            if self.point is not None:
                self.rule(*self.point, *end)
            self.point = end
        elif operator == b"re" and len(values) == 4:
            x, y, w, h = values
            (x0, y0), (x1, y1) = apply(cm, x, y), apply(cm, x + w, y + h)
            x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            if x1 - x0 >= MIN_CELL and y1 - y0 >= MIN_CELL:
                self.boxes.append((x0, y0, x1, y1))
            elif x1 - x0 >= MIN_CELL:
                self.rule(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)
            elif y1 - y0 >= MIN_CELL:
                self.rule((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A horizontal or vertical line (others are drawings, not rules)."""
        if abs(y1 - y0) < RULE_SLANT and abs(x1 - x0) >= MIN_CELL:
            self.horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < RULE_SLANT and abs(y1 - y0) >= MIN_CELL:
            self.vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def tables(self) -> list[Box]:
        """Cells drawn as rectangles and cells enclosed by rules."""
        return self.boxes + pdf_grid.cells(self.horizontal, self.vertical)


def apply(cm: Any, x: float, y: float) -> tuple[float, float]:
    return (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5])


def page_text(page: Any) -> str:
    seen = Page()
    plain = page.extract_text(visitor_text=seen.text, visitor_operand_before=seen.operator) or ""
    if "".join(text for text, _, _ in seen.fragments) != plain:
        return plain        # the fragments are not the text: nothing to place them by
    if len(seen.boxes) + len(seen.horizontal) + len(seen.vertical) > MAX_BOXES:
        return plain
    rows = rows_of(seen.tables())
    return layout(seen.fragments, rows or rows_of(pdf_columns.cells(seen.fragments, seen.sizes)))


def rows_of(boxes: list[Box]) -> list[list[Box]]:
    """Table rows: bands of two or more side-by-side rectangles, left to right
    (a rectangle holding another of its band, a table's frame, is left out,
    and a cell drawn twice, as rectangle and as rules, counts once)."""
    bands: dict[tuple[int, int], list[Box]] = {}
    for box in sorted(set(boxes)):
        key = next((k for k in bands if abs(k[0] - box[1]) < TOLERANCE
                    and abs(k[1] - box[3]) < TOLERANCE), None)
        bands.setdefault(key or (box[1], box[3]), []).append(box)
    rows = []
    for band in bands.values():
        cells: list[Box] = []
        for box in band:
            framing = any(inside(other, box) and not inside(box, other) for other in band)
            if not framing and not any(inside(box, kept) and inside(kept, box) for kept in cells):
                cells.append(box)
        cells.sort()
        if len(cells) >= 2 and all(a[2] <= b[0] + TOLERANCE for a, b in zip(cells, cells[1:])):
            rows.append(cells)
    return rows


def inside(inner: Box, outer: Box) -> bool:
    return (outer[0] - TOLERANCE <= inner[0] and inner[2] <= outer[2] + TOLERANCE
            and outer[1] - TOLERANCE <= inner[1] and inner[3] <= outer[3] + TOLERANCE)


def holds(box: Box, x: float, y: float) -> bool:
    return box[0] - TOLERANCE <= x <= box[2] + TOLERANCE and box[1] - TOLERANCE <= y <= box[3] + TOLERANCE


def cell_of(rows: list[list[Box]], x: float, y: float) -> Optional[tuple[int, int]]:
    """The (row, column) of the smallest cell holding a point, if any."""
    found = [((b[2] - b[0]) * (b[3] - b[1]), r, c) for r, row in enumerate(rows)
             for c, b in enumerate(row) if holds(b, x, y)]
    return min(found)[1:] if found else None


def layout(fragments: list[tuple[str, float, float]], rows: list[list[Box]]) -> str:
    """The fragments in order, each table row's ones replaced, where the row's
    first one stands, by the row as a line of tab-separated cells."""
    if not rows:
        return "".join(text for text, _, _ in fragments)
    places = [None if not text.strip() else cell_of(rows, x, y) for text, x, y in fragments]
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for (text, x, y), place in zip(fragments, places):
        if place is not None:
            cells.setdefault(place, []).append((-y, x, text))
    out: list[str] = []
    written: set[int] = set()
    following: list[Optional[tuple[int, int]]] = []    # the next text fragment's place
    ahead: Optional[tuple[int, int]] = None
    for (text, _, _), place in zip(reversed(fragments), reversed(places)):
        following.append(ahead)
        if text.strip():
            ahead = place if place is not None else (-1, -1)
    following.reverse()
    after_row = False
    for i, ((text, _, _), place) in enumerate(zip(fragments, places)):
        if place is None and not text.strip():
            if after_row and following[i] != (-1, -1):
                continue        # the line breaks pypdf puts between cells and rows
            after_row = after_row and "\n" not in text
            out.append(text)
            continue
        if place is None:
            if after_row and not text.startswith("\n"):
                out.append("\n")
            after_row = False
            out.append(text)
            continue
        if place[0] in written:
            continue
        written.add(place[0])
        if not ends_line(out):
            out.append("\n")
        out.append("\t".join(cell_text(cells.get((place[0], c), []))
                              for c in range(len(rows[place[0]]))))
        after_row = True
    return "".join(out)


def ends_line(out: list[str]) -> bool:
    """Whether the text so far is empty or ends a line."""
    last = next((piece for piece in reversed(out) if piece), "")
    return not last or last.endswith("\n")


def cell_text(pieces: list[tuple[float, float, str]]) -> str:
    """A cell's fragments top to bottom, left to right, as one line; a line
    ending in a word's hyphen runs on into the next (семинар-|практикум), one
    ending in a dash after a space does not (``12.04.2021 -`` | ``по 30.04.2021``)."""
    text = ""
    for _, _, piece in sorted(pieces):
        piece = " ".join(piece.split())
        if not piece:
            continue
        text += piece if not text or WORD_HYPHEN.search(text) else " " + piece
    return text
