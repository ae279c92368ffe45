"""RTF via striprtf: \\'XX escapes decoded in the document's code page
(\\ansicpg or the font's \\fcharset; cp1251 when none is given), \\uN as Unicode."""
from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from ingest.formats.model import CORRUPT, Extracted, Limits, Quarantine

DEFAULT_CODEPAGE = "cp1251"
# striprtf is regex based; these are what it raises on malformed input.
RTF_ERRORS = (ValueError, IndexError, KeyError, LookupError, OverflowError)


def read_rtf(data: bytes, limits: Limits) -> Extracted:
    # RTF is 7-bit; stray 8-bit bytes are taken in the default code page.
    source = data.decode(DEFAULT_CODEPAGE, errors="replace")
    try:
        text = rtf_to_text(source, encoding=DEFAULT_CODEPAGE, errors="replace")
    except RTF_ERRORS as error:
        raise Quarantine(CORRUPT, f"unreadable RTF: {error}") from None
    return Extracted(text.replace("\r\n", "\n"))
