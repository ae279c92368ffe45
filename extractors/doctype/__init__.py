"""doctype: what kind of document this is (protocol, report, news, info, plan,
other), decided by weighted cues (``data/doctype.json``).

A cue counts once per document (its first match). Title cues are looked for
only in the first non-empty lines, line cues at the start of any line (a line cue's
pattern is anchored by ``^``). A pattern anchored by ``^`` is tried only at line starts,
not searched at every character: a document has few, long lines. A cue is searched
(and compiled) only for a text that holds one of the strings each of its matches holds
(``literals.required_literals``, read off the cue as written: its searched form matches
where it does). Each
found cue is a DOCTYPE_CUE mention (``DoctypeCueAttrs``: type, weight, scope); ``build``
sums the weights per type and returns the winner with the spans of its cues.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from itertools import islice
from typing import NamedTuple

from spacy.tokens import Doc

from extractors.base import load_lexicon, source_text, span_refs, stored_mentions
from extractors.text.literals import folded, may_match, required_literals
from extractors.doctype.scan import prefixed
from extractors.text.pattern_parts import has_top_level_bar
from schemas.mention import Mention
from schemas.mention_attrs import DoctypeCueAttrs
from schemas.records import SpanRef

NAME = "doctype"
LABEL = "DOCTYPE_CUE"
DEFAULT_TYPE = "other"
NON_EMPTY_LINE = re.compile(r"^[ \t]*\S[^\n]*", re.MULTILINE)
LINE_BREAK = re.compile(r"\n")


class Cue(NamedTuple):
    type: str
    scope: str
    weight: float
    source: str  # the pattern as compiled (``searched``)
    min_rows: int = 0
    anchored: bool = False  # every match starts at a line start
    needs: tuple[str, ...] | None = None  # one of these is in every match (``required_literals``)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Compiled when first searched for: a cue none of whose ``needs`` a document
        holds is not (one that no document of a run holds costs no compiling)."""
        return compiled(self.source)


@cache
def compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE | re.MULTILINE)


def anchored(pattern: str) -> bool:
    """Whether ``pattern`` begins with ``^`` and has no ``|`` outside a group, so that
    every match of it starts at a line start."""
    return pattern.startswith("^") and not has_top_level_bar(pattern)


class Lexicon(NamedTuple):
    """``data/doctype.json``: the weighted cues, and how many first non-empty lines
    the ``title`` and ``head`` cues are looked for in."""
    cues: tuple[Cue, ...]
    title_lines: int
    head_lines: int

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("doctype.json")
        unanchored = [c["pattern"] for c in data["cues"]
                      if c["scope"] == "line" and not anchored(c["pattern"])]
        if unanchored:
            raise ValueError(f"a line cue's pattern must be anchored by ^: {unanchored}")
        cues = tuple(Cue(c["type"], c["scope"], float(c["weight"]), searched(c),
                         int(c.get("min", 0)), anchored(c["pattern"]),
                         required_literals(c["pattern"]))
                     for c in data["cues"])
        return cls(cues=cues, title_lines=int(data["title_lines"]),
                   head_lines=int(data["head_lines"]))


def searched(cue: dict) -> str:
    """The pattern as compiled: an "any" cue, searched along the whole text, opens with the
    class of its first letters where its shape allows (``scan.prefixed``: the same matches)."""
    return prefixed(cue["pattern"]) if cue["scope"] == "any" else cue["pattern"]


def first_lines(text: str, count: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in islice(NON_EMPTY_LINE.finditer(text), count)]


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def cue_mention(text: str, start: int, stop: int, cue: Cue) -> Mention:
    return Mention.of(text, LABEL, start, stop, NAME, min(1.0, cue.weight / 5),
                      attrs=DoctypeCueAttrs(type=cue.type, weight=cue.weight, scope=cue.scope))


def table_cue(doc: Doc, cue: Cue) -> Mention | None:
    """A cue from the action table: its first row, when the table is long enough."""
    rows = stored_mentions(doc, "actions")
    if len(rows) < cue.min_rows:
        return None
    first = min(rows, key=lambda m: m.start)
    return cue_mention(source_text(doc), first.start, first.stop, cue)


def first_match(cue: Cue, text: str, windows: list[tuple[int, int]]) -> re.Match[str] | None:
    """The first match in the first window that has one; a window is whole lines from a
    line start, so an anchored pattern can only match at its start."""
    find = cue.pattern.match if cue.anchored else cue.pattern.search
    for start, stop in windows:
        match = find(text, start, stop)
        if match and match.end() > match.start():
            return match
    return None


def first_line_match(cue: Cue, text: str, starts: list[int]) -> re.Match[str] | None:
    """``first_match`` over the whole text of an anchored pattern, tried at line starts."""
    pattern = cue.pattern
    for start in starts:
        match = pattern.match(text, start)
        if match:
            return match if match.end() > match.start() else None
    return None


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    lexicon = Lexicon.load()
    lines = first_lines(text, max(lexicon.title_lines, lexicon.head_lines))
    windows = {"title": lines[:lexicon.title_lines], "head": lines[:lexicon.head_lines]}
    whole = [(0, len(text))]
    starts = line_starts(text)
    found = []
    folded_text = folded(text)
    for cue in lexicon.cues:
        if cue.scope == "table":
            found += [m for m in (table_cue(doc, cue),) if m]
            continue
        if not may_match(cue.needs, folded_text):
            continue  # every match holds one of its needs, and the text holds none
        if cue.scope == "line":
            match = first_line_match(cue, text, starts)
        else:
            match = first_match(cue, text, windows.get(cue.scope, whole))
        if match is None:
            continue
        start, stop = match.start(), match.end()
        while start < stop and text[start].isspace():
            start += 1
        found.append(cue_mention(text, start, stop, cue))
    return found


def build(doc: Doc, mentions: list[Mention]) -> tuple[str, list[SpanRef]]:
    totals: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}  # each type's earliest cue (the tie-break), found in the same pass
    for m in mentions:
        kind = m.attrs.type
        totals[kind] += m.attrs.weight
        if kind not in first or m.start < first[kind]:
            first[kind] = m.start
    if not totals:
        return DEFAULT_TYPE, []
    best = max(totals, key=lambda t: (totals[t], -first[t]))
    return best, span_refs(m for m in mentions if m.attrs.type == best)
