"""A minimal Excel 97 (.xls, BIFF8) workbook built in code: an OLE2 compound
file (tests/fixtures_doc.compound_file) with a Workbook stream holding one
BOUNDSHEET per sheet and LABEL / NUMBER cells. Just enough for a reader."""
from __future__ import annotations

import struct
from typing import Sequence

from fixtures_doc import MIN_STREAM, compound_file

Cell = str | float | None


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def bof(sheet_type: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, sheet_type, 0x0DBB, 0x07CC, 0, 0x0006))


def utf16_string(text: str, length_bytes: int) -> bytes:
    size = struct.pack("<B" if length_bytes == 1 else "<H", len(text))
    return size + b"\x01" + text.encode("utf-16-le")


def sheet_stream(rows: Sequence[Sequence[Cell]]) -> bytes:
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                cells += record(0x0204, struct.pack("<HHH", r, c, 0) + utf16_string(value, 2))
            elif value is not None:
                cells += record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    return bof(0x0010) + cells + record(0x000A, b"")


def xls_bytes(sheets: dict[str, Sequence[Sequence[Cell]]]) -> bytes:
    """A workbook with these sheets (name -> rows of cells)."""
    bodies = [sheet_stream(rows) for rows in sheets.values()]
    head_size = len(bof(0x0005)) + len(record(0x0042, b"\0\0"))
    bound_sizes = [4 + 6 + len(utf16_string(name, 1)) for name in sheets]
    offset = head_size + sum(bound_sizes) + 4  # the globals' EOF
    globals_ = bof(0x0005) + record(0x0042, struct.pack("<H", 1200))
    for name, body in zip(sheets, bodies):
        globals_ += record(0x0085, struct.pack("<IBB", offset, 0, 0) + utf16_string(name, 1))
        offset += len(body)
    stream = globals_ + record(0x000A, b"") + b"".join(bodies)
    stream += b"\x00" * max(0, MIN_STREAM - len(stream))  # a regular stream, not a mini one
    return compound_file([("Workbook", stream)])
