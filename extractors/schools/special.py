"""Schools named by what they are rather than by a number or a proper name: a special
(correctional) school for a group of pupils (``Озёрской областной специальной школы
для глухих и слабослышащих детей``) and a town's education complex
(``Образовательный комплекс Ключевска``).

The special school needs a capitalised adjective opening it (the region or the town
it serves) and the group it teaches (adjectives in the genitive plural ending in
``учащихся``, ``обучающихся``, ``детей`` or ``воспитанников``); a generic ``в
специальной школе`` is not a school. Neither has a number or a proper name, so the
mention as written identifies it.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from extractors.schools.lexicon import Lexicon
from extractors.text.morph import parses

ADJ_END = r"(?:ая|яя|ой|ей|ую|юю|ый|ий|ого|его|ому|ему|ым|им|ом|ем|ое|ее)"
LEAD = rf"[А-ЯЁ][а-яё]+{ADJ_END}(?:\s+[а-яё]+(?:-[а-яё]+)?{ADJ_END}){{0,3}}"
SCHOOL = r"(?P<type>школ(?:а|ы|е|у|ой)(?P<boarding>-интернат[а-яё]*)?)"
BRANCH = rf"(?:\s+с\s+[а-яё]+{ADJ_END}\s+отделени(?:ем|ями))?"
LEAD_BEFORE = re.compile(rf"(?<![\w-]){LEAD}\s+$")
# the word-edge look-behinds stand after the literal word (the same test) so that re
# searches for the word instead of trying the pattern at every character
SCHOOL_WORD = re.compile(r"школ(?<![\w-]школ)")
LEAD_WINDOW = 120
COMPLEX = re.compile(r"Образовательн(?<![\w-]Образовательн)[а-яё]+\s+комплекс[а-яё]*\s+"
                     r"(?P<place>[А-ЯЁ][а-яё]+)")


@cache
def special_tail() -> re.Pattern[str]:
    """The school word, the pupils it teaches (``special_group_nouns`` after adjectives in
    the genitive plural) and an optional branch."""
    nouns = "|".join(Lexicon.load().special_group_nouns)
    group = rf"(?:[а-яё]+(?:ых|их)\s+(?:и\s+)?){{1,4}}(?:{nouns})"
    return re.compile(rf"{SCHOOL}\s+(?:для\s+)?{group}{BRANCH}")


def is_place(word: str) -> bool:
    return any("Geox" in p.tag and "gent" in p.tag for p in parses(word)[:3])


def special_schools(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, stop, type) of each special school and education complex."""
    for word in SCHOOL_WORD.finditer(text):  # the school word first: a literal is fast
        m = special_tail().match(text, word.start())
        lead = LEAD_BEFORE.search(text, max(0, word.start() - LEAD_WINDOW), word.start()) \
            if m else None
        if lead is not None:
            yield lead.start(), m.end(), "школа-интернат" if m.group("boarding") else "школа"
    for m in COMPLEX.finditer(text):
        if is_place(m.group("place")):
            yield m.start(), m.end(), "other"
