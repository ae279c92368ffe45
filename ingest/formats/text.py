"""Plain text: bytes to str through pipeline.decode (UTF-8, UTF-8 BOM, cp1251,
koi8-r, cp866), made tolerant of two kinds of damage seen in real exports:

* NUL bytes (a few, e.g. from a broken converter): removed before decoding,
  with a warning in the Part's detail;
* a few invalid bytes in otherwise UTF-8 text: decoded as UTF-8 with U+FFFD
  replacement characters (NOT as cp1251, which would turn every Cyrillic
  letter into mojibake), with a warning and lowered confidence.

Errors of pipeline.decode map to statuses: EmptyInput -> no_text,
BinaryInput -> unsupported, NotRussian -> no_text (nothing Russian to read),
TooLarge -> too_large.
"""
from __future__ import annotations

import re

from pipeline.decode import Decoded, checked, decode
from schemas.errors import BinaryInput, EmptyInput, InputError, NotRussian, TooLarge

from ingest.formats.model import NO_TEXT, TOO_LARGE, UNSUPPORTED, Extracted, Limits, Quarantine

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
REPLACEMENT = "\ufffd"
MARKUP = re.compile(rb"<[^<>]*>|&[#A-Za-z0-9]+;")   # [^<>]: linear on unclosed "<"
# Damaged UTF-8: at least this many good non-ASCII characters per bad byte.
GOOD_PER_BAD = 10
DAMAGED_UTF8_CONFIDENCE = 0.6
ERROR_STATUS = ((EmptyInput, NO_TEXT), (NotRussian, NO_TEXT), (BinaryInput, UNSUPPORTED),
                (TooLarge, TOO_LARGE))


def read_txt(data: bytes, limits: Limits) -> Extracted:
    warnings: list[str] = []
    nuls = data.count(b"\x00") if not data.startswith(UTF16_BOMS) else 0
    if nuls:
        data = data.replace(b"\x00", b"")
        warnings.append(f"removed {nuls} NUL byte(s)")
    try:
        decoded = decode_bytes(data, limits, warnings)
    except tuple(error for error, _ in ERROR_STATUS) as error:
        status = next(s for e, s in ERROR_STATUS if isinstance(error, e))
        raise Quarantine(status, error.message) from None
    return Extracted(decoded.text, decoded.encoding, decoded.confidence,
                     "; ".join(warnings) or None)


def decode_bytes(data: bytes, limits: Limits, warnings: list[str]) -> Decoded:
    if data.startswith(UTF16_BOMS):
        return checked(Decoded(data.decode("utf-16", errors="replace"), "utf-16", 1.0), None)
    damaged = damaged_utf8(data)
    if damaged is not None:
        bad = damaged.count(REPLACEMENT)
        warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
        return checked(Decoded(damaged, "utf-8", DAMAGED_UTF8_CONFIDENCE), None)
    return decode(data, max_bytes=limits.max_file_bytes)


def damaged_utf8(data: bytes) -> str | None:
    """The text, if the bytes are UTF-8 with a few invalid sequences; else None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT)
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # non-ASCII, less the bad
    return text if good >= GOOD_PER_BAD * bad else None


def decode_markup(data: bytes, declared: str | None, limits: Limits) -> Extracted:
    """Bytes of a markup file. Valid UTF-8 wins (a declared charset is often
    stale); then a declared charset that decodes; else the encoding that
    pipeline.decode finds for the visible text (tags removed)."""
    if declared in ("utf-16", "utf-8-sig"):
        return Extracted(data.decode(declared, errors="replace"), declared, 1.0)
    try:
        return Extracted(data.decode("utf-8"), "utf-8", 0.99)
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return Extracted(data.decode(declared), declared, 0.9)
        except (LookupError, UnicodeDecodeError):
            pass
    encoding, confidence = markup_encoding(data, limits)
    return Extracted(data.decode(encoding, errors="replace"), encoding, confidence)


def markup_encoding(data: bytes, limits: Limits) -> tuple[str, float]:
    visible = MARKUP.sub(b" ", data)
    if damaged_utf8(visible) is not None:
        return "utf-8", DAMAGED_UTF8_CONFIDENCE
    try:
        decoded = decode(visible, max_bytes=limits.max_file_bytes)
    except InputError:
        return "utf-8", 0.1
    return decoded.encoding, decoded.confidence
