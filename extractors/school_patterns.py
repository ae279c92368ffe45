"""The composed regular expression that finds school mentions, and the
normalisation of its parts (type, numbers, proper name, locality).

A mention is: optional legal form (МБОУ …) with an optional locality
(``г. Астрахани``), an optional opening quote, an optional adjective proper
name (``Липовская``), the type words (``СОШ``, ``средней общеобразовательной
школы``, ``Лицей``, ``школ``), optional numbers (``№ 3``, ``№№ 2, 7, 32``),
an optional locality (``п. Озёрное``), an optional honorific
(``им. П.Е. Ракитина``) and the closing quote.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.base import load_lexicon
from extractors.morph_ru import (adj_nominative, feminine_nominative, nominative_phrase,
                                 noun_nominative, parses)

NUMBER = r"\d{1,4}(?!\d)(?:[-–]?[А-Га-г](?![А-Яа-яЁё]))?"
NUMBER_RE = re.compile(NUMBER)
NUMBERS = rf"№{{1,2}}\s*(?P<nums>{NUMBER}(?:\s*(?:,|и)\s*(?:№\s*)?{NUMBER})*)"
LOC_WORD = (r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*"
            r"(?:(?:(?<=ая|яя|ий|ый|ое|ее|ой|ей|ом|ем|ую|юю|ым|им)|(?<=ого|его))"
            r"\s+[А-ЯЁ][а-яё]+(?![\w-]))?")
INITIALS = r"(?:[А-ЯЁ]\.\s*){1,2}"
SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
TITLE_WORDS = r"(?:[А-ЯЁ][а-яё]+\s+){1,3}"
HONORIFIC = (rf"(?P<hon>им(?:\.|ени)\s*(?:{TITLE_WORDS}{INITIALS}\s*{SURNAME}"
             rf"|{INITIALS}\s*{SURNAME}"
             rf"|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?"
             rf"|{SURNAME}(?:\s+{INITIALS}(?![А-ЯЁа-яё]))?))")
ADJ_ENDINGS = r"(?:ая|яя|ой|ей|ую|юю|ий|ый|ого|его|ому|ему|ым|им|ом|ем|ое|ее)"
NOT_TYPE_ADJ = r"(?!(?:[Сс]редн|[Оо]сновн|[Нн]ачальн|[Оо]бщеобразовательн)[а-яё]{1,3}\s)"
NAME_ADJ = rf"(?P<name>{NOT_TYPE_ADJ}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?{ADJ_ENDINGS})"
OPEN_QUOTE, CLOSE_QUOTE = r"[«\"“„]", r"[»\"”“]"
EDGE_LEFT, EDGE_RIGHT = r"(?<![\w-])", r"(?![\w-])"
FEMININE_TYPES = {"СОШ", "ООШ", "НОШ", "гимназия", "школа-интернат", "школа", "other"}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_lexicon("schools.json")


def alternation(items: list[str]) -> str:
    return "|".join(sorted((re.escape(i).replace(r"\ ", r"\s+") for i in items), key=len,
                           reverse=True))


def locality_pattern(group: str) -> str:
    prefixes = alternation(lexicon()["locality_prefixes"])
    words = alternation(lexicon()["locality_words"])
    return rf"(?P<{group}>(?:(?:{prefixes})\.\s*|(?:{words})\s+){LOC_WORD})"


@lru_cache(maxsize=1)
def type_table() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in lexicon()["types"]]


@lru_cache(maxsize=1)
def school_regex() -> re.Pattern[str]:
    legal = rf"(?P<legal>{alternation(lexicon()['legal_forms'])})"
    types = "|".join(f"(?:{pattern})" for pattern, _ in lexicon()["types"])
    pattern = (
        rf"{EDGE_LEFT}(?:{legal}\s+(?:{locality_pattern('loc1')}\s+)?)?"
        rf"(?P<q>{OPEN_QUOTE}\s*)?"
        rf"(?:{NAME_ADJ}\s+)?"
        rf"(?P<type>(?i:{types})){EDGE_RIGHT}"
        rf"(?:\s*{NUMBERS})?"
        rf"(?:\s*{OPEN_QUOTE}(?P<qname>[^«»\"\n]{{2,60}}){CLOSE_QUOTE})?"
        rf"(?:\s+{locality_pattern('loc2')})?"
        rf"(?:\s+{HONORIFIC}(?:\s+{locality_pattern('loc4')})?)?"
        rf"(?P<close>(?(q)\s*{CLOSE_QUOTE}?))"
        rf"(?:(?(q)\s+{locality_pattern('loc3')}))?"
    )
    return re.compile(pattern)


def school_type(words: str) -> str:
    for pattern, kind in type_table():
        if pattern.fullmatch(words):
            return kind
    return "other"


def numbers(text: str | None) -> list[str]:
    if not text:
        return []
    return [n.replace(" ", "") for n in NUMBER_RE.findall(text)]


def is_stop_name(word: str) -> bool:
    stop = set(lexicon()["name_stop"])
    return any(p.normal_form in stop for p in parses(word.lower())[:2])


def proper_name(word: str | None, kind: str) -> str | None:
    if not word or is_stop_name(word):
        return None
    if kind in lexicon()["masculine_types"]:
        return adj_nominative(word, "masc")
    return feminine_nominative(word)


def locality(text: str | None) -> str | None:
    """``г. Калининграда`` -> ``г. Калининград``; other settlements stay as written."""
    if not text:
        return None
    prefix, dot, place = text.partition(".")
    if not dot:
        prefix, _, place = text.partition(" ")
    place = " ".join(place.split())
    last = place.split()[-1]
    if prefix in lexicon()["city_prefixes"] and any("Geox" in p.tag for p in parses(last)):
        place = " ".join(nominative_phrase(place.split())) if " " in place \
            else noun_nominative(place)
    return f"{prefix}{dot} {place}"
