"""Morphology helpers shared by the decisions and event families: word
tokens with offsets, lemmas, and putting a short noun phrase into the
nominative case while keeping its number (``муниципальным координаторам`` ->
``муниципальные координаторы``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.morph import inflect, parses

WORD = re.compile(r"[А-ЯЁа-яёA-Za-z0-9]+(?:-[А-ЯЁа-яёA-Za-z0-9]+)*")
AGREEING = {"ADJF", "PRTF", "NUMR"}
FUNCTION_WORDS = {"CONJ", "PREP", "PRCL", "INTJ", "NPRO"}
# pymorphy3 offers rare plural variants first for a few nouns; the usual form wins.
NOMINATIVE_VARIANTS = {"учители": "учителя", "учители-предметники": "учителя-предметники"}


@dataclass(slots=True)
class Token:
    text: str
    start: int
    stop: int


def tokens(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    stop = len(text) if stop is None else stop
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, stop)]


@lru_cache(maxsize=50000)
def lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in parses(word))


def lemma(word: str) -> str:
    found = parses(word)
    return found[0].normal_form if found else word.lower()


def has_pos(word: str, *pos: str) -> bool:
    return any(p.tag.POS in pos for p in parses(word))


def case_parse(word: str, case: str, pos: set[str] | None = None):
    """The most probable parse of ``word`` in ``case`` (optionally of one of ``pos``)."""
    for p in parses(word):
        if case in p.tag and "Fixd" not in p.tag and (pos is None or p.tag.POS in pos):
            return p
    return None


def is_abbreviation(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def to_nominative(word: str, parse, number: str | None = None, gender: str | None = None) -> str:
    """Inflect ``word`` (analysed as ``parse``) to the nominative, keeping number."""
    wanted = {"nomn"}
    if parse.tag.POS in AGREEING:
        if number == "plur":
            wanted.add("plur")
        elif gender:
            wanted |= {gender, "sing"}
    inflected = inflect(parse, wanted) or inflect(parse, {"nomn"})
    if inflected is None:
        return word
    form = NOMINATIVE_VARIANTS.get(inflected.word, inflected.word)
    return match_case(word, form)


def match_case(original: str, inflected: str) -> str:
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def noun_phrase(words: list[Token], case: str) -> tuple[int, list[str]] | None:
    """Agreeing modifiers + a head noun in ``case`` at the start of ``words``.

    Returns how many tokens the phrase takes and their nominative forms.
    """
    modifiers = []
    for i, tok in enumerate(words):
        found = parses(tok.text)
        if not found or found[0].tag.POS in FUNCTION_WORDS:
            return None
        noun = case_parse(tok.text, case, {"NOUN"})
        if noun is not None and not is_abbreviation(tok.text):
            number = "plur" if "plur" in noun.tag else "sing"
            forms = [to_nominative(t.text, p, number, noun.tag.gender) for t, p in modifiers]
            return i + 1, forms + [to_nominative(tok.text, noun, number)]
        modifier = case_parse(tok.text, case, AGREEING)
        if modifier is None:
            return None
        modifiers.append((tok, modifier))
    return None
