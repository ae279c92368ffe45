"""The scanned pages of a document recognised by OCR, as PNG, for the review
page to show beside the recognised text.

The file is the one the registry stored for the document (its primary source,
else another plain file holding the same text), found by the document's
database id only: no path ever comes from a request. It is read only when it
is still a regular file of at most the ingest size limit whose bytes are the
ones ingested (their sha256 is the source id); a FIFO or a device is never
opened for reading, a file changed since is not shown as if it were the scan.

A PDF page's image is the one OCR recognised (ingest.formats.pdf.page_scan:
the page's largest image, turned as the page is shown); PNG, JPEG and TIFF
pages (every frame of a TIFF) are re-encoded as PNG, no wider than MAX_WIDTH.
A scan inside a zip (nested ones too) is read from the archive with ingest's
zip limits."""
from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ingest.formats.model import Limits
from registry.models import Document, DocumentSource

MAX_WIDTH = 1700            # pixels: a 300 dpi A4 scan is ~2480 wide; 1700 still reads small print
SCAN_FORMATS = ("pdf", "image")


class ScanUnavailable(Exception):
    """Why the scan cannot be shown, in Russian, for the page."""


@dataclass
class Scan:
    """The pages of a scan that can be shown (numbered from 1), or why none can."""
    pages: list[int] = field(default_factory=list)
    problem: Optional[str] = None


def is_scan(doc: Document) -> bool:
    return doc.encoding == "ocr"


def candidates(session: Session, doc: Document) -> Iterator[tuple[str, Optional[str], Optional[str]]]:
    """(path, source id, container path) of each stored copy, the primary one first."""
    yield doc.source_path, doc.source_id, doc.container_path
    rows = session.execute(select(DocumentSource.source_path, DocumentSource.source_id,
                                  DocumentSource.container_path)
                           .where(DocumentSource.document_id == doc.id)
                           .order_by(DocumentSource.id)).all()
    for path, source_id, container in rows:
        if (path, source_id, container) != (doc.source_path, doc.source_id, doc.container_path):
            yield path, source_id, container


def read_regular(path: Path, limit: int) -> Optional[bytes]:
    """The bytes of a regular file no larger than ``limit``; None when there is
    no such file. Opened without blocking, so a FIFO cannot hang the server."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def source_bytes(session: Session, doc: Document) -> tuple[bytes, str]:
    """The scan's file bytes and its format ("pdf" or "image"), or ScanUnavailable."""
    limit = Limits().max_file_bytes
    changed = False
    for path, source_id, container in candidates(session, doc):
        data = read_regular(Path(path), limit)
        if data is None:
            continue
        if source_id and hashlib.sha256(data).hexdigest() != source_id:
            changed = True
            continue
        if container is not None:
            data = archive_member(data, PurePosixPath(path).name, container, 1)
            if data is None:
                continue
        return data, doc.format or ""
    if changed:
        raise ScanUnavailable(f"Файл скана {doc.source_path} изменён после загрузки: "
                              "изображение страниц не показано, сверяйте с бумажным оригиналом.")
    where = doc.source_path + (f" (внутри: {doc.container_path})" if doc.container_path else "")
    raise ScanUnavailable(f"Исходный файл скана {where} не найден: изображение "
                          "страниц показать нельзя, текст распознан ранее.")


def archive_member(data: bytes, here: str, wanted: str, depth: int) -> Optional[bytes]:
    """The bytes of the member at container path ``wanted`` (ingest.formats names
    members "<archive name>/<member path>", nested archives likewise), read with
    ingest's zip limits; None when it is not there or cannot be read."""
    from ingest.formats import safezip
    from ingest.formats.model import Budget, Quarantine

    limits = Limits()
    if depth > limits.max_depth:
        return None
    try:
        with safezip.open_archive(data, limits) as archive:
            for member in safezip.members(archive):
                path = f"{here}/{member.path}"
                if path == wanted or wanted.startswith(path + "/"):
                    content = safezip.read_member(archive, member.info, limits,
                                                  Budget(limits.max_total_inflated))
                    return content if path == wanted else archive_member(content, path, wanted,
                                                                         depth + 1)
    except Quarantine:
        return None
    return None


def scan_pages(session: Session, doc: Document) -> Scan:
    """The pages to show for a document recognised by OCR."""
    if doc.format not in SCAN_FORMATS:
        return Scan(problem="Изображение страниц для этого формата не показывается.")
    try:
        data, fmt = source_bytes(session, doc)
        return Scan(pages=pdf_pages(data) if fmt == "pdf" else image_pages(data))
    except ScanUnavailable as why:
        return Scan(problem=str(why))


def page_png(session: Session, doc: Document, number: int) -> bytes:
    """Page ``number`` (from 1) of the scan as PNG, or ScanUnavailable."""
    if not is_scan(doc) or doc.format not in SCAN_FORMATS:
        raise ScanUnavailable("У этого документа нет скана.")
    data, fmt = source_bytes(session, doc)
    image = pdf_image(data, number) if fmt == "pdf" else image_frame(data, number)
    return png(image)


def png(image: Any) -> bytes:
    if image.mode not in ("1", "L", "LA", "RGB", "RGBA", "P"):
        image = image.convert("RGB")
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, max(round(image.height * MAX_WIDTH / image.width), 1)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def opened_image(data: bytes) -> Any:
    from PIL import Image

    from ingest.formats import ocr
    try:
        return ocr.open_image(data)
    except (OSError, ValueError, EOFError, SyntaxError, Image.DecompressionBombError):
        raise ScanUnavailable("Файл скана не читается как изображение.") from None


def image_pages(data: bytes) -> list[int]:
    with opened_image(data) as image:
        count = getattr(image, "n_frames", 1)
    return list(range(1, min(count, Limits().max_pdf_pages) + 1))


def image_frame(data: bytes, number: int) -> Any:
    with opened_image(data) as image:
        if not 1 <= number <= min(getattr(image, "n_frames", 1), Limits().max_pdf_pages):
            raise ScanUnavailable(f"В скане нет страницы {number}.")
        try:
            image.seek(number - 1)
            image.load()
        except (OSError, ValueError, EOFError) as error:
            raise ScanUnavailable(f"Страница {number} скана не читается: {error}") from None
        return image.copy()


def pdf_reader(data: bytes, work: Any) -> Any:
    """``work(reader)`` under the same stream caps as ingest's PDF reader."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    from ingest.formats.pdf import PDF_ERRORS
    cap = Limits().max_member_bytes
    try:
        with apply_configuration(zlib_maximum_output_length=cap, lzw_maximum_output_length=cap,
                                 run_length_maximum_output_length=cap,
                                 array_based_stream_maximum_output_length=cap,
                                 jbig2_maximum_output_length=cap, jbig2dec_binary=None):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                reader.decrypt("")
            return work(reader)
    except ScanUnavailable:
        raise
    except (LimitReachedError,) + PDF_ERRORS as error:
        raise ScanUnavailable(f"PDF скана не читается: {type(error).__name__}") from None


def pdf_pages(data: bytes) -> list[int]:
    """The pages that have an image (text pages were not recognised)."""
    def work(reader: Any) -> list[int]:
        pages = list(reader.pages)[:Limits().max_pdf_pages]
        return [n for n, page in enumerate(pages, start=1) if list(page.images.keys())]
    return pdf_reader(data, work)


def pdf_image(data: bytes, number: int) -> Any:
    from ingest.formats.pdf import page_scan

    def work(reader: Any) -> Any:
        if not 1 <= number <= min(len(reader.pages), Limits().max_pdf_pages):
            raise ScanUnavailable(f"В скане нет страницы {number}.")
        scan = page_scan(reader.pages[number - 1])
        if scan is None:
            raise ScanUnavailable(f"На странице {number} нет изображения.")
        return scan[0]
    return pdf_reader(data, work)
