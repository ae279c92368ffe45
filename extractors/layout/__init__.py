"""Document layout: protocol and report sections found from their headers.

A SECTION mention spans a header line up to the next header (or the end of
the text); its ``SectionAttrs`` say what the section holds (``kind``, see
``data/sections.json``) and where its body begins (``body_start``). A header word standing alone
above a date or number line (``П О С Т А Н О В Л Е Н И Е`` / ``от 12.03.2019 № 5``)
names the act itself: its kind is ``title``.
Other extractors read these to give roles (``Слушали`` -> speaker) and to find
decision lists.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from extractors.base import load_lexicon, source_text, stored_mentions
from schemas.mention import Mention
from schemas.mention_attrs import SectionAttrs

NAME = "layout"
LABEL = "SECTION"
NUMBERING = r"(?:\d{1,2}[.)]\s*)?"
LETTER_GAP = r"[ \t]?"
WORD_GAP = r"\s+"


def spaced(words: str) -> str:
    """A header pattern that also matches letter-spaced writing (``р е ш и л и``)."""
    return WORD_GAP.join(LETTER_GAP.join(re.escape(ch) for ch in word) for word in words.split())


@dataclass(frozen=True)
class Lexicon:
    """``data/sections.json``: the header patterns of each section kind, and what
    follows an act's title word (a date or number line)."""
    headers: tuple[tuple[str, re.Pattern[str]], ...]
    title_follow: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("sections.json")
        return cls(headers=tuple((entry["kind"], header_pattern(entry["words"]))
                                 for entry in data["headers"]),
                   title_follow=re.compile(data["title_follow"], re.IGNORECASE))


def header_pattern(words: list[str]) -> re.Pattern[str]:
    alternation = "|".join(spaced(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^[ \t]*{NUMBERING}(?P<head>{alternation})[ \t]*+(?::|\.(?=[ \t]*+$)|$)",
                      re.IGNORECASE | re.MULTILINE)


def is_title(text: str, head_end: int) -> bool:
    """A decisions header word without a colon whose next non-blank line is a date or
    number line (``РЕШЕНИЕ`` / ``от 12.03.2019 № 5``) is the title of an act, not a
    section."""
    if text[:head_end].rstrip().endswith(":"):
        return False
    return Lexicon.load().title_follow.match(text, head_end) is not None


def line_starts(text: str) -> list[int]:
    """Where ``^`` can match in ``re.MULTILINE`` mode: the text's start and after each ``\\n``."""
    starts, newline = [0], text.find("\n")
    while newline >= 0:
        starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    return starts


def header_matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a header pattern, which begins with ``^`` and never
    matches empty: tried at line starts only, the one place ``^`` can match, rather than
    at every character (a match may run over lines: the next try is after its end)."""
    resume = 0
    for start in starts:
        if start >= resume and (match := pattern.match(text, start)):
            resume = match.end()
            yield match


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    heads: dict[int, tuple[int, str]] = {}
    starts = line_starts(text)
    for kind, pattern in Lexicon.load().headers:
        for match in header_matches(pattern, text, starts):
            start = match.start("head")
            previous = heads.get(start)
            if previous is None or match.end() > previous[0]:
                heads[start] = (match.end(), kind)
    starts = sorted(heads)
    mentions = []
    for i, start in enumerate(starts):
        body_start, kind = heads[start]
        kind = "title" if kind == "decisions" and is_title(text, body_start) else kind
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        stop = len(text[:stop].rstrip())
        if stop <= start:
            continue
        mentions.append(Mention.of(text, LABEL, start, stop, NAME, 1.0,
                                   attrs=SectionAttrs(kind=kind, body_start=body_start)))
    return mentions


def sections(doc: Doc, kind: str | None = None) -> list[Mention]:
    """Stored sections of the document, optionally only those of one ``kind``."""
    found = stored_mentions(doc, NAME)
    return [m for m in found if kind is None or m.attrs.kind == kind]


def section_at(doc: Doc, offset: int) -> Mention | None:
    for m in stored_mentions(doc, NAME):
        if m.start <= offset < m.stop:
            return m
    return None


def build(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    return mentions
