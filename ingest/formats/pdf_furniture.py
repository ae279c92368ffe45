"""Page furniture of a PDF's text layer: running headers, footers and page numbers.

A printed document repeats its title or organisation at the top of each page
and "Страница 3 из 7" (or "- 3 -", or "3") at the bottom; read as text, these
lines land in the middle of paragraphs and table rows. ``strip_furniture``
removes, from the first and last ``EDGE_LINES`` lines of each page:
* a line that is a page number by its shape (``is_page_number``);
* a line that repeats at the same edge of at least half of the pages (two at
  least), the page's own number aside -- a running header or footer.
* the first line of a page when the lines right below it say the same: the
  running header of a document's only (or first) page repeating its title,
  whole or cut short with an ellipsis.
The body's own lines (hard-wrapped at the page width) are kept as lines, with
runs of spaces from justified text made single (a line whose gaps are mostly
wide), so the text layer's reflow joins them as it joins any hard-wrapped
text; a wide gap in an otherwise single-spaced line (``Глава города   А.Б.
Петров``, a tab stop) stays as the author set it.
"""
from __future__ import annotations

import re
from collections import Counter

EDGE_LINES = 2
# "Страница 3 из 7", "стр. 3", "Page 3 of 7", "3 / 7", "- 3 -", "3" (a bare
# number only when it is the page's own number: a table cell may be one too).
PAGE_NUMBER = re.compile(
    r"^\s*(?P<word>(?:стр(?:аница)?|лист|page)\.?\s*)?[-–—]?\s*(?P<n>\d{1,4})\s*[-–—]?\s*"
    r"(?P<of>(?:из|of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")
GAP = re.compile(r"(?<=\S) +(?=\S)")
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)$")
DIGITS = re.compile(r"\d+")


def is_page_number(line: str, page: int) -> bool:
    found = PAGE_NUMBER.match(line)
    return bool(found) and bool(found["word"] or found["of"] or int(found["n"]) == page)


def shapes(line: str, page: int) -> set[str]:
    """The line with spaces collapsed, as it is and with the page's own number
    made "#": "Протокол № 5, стр. 3" on page 3 is "Протокол № 5, стр. 4" on
    page 4, and a header "Приказ № 1" stays itself on page 1 (other numbers
    stay: body lines that differ by them differ)."""
    plain = " ".join(line.split()).casefold()
    return {plain, " ".join(DIGITS.sub(lambda m: "#" if int(m[0]) == page else m[0], plain).split())}


def edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indices of the first and the last EDGE_LINES non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:EDGE_LINES], filled[-EDGE_LINES:]


def repeated(pages: list[tuple[int, list[str]]]) -> tuple[set[str], set[str]]:
    """Shapes seen at the top (and at the bottom) of at least half the pages."""
    if len(pages) < 2:
        return set(), set()
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page, lines in pages:
        head, tail = edges(lines)
        top.update(set().union(*(shapes(lines[i], page) for i in head)))
        bottom.update(set().union(*(shapes(lines[i], page) for i in tail)))
    need = max(2, (len(pages) + 1) // 2)
    return ({s for s, n in top.items() if n >= need and s},
            {s for s, n in bottom.items() if n >= need and s})


def furniture(lines: list[str], edge: list[int], common: set[str], page: int) -> set[int]:
    """Indices of furniture among a page's edge lines; a repeated line is
    dropped once (a title that is also the running header stays once)."""
    drop, used = set(), set()
    for i in edge:
        found = shapes(lines[i], page) & common
        if found and not found & used:
            drop.add(i)
            used |= found
        elif is_page_number(lines[i], page):
            drop.add(i)
    return drop


def justified(line: str) -> bool:
    """Most gaps between the line's words are runs of spaces (word spacing of
    justified text), not single spaces around one wide gap."""
    gaps = GAP.findall(line)
    return 2 * sum(len(gap) > 1 for gap in gaps) > len(gaps)


def unjustified(line: str) -> str:
    return SPACE_RUN.sub(" ", line) if justified(line) else line


def title_repeat(lines: list[str], head: list[int]) -> set[int]:
    """The first line when the text below it repeats it: the running header over
    the title, whole or cut short with an ellipsis (``Отчёт о семинаре для …``)."""
    if len(head) < 2:
        return set()
    first = " ".join(lines[head[0]].split()).casefold()
    short = ELLIPSIS.sub("", first)
    if first and first == " ".join(lines[head[1]].split()).casefold():
        return {head[0]}
    below = " ".join(" ".join(lines[head[1]:head[1] + 3]).split()).casefold()
    if short != first and len(short.split()) >= 3 and below.startswith(short):
        return {head[0]}
    return set()


def strip_furniture(texts: list[str], keep: frozenset[int] = frozenset()) -> list[str]:
    """The pages' texts without headers, footers and page numbers; pages
    whose positions (from 0) are in ``keep`` are returned unchanged."""
    pages = [text.split("\n") for text in texts]
    top, bottom = repeated([(i + 1, lines) for i, lines in enumerate(pages) if i not in keep])
    out = []
    for number, lines in enumerate(pages):
        if number in keep:
            out.append(texts[number])
            continue
        head, tail = edges(lines)
        page = number + 1
        drop = furniture(lines, head, top, page) | furniture(lines, tail, bottom, page)
        if not drop & set(head):
            drop |= title_repeat(lines, head)
        out.append("\n".join(unjustified(line) for i, line in enumerate(lines) if i not in drop))
    return out
