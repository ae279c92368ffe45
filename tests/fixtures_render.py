"""A plain text rendered as the document formats users send: docx, odt, rtf,
html and a paged PDF (bench/bench_format_parity.py, tests/test_format_parity.py).

Each line of the text is one paragraph (an empty line an empty paragraph);
runs of tab-separated or Markdown pipe rows (``| 1 | … |``) are one table. The PDF is what a word processor
prints: lines broken at the page width (hard line breaks in the text layer),
a running header (the document's first line) and a footer with the page
number on every page, DejaVu Sans from Debian's fonts-dejavu-core.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

import fixtures_build as fb

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"


WORD_CAP = 20
CELL_PADDING = 4.0  # mm: a cell's padding and borders with room to spare


Block = tuple[str, list[list[str]]]  # ("p", [[line]]) or ("table", rows of cells)


def paragraphs(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


PIPE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
PIPE_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$")


def cells(line: str) -> list[str] | None:
    """A table row's cells: tab-separated, or a Markdown pipe row (``| 1 | … |``,
    how a table converted to text often reads); None for a paragraph."""
    pipe = PIPE_ROW.match(line)
    if pipe:
        return [cell.strip() for cell in pipe.group(1).split("|")]
    return line.split("\t") if "\t" in line else None


def blocks(text: str) -> list[Block]:
    """Lines in order: runs of table rows become one table (the readers render
    a table row as tab-separated cells), others paragraphs. A Markdown rule
    under a pipe table's header (``|---|---|``) is no row."""
    out: list[Block] = []
    for line in paragraphs(text):
        if PIPE_RULE.match(line):
            continue
        row = cells(line)
        if row is not None:
            if not out or out[-1][0] != "table":
                out.append(("table", []))
            out[-1][1].append(row)
        else:
            out.append(("p", [[line]]))
    return out


def docx(text: str) -> bytes:
    body = "".join(fb.w_paragraph(rows[0][0]) if kind == "p" else fb.w_table(rows)
                   for kind, rows in blocks(text))
    return fb.docx_bytes(body)


def odt_cells(row: list[str]) -> str:
    return "".join(f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)


def odt(text: str) -> bytes:
    body = "".join(
        f"<text:p>{escape(rows[0][0])}</text:p>" if kind == "p" else
        "<table:table><table:table-column/>" + "".join(
            f"<table:table-row>{odt_cells(row)}</table:table-row>" for row in rows) + "</table:table>"
        for kind, rows in blocks(text))
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {fb.ODT_NS}>'
               f"<office:body><office:text>{body}</office:text></office:body>"
               "</office:document-content>").encode("utf-8")
    return fb.odt_bytes([], content=content)


def rtf_row(row: list[str]) -> str:
    widths = "".join(f"\\cellx{1500 * (i + 1)}" for i in range(len(row)))
    cells = "".join(f"{fb.rtf_escape(cell, True)}\\cell " for cell in row)
    return f"\\trowd{widths}\\intbl {cells}\\row\n"


def rtf(text: str) -> bytes:
    body = "".join(fb.rtf_escape(rows[0][0], True) + "\\par\n" if kind == "p" else
                   "".join(rtf_row(row) for row in rows) + "\\pard\n"
                   for kind, rows in blocks(text))
    return ("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset204 Arial;}}"
            "\\f0\\fs24 " + body + "}").encode("ascii")


def html(text: str) -> bytes:
    body = "\n".join(
        f"<p>{escape(rows[0][0])}</p>" if kind == "p" else
        "<table>" + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                            for row in rows) + "</table>"
        for kind, rows in blocks(text))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Документ</title></head>'
            f"<body>\n{body}\n</body></html>").encode("utf-8")


def running_header(text: str, width: int = 70) -> str:
    first = next((line.strip() for line in paragraphs(text) if line.strip()), "Документ")
    return first if len(first) <= width else first[:width].rsplit(" ", 1)[0] + " …"


def column_widths(rows: list[list[str]], measure: Callable[[str], float], total: float
                  ) -> tuple[float, ...]:
    """Column widths (mm) as a word processor's autofit sets them: each
    column as wide as its longest word (up to WORD_CAP letters), so no word
    is broken inside, the rest of ``total`` shared by the cells' mean length."""
    count = max(len(row) for row in rows)
    columns = [[row[i] for row in rows if i < len(row)] for i in range(count)]
    need = [max((measure(word[:WORD_CAP]) for cell in cells for word in cell.split()), default=0)
            + CELL_PADDING for cells in columns]
    weight = [max(sum(map(len, cells)) / len(rows), 1) for cells in columns]
    left = max(total - sum(need), 0)
    return tuple(n + left * w / sum(weight) for n, w in zip(need, weight))


def pdf(text: str, borders: bool = True) -> bytes:
    """A4, 11 pt body broken at the page width (justified), tables drawn as
    ruled grids with wrapped cells (or without any rule: ``borders=False``),
    the header and "Страница N из M"."""
    from fpdf import FPDF

    title = running_header(text)

    class Paged(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, title, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            self.cell(0, 10, f"Страница {self.page_no()} из {{nb}}", align="C")

    document = Paged(format="A4")
    document.set_margins(20, 15, 20)
    document.set_auto_page_break(True, margin=20)
    document.add_font("DejaVu", fname=str(FONT))
    document.add_page()
    for kind, rows in blocks(text):
        document.set_font("DejaVu", size=11 if kind == "p" else 9)
        if kind == "p" and rows[0][0].strip():
            document.multi_cell(0, 5.5, rows[0][0], align="J", new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            document.ln(5.5)
        else:
            widths = column_widths(rows, document.get_string_width, document.epw)
            with document.table(col_widths=widths, first_row_as_headings=False,
                                line_height=4.5, text_align="LEFT",
                                borders_layout="ALL" if borders else "NONE") as grid:
                for cells in rows:
                    row = grid.row()
                    for cell in cells + [""] * (len(widths) - len(cells)):
                        row.cell(cell)
    return bytes(document.output())


def pdf_unruled(text: str) -> bytes:
    """The paged PDF with its tables drawn without borders."""
    return pdf(text, borders=False)


RENDERERS: dict[str, Callable[[str], bytes]] = {
    "docx": docx, "odt": odt, "rtf": rtf, "html": html, "pdf": pdf, "pdf_unruled": pdf_unruled}
