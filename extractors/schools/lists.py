"""Bare lists of school numbers announced by a colon: ``перечислил номера школ: 12, 19,
43``, ``Школы, которым поможем в первую очередь: 8, 16, 21``.

A list is at least two numbers joined by commas (``и`` before the last allowed)
right after a colon (or on the line after it), with a school noun earlier in the same sentence; numbers of
people, percentages, scores or years are not school numbers (``data/schools.json``
``list_not_followed_by``, ``list_not_in_sentence``). Each number is one school of the
generic type.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from extractors.schools.lexicon import Lexicon

SCHOOL_NOUN = re.compile(r"(?<![\w-])(?:номер[а-я]*\s+)?[Шш]кол(?:а|ы|е|у|ой|ам|ах|ами)?(?![\w-])")
NUMBER = r"\d{1,4}(?!\d|\.\d)"
SENTENCE_END = re.compile(r"[.!?…\n]")
YEAR = re.compile(r"(?:19|20)\d\d")
LOOK_BACK = 160


@cache
def list_regex() -> re.Pattern[str]:
    return re.compile(
        rf":[ \t]*\n?[ \t]*(?P<list>(?>{NUMBER}(?:[ \t]*,[ \t]*{NUMBER})*(?:[ \t]*(?:,|и)[ \t]*{NUMBER})))"
        rf"(?![ \t]*(?:{Lexicon.load().list_not_followed_by}))")


def number_lists(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(start, stop, numbers) of each announced list; the span opens at the school
    noun when the colon follows it directly (``номера школ: …``)."""
    for m in list_regex().finditer(text):
        colon = m.start()
        window = text[max(0, colon - LOOK_BACK):colon]
        ends = list(SENTENCE_END.finditer(window))
        sentence = window[ends[-1].end():] if ends else window
        nouns = list(SCHOOL_NOUN.finditer(sentence))
        if not nouns or Lexicon.load().list_not_in_sentence.search(sentence):
            continue
        values = re.findall(r"\d+", m.group("list"))
        if any(YEAR.fullmatch(v) for v in values) or len(set(values)) < len(values):
            continue
        last = nouns[-1]
        start = m.start("list")
        if not sentence[last.end():].strip():
            start = colon - len(sentence) + last.start()
        yield start, m.end("list"), values
