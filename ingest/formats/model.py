"""Value types of the format readers: limits, the Part a reader yields, and
the internal Quarantine signal a reader raises to turn an input into a
quarantined Part (it never leaves the package)."""
from __future__ import annotations

from dataclasses import dataclass

OK = "ok"
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
NO_TEXT = "no_text"
TOO_LARGE = "too_large"
ZIP_BOMB = "zip_bomb"
UNSUPPORTED = "unsupported"
LIMITS_EXCEEDED = "limits_exceeded"
QUARANTINE_STATUSES = (ENCRYPTED, CORRUPT, NO_TEXT, TOO_LARGE, ZIP_BOMB, UNSUPPORTED,
                       LIMITS_EXCEEDED)
FORMATS = ("txt", "docx", "doc", "xlsx", "xls", "pdf", "rtf", "odt", "html", "image", "zip", "unknown")


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 2**20        # larger input -> too_large
    max_text_chars: int = 8 * 2**20         # extracted text longer -> limits_exceeded
    max_member_bytes: int = 100 * 2**20     # one zip member / docx part inflated -> zip_bomb when above
    max_total_inflated: int = 300 * 2**20   # whole archive inflated -> zip_bomb
    max_ratio: int = 200                    # inflated/compressed ratio of a member -> zip_bomb
    max_depth: int = 3                      # nested archives deeper -> limits_exceeded
    max_members: int = 10000                # -> limits_exceeded
    max_pdf_pages: int = 2000               # -> limits_exceeded


@dataclass(frozen=True)
class Part:
    container_path: str | None   # path inside the container chain, e.g. "a.zip/2021/b.docx"; None for a plain file
    format: str                  # one of FORMATS
    status: str                  # "ok" or a quarantine reason (QUARANTINE_STATUSES)
    text: str | None = None      # decoded text when ok
    encoding: str | None = None  # for txt/html: detected encoding
    encoding_confidence: float | None = None
    detail: str | None = None    # human-readable reason (or a warning on an ok part)
    size: int = 0                # bytes of this part
    # Recognised (OCR) text: (start, stop, confidence 0-100) of each word in `text`.
    word_confidences: tuple[tuple[int, int, float], ...] = ()


@dataclass(frozen=True)
class Extracted:
    """What a single-document reader returns when it succeeds."""
    text: str
    encoding: str | None = None
    encoding_confidence: float | None = None
    warning: str | None = None
    word_confidences: tuple[tuple[int, int, float], ...] = ()  # OCR: see Part


class Quarantine(Exception):
    """Raised inside a reader; read_document turns it into a quarantined Part."""

    def __init__(self, status: str, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


class Budget:
    """Inflated bytes left for one top-level input (shared by nested archives)."""

    def __init__(self, total: int) -> None:
        self.left = total

    def spend(self, count: int) -> None:
        self.left -= count
