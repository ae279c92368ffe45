"""Table cells of a PDF page drawn as ruled lines rather than rectangles.

Word processors draw a table's borders either as one rectangle per cell
(ingest.formats.pdf_layout reads those) or as rules: stroked lines, or
filled rectangles thinner than a cell. ``cells`` turns the page's
horizontal and vertical rules into the cells they enclose: between two
neighbouring horizontal rule levels, the vertical rules crossing the whole
band part it into cells, each closed by horizontal rules above and below.
"""
from __future__ import annotations

Box = tuple[float, float, float, float]        # x0, y0, x1, y1
Rule = tuple[float, float, float]              # level, start, end (start < end)
TOLERANCE = 1.5


def levels(values: list[float]) -> list[float]:
    """Distinct values, those closer than TOLERANCE merged."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] >= TOLERANCE:
            out.append(value)
    return out


def covers(rules: list[Rule], level: float, start: float, end: float) -> bool:
    return any(abs(at - level) < TOLERANCE and a <= start + TOLERANCE and end - TOLERANCE <= b
               for at, a, b in rules)


def cells(horizontal: list[Rule], vertical: list[Rule]) -> list[Box]:
    """The cells the rules enclose (two horizontal and two vertical rules at
    least; none otherwise)."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    ys = levels([y for y, _, _ in horizontal])
    out: list[Box] = []
    for low, high in zip(ys, ys[1:]):
        xs = levels([x for x, a, b in vertical if a <= low + TOLERANCE and high - TOLERANCE <= b])
        out += [(left, low, right, high) for left, right in zip(xs, xs[1:])
                if covers(horizontal, low, left, right) and covers(horizontal, high, left, right)]
    return out
