"""PDF text layer via pypdf, with every stream decoder capped.

pypdf's decoders are limited through its Configuration (a context variable,
so the caps hold for this call only): a stream that inflates past the member
cap stops with LimitReachedError -> zip_bomb. Page count and text length are
checked against the limits; encrypted files open only with the empty password.
A page without a text layer is recognised from its largest image
(ingest.formats.ocr), so a PDF of scans, or of scans and text pages, is read.
Running headers, footers and page numbers of text pages are dropped
(ingest.formats.pdf_furniture); the body's hard-wrapped lines stay lines, and
a ruled table's row is one line of tab-separated cells (ingest.formats.pdf_layout).
"""
from __future__ import annotations

import io
import re
import struct
import zlib
from typing import Any, Optional

from pypdf import PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from ingest.formats import ocr
from ingest.formats.pdf_layout import page_text
from ingest.formats.pdf_furniture import strip_furniture
from ingest.formats.model import (CORRUPT, ENCRYPTED, LIMITS_EXCEEDED, NO_TEXT, ZIP_BOMB, Budget,
                                  Extracted, Limits, Quarantine)

EOF_MARK = b"%%EOF"
EOF_SEARCH_BYTES = 2048
PAGE_SEPARATOR = "\n\n"
MID_SENTENCE = re.compile(r"[\w,\-–(]\s*$")
# pypdf reads content operators at ~1 MB per 5-10 s; a page with more than this
# (no text page needs it; drawings might) is skipped with a warning.
PAGE_CONTENT_CAP = 2 * 2**20
BOMB_MESSAGE = re.compile(r"decompress|decoding exceeded|stream has|declared (?:size|stream)",
                          re.IGNORECASE)
CYCLE_MESSAGE = re.compile(r"cycl|loop|self reference", re.IGNORECASE)
# pypdf surfaces damage in many types besides its own errors.
PDF_ERRORS = (PyPdfError, DependencyError, ValueError, KeyError, IndexError, TypeError,
              AttributeError, AssertionError, RecursionError, OSError, zlib.error,
              struct.error, ArithmeticError, NotImplementedError)


def read_pdf(data: bytes, limits: Limits, budget: Budget) -> Extracted:
    if EOF_MARK not in data[-EOF_SEARCH_BYTES:]:
        raise Quarantine(CORRUPT, "truncated PDF: the end-of-file marker (%%EOF) is missing")
    cap = max(min(limits.max_member_bytes, budget.left), 0)
    try:
        with apply_configuration(zlib_maximum_output_length=cap, lzw_maximum_output_length=cap,
                                 run_length_maximum_output_length=cap,
                                 array_based_stream_maximum_output_length=cap,
                                 jbig2_maximum_output_length=cap, jbig2dec_binary=None):
            return extract(data, limits, budget)
    except LimitReachedError as error:
        raise Quarantine(limit_status(str(error)), f"pypdf stopped: {error}") from None
    except PDF_ERRORS as error:
        raise Quarantine(CORRUPT, f"unreadable PDF: {type(error).__name__}: {error}") from None


def limit_status(message: str) -> str:
    """pypdf raises LimitReachedError for inflation caps, reference cycles and
    structural counts alike."""
    if BOMB_MESSAGE.search(message):
        return ZIP_BOMB
    return CORRUPT if CYCLE_MESSAGE.search(message) else LIMITS_EXCEEDED


def extract(data: bytes, limits: Limits, budget: Budget) -> Extracted:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise Quarantine(ENCRYPTED, "the PDF needs a password to open")
    count = len(reader.pages)
    if count > limits.max_pdf_pages:
        raise Quarantine(LIMITS_EXCEEDED, f"{count} pages, more than {limits.max_pdf_pages}")
    texts: list[str] = []
    skipped: list[int] = []
    scanned: list[int] = []
    recognised = ocr.Recognised()
    ocr_words: dict[int, list[tuple[int, int, float]]] = {}  # by position in texts, from 1
    chars = 0
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        budget.spend(size)
        if budget.left < 0:
            raise Quarantine(ZIP_BOMB, "the PDF's page streams inflate past the total cap")
        if size > PAGE_CONTENT_CAP:
            skipped.append(number)
            continue
        text = page_text(page)
        if not text.strip() and ocr.available():
            scan = page_scan(page)
            if scan is not None:
                found = ocr.recognise(*scan)
                recognised.add(found)
                scanned.append(number)
                ocr_words[len(texts) + 1] = found.page_words[0]
                text = found.pages[0]
        chars += len(text)
        if chars > limits.max_text_chars:
            raise Quarantine(LIMITS_EXCEEDED, f"text longer than {limits.max_text_chars} characters")
        texts.append(text)
    warnings = [f"page(s) {', '.join(map(str, skipped))} skipped: content stream over "
                f"{PAGE_CONTENT_CAP} bytes"] if skipped else []
    if scanned:
        warnings.append(recognised.note(f"page(s) {', '.join(map(str, scanned))} recognised"))
    warning = "; ".join(warnings) or None
    if not any(t.strip() for t in texts):
        if skipped:
            raise Quarantine(LIMITS_EXCEEDED, str(warning))
        if not ocr.available():
            raise Quarantine(NO_TEXT, f"no text layer on any of {count} page(s) (a scan? no OCR "
                             "engine is installed: apt-get install tesseract-ocr tesseract-ocr-rus)")
        raise Quarantine(NO_TEXT, f"no text layer on any of {count} page(s), and no text recognised")
    texts = strip_furniture(texts, keep=frozenset(position - 1 for position in ocr_words))
    text, words = join_pages(texts, ocr_words)
    if scanned:
        return Extracted(text, "ocr", ocr.confidence_share(recognised), warning, words)
    return Extracted(text, warning=warning)


def join_pages(texts: list[str], ocr_words: dict[int, list[tuple[int, int, float]]]
               ) -> tuple[str, tuple[tuple[int, int, float], ...]]:
    """The pages' text, and the ranges of recognised words in it (``ocr_words``
    by the page's position in ``texts``, from 1). Pages are parted by a blank
    line, unless a paragraph runs on over the break (``runs_on``)."""
    out = ""
    words: list[tuple[int, int, float]] = []
    for number, raw in enumerate(texts, start=1):
        page = raw.strip("\n")
        if number > 1:
            out += "\n" if runs_on(out, page) else PAGE_SEPARATOR
        shift = len(out) - (len(raw) - len(raw.lstrip("\n")))
        words += [(start + shift, stop + shift, conf) for start, stop, conf in ocr_words.get(number, ())]
        out += page
    return out, tuple(words)


def runs_on(before: str, page: str) -> bool:
    """Whether the text before a page break stops mid-sentence and the page
    goes on in lower case: one paragraph broken by the page, not two."""
    return bool(before.rstrip()) and bool(MID_SENTENCE.search(before)) and page[:1].islower()


def page_scan(page: Any) -> Optional[tuple[Any, int]]:
    """The largest image on a page without text, turned as the page is shown,
    and its resolution from the page's width (None when the page has none)."""
    best = None
    for item in page.images:
        image = item.image
        if image is not None and (best is None or image.width * image.height > best.width * best.height):
            best = image
    if best is None:
        return None
    rotation = (page.rotation or 0) % 360
    if rotation:
        best = best.rotate(-rotation, expand=True)
    box = page.mediabox
    inches = float(box.height if rotation in (90, 270) else box.width) / 72
    dpi = round(best.width / inches) if inches > 0 else ocr.DEFAULT_DPI
    return best, min(max(dpi, ocr.MIN_DPI), ocr.MAX_DPI)
