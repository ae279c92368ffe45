"""The composed school pattern matched as its head (legal form … type, numbers, quoted
and genitive name) and then its optional tail (``\\s+LOC``, ``\\s+HON(\\s+LOC)?``, the
closing quote, ``\\s+LOC`` after it), as one regex of the two would match.

The tail's locality pattern is a long one (prefix and kind words, a capitalised word,
an adjective's noun), and written out three times in one regex it cost ~2 ms to
compile; here it is compiled once and tried at each place. The same matches: every part
of the tail is optional and what follows it always matches, so ``re`` never backtracks
into the tail nor from it into the head; the head's first match is the whole regex's,
and each tail part's first match at its place (``pattern.match``, the same text before
it for look-behinds and the same ``endpos``) is the one the whole regex takes there.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple


class Tail(NamedTuple):
    """The tail's parts: ``\\s+`` + a locality (group ``loc``), ``\\s+`` + an honorific
    (group ``hon``) and the closing quote (``\\s*`` + an optional quote)."""
    locality: re.Pattern[str]
    honorific: re.Pattern[str]
    close: re.Pattern[str]


class SchoolMatch:
    """What the school family reads of a ``re.Match`` of the composed regex."""
    __slots__ = ("head", "text", "spans", "stop")

    def __init__(self, head: re.Match[str], text: str, spans: dict[str, tuple[int, int]],
                 stop: int) -> None:
        self.head, self.text, self.spans, self.stop = head, text, spans, stop

    def group(self, name: str | int = 0) -> str | None:
        if name == 0:
            return self.text[self.head.start():self.stop]
        if name in TAIL_GROUPS:
            span = self.spans.get(name)
            return self.text[span[0]:span[1]] if span else None
        return self.head.group(name)

    def start(self, name: str | int = 0) -> int:
        return self.span(name)[0]

    def end(self, name: str | int = 0) -> int:
        return self.span(name)[1]

    def span(self, name: str | int = 0) -> tuple[int, int]:
        if name == 0:
            return self.head.start(), self.stop
        if name in TAIL_GROUPS:
            return self.spans.get(name, (-1, -1))
        return self.head.span(name)

    def groupdict(self) -> dict[str, str | None]:
        found, text = self.head.groupdict(), self.text
        for name in TAIL_GROUPS:
            span = self.spans.get(name)
            found[name] = text[span[0]:span[1]] if span else None
        return found


# in the order the composed regex numbers them
TAIL_GROUPS = ("loc2", "hon", "loc4", "close", "loc3")


class SchoolPattern:
    """The composed regex's ``search``, ``match`` and ``finditer`` (head, then tail)."""

    def __init__(self, head: re.Pattern[str], tail: Tail) -> None:
        self.head, self.tail = head, tail

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> SchoolMatch | None:
        found = self.head.search(text, pos, len(text) if endpos is None else endpos)
        return self.with_tail(found, text, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> SchoolMatch | None:
        found = self.head.match(text, pos, len(text) if endpos is None else endpos)
        return self.with_tail(found, text, endpos)

    def finditer(self, text: str) -> Iterator[SchoolMatch]:
        """Each match from where the last one stopped (a match is never empty: it holds a
        type word)."""
        pos = 0
        while (found := self.search(text, pos)) is not None:
            yield found
            pos = found.stop

    def with_tail(self, head: re.Match[str] | None, text: str,
                  endpos: int | None) -> SchoolMatch | None:
        if head is None:
            return None
        end = len(text) if endpos is None else min(endpos, len(text))  # as re reads endpos
        spans: dict[str, tuple[int, int]] = {}
        pos = head.end()
        # the locality and the honorific open with \s+ (str.isspace is \s, every character)
        if pos < end and text[pos].isspace():
            pos = self.part(self.tail.locality, "loc", "loc2", text, pos, end, spans)
            after = self.part(self.tail.honorific, "hon", "hon", text, pos, end, spans)
            if after != pos:
                after = self.part(self.tail.locality, "loc", "loc4", text, after, end, spans)
            pos = after
        if head.span("q") != (-1, -1):  # (?(q)…): the opening quote was matched
            close = self.tail.close.match(text, pos, end)
            spans["close"] = close.span()
            pos = self.part(self.tail.locality, "loc", "loc3", text, close.end(), end, spans)
        else:
            spans["close"] = (pos, pos)
        return SchoolMatch(head, text, spans, pos)

    @staticmethod
    def part(pattern: re.Pattern[str], group: str, name: str, text: str, pos: int, end: int,
             spans: dict[str, tuple[int, int]]) -> int:
        """Where the tail goes on after ``pattern`` tried at ``pos`` (``pos`` if it does not
        match); its group's span noted as ``name``."""
        found = pattern.match(text, pos, end)
        if found is None:
            return pos
        spans[name] = found.span(group)
        return found.end()
