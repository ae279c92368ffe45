"""Scans: text recognised by Tesseract (Russian and English) through pytesseract.

pytesseract is the binding: a thin wrapper over Debian's `tesseract` program
that returns every word with its confidence (``image_to_data``), which is
what the registry needs. ocrmypdf was the other choice; it rewrites whole PDFs
(a new text layer, through Ghostscript and qpdf) where only the text and the
confidences are wanted, and would not read lone images.

* Images (PNG, JPEG, TIFF, every page of a multi-page TIFF) and the image of
  each PDF page without a text layer (ingest.formats.pdf) are recognised at
  their own resolution (the dpi the file declares, else the one the caller
  computes from the page size; 300 when nothing says).
* Each page is deskewed first: the angle (within ±MAX_SKEW degrees) that
  makes the rows of a shrunken, binarised copy most uneven (text lines and
  the gaps between them) is found by a projection profile.
* Latin look-alikes inside Cyrillic text become Cyrillic: a word mixing both
  scripts, and a Latin word made only of look-alike letters next to a Cyrillic
  word (an initial read as "E.M." is "Е.М.").
* The result says it was recognised: the Part's encoding is "ocr", its
  encoding_confidence the mean word confidence (0-1), and its warning names
  the mean and the words recognised with low confidence, for the reviewer.
* Tesseract runs as a child of the worker: it inherits the worker's memory
  cap, runs one thread (OMP_THREAD_LIMIT=1), and each page has a time limit.
"""
from __future__ import annotations

import io
import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from ingest.formats.model import (CORRUPT, LIMITS_EXCEEDED, UNSUPPORTED, ZIP_BOMB, Extracted,
                                  Limits, Quarantine)

LANGUAGES = "rus+eng"
DEFAULT_DPI = 300
MIN_DPI, MAX_DPI = 70, 1200
PAGE_TIMEOUT_S = 120
MAX_PIXELS = 80_000_000            # an A4 page at 1000 dpi is ~93 M; scans are 200-600 dpi
LOW_CONFIDENCE = 60.0              # a word below this is named in the warning
SHOWN_LOW_WORDS = 10
MAX_SKEW = 5.0                     # degrees searched either way
SKEW_STEP = 0.25
SKEW_WIDTH = 800                   # the deskew search works on a copy this wide
LATIN = "ABCEHKMOPTXYaceoprxy"
CYRILLIC = "АВСЕНКМОРТХУасеоргху"
LOOKALIKES = str.maketrans(LATIN, CYRILLIC)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
HAS_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
HAS_LATIN = re.compile(r"[A-Za-z]")
ONLY_LOOKALIKES = re.compile(f"[{LATIN}]+")
# Cyrillic letters Tesseract sometimes reads as two Latin ones ("СОШ" as "COLI").
DIGRAPH_LETTERS = {"LLI": "Ш", "LI": "Ш", "bI": "ы", "bl": "ы", "IO": "Ю"}
NUMBER_SIGNS = {"Ne", "No", "Nº", "N°", "Ng", "Nе", "Nо"}   # "№" as Tesseract may read it
QUOTE_AS_HARD_SIGN = re.compile(r"Ъ(?=[.,;:)]?$)")  # a closing » read as Ъ
DIGRAPHS = re.compile("|".join(sorted(DIGRAPH_LETTERS, key=len, reverse=True)))
TABLE_GAP = 2.0                    # a gap this many characters wide separates cells
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-–—•*])$|^\d{1,3}\.\S")
BROKEN_WORD = re.compile(r"[^\W\d_]{2,}-$")


@dataclass
class Recognised:
    """Text of one or more pages, with every word's confidence (0-100) and,
    per page, each word's [start, stop) in that page's text."""
    pages: list[str] = field(default_factory=list)
    page_words: list[list[tuple[int, int, float]]] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    low_words: list[str] = field(default_factory=list)

    def add(self, other: "Recognised") -> None:
        self.pages += other.pages
        self.page_words += other.page_words
        self.confidences += other.confidences
        self.low_words += other.low_words

    def joined(self, separator: str) -> tuple[str, tuple[tuple[int, int, float], ...]]:
        """The pages joined, and every word's range in the joined text."""
        words: list[tuple[int, int, float]] = []
        offset = 0
        for page, ranges in zip(self.pages, self.page_words):
            words += [(start + offset, stop + offset, conf) for start, stop, conf in ranges]
            offset += len(page) + len(separator)
        return separator.join(self.pages), tuple(words)

    @property
    def mean(self) -> Optional[float]:
        return sum(self.confidences) / len(self.confidences) if self.confidences else None

    def note(self, what: str = "recognised") -> str:
        mean = self.mean
        note = (f"{what} by OCR (tesseract {LANGUAGES}), mean word confidence "
                f"{mean:.1f}%" if mean is not None else f"{what} by OCR: no words found")
        if self.low_words:
            shown = ", ".join(f"«{w}»" for w in self.low_words[:SHOWN_LOW_WORDS])
            hidden = len(self.low_words) - SHOWN_LOW_WORDS
            more = f" and {hidden} more" if hidden > 0 else ""
            note += (f"; low confidence (< {LOW_CONFIDENCE:g}%) on {len(self.low_words)} word(s): "
                     f"{shown}{more}")
        return note


def available() -> bool:
    return shutil.which("tesseract") is not None


def require_engine() -> None:
    if not available():
        raise Quarantine(UNSUPPORTED, "a scan, and no OCR engine is installed "
                         "(apt-get install tesseract-ocr tesseract-ocr-rus)")


def read_image(data: bytes, limits: Limits) -> Extracted:
    """PNG, JPEG or TIFF (every frame): the recognised text."""
    require_engine()
    from PIL import Image, UnidentifiedImageError

    frames: list[tuple[Any, int]] = []
    try:
        with open_image(data) as image:
            count = getattr(image, "n_frames", 1)
            if count > limits.max_pdf_pages:
                raise Quarantine(LIMITS_EXCEEDED, f"{count} image pages, more than {limits.max_pdf_pages}")
            for index in range(count):
                image.seek(index)
                frames.append((image.copy(), declared_dpi(image)))
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError) as error:
        raise Quarantine(CORRUPT, f"unreadable image: {type(error).__name__}: {error}") from None
    except Image.DecompressionBombError as error:
        raise Quarantine(ZIP_BOMB, f"image too large: {error}") from None
    found = Recognised()
    for frame, dpi in frames:
        found.add(recognise(frame, dpi))
    text, words = found.joined("\n\n")
    return Extracted(text, "ocr", confidence_share(found), found.note(), words)


def open_image(data: bytes) -> Any:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # larger raises DecompressionBombError
    image = Image.open(io.BytesIO(data))
    if image.width * image.height > MAX_PIXELS:
        raise Image.DecompressionBombError(f"{image.width}x{image.height} pixels")
    return image


def declared_dpi(image: Any) -> int:
    dpi = image.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if MIN_DPI <= value <= MAX_DPI else DEFAULT_DPI


def confidence_share(found: Recognised) -> Optional[float]:
    return round(found.mean / 100, 4) if found.mean is not None else None


def recognise(image: Any, dpi: int = DEFAULT_DPI) -> Recognised:
    """One page: grey, deskewed, recognised; words fixed for look-alikes."""
    import pytesseract

    page = deskew(image.convert("L"))
    env_before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        data = pytesseract.image_to_data(page, lang=LANGUAGES, config=f"--dpi {dpi}",
                                         timeout=PAGE_TIMEOUT_S, output_type=pytesseract.Output.DICT)
    except RuntimeError as error:  # pytesseract's timeout
        raise Quarantine(LIMITS_EXCEEDED, f"OCR of a page ran past {PAGE_TIMEOUT_S} s ({error})") from None
    except pytesseract.TesseractError as error:
        raise Quarantine(CORRUPT, f"tesseract failed: {error}") from None
    finally:
        if env_before is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = env_before
    return assemble(data)


@dataclass
class Line:
    block: int
    words: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    left: int = 0
    right: int = 0
    first_width: int = 0              # of its first word
    gaps: list[int] = field(default_factory=list)  # pixels before each word after the first

    @property
    def char_width(self) -> float:
        return (self.right - self.left) / max(sum(map(len, self.words)) + len(self.words) - 1, 1)


def read_lines(data: dict[str, list[Any]], found: Recognised) -> list[Line]:
    """Tesseract's words grouped by (block, paragraph, line), with each line's
    left and right edges; confidences counted into ``found``."""
    lines: list[Line] = []
    last: Optional[tuple[int, int, int]] = None
    has_boxes = "left" in data and "width" in data
    for i, raw in enumerate(data["text"]):
        word = (raw or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        left = int(data["left"][i]) if has_boxes else 0
        right = left + int(data["width"][i]) if has_boxes else 0
        if key != last:
            lines.append(Line(key[0], left=left, right=right, first_width=right - left))
            last = key
        line = lines[-1]
        if line.words:
            line.gaps.append(left - line.right)
        line.words.append(word)
        line.left, line.right = min(line.left, left), max(line.right, right)
        confidence = float(data["conf"][i])
        line.confidences.append(confidence)
        if confidence >= 0:
            found.confidences.append(confidence)
            if confidence < LOW_CONFIDENCE:
                found.low_words.append(word)
    return lines


def wrapped(line: Line, following: Line, block_right: int) -> bool:
    """The line runs on into the next: the next line's first word would not
    have fitted after it within the block's right edge (so the writer did not
    break the line there), and the next line starts no list item."""
    if following.block != line.block or not line.right or LIST_ITEM.match(following.words[0]):
        return False
    space = line.char_width
    return line.right + space + following.first_width > block_right + space


def assemble(data: dict[str, list[Any]]) -> Recognised:
    """The page's text from Tesseract's words. Words far apart on a line (table
    cells, a number before its item) are separated by a tab, as table rows of
    other formats are. A line the page wrapped (the next word did not fit)
    continues on the next, so the two are joined by a space, or without the hyphen of a word broken
    across them; other lines end with a newline, blocks with a blank line.
    Look-alikes are fixed line by line, and every word's range in the
    text (as fixed) is kept."""
    found = Recognised()
    lines = read_lines(data, found)
    right_edge: dict[int, int] = {}
    for line in lines:
        right_edge[line.block] = max(right_edge.get(line.block, 0), line.right)
    pieces: list[str] = []
    ranges: list[tuple[int, int, float]] = []
    position = 0
    joiner = ""
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else None
        words = fix_lookalikes(line.words)
        runs_on = following is not None and wrapped(line, following, right_edge[line.block])
        broken = runs_on and BROKEN_WORD.search(words[-1]) and following.words[0][:1].islower()
        if broken:
            words[-1] = words[-1][:-1]
        tab = TABLE_GAP * line.char_width
        for index, (word, confidence) in enumerate(zip(words, line.confidences)):
            gap = joiner if index == 0 else "\t" if line.gaps and line.gaps[index - 1] > tab else " "
            pieces.append(gap)
            position += len(gap)
            if confidence >= 0:
                ranges.append((position, position + len(word), confidence))
            pieces.append(word)
            position += len(word)
        if following is None:
            break
        joiner = "" if broken else " " if runs_on else "\n" if following.block == line.block else "\n\n"
    found.pages.append("".join(pieces))
    found.page_words.append(ranges)
    return found


def fix_lookalikes(words: list[str]) -> list[str]:
    """Latin letters that look Cyrillic, inside Cyrillic text, become Cyrillic;
    "Ne 33" is "№ 33", and a closing » read as Ъ after an opening « is put back."""
    cyrillic = [bool(HAS_CYRILLIC.search(w)) for w in words]
    fixed = []
    quoted = False  # inside «...» so far on this line
    for i, word in enumerate(words):
        neighbour = (i > 0 and cyrillic[i - 1]) or (i + 1 < len(words) and cyrillic[i + 1])
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in NUMBER_SIGNS and following[:1].isdigit() and (neighbour or i == 0):
            fixed.append("№")
            continue
        word = WORD.sub(lambda m: fix_token(m.group(), neighbour), word)
        quoted = quoted or "«" in word.rpartition("»")[2]
        if quoted and "»" not in word.rpartition("«")[2] and QUOTE_AS_HARD_SIGN.search(word):
            word = QUOTE_AS_HARD_SIGN.sub("»", word)
        if "»" in word.rpartition("«")[2]:
            quoted = False
        fixed.append(word)
    return fixed


def fix_token(token: str, cyrillic_neighbour: bool) -> str:
    if not HAS_LATIN.search(token):
        return token
    mixed = bool(HAS_CYRILLIC.search(token))
    if mixed or cyrillic_neighbour:
        mended = DIGRAPHS.sub(lambda m: DIGRAPH_LETTERS[m.group()], token)
        if mended != token and not HAS_LATIN.search(mended.translate(LOOKALIKES)):
            return mended.translate(LOOKALIKES)
    if mixed and not HAS_LATIN.search(token.translate(LOOKALIKES)):
        return token.translate(LOOKALIKES)
    if not mixed and cyrillic_neighbour and ONLY_LOOKALIKES.fullmatch(token):
        return token.translate(LOOKALIKES)
    return token


def deskew(page: Any) -> Any:
    """The page turned by the skew angle found (white fills the corners)."""
    angle = skew_angle(page)
    if abs(angle) < SKEW_STEP:
        return page
    from PIL import Image

    return page.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)


def skew_angle(page: Any) -> float:
    """Degrees to turn the page (counter-clockwise) so its text lines lie flat."""
    import numpy as np
    from PIL import Image

    scale = min(1.0, SKEW_WIDTH / max(page.width, 1))
    small = page.resize((max(1, int(page.width * scale)), max(1, int(page.height * scale))),
                        Image.BILINEAR)
    ink = np.asarray(small, dtype=np.uint8) < 128
    if ink.sum() < 50:
        return 0.0
    mask = Image.fromarray((ink * 255).astype(np.uint8))
    best, best_score = 0.0, -1.0
    for angle in candidate_angles():
        turned = mask.rotate(angle, resample=Image.NEAREST, expand=True)
        rows = np.asarray(turned, dtype=np.float64).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def candidate_angles() -> Iterable[float]:
    steps = int(MAX_SKEW / SKEW_STEP)
    return [i * SKEW_STEP for i in range(-steps, steps + 1)]
