"""A minimal Word 97 (.doc) file built in code: an OLE2 compound file with a
WordDocument stream (FIB + UTF-16 text) and a 1Table stream (piece table).
Just enough structure for antiword to convert it."""
from __future__ import annotations

import struct

SECTOR = 512
MIN_STREAM = 4096               # smaller streams would live in the mini stream
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
FIB_SIZE = 0x400                # text starts after the FIB
FC_CLX_OFFSET = 0x1A2           # fcClx / lcbClx in the FIB (Word 97)


def word97_doc(text: str) -> bytes:
    """A .doc whose main document is `text` (paragraphs split by "\\n")."""
    body = text.replace("\n", "\r") + "\r"
    word = bytearray(fib(len(body)))
    word += body.encode("utf-16-le")
    word += b"\x00" * max(0, MIN_STREAM - len(word))
    table = piece_table(len(body), FIB_SIZE)
    table += b"\x00" * max(0, MIN_STREAM - len(table))
    return compound_file([("WordDocument", bytes(word)), ("1Table", table)])


def fib(ccp_text: int) -> bytes:
    out = bytearray(FIB_SIZE)
    struct.pack_into("<HHHH", out, 0, 0xA5EC, 0x00C1, 0, 0x0419)   # wIdent, nFib, unused, lid
    struct.pack_into("<H", out, 10, 0x0200)                          # fWhichTblStm: 1Table
    struct.pack_into("<H", out, 12, 0x00BF)                          # nFibBack
    struct.pack_into("<H", out, 32, 14)                              # csw
    struct.pack_into("<H", out, 62, 22)                              # cslw
    struct.pack_into("<I", out, 64, FIB_SIZE + 2 * ccp_text)         # cbMac
    struct.pack_into("<i", out, 76, ccp_text)                        # ccpText
    struct.pack_into("<H", out, 152, 0x5D)                           # cbRgFcLcb
    struct.pack_into("<II", out, FC_CLX_OFFSET, 0, 1 + 4 + 8 + 8)    # fcClx, lcbClx
    return bytes(out)


def piece_table(ccp_text: int, fc: int) -> bytes:
    """Clx with one piece: CPs [0, ccp], one PCD pointing at UTF-16 text."""
    plc = struct.pack("<ii", 0, ccp_text) + struct.pack("<HIH", 0, fc, 0)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """OLE2 v3: sector 0 = FAT, then each stream, then the directory."""
    sectors: list[bytes] = []
    fat: list[int] = [FATSECT]
    starts = []
    for _, data in streams:
        padded = data + b"\x00" * (-len(data) % SECTOR)
        count = len(padded) // SECTOR
        first = len(fat)
        starts.append(first)
        fat += [first + i + 1 for i in range(count - 1)] + [END]
        sectors += [padded[i * SECTOR:(i + 1) * SECTOR] for i in range(count)]
    directory_sector = len(fat)
    fat.append(END)
    assert len(fat) <= SECTOR // 4, "one FAT sector is enough for test files"
    entries = [dir_entry("Root Entry", 5, child=1, start=END, size=0)]
    # Children of the root form a tree: the first stream is the root's child,
    # the others hang off it as left siblings (sorted: shorter names first).
    for index, ((name, data), start) in enumerate(zip(streams, starts), start=1):
        left = index + 1 if index < len(streams) else FREE
        entries.append(dir_entry(name, 2, left=left, start=start, size=len(data)))
    directory = b"".join(entries)
    directory += b"\x00" * (-len(directory) % SECTOR)
    fat_sector = b"".join(struct.pack("<I", v) for v in fat)
    fat_sector += struct.pack("<I", FREE) * (SECTOR // 4 - len(fat))
    return header(directory_sector) + fat_sector + b"".join(sectors) + directory


def header(directory_sector: int) -> bytes:
    out = bytearray(SECTOR)
    out[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", out, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", out, 44, 1)                      # number of FAT sectors
    struct.pack_into("<I", out, 48, directory_sector)
    struct.pack_into("<I", out, 56, MIN_STREAM)             # mini stream cutoff
    struct.pack_into("<IIII", out, 60, END, 0, END, 0)      # no mini FAT, no DIFAT sectors
    struct.pack_into("<I", out, 76, 0)                      # DIFAT[0]: FAT in sector 0
    for i in range(1, 109):
        struct.pack_into("<I", out, 76 + 4 * i, FREE)
    return bytes(out)


def dir_entry(name: str, kind: int, *, left: int = FREE, child: int = FREE, start: int,
              size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    out = bytearray(128)
    out[0:len(encoded)] = encoded
    struct.pack_into("<HBB", out, 64, len(encoded), kind, 1)
    struct.pack_into("<III", out, 68, left, FREE, child)
    struct.pack_into("<II", out, 116, start, size)
    return bytes(out)
