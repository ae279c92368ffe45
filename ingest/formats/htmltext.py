"""HTML to text: lxml's HTML parser (libxml2: linear on garbage, where the
standard library parser goes quadratic on inputs like "<a <a <a ..."),
script/style dropped, block elements end lines, each table row one line of
tab-separated cells. The charset comes from a BOM or <meta>, else from
detection; the parser gets UTF-8 bytes we re-encode, never a network or a DTD."""
from __future__ import annotations

import re
from lxml import etree
from lxml import html as lxml_html

from ingest.formats.model import Extracted, Limits
from ingest.formats.text import decode_markup
from ingest.formats.xmlsafe import one_line

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)
CHARSET_SNIFF_BYTES = 4096
SKIPPED = frozenset(("script", "style", "noscript", "template", "title", "head", "svg"))
BLOCKS = frozenset((
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "address", "center",
    "main", "nav", "aside", "figure", "figcaption", "form", "fieldset", "caption", "body"))
CELLS = frozenset(("td", "th"))
SPACES = re.compile(r"\s+")


def charset(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:CHARSET_SNIFF_BYTES]
    found = META_CHARSET.search(head) or XML_ENCODING.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def read_html(data: bytes, limits: Limits) -> Extracted:
    decoded = decode_markup(data, charset(data), limits)
    return Extracted(parse(decoded.text), decoded.encoding, decoded.encoding_confidence,
                     decoded.warning)


def parse(markup: str) -> str:
    parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True)
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8", errors="replace"),
                                             parser=parser)
    except (etree.ParserError, ValueError):      # nothing but blanks or markup debris
        return ""
    builder = TextBuilder()
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            builder.handle_starttag(tag.lower())
            builder.handle_data(element.text or "")
        else:
            builder.handle_endtag(tag.lower())
            builder.handle_data(element.tail or "")
    return builder.result()


class Table:
    def __init__(self) -> None:
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None

    def end_cell(self) -> None:
        if self.cells is not None and self.cell is not None:
            self.cells.append(one_line("".join(self.cell)))
        self.cell = None

    def end_row(self) -> str | None:
        self.end_cell()
        row, self.cells = self.cells, None
        return "\t".join(row) if row else None


class TextBuilder:
    """Lines of text from start/end/data events."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skip = 0
        self.tables: list[Table] = []

    def handle_starttag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip += 1
        elif tag == "table":
            self.break_line()
            self.tables.append(Table())
        elif tag == "tr" and self.tables:
            self.emit_row(self.tables[-1].end_row())
            self.tables[-1].cells = []
        elif tag in CELLS and self.tables:
            table = self.tables[-1]
            table.end_cell()
            if table.cells is None:
                table.cells = []
            table.cell = []
        elif tag in BLOCKS:
            self.break_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(self.skip - 1, 0)
        elif tag in CELLS and self.tables:
            self.tables[-1].end_cell()
        elif tag == "tr" and self.tables:
            self.emit_row(self.tables[-1].end_row())
        elif tag == "table" and self.tables:
            self.emit_row(self.tables.pop().end_row())
        elif tag in BLOCKS:
            self.break_line()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        cell = self.tables[-1].cell if self.tables else None
        (cell if cell is not None else self.line).append(data)

    def emit_row(self, row: str | None) -> None:
        if row is None or not row.strip():
            return
        outer = self.tables[-1].cell if self.tables else None
        if outer is not None:          # a nested table's row goes into the outer cell
            outer.append(" " + row.replace("\t", " ") + " ")
        else:
            self.break_line()
            self.lines.append(row)

    def break_line(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(" ")
            return
        text = SPACES.sub(" ", "".join(self.line)).strip()
        if text:
            self.lines.append(text)
        self.line = []

    def result(self) -> str:
        while self.tables:
            self.emit_row(self.tables.pop().end_row())
        self.break_line()
        return "\n".join(self.lines)
