"""DOCX: word/document.xml to text. Paragraphs in order; each table row is
one line of tab-separated cells (nested tables flatten into their cell)."""
from __future__ import annotations

from typing import Iterator
from xml.etree.ElementTree import Element

from ingest.formats import safezip
from ingest.formats.docx_numbering import Numbering
from ingest.formats.model import Budget, Extracted, Limits
from ingest.formats.xmlsafe import one_line, parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
NUMBERING = "word/numbering.xml"
P, TBL, TR, TC = W + "p", W + "tbl", W + "tr", W + "tc"
T, TAB, BR, CR = W + "t", W + "tab", W + "br", W + "cr"
NO_BREAK_HYPHEN = W + "noBreakHyphen"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT_BOX = W + "txbxContent"
# Subtrees that never hold visible text of the run sequence (pPr holds tab stops;
# mc:Fallback repeats the mc:Choice it stands in for, text boxes included).
SKIPPED = frozenset([*(W + tag for tag in ("pPr", "rPr", "del", "instrText", "delText",
                                           "fldData", "tblPr", "trPr", "tcPr", "sectPr")),
                     MC_FALLBACK])
INLINE = {TAB: "\t", BR: "\n", CR: "\n", NO_BREAK_HYPHEN: "-"}


def read_docx(archive: safezip.Archive, limits: Limits, budget: Budget) -> Extracted:
    root = parse(safezip.read_part(archive, DOCUMENT, limits, budget), DOCUMENT)
    numbering = Numbering.empty()
    if safezip.has_part(archive, NUMBERING):
        numbering = Numbering.from_xml(parse(safezip.read_part(archive, NUMBERING, limits, budget),
                                             NUMBERING))
    body = root.find(W + "body")
    lines = list(block_lines(body if body is not None else root, numbering))
    return Extracted("\n".join(lines))


def block_lines(element: Element, numbering: Numbering) -> Iterator[str]:
    for child in element:
        if child.tag == P:
            yield numbering.label(child) + paragraph_text(child)
        elif child.tag == TBL:
            yield from table_lines(child, numbering)
        elif child.tag not in SKIPPED:
            yield from block_lines(child, numbering)   # sdt, customXml, ins, ...


def table_lines(table: Element, numbering: Numbering) -> Iterator[str]:
    for row in direct(table, TR):
        cells = [one_line(" ".join(block_lines(cell, numbering))) for cell in direct(row, TC)]
        yield "\t".join(cells)


def direct(element: Element, tag: str) -> Iterator[Element]:
    """Children with this tag, looking through sdt/customXml wrappers but not
    into nested tables (their rows belong to a cell)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag not in SKIPPED and child.tag not in (TBL, TR, TC, P):
            yield from direct(child, tag)


def paragraph_text(paragraph: Element) -> str:
    out: list[str] = []
    collect(paragraph, out)
    return "".join(out)


def collect(element: Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == T:
            out.append(child.text or "")
        elif tag in INLINE:
            out.append(INLINE[tag])
        elif tag == TEXT_BOX:               # a text box's paragraphs, on lines of their own
            out.append("".join(f"\n{paragraph_text(p)}" for p in child.iter(P)) + "\n")
        elif tag not in SKIPPED:
            collect(child, out)
