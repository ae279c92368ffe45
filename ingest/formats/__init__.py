"""Format readers of batch ingestion: bytes in, text Parts out.

Pure functions: no database, no CLI, nothing written to disk (archives are
read in memory; .doc reaches its converter through an in-memory file).
`read_document` never raises for bad input: each problem becomes a Part
whose status names the quarantine reason (fuzzed in tests/test_formats_fuzz.py).

Choices worth knowing:
* The format comes from the content (detect_format), never from the name.
  The one use of the name: an empty file named like a container
  (.zip/.docx/.odt/.pdf/.doc/.rtf) is `corrupt` (such a file cannot be empty);
  any other empty or blank file is `no_text`.
* Scans: images (PNG, JPEG, TIFF) and PDF pages without a text layer are
  recognised by Tesseract (ingest.formats.ocr); the Part's encoding is then
  "ocr" and its encoding_confidence the mean word confidence.
* Every ok text must hold Russian: blank -> no_text, fewer than 30% Cyrillic
  letters -> no_text (pipeline.decode's NotRussian rule, applied to every
  format; it also catches PDFs whose text layer is unmapped glyph garbage).
* Plain text (ingest.formats.text): NUL bytes are removed, invalid bytes in
  otherwise-UTF-8 text become U+FFFD; either way the Part stays ok and its
  detail carries the warning. EmptyInput/NotRussian -> no_text,
  BinaryInput -> unsupported.
* Tables in every format (docx, odt, html, rtf, doc via antiword) come out
  as one line per row with tab-separated cells; so do the sheets of Excel
  workbooks (xlsx, xls: one document per workbook, ingest.formats.sheets); docx auto-numbering ("1.")
  is rendered from numbering.xml.
* A zip gives one Part per file member (directories skipped), nested zips
  recursively; container_path is "<archive base name>/<member path>/...".
  A top-level zip counts as depth 1; a zip nested deeper than
  Limits.max_depth is `limits_exceeded` -- or `zip_bomb` when a scan of its
  declared sizes (3 levels further down, never reading documents) finds a
  bomb, as in 42.zip. An archive with no files is no_text.
  Member paths are unique within an archive: a repeated (or equal once
  sanitised) path gets "#2", "#3"...
* Unsafe member names (absolute, "..", drive letters) are shown sanitised and
  the Part's detail says so; nothing is ever written under any name.
* Inflation is counted by our own inflate (declared sizes are checked first
  but not trusted); one budget of Limits.max_total_inflated is shared by a
  top-level input and everything nested in it, PDF streams included.
"""
from __future__ import annotations

import dataclasses
import posixpath
import zipfile
from typing import Callable

from importlib import import_module

from ingest.formats import safezip
from ingest.formats.detect import describe, detect_format
from ingest.formats.model import (CORRUPT, LIMITS_EXCEEDED, NO_TEXT, OK, QUARANTINE_STATUSES,
                                  TOO_LARGE, UNSUPPORTED, Budget, Extracted, Limits, Part,
                                  Quarantine)
from ingest.formats.text import read_txt


def lazy(module: str, name: str) -> Callable:
    """``ingest.formats.<module>.<name>``, imported at its first call: reading plain
    text imports none of pypdf, lxml, Pillow or openpyxl (0.15 s of CPU per process)."""
    def call(*args):
        return getattr(import_module(f"ingest.formats.{module}"), name)(*args)
    return call


read_doc, read_docx, read_html = lazy("doc", "read_doc"), lazy("docx", "read_docx"), lazy("htmltext", "read_html")
read_image, read_odt, read_pdf = lazy("ocr", "read_image"), lazy("odt", "read_odt"), lazy("pdf", "read_pdf")
read_rtf, read_xls, read_xlsx = lazy("rtf", "read_rtf"), lazy("sheets", "read_xls"), lazy("sheets", "read_xlsx")
from pipeline.decode import MIN_CYRILLIC_SHARE, cyrillic_share

__all__ = ["Limits", "Part", "detect_format", "read_document", "QUARANTINE_STATUSES"]

Reader = Callable[[bytes, Limits, Budget], Extracted]
CONTAINER_SUFFIXES = (".zip", ".docx", ".odt", ".pdf", ".doc", ".rtf", ".xlsx", ".xls")
PEEK_BYTES = 4096
BOMB_SCAN_LEVELS = 3       # below max_depth, archives are still scanned (not read) for bombs


def read_document(data: bytes, name: str, limits: Limits = Limits()) -> list[Part]:
    """One Part for a plain file, one per member (recursively) for a zip."""
    return read_any(data, name, None, 0, limits, Budget(limits.max_total_inflated))


def read_any(data: bytes, name: str, path: str | None, depth: int, limits: Limits,
             budget: Budget) -> list[Part]:
    if len(data) > limits.max_file_bytes:
        return [Part(path, detect_format(data[:PEEK_BYTES]), TOO_LARGE,
                     detail=f"{len(data)} bytes, more than {limits.max_file_bytes}",
                     size=len(data))]
    if not data.strip():
        return [empty_part(data, name, path)]
    fmt = detect_format(data)
    if fmt == "zip":
        return read_zip(data, name, path, depth + 1, limits, budget)
    return [read_single(data, fmt, path, limits, budget)]


def empty_part(data: bytes, name: str, path: str | None) -> Part:
    if not data and name.lower().endswith(CONTAINER_SUFFIXES):
        return Part(path, "unknown", CORRUPT, detail=f"0-byte file named {posixpath.basename(name)}")
    return Part(path, "unknown" if not data else "txt", NO_TEXT, detail="the file is empty",
                size=len(data))


def read_single(data: bytes, fmt: str, path: str | None, limits: Limits,
                budget: Budget) -> Part:
    try:
        extracted = extract(data, fmt, limits, budget)
    except Quarantine as q:
        return Part(path, fmt, q.status, detail=q.detail, size=len(data))
    status, detail = judge(extracted.text, limits)
    ok = status == OK
    return Part(path, fmt, status, text=extracted.text if ok else None,
                encoding=extracted.encoding, encoding_confidence=extracted.encoding_confidence,
                detail=extracted.warning if ok else detail, size=len(data),
                word_confidences=extracted.word_confidences if ok else ())


def read_package(reader: Callable[[safezip.Archive, Limits, Budget], Extracted]) -> Reader:
    def read(data: bytes, limits: Limits, budget: Budget) -> Extracted:
        with safezip.open_archive(data, limits) as archive:
            try:
                return reader(archive, limits, budget)
            except RecursionError:
                raise Quarantine(LIMITS_EXCEEDED, "XML elements nested too deep to walk") from None
    return read


def unsupported(data: bytes, limits: Limits, budget: Budget) -> Extracted:
    raise Quarantine(UNSUPPORTED, f"not a supported document: {describe(data)}")


READERS: dict[str, Reader] = {
    "txt": lambda data, limits, budget: read_txt(data, limits),
    "html": lambda data, limits, budget: read_html(data, limits),
    "rtf": lambda data, limits, budget: read_rtf(data, limits),
    "doc": lambda data, limits, budget: read_doc(data, limits),
    "pdf": read_pdf,
    "docx": read_package(read_docx),
    "odt": read_package(read_odt),
    "xlsx": read_package(read_xlsx),
    "xls": lambda data, limits, budget: read_xls(data, limits),
    "image": lambda data, limits, budget: read_image(data, limits),
}


def extract(data: bytes, fmt: str, limits: Limits, budget: Budget) -> Extracted:
    return READERS.get(fmt, unsupported)(data, limits, budget)


def judge(text: str, limits: Limits) -> tuple[str, str | None]:
    if len(text) > limits.max_text_chars:
        return LIMITS_EXCEEDED, f"{len(text)} characters of text, more than {limits.max_text_chars}"
    if not text.strip():
        return NO_TEXT, "no text in the document"
    if cyrillic_share(text) < MIN_CYRILLIC_SHARE:
        return NO_TEXT, "no Russian text (too few Cyrillic letters)"
    return OK, None


def read_zip(data: bytes, name: str, path: str | None, depth: int, limits: Limits,
             budget: Budget) -> list[Part]:
    if depth > limits.max_depth:
        too_deep = f"archive nested {depth} deep, more than {limits.max_depth}"
        try:
            safezip.scan_for_bomb(data, limits, budget, BOMB_SCAN_LEVELS)
        except Quarantine as q:
            return [Part(path, "zip", q.status, detail=f"{too_deep}, and {q.detail}",
                         size=len(data))]
        return [Part(path, "zip", LIMITS_EXCEEDED, detail=too_deep, size=len(data))]
    try:
        archive = safezip.open_archive(data, limits)
    except Quarantine as q:
        return [Part(path, "zip", q.status, detail=q.detail, size=len(data))]
    here = path or posixpath.basename(name.replace("\\", "/")) or "archive.zip"
    parts: list[Part] = []
    with archive:
        for member in safezip.members(archive):
            parts.extend(read_member(archive, member, here, depth, limits, budget))
    return parts or [Part(path, "zip", NO_TEXT, detail="the archive holds no files",
                          size=len(data))]


def read_member(archive: safezip.Archive, member: safezip.Member, here: str, depth: int,
                limits: Limits, budget: Budget) -> list[Part]:
    path = f"{here}/{member.path}"
    try:
        content = safezip.read_member(archive, member.info, limits, budget)
    except Quarantine as q:
        fmt = peek_format(archive, member.info)
        parts = [Part(path, fmt, q.status, detail=q.detail, size=member.info.file_size)]
    else:
        parts = read_any(content, member.path, path, depth, limits, budget)
    return [with_note(p, member.note) for p in parts] if member.note else parts


def peek_format(archive: safezip.Archive, info: zipfile.ZipInfo) -> str:
    """The format of a member that could not be read, from its first bytes."""
    if info.flag_bits & safezip.ENCRYPTED_FLAG:
        return "unknown"
    try:
        with archive.zip.open(info) as stream:
            return detect_format(stream.read(PEEK_BYTES))
    except safezip.ZIP_ERRORS + (NotImplementedError,):
        return "unknown"


def with_note(part: Part, note: str) -> Part:
    detail = f"{note}; {part.detail}" if part.detail else note
    return dataclasses.replace(part, detail=detail)
