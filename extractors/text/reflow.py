"""A reflowed view of the text, with every offset mapped back to the source.

Converted documents break running text: a paragraph hard-wrapped over several
lines, a word cut by a hyphen at a line end (``образова-`` / ``тельных``), runs
of spaces (``Дать      согласие``), two words glued where a line break was lost
(``работыУправления``). The reflowed view joins a line to the one before it
when ``lines.continues`` says it continues it (never a list item, heading or
table row), drops the hyphen of a cut word, turns each run of white space in a
line (not in a table row) into one space, and puts a space between glued
words. ``to_source(start, stop)`` maps any reflowed span back to the source
span it was made from, so a mention found in the reflowed view is still a
slice of the original text.

Linear time: the edits come from one pass over the lines and two regex scans;
the view is built by concatenating the unchanged stretches between them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import itemgetter

from extractors.text.lines import BLANK, HEADING, INDENT, TABLE, TEXT, Line, continues, is_word_hyphen

SPACE_RUN = re.compile(r"[ \t\u00a0\r]{2,}|[\t\u00a0\r]")
ODD_SPACES = "\t\u00a0\r"  # SPACE_RUN's white space other than the space
BODY_IS_CONTENT = (TEXT, HEADING)  # kinds ``lines.classify`` gives only to a line without a marker
# Glued words: a capital after two lower-case letters, before one. Matched at the
# capital (the same places as ``(?<=[а-яё]{2})(?=[А-ЯЁ][а-яё])``: two such capitals
# are 3 apart, so consuming one loses none): re then skips to capitals, rare in text,
# instead of trying the look-behind at every character.
GLUED = re.compile(r"[А-ЯЁ](?<=[а-яё]{2}[А-ЯЁ])(?=[а-яё])")

Edit = tuple[int, int, str]  # replace source[start:stop] by the string
EDIT_SPAN = itemgetter(0, 1)


def line_edits(text: str, found: list[Line]) -> list[Edit]:
    """Edits at line boundaries and inside lines, in source order."""
    edits: list[Edit] = []
    before: Line | None = None
    gap_start, blank_between = 0, False
    odd_spaces = [c for c in ODD_SPACES if c in text]
    for line in found:
        if line.kind == BLANK:
            blank_between = before is not None
            continue
        # a text line or heading has no list marker, so its body is where its content starts
        content = line.body if line.kind in BODY_IS_CONTENT else first_content(text, line)
        if before is None:
            edits.append((0, content, ""))
        elif blank_between:
            edits.append((gap_start, content, "\n\n"))
        elif continues(text, before, line):
            edits.append(joint(text, before, line, content))
        else:
            edits.append((gap_start, content, "\n"))
        if line.kind != TABLE and has_space_run(text, content, line.stop, odd_spaces):
            edits.extend((m.start(), m.end(), " ") for m in SPACE_RUN.finditer(text, content, line.stop))
        before, gap_start, blank_between = line, line.stop, False
    edits.append((gap_start if before is not None else 0, len(text), ""))
    return edits


def has_space_run(text: str, start: int, stop: int, odd_spaces: list[str]) -> bool:
    """True when SPACE_RUN may match in ``[start, stop)``: it needs two spaces in a row
    or one of ``odd_spaces`` (the ``ODD_SPACES`` the text holds). C string searches
    instead of a regex attempt at every space of the line."""
    return text.find("  ", start, stop) >= 0 or \
        bool(odd_spaces) and any(text.find(c, start, stop) >= 0 for c in odd_spaces)


def first_content(text: str, line: Line) -> int:
    return INDENT.match(text, line.start, line.stop).end()


def joint(text: str, before: Line, line: Line, content: int) -> Edit:
    """How a continued line joins the one before: a hyphen-cut word closes up
    (its hyphen dropped when the word goes on in lower case), anything else
    with one space."""
    if is_word_hyphen(text, before.stop):
        if text[content].islower():
            return (before.stop - 1, content, "")
        return (before.stop, content, "")
    return (before.stop, content, " ")


class Reflowed:
    """The reflowed text and its map to the source."""

    def __init__(self, source: str, edits: list[Edit]) -> None:
        self.source = source
        segments: list[tuple[str, int, int, bool]] = []  # each non-empty piece of the view:
        pos = 0  # (piece, source start, source stop, copied from the source)
        for start, stop, replacement in sorted(edits, key=EDIT_SPAN):
            if start < pos:  # overlapping edits cannot come from line_edits; be safe
                continue
            if start > pos:
                segments.append((source[pos:start], pos, start, True))
            if replacement:
                segments.append((replacement, start, stop, False))
            pos = stop
        if pos < len(source):
            segments.append((source[pos:], pos, len(source), True))
        pieces, s_starts, s_stops, copied = map(list, zip(*segments)) if segments else ([], [], [], [])
        r_starts = list(accumulate(map(len, pieces), initial=0))  # reflowed start of each piece
        r_starts.pop()
        self.text = "".join(pieces)
        self._r, self._s, self._e, self._copy = r_starts, s_starts, s_stops, copied

    def aligned(self) -> list[list[int]]:
        """``[start, stop, shift]`` (in order) for each source stretch that stands in the
        view character for character at ``start + shift``: copied stretches, joined
        across a replacement of white space by as much white space (a line break kept,
        or made a space), which reads the same to any rule that sees white space only
        as ``\\s``."""
        regions: list[list[int]] = []
        text, source = self.text, self.source
        current: list[int] | None = None
        for r, s, e, copy, r_stop in zip(self._r, self._s, self._e, self._copy,
                                          self._r[1:] + [len(text)]):
            if not copy and not (r_stop - r == e - s and text[r:r_stop].isspace()
                                 and source[s:e].isspace()):
                current = None
            elif current is not None and current[1] == s and current[2] == r - s:
                current[1] = e
            else:
                current = [s, e, r - s]
                regions.append(current)
        return regions

    def source_start(self, offset: int) -> int:
        """Source offset of the reflowed character at ``offset`` (of the start of
        the replaced stretch when the character replaces white space)."""
        if offset >= len(self.text):
            return len(self.source)
        i = bisect_right(self._r, offset) - 1
        if self._copy[i]:
            return self._s[i] + offset - self._r[i]
        return self._s[i]

    def source_stop(self, offset: int) -> int:
        """Source offset just after the reflowed character before ``offset``."""
        if offset <= 0:
            return 0
        i = bisect_right(self._r, offset - 1) - 1
        if self._copy[i]:
            return self._s[i] + offset - self._r[i]
        return self._e[i]

    def to_source(self, start: int, stop: int) -> tuple[int, int]:
        """The source span ``[start, stop)`` of the reflowed text was made from."""
        if stop <= start:
            at = self.source_start(start)
            return at, at
        return self.source_start(start), self.source_stop(stop)

    def from_source(self, offset: int) -> int:
        """The reflowed offset of source ``offset`` (the replacement's start when
        ``offset`` falls in replaced white space or a dropped hyphen)."""
        i = bisect_right(self._s, offset) - 1
        if i < 0:
            return 0
        if self._copy[i]:
            return self._r[i] + min(offset - self._s[i], self._e[i] - self._s[i])
        return self._r[i] + (0 if offset < self._e[i] else 1)

    def from_source_all(self, offsets: list[int]) -> list[int]:
        """``from_source`` of each of ``offsets``, the bisections done by one C-level map."""
        r_starts, s_starts, s_stops, copied = self._r, self._s, self._e, self._copy
        found = []
        for offset, i in zip(offsets, map(bisect_right, repeat(s_starts), offsets)):
            i -= 1
            if i < 0:
                found.append(0)
            elif copied[i]:
                s_stop = s_stops[i]
                found.append(r_starts[i] + (offset if offset < s_stop else s_stop) - s_starts[i])
            else:
                found.append(r_starts[i] + (0 if offset < s_stops[i] else 1))
        return found


def reflow(text: str, found: list[Line]) -> Reflowed:
    edits = line_edits(text, found)
    edits.extend((m.start(), m.start(), " ") for m in GLUED.finditer(text))
    return Reflowed(text, edits)
