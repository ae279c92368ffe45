"""Sentences as half-open offset pairs. A full stop, ``!``, ``?`` or ``…``
followed by space and a capital letter, digit or opening quote ends a
sentence, except after an abbreviation (``г.``, ``им.``, ``ул.``, ``т.д.``,
listed in ``extractors/data/text_abbreviations.json``) or an initial
(``А.С.``), or inside «quotes». A paragraph always ends one: by default a paragraph is a line;
the text layer passes the paragraphs of its reflowed view instead, so that a
sentence hard-wrapped over two lines stays one sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, NamedTuple

from extractors.base import load_lexicon, trim

# Within a line only spaces and tabs separate sentences (as ever); across the
# lines of a reflowed paragraph any white space does.
# The capital or digit after the space is [А-ЯЁA-Z0-9] written as [0-9A-Z] or'ed with a
# one-character repeat of [А-ЯЁ] (four runs of code points beyond Latin-1 make re build a
# 65,536-entry map, ~0.15 ms; ``{1}`` keeps the parser from merging them again): the same
# characters, compiled as a bitmap and ranges.
LINE_SENTENCE_END = re.compile(r"[.!?…]+(?=[ \t]+[«\"(*]*(?:[0-9A-Z]|[А-ЯЁ]{1}))")
SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[«\"(*]*(?:[0-9A-Z]|[А-ЯЁ]{1}))")
PARAGRAPH = re.compile(r"[^\n]+")
# A quoted title or name («Итоги года. Планы») holds no sentence end.
QUOTED = re.compile(r"«[^«»]{0,300}?(?:«[^«»]{0,300}»[^«»]{0,300}?)*»")
WORD_BEFORE = re.compile(r"([\w.-]+)$")


class Sentence(NamedTuple):
    start: int
    stop: int


_new_tuple = tuple.__new__  # a NamedTuple made without its Python-level __new__


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(load_lexicon("text_abbreviations.json")["abbreviations"])


def is_abbreviation_end(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an initial or an abbreviation."""
    match = WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isupper():
        return True
    known = abbreviations()
    return word.lower() in known or last.lower() in known


def in_quote(quotes: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos - 1) - 1
    return i >= 0 and pos < quotes[i][1] - 1


def line_paragraphs(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    return [m.span() for m in PARAGRAPH.finditer(text, start, stop)]


def sentences(text: str, start: int = 0, stop: int | None = None,
              paragraphs: Iterable[tuple[int, int]] | None = None,
              space: str = " \t") -> list[Sentence]:
    """Sentences in ``[start, stop)`` (each trimmed of ``space``): a paragraph
    break (by default a line break) always ends one."""
    stop = len(text) if stop is None else stop
    ends = SENTENCE_END
    if paragraphs is None:
        paragraphs, ends = line_paragraphs(text, start, stop), LINE_SENTENCE_END
    found = []
    for para_start, para_stop in paragraphs:
        pos = para_start
        quotes: list[tuple[int, int]] | None = None  # looked for at the first sentence end only
        for end in ends.finditer(text, para_start, para_stop):
            at = end.start()
            if text[at] == "." and is_abbreviation_end(text, at):
                continue
            if quotes is None:
                quotes = quoted(text, para_start, para_stop)
                quote_starts = [q[0] for q in quotes]
            if quotes and in_quote(quotes, quote_starts, at):
                continue
            found.append(trim(text, pos, end.end(), space))
            pos = end.end()
        found.append(trim(text, pos, para_stop, space))
    return [_new_tuple(Sentence, span) for span in found if span[1] > span[0]]  # Sentence(*span)


def quoted(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The «…» spans in ``[start, stop)`` (none without a «: a quick C test first)."""
    if text.find("«", start, stop) < 0:
        return []
    return [m.span() for m in QUOTED.finditer(text, start, stop)]
