"""A pattern anchored at line starts (``^…`` under ``re.MULTILINE``) found along a whole
text by scanning for line breaks.

``re`` finds no prefix to scan for in ``^…`` and tests the ``^`` at every character of
the text. The same pattern written ``\\n…`` and searched in the text with a line break
put before it has a literal prefix, which ``re`` scans for in C: it matches at the line
break before each line start (the text's start included) where ``^…`` matches at that
line start, with the same rest, since nothing in the rest looks back (a pattern with a
look-behind or ``\\A``, or a top-level ``|``, is left as it is). ``spans`` lists the
matches as ``finditer`` does: each next one starts where the last ended or later (the
line break it takes may be the last one's final character); should a match be empty,
``finditer`` has rules of its own, and the plain pattern lists the rest.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from extractors.text.pattern_parts import has_top_level_bar


class LineStartPattern(NamedTuple):
    source: str
    flags: int
    after_break: re.Pattern[str]  # "\n" and the source without its "^"

    @classmethod
    def compile(cls, source: str, flags: int) -> "LineStartPattern | re.Pattern[str]":
        rest = source[1:]
        if not (source.startswith("^") and flags & re.MULTILINE) or has_top_level_bar(source) \
                or "(?<" in rest or "\\A" in rest:
            return re.compile(source, flags)
        return cls(source, flags, re.compile("\n" + rest, flags))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in re.compile(source, flags).finditer(text)]``."""
        padded = "\n" + text  # text offset = padded offset - 1: a match's line break is before it
        found: list[tuple[int, int]] = []
        pos = 0
        while (match := self.after_break.search(padded, pos)) is not None:
            start, end = match.start(), match.end() - 1
            if end == start:  # an empty match: finditer's own rules for what follows
                plain = re.compile(self.source, self.flags)
                return found + [m.span() for m in plain.finditer(text, start)]
            found.append((start, end))
            pos = end  # the line break at padded ``end`` is the text's ``end - 1``
        return found
