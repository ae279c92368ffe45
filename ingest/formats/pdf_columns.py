"""Table cells of a PDF page whose table has no borders drawn.

A table without rules still shows as columns: text that starts at the same
few horizontal positions line after line. ``cells`` finds such a block and
returns the cells it implies, as ingest.formats.pdf_layout reads ruled
cells, so the block's rows come out as lines of tab-separated cells:

* a *columnar* line holds fragments starting at two or more places at least
  COLUMN_GAP font sizes apart;
* a block is a run of lines, top down, that starts with a columnar line and
  goes on while each line's fragments all start at the block's columns (a
  line of one fragment only when it is not at the block's first column:
  a paragraph after the table starts at the margin; a row's number may stand
  there alone), or the line is columnar or starts right of the first column
  (a cell centred in its row starts lines of its own: the block gains its
  columns), each line within REACH
  sizes of the one above; it is a table when two of its lines, at least, are
  columnar;
* in content-stream order a word processor draws a table cell by cell, so a
  new row begins where the column goes back to the left; each row's cells
  span the band between its highest and lowest line.

A block that cuts into fewer than two rows (text set in columns, drawn column
after column) is no table. Pages with ruled tables are read by their rules;
this reads the others.
"""
from __future__ import annotations

from typing import NamedTuple

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
ALIGN = 2.0          # points: starts closer than this are one column
COLUMN_GAP = 2.0     # font sizes between two columns' starts, at least
LINE = 0.5           # font sizes: baselines closer than this are one line
ABOVE, BELOW = 0.85, 0.3  # font sizes a cell reaches above its top and below its last baseline
MIN_ROWS = 2
REACH = 2.5          # font sizes between a block's lines, at most
PAGE_RIGHT = 10_000.0


class Fragment(NamedTuple):
    order: int
    text: str
    x: float
    y: float
    size: float


def lines_of(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Visual lines top down, each left to right."""
    found: list[list[Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (-f.y, f.x)):
        if found and abs(found[-1][0].y - fragment.y) < LINE * max(fragment.size, 1.0):
            found[-1].append(fragment)
        else:
            found.append([fragment])
    return [sorted(line, key=lambda f: f.x) for line in found]


def starts(line: list[Fragment]) -> list[float]:
    """Where the line's columns start: fragments closer than COLUMN_GAP sizes to the
    one before are runs of one column (a bold word, a kerned pair)."""
    out: list[float] = []
    for fragment in line:
        if not out or fragment.x - out[-1] >= COLUMN_GAP * max(fragment.size, 1.0):
            out.append(fragment.x)
    return out


def column_of(columns: list[float], x: float) -> int | None:
    return next((i for i, at in enumerate(columns) if abs(at - x) < ALIGN), None)


def near(above: list[Fragment], line: list[Fragment]) -> bool:
    """The line follows the one above within a few line heights (no gap between paragraphs)."""
    return above[0].y - line[0].y < REACH * max(above[0].size, line[0].size, 1.0)


def is_number(line: list[Fragment]) -> bool:
    """A line holding only a short number (a row's ``5.``), not running text."""
    return len(line) == 1 and len(line[0].text.strip()) <= 4 and line[0].text.strip()[:1].isdigit()


def blocks(lines: list[list[Fragment]]) -> list[tuple[list[float], list[list[Fragment]]]]:
    """Runs of aligned lines, each with its columns, left to right."""
    found: list[tuple[list[float], list[list[Fragment]]]] = []
    columns: list[float] | None = None
    for line in lines:
        at = starts(line)
        if columns is not None and near(found[-1][1][-1], line):
            places = [column_of(columns, x) for x in at]
            if None not in places and (len(at) > 1 or places[0] != 0 or is_number(line)):
                found[-1][1].append(line)
                continue
            if len(at) > 1 or at[0] > columns[0] + ALIGN:  # a column empty so far, a centred cell
                columns[:] = sorted(columns + [x for x, p in zip(at, places) if p is None])
                found[-1][1].append(line)
                continue
        columns = at if len(at) > 1 else None
        if columns is not None:
            found.append((columns, [line]))
    kept = [(cols, rows) for cols, rows in found
            if sum(len(starts(line)) > 1 for line in rows) >= MIN_ROWS]
    return [(cols, lines_above(lines, cols, rows) + rows) for cols, rows in kept]


def lines_above(lines: list[list[Fragment]], columns: list[float],
                rows: list[list[Fragment]]) -> list[list[Fragment]]:
    """Lines right above a block whose fragments all start at its columns (a line
    of one fragment not at the first, unless a row number): the top of a row whose
    cells are centred in it, read before the block knew all its columns."""
    i = next(n for n, line in enumerate(lines) if line is rows[0])
    above: list[list[Fragment]] = []
    while i > 0:
        line, below = lines[i - 1], (above[0] if above else rows[0])
        places = [column_of(columns, x) for x in starts(line)]
        if None in places or not near(line, below) or places == [0] and not is_number(line):
            break
        above.insert(0, line)
        i -= 1
    return above


def rows_in_order(columns: list[float], lines: list[list[Fragment]]) -> list[list[Fragment]]:
    """The block's fragments in content-stream order, cut where the column goes back."""
    rows: list[list[Fragment]] = []
    previous = None
    for fragment in sorted((f for line in lines for f in line), key=lambda f: f.order):
        column = column_of(columns, fragment.x)
        if column is None:
            column = max((i for i, at in enumerate(columns) if at <= fragment.x + ALIGN), default=0)
        if previous is None or column < previous:
            rows.append([])
        rows[-1].append(fragment)
        previous = column
    return rows


def cells(fragments: list[tuple[str, float, float]], sizes: list[float]) -> list[Box]:
    """Cells of the page's tables without rules (none when there are none)."""
    placed = [Fragment(i, text, x, y, size) for i, ((text, x, y), size)
              in enumerate(zip(fragments, sizes)) if text.strip()]
    out: list[Box] = []
    for columns, lines in blocks(lines_of(placed)):
        rights = [at - 2 * ALIGN for at in columns[1:]] + [PAGE_RIGHT]
        rows = rows_in_order(columns, lines)
        if len(rows) < MIN_ROWS:  # a page set in columns, drawn column after column: no table
            continue
        for row in rows:
            size = max(f.size for f in row)
            top = max(f.y for f in row) + ABOVE * size
            bottom = min(f.y for f in row) - BELOW * size
            out += [(left - ALIGN / 2, bottom, right, top) for left, right in zip(columns, rights)]
    return out
