"""A minimal Word 97 (.doc) file built in code: an OLE2 compound file with a
WordDocument stream (FIB + UTF-16 text) and a 1Table stream (piece table).
Just enough structure for antiword to convert it."""
from __future__ import annotations

import struct
from typing import Sequence

SECTOR = 512
MIN_STREAM = 4096               # smaller streams would live in the mini stream
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
FIB_SIZE = 0x400                # text starts after the FIB
FC_CLX_OFFSET = 0x1A2           # fcClx / lcbClx in the FIB (Word 97)


Block = str | Sequence[Sequence[str]]      # a paragraph, or a table's rows of cells
SPRM_IN_TABLE = struct.pack("<HB", 0x2416, 1)
SPRM_ROW_END = struct.pack("<HB", 0x2417, 1)
FC_PLCF_BTE_PAPX_OFFSET = 0x102
CELL_TWIPS = 2000
FC_STSHF_OFFSETS = (0x9A, 0xA2)    # fcStshfOrig, fcStshf: antiword reads the stylesheet always
# An empty stylesheet: cbStshi, then Stshi (cstd 0, cbSTDBaseInFile 10, ...).
STYLESHEET = struct.pack("<H6H6x", 18, 0, 10, 1, 0, 0, 0)


def word97_doc(text: str, tables: Sequence[Sequence[Sequence[str]]] = ()) -> bytes:
    """A .doc: the paragraphs of `text` (split by "\n"), then the tables."""
    blocks: list[Block] = [*text.split("\n"), *tables]
    chars, paragraphs = layout(blocks)
    word = bytearray(fib(len(chars)))
    word += chars.encode("utf-16-le")
    word += b"\x00" * (-len(word) % SECTOR)
    fkp_page = len(word) // SECTOR
    word += papx_fkp([(FIB_SIZE + 2 * a, FIB_SIZE + 2 * b, grpprl) for a, b, grpprl in paragraphs])
    word += b"\x00" * max(0, MIN_STREAM - len(word))
    clx = piece_table(len(chars), FIB_SIZE)
    bte = struct.pack("<III", FIB_SIZE, FIB_SIZE + 2 * len(chars), fkp_page)
    table = clx + bte + STYLESHEET
    struct.pack_into("<II", word, FC_PLCF_BTE_PAPX_OFFSET, len(clx), len(bte))
    for offset in FC_STSHF_OFFSETS:
        struct.pack_into("<II", word, offset, len(clx) + len(bte), len(STYLESHEET))
    table += b"\x00" * max(0, MIN_STREAM - len(table))
    return compound_file([("WordDocument", bytes(word)), ("1Table", table)])


def layout(blocks: Sequence[Block]) -> tuple[str, list[tuple[int, int, bytes]]]:
    """The character stream and each paragraph's [start, end) CPs and sprms."""
    chars: list[str] = []
    paragraphs: list[tuple[int, int, bytes]] = []
    position = 0

    def add(text: str, grpprl: bytes) -> None:
        nonlocal position
        chars.append(text)
        paragraphs.append((position, position + len(text), grpprl))
        position += len(text)

    for block in blocks:
        if isinstance(block, str):
            add(block + "\r", b"")
            continue
        for row in block:
            for cell in row:
                add(cell + "\x07", SPRM_IN_TABLE)
            add("\x07", SPRM_IN_TABLE + SPRM_ROW_END + table_definition(len(row)))
    return "".join(chars), paragraphs


def table_definition(columns: int) -> bytes:
    """sprmTDefTable: its 2-byte size counts the operand plus one."""
    operand = bytes([columns]) + b"".join(struct.pack("<h", i * CELL_TWIPS)
                                          for i in range(columns + 1)) + b"\x00" * 20 * columns
    return struct.pack("<HH", 0xD608, len(operand) + 1) + operand


def papx_fkp(paragraphs: Sequence[tuple[int, int, bytes]]) -> bytes:
    """One PapxFkp page: FCs, BxPap offsets, then the PAPXs packed from the end."""
    page = bytearray(SECTOR)
    count = len(paragraphs)
    fcs = [a for a, _, _ in paragraphs] + [paragraphs[-1][1]]
    struct.pack_into(f"<{count + 1}I", page, 0, *fcs)
    bx_start = 4 * (count + 1)
    free = SECTOR - 1
    placed: dict[bytes, int] = {}
    for index, (_, _, grpprl) in enumerate(paragraphs):
        if grpprl not in placed:
            papx = papx_bytes(grpprl)
            free = (free - len(papx)) & ~1
            assert free > bx_start + 13 * count, "paragraphs do not fit one FKP page"
            page[free:free + len(papx)] = papx
            placed[grpprl] = free
        page[bx_start + 13 * index] = placed[grpprl] // 2
    page[SECTOR - 1] = count
    return bytes(page)


def papx_bytes(grpprl: bytes) -> bytes:
    body = struct.pack("<H", 0) + grpprl            # istd 0 (Normal) + sprms
    if len(body) % 2:
        return bytes([(len(body) + 1) // 2]) + body
    return bytes([0, len(body) // 2]) + body


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
