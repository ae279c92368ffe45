"""First names and patronymics: which capitalised word is one and what its nominative
is. A patronymic pymorphy reads (``Ивановне``), one with a patronymic suffix it does not
know (``UNKNOWN``: kept as written), a hyphenated one of which the last part declines
(``Кара-ооловне`` -> ``Кара-ооловна``), and a Turkic father's name with its particle
(``PARTICLE``: ``Али оглы``, ``Ахмед-кызы``, which does not decline: the first name shows the
case). A first name pymorphy does not know takes the nominative its guesser offers in the
patronymic's gender and case (``Айдане`` -> ``Айдана``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extractors.people.lexicon import Lexicon
from extractors.text.morph import inflect, parses

UP = "А-ЯЁ"
LOW = "а-яё"
PATRONYMIC = re.compile(rf"[{UP}][{LOW}]+(?:вич|ич|вн|чн)(?:а|у|ем|ом|е|ой|ою|ы)?$")
FEMN_PATRONYMIC = re.compile(r"(?:вн|чн)(?:а|ы|е|у|ой|ою)$")
STRONG_PATRONYMIC = re.compile(r"(?:ович|евич|овн|евн|ичн)(?:а|у|ем|е|ой|ы)?$")
UNKNOWN = object()
PARTICLE = object()  # a Turkic patronymic: ``Али оглы``, ``Ахмед-кызы``


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=50000)
def first_name_parse(word: str):
    """pymorphy's first-name (Name) reading of a capitalised word, or None."""
    if fold(word) in Lexicon.load().stop_words:
        return None
    for p in parses(word):
        if "Name" in p.tag.grammemes and p.score >= 0.1:
            return p
    return None


@lru_cache(maxsize=50000)
def patronymic_parse(word: str):
    """pymorphy's patronymic reading; None when the word is no patronymic (a word with a
    patronymic suffix pymorphy does not know gives a stand-in without a parse). Of a
    hyphenated word (``Кара-ооловна``) the last part is read; a father's name with
    ``оглы``/``кызы`` gives ``PARTICLE``."""
    if Lexicon.load().particle_patronymic.fullmatch(word):
        return PARTICLE
    tail = word.rpartition("-")[2]
    if not PATRONYMIC.match(tail[:1].upper() + tail[1:]):
        return None
    for p in parses(tail):
        if "Patr" in p.tag.grammemes:
            return p
    return UNKNOWN if STRONG_PATRONYMIC.search(tail) else None


def patronymic_gender(parse, word: str) -> str:
    if parse is PARTICLE:
        particle = Lexicon.load().particle_patronymic.fullmatch(word).group("particle")
        return Lexicon.load().patronymic_particles[particle]
    return "femn" if FEMN_PATRONYMIC.search(word) else "masc"


def given_cases(parse) -> frozenset[str]:
    if parse is UNKNOWN or parse is PARTICLE:
        return frozenset()
    return frozenset(p.tag.case for p in parses(parse.word) if "Patr" in p.tag.grammemes and p.tag.case)


def nominative_of(parse, word: str) -> str:
    """The nominative of a first name or patronymic; a particle patronymic does not
    decline, and of a hyphenated word only the part the parse read declines."""
    if parse is PARTICLE:
        return " ".join(word.split())
    if parse is UNKNOWN:
        return word
    head, hyphen, tail = word.rpartition("-")
    if hyphen and parse.word == fold(tail):
        return head + hyphen + inflected_nominative(parse, tail)
    return inflected_nominative(parse, word)


@lru_cache(maxsize=20000)
def inflected_nominative(parse, word: str) -> str:
    form = inflect(parse, {"nomn"})
    text = form.word if form is not None else parse.normal_form
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def gender_of(parse) -> Optional[str]:
    gender = parse.tag.gender
    return gender if gender in ("masc", "femn") else None


def guessed_nominative(word: str, gender: str, cases: frozenset[str]) -> str:
    """A first name pymorphy does not know (``Айдане``, ``Начыну``), by the forms its
    guesser offers in the patronymic's gender: as written where one of them is a
    nominative, else the nominative of the one in the patronymic's case."""
    found = [p for p in parses(word) if "NOUN" in p.tag.grammemes and "sing" in p.tag.grammemes
             and p.tag.gender == gender]
    if not found or any(p.tag.case == "nomn" for p in found):
        return word
    return inflected_nominative(next((p for p in found if p.tag.case in cases), found[0]), word)


def name_cases(word: str) -> frozenset[str]:
    """The cases a first name's form allows (``Гусейну``: dative): where a patronymic does
    not decline, the first name shows the case."""
    return frozenset(p.tag.case for p in parses(word) if "Name" in p.tag.grammemes and p.tag.case)
