"""Format detection from the bytes themselves (magic numbers, zip member
names, markup), never from the file name."""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
PDF_MAGIC = b"%PDF-"
PDF_SEARCH_BYTES = 1024          # a PDF header may follow some junk bytes
RTF_MAGIC = b"{\\rtf"
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
HEAD_BYTES = 4096
TEXT_SAMPLE_BYTES = 65536
MAX_CONTROL_SHARE = 0.02          # NULs and other control bytes allowed in "text"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ODF_MIME_OFFSET = 38             # 30-byte local header + len("mimetype"), stored uncompressed
ODF_MIME_PREFIX = b"application/vnd.oasis.opendocument."
MIME_MAX_BYTES = 128
OOXML_MARK = "[Content_Types].xml"
WORD_STREAM = "WordDocument".encode("utf-16-le")
WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))  # BIFF8, BIFF5

# Scans read through OCR (ingest.formats.ocr).
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# Known binary formats we do not read; named in the quarantine detail.
OTHER_MAGICS = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"MZ", "Windows executable"), (b"\x7fELF", "ELF executable"),
)

# Comments are matched with a body that cannot contain "-->", so each has one
# parse (a lazy ".*?" here backtracks exponentially over many comments).
HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*"
                        rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(rb"<(?:html|head|body|meta\s[^>]*charset|title)\b", re.IGNORECASE)
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
LOCAL_FLAGS = struct.Struct("<H")
LOCAL_SIZE = struct.Struct("<I")
LOCAL_NAME = struct.Struct("<HH")
# zipfile raises these on damaged archives (struct.error and zlib.error included).
ZIP_OPEN_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
                   struct.error, NotImplementedError)


def detect_format(data: bytes) -> str:
    """txt | docx | doc | xlsx | xls | pdf | rtf | odt | html | image | zip | unknown, from the content."""
    head = data[:HEAD_BYTES]
    if not data:
        return "unknown"
    if head.startswith(OLE2_MAGIC):
        return ole2_flavour(data)
    if head.startswith(ZIP_MAGICS):
        return zip_flavour(data)
    if PDF_MAGIC in head[:PDF_SEARCH_BYTES]:
        return "pdf"
    body = strip_bom(head)
    if body.lstrip().startswith(RTF_MAGIC):
        return "rtf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "html" if looks_like_html(head.decode("utf-16", errors="replace").encode()) else "txt"
    if looks_like_html(body):
        return "html"
    if head.startswith(IMAGE_MAGICS):
        return "image"
    if other_binary(head) or not looks_like_text(data):
        return "unknown"
    return "txt"


def ole2_flavour(data: bytes) -> str:
    """doc, or xls for a compound file with a workbook stream and no Word
    stream (a Word file may embed a workbook; an Excel file holds no Word text)."""
    if WORD_STREAM not in data and any(mark in data for mark in WORKBOOK_STREAMS):
        return "xls"
    return "doc"


def other_binary(head: bytes) -> str | None:
    return next((name for magic, name in OTHER_MAGICS if head.startswith(magic)), None)


def strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(BOMS[0]) else data


def looks_like_html(head: bytes) -> bool:
    return bool(HTML_START.match(head)) or len(HTML_TAG.findall(head)) >= 2


def looks_like_text(data: bytes) -> bool:
    """Few control bytes (a handful of NULs is tolerated: the text reader strips them)."""
    sample = data[:TEXT_SAMPLE_BYTES]
    if not sample:
        return True
    control = sum(sample.count(bytes([b])) for b in CONTROL_BYTES)
    return control <= len(sample) * MAX_CONTROL_SHARE


def zip_flavour(data: bytes) -> str:
    """docx / odt / zip from the member names: the central directory when it
    reads, else the local headers (so a truncated package is still recognised).
    Other Office/OpenDocument packages (pptx, ods, ...) are "unknown"."""
    names, complete = package_names(data)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if names[:1] == ["mimetype"]:
        return "odt" if odf_mime(data).startswith(ODT_MIMETYPE) else "unknown"
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "odt"
    if OOXML_MARK in names:
        return "unknown" if complete else "docx"
    return "zip"


def package_names(data: bytes) -> tuple[list[str], bool]:
    """Member names, and whether they come from a readable central directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist(), True
    except ZIP_OPEN_ERRORS:
        return local_member_names(data), False


def odf_mime(data: bytes) -> bytes:
    """The mimetype member: stored uncompressed right after its local header
    by the standard; read through zipfile when a sloppy writer deflated it."""
    if data[ODF_MIME_OFFSET:].startswith(ODF_MIME_PREFIX):
        return data[ODF_MIME_OFFSET:ODF_MIME_OFFSET + MIME_MAX_BYTES]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("mimetype")
            return archive.read(info) if info.file_size <= MIME_MAX_BYTES else b""
    except ZIP_OPEN_ERRORS + (KeyError, zlib.error):
        return b""


def describe(data: bytes) -> str:
    """What an unsupported input seems to be, for the quarantine detail."""
    head = data[:HEAD_BYTES]
    if head.startswith(ZIP_MAGICS):
        return ("an OpenDocument package that is not a text document" if b"mimetype" in head[:64]
                else "an Office package that is neither a Word document nor a workbook")
    return other_binary(head) or "binary data of an unknown format"


def local_member_names(data: bytes, limit: int = 64) -> list[str]:
    """Names from the leading local file headers, walking by compressed size."""
    names: list[str] = []
    offset = 0
    while len(names) < limit and data[offset:offset + 4] == b"PK\x03\x04":
        if offset + 30 > len(data):
            break
        flags, compressed = LOCAL_FLAGS.unpack_from(data, offset + 6)[0], \
            LOCAL_SIZE.unpack_from(data, offset + 18)[0]
        name_len, extra_len = LOCAL_NAME.unpack_from(data, offset + 26)
        names.append(data[offset + 30:offset + 30 + name_len].decode("utf-8", errors="replace"))
        if flags & 0x08:   # sizes follow the data: cannot walk further
            break
        offset += 30 + name_len + extra_len + compressed
    return names
