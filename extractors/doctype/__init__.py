"""doctype: what kind of document this is (protocol, report, news, info, plan,
other), decided by weighted cues (``data/doctype.json``).

A cue counts once per document (its first match). Title cues are looked for
only in the first non-empty lines, line cues at the start of any line. Each
found cue is a DOCTYPE_CUE mention (attrs ``type``, ``weight``); ``build``
sums the weights per type and returns the winner with the spans of its cues.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from extractors.base import load_lexicon, source_text, span_refs, stored_mentions
from schemas.mention import Mention
from schemas.records import SpanRef

NAME = "doctype"
LABEL = "DOCTYPE_CUE"
DEFAULT_TYPE = "other"
NON_EMPTY_LINE = re.compile(r"^[ \t]*\S[^\n]*", re.MULTILINE)


@dataclass(frozen=True)
class Cue:
    type: str
    scope: str
    weight: float
    pattern: re.Pattern[str]
    min_rows: int = 0


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    data = load_lexicon("doctype.json")
    return tuple(Cue(c["type"], c["scope"], float(c["weight"]),
                     re.compile(c["pattern"], re.IGNORECASE | re.MULTILINE), int(c.get("min", 0)))
                 for c in data["cues"])


def first_lines(text: str, key: str) -> list[tuple[int, int]]:
    count = int(load_lexicon("doctype.json")[key])
    return [(m.start(), m.end()) for m in NON_EMPTY_LINE.finditer(text)][:count]


def table_cue(doc: Doc, cue: Cue) -> Mention | None:
    """A cue from the action table: its first row, when the table is long enough."""
    rows = stored_mentions(doc, "actions")
    if len(rows) < cue.min_rows:
        return None
    first = min(rows, key=lambda m: m.start)
    return Mention.of(source_text(doc), LABEL, first.start, first.stop, NAME, min(1.0, cue.weight / 5),
                      type=cue.type, weight=cue.weight, scope=cue.scope)


def first_match(cue: Cue, text: str, windows: list[tuple[int, int]]) -> re.Match[str] | None:
    for start, stop in windows:
        match = cue.pattern.search(text, start, stop)
        if match and match.end() > match.start():
            return match
    return None


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    windows = {"title": first_lines(text, "title_lines"), "head": first_lines(text, "head_lines")}
    whole = [(0, len(text))]
    found = []
    for cue in cues():
        if cue.scope == "table":
            found += [m for m in (table_cue(doc, cue),) if m]
            continue
        match = first_match(cue, text, windows.get(cue.scope, whole))
        if match is None:
            continue
        start, stop = match.start(), match.end()
        while start < stop and text[start].isspace():
            start += 1
        found.append(Mention.of(text, LABEL, start, stop, NAME, min(1.0, cue.weight / 5),
                                type=cue.type, weight=cue.weight, scope=cue.scope))
    return found


def build(doc: Doc, mentions: list[Mention]) -> tuple[str, list[SpanRef]]:
    totals: dict[str, float] = defaultdict(float)
    for m in mentions:
        totals[m.attrs["type"]] += m.attrs["weight"]
    if not totals:
        return DEFAULT_TYPE, []
    best = max(totals, key=lambda t: (totals[t], -min(m.start for m in mentions
                                                       if m.attrs["type"] == t)))
    return best, span_refs(m for m in mentions if m.attrs["type"] == best)
