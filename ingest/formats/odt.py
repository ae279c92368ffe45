"""ODT: content.xml to text. Paragraphs and headings in order; each table row
is one line of tab-separated cells."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator
from xml.etree.ElementTree import Element

from ingest.formats import safezip
from ingest.formats.model import ENCRYPTED, Budget, Extracted, Limits, Quarantine
from ingest.formats.odt_lists import ListStyles
from ingest.formats.xmlsafe import one_line, parse

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CONTENT = "content.xml"
STYLES = "styles.xml"
LIST, LIST_ITEM, LIST_HEADER = TEXT + "list", TEXT + "list-item", TEXT + "list-header"
MANIFEST = "META-INF/manifest.xml"
ENCRYPTION_MARK = b"encryption-data"
PARAGRAPHS = frozenset((TEXT + "p", TEXT + "h"))
TABLE_TAG, ROW, CELL, COVERED = (TABLE + "table", TABLE + "table-row", TABLE + "table-cell",
                                 TABLE + "covered-table-cell")
# Subtrees without body text: notes, annotations, table column definitions.
SKIPPED = frozenset((TEXT + "note", OFFICE + "annotation", TEXT + "tracked-changes",
                     TABLE + "table-columns", TABLE + "table-column",
                     OFFICE + "forms", TEXT + "sequence-decls", TEXT + "variable-decls"))
SPACE, TAB, LINE_BREAK = TEXT + "s", TEXT + "tab", TEXT + "line-break"
MAX_REPEAT = 100   # number-columns-repeated on real content; empty repeats are dropped


def read_odt(archive: safezip.Archive, limits: Limits, budget: Budget) -> Extracted:
    if safezip.has_part(archive, MANIFEST):
        if ENCRYPTION_MARK in safezip.read_part(archive, MANIFEST, limits, budget):
            raise Quarantine(ENCRYPTED, "the ODF package is password-protected")
    root = parse(safezip.read_part(archive, CONTENT, limits, budget), CONTENT)
    roots = [root]
    if safezip.has_part(archive, STYLES):
        roots.append(parse(safezip.read_part(archive, STYLES, limits, budget), STYLES))
    body = root.find(f"{OFFICE}body")
    context = Context(ListStyles.from_xml(*roots))
    return Extracted("\n".join(block_lines(body if body is not None else root, context)))


@dataclass(frozen=True)
class Context:
    lists: ListStyles
    style: str | None = None      # list style in force (nested lists inherit it)
    level: int = 0                # list nesting level


def block_lines(element: Element, context: Context) -> Iterator[str]:
    for child in element:
        if child.tag in PARAGRAPHS:
            yield inline_text(child)
        elif child.tag == TABLE_TAG:
            yield from table_lines(child, context)
        elif child.tag == LIST:
            yield from list_lines(child, context)
        elif child.tag not in SKIPPED:
            yield from block_lines(child, context)    # sections, headers-rows, ...


def list_lines(element: Element, context: Context) -> Iterator[str]:
    inner = replace(context, style=element.get(TEXT + "style-name") or context.style,
                    level=context.level + 1)
    continues = element.get(TEXT + "continue-numbering") == "true" or \
        element.get(TEXT + "continue-list") is not None
    number = context.lists.first(inner.style, inner.level, continues)
    for item in element:
        if item.tag == LIST_ITEM:
            start = item.get(TEXT + "start-value", "")
            number = int(start) if start.isdigit() else number + 1
            lines = list(block_lines(item, inner))
            label = context.lists.label(inner.style, inner.level, number)
            if lines:
                lines[0] = label + lines[0]
            yield from lines
        elif item.tag == LIST_HEADER:
            yield from block_lines(item, inner)


def table_lines(table: Element, context: Context) -> Iterator[str]:
    for row in direct(table, ROW):
        cells: list[str] = []
        for cell in direct(row, CELL, COVERED):
            text = one_line(" ".join(block_lines(cell, context)))
            cells.extend([text] * repeat(cell, text))
        while cells and not cells[-1]:
            cells.pop()
        yield "\t".join(cells)


def repeat(cell: Element, text: str) -> int:
    count = cell.get(TABLE + "number-columns-repeated", "1")
    return min(int(count), MAX_REPEAT if text else 1) if count.isdigit() else 1


def direct(element: Element, *tags: str) -> Iterator[Element]:
    """Rows/cells of this table only (through header-rows and row-groups)."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag not in (TABLE_TAG, ROW, CELL) and child.tag not in SKIPPED:
            yield from direct(child, *tags)


def inline_text(element: Element) -> str:
    out: list[str] = []
    collect(element, out)
    return "".join(out)


def collect(element: Element, out: list[str]) -> None:
    out.append(element.text or "")
    for child in element:
        if child.tag == SPACE:
            count = child.get(TEXT + "c", "1")
            out.append(" " * min(int(count) if count.isdigit() else 1, MAX_REPEAT))
        elif child.tag == TAB:
            out.append("\t")
        elif child.tag == LINE_BREAK:
            out.append("\n")
        elif child.tag not in SKIPPED:
            collect(child, out)
        out.append(child.tail or "")
