"""RTF via striprtf: \\'XX escapes decoded in the document's code page
(\\ansicpg or the font's \\fcharset; cp1251 when none is given), \\uN as Unicode.
Table cells (\\cell) are marked before conversion so that each row comes out
as one line of tab-separated cells, as for docx."""
from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from ingest.formats.model import CORRUPT, Extracted, Limits, Quarantine
from ingest.formats.xmlsafe import one_line

DEFAULT_CODEPAGE = "cp1251"
# striprtf is regex based; these are what it raises on malformed input.
RTF_ERRORS = (ValueError, IndexError, KeyError, LookupError, OverflowError)
CELL_MARK = "\ue000"                                   # private use: never in real text
CELL_WORD = re.compile(r"(?<!\\)\\cell(?![a-zA-Z])\s?")
CELL_AS_UNICODE = r"\\u-8192?"                          # \uN is signed 16-bit: U+E000
# Groups of embedded binary data (pictures, OLE objects, themes): megabytes of hex
# that striprtf would walk character by character only to drop. Cut them first.
BINARY_GROUP = re.compile(r"\{\\(?:\*\\)?(?:pict|objdata|themedata|datastore|"
                          r"colorschememapping|blipuid)(?![a-zA-Z])")
BRACE = re.compile(r"\\[{}\\]|[{}]")                     # escaped braces do not count


def read_rtf(data: bytes, limits: Limits) -> Extracted:
    # RTF is 7-bit; stray 8-bit bytes are taken in the default code page.
    source = drop_binary_groups(data.decode(DEFAULT_CODEPAGE, errors="replace"))
    source = CELL_WORD.sub(CELL_AS_UNICODE, source)
    try:
        text = rtf_to_text(source, encoding=DEFAULT_CODEPAGE, errors="replace")
    except RTF_ERRORS as error:
        raise Quarantine(CORRUPT, f"unreadable RTF: {error}") from None
    return Extracted("\n".join(table_row(line) for line in text.replace("\r\n", "\n").split("\n")))


def drop_binary_groups(source: str) -> str:
    pieces: list[str] = []
    position = 0
    while found := BINARY_GROUP.search(source, position):
        pieces.append(source[position:found.start()])
        position = group_end(source, found.start())
    pieces.append(source[position:])
    return "".join(pieces)


def group_end(source: str, start: int) -> int:
    """The offset just past the "}" closing the group opened at `start`."""
    depth = 0
    for token in BRACE.finditer(source, start):
        if token.group() == "{":
            depth += 1
        elif token.group() == "}":
            depth -= 1
            if depth == 0:
                return token.end()
    return len(source)


def table_row(line: str) -> str:
    if CELL_MARK not in line:
        return line
    cells = line.split(CELL_MARK)
    if not cells[-1].strip():
        cells.pop()                                    # the row ends with a cell mark
    return "\t".join(one_line(cell) for cell in cells)
