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
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc

from extractors.base import load_lexicon, source_text, stored_mentions
from extractors.layout.headers import KindHeaders, header_matches
from schemas.mention import Mention
from schemas.mention_attrs import SectionAttrs

NAME = "layout"
LABEL = "SECTION"
TAIL = 64


class Lexicon(NamedTuple):
    """``data/sections.json``: the header words of each section kind (matched as
    ``headers`` says), and what follows an act's title word (a date or number line)."""
    headers: tuple[KindHeaders, ...]
    title_follow: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("sections.json")
        return cls(headers=tuple(KindHeaders.of(entry["kind"], entry["words"])
                                 for entry in data["headers"]),
                   title_follow=re.compile(data["title_follow"], re.IGNORECASE))


def content_end(text: str, stop: int) -> int:
    """``len(text[:stop].rstrip())`` without copying all the text before ``stop`` (once
    per section that was quadratic): the last ``TAIL`` characters hold that end unless
    they are all white space."""
    start = max(0, stop - TAIL)
    tail = text[start:stop].rstrip()
    return start + len(tail) if tail or start == 0 else len(text[:stop].rstrip())


def is_title(text: str, head_end: int) -> bool:
    """A decisions header word without a colon whose next non-blank line is a date or
    number line (``РЕШЕНИЕ`` / ``от 12.03.2019 № 5``) is the title of an act, not a
    section."""
    end = content_end(text, head_end)
    if end > 0 and text[end - 1] == ":":
        return False
    return Lexicon.load().title_follow.match(text, head_end) is not None


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    heads: dict[int, tuple[int, str]] = {}
    for kind, match in header_matches(Lexicon.load().headers, text):
        previous = heads.get(match.head_start)
        if previous is None or match.end > previous[0]:
            heads[match.head_start] = (match.end, kind)
    starts = sorted(heads)
    mentions = []
    for i, start in enumerate(starts):
        body_start, kind = heads[start]
        kind = "title" if kind == "decisions" and is_title(text, body_start) else kind
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        stop = content_end(text, stop)
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
