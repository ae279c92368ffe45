"""The composed regular expression that finds school mentions, and the
normalisation of its parts (type, numbers, proper name, locality).

A mention is: optional legal form (МБОУ …) with an optional locality
(``г. Астрахани``), an optional opening quote, an optional ordinal number
(``77-я``), optional adjective proper names (``Липовская``; an enumeration
``Ивановской, Петровской и Сидоровской``), the type words (``СОШ``, ``средней
общеобразовательной школы``, ``Лицей``, ``школ``), an optional profile (``с
УИОП``), optional numbers (``№ 3``, ``№№ 2, 7, 32``, ``N 15``, ``№ 5, 11 (2
человека), 27``, or a bare ``лицее 117``), inside quotes a lowercase genitive
name (``«Лицей прикладных наук»``), an optional locality (``п. Озёрное``,
``города Заречного``), an optional honorific (``им. П.Е. Ракитина``) and the
closing quote. ``legal_only_regex`` finds a school legal form followed only by
numbers (``ГБОУ №№ 179, 619``) or a quoted abbreviation (``МАОУ «ЭЛ»``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from extractors.schools.composed import SchoolPattern, Tail
from extractors.schools.lexicon import Lexicon
from extractors.text.inflect import (adj_nominative, feminine_nominative, nominative_phrase, noun_nominative)
from extractors.text.morph import parses
from extractors.text.pattern_parts import has_top_level_bar

# re compiles a class of non-Latin-1 characters through a 65,536-entry map, and one of
# three or more runs of code points (А-Я, а-я, Ё, ё; the quote marks) through 256 chunks
# of it (~0.2 ms each; the composed pattern holds a dozen): the same characters written
# as a class of at most two runs or'ed with a one-character repeat (``{1}``, so that
# the parser does not merge the branch into one class again) compile 4-5x faster.
LETTER = r"(?:[А-яЁ]|ё{1})"  # [А-ЯЁа-яё]: А-я is А-Я and а-я, one run
NUMBER = rf"\d{{1,4}}(?!\d)(?:[-–]?[А-Га-г](?!{LETTER}))?"
NUMBER_RE = re.compile(NUMBER)
NUMBER_SIGN = r"(?:№{1,2}|N{1,2}(?=\s*\d))"
NOTE_BODY = r"\s*\([^()\n]{1,30}\)"  # «№ 4, 28 (2 человека), 33»
NOTE = rf"(?:{NOTE_BODY})?"
NOTE_RE = re.compile(NOTE_BODY)
NUMBER_LIST = rf"{NUMBER}(?:{NOTE}\s*(?:,|и)\s*(?:{NUMBER_SIGN}\s*)?{NUMBER})*"
NUMBERS = rf"{NUMBER_SIGN}\s*(?P<nums>{NUMBER_LIST})"
# «в лицее 117 и гимназии 46»: a number without a sign only when nothing but a
# punctuation mark, «и» or a locality follows (not «в школе 5 учителей», «школы 12.05»);
# on the next line only when that line goes on the text (``find`` asks the line kinds).
BARE_NUMBER = (r"(?P<bare>\d{1,3}(?!\d))"
               r"(?=[ \t]*(?:[,;:)»\"]|[.!?](?!\d)|$|\n|и\s|г\.|город))")
ORDINAL = r"(?P<ord>\d{1,3})\s*-\s*(?:ая|ий|ой|ый|ого|его|ую|ом|ем|я|й|го|ю|м)"
PROFILE = (rf"(?:\s+с\s+(?:УИО?П|углубл[а-яё]*\s+изучени[а-яё]*(?:\s+[а-яё]+){{1,4}}?)"
           rf"(?=\s*{NUMBER_SIGN}))")
PLURAL_TYPE = re.compile(r"(?:ам|ах|ами|ов|ев|ий|школ)$", re.IGNORECASE)
LOC_WORD = (rf"[А-ЯЁ][а-яё]+(?:-{LETTER}[а-яё]+)*"
            r"(?:(?:(?<=ая|яя|ий|ый|ое|ее|ой|ей|ом|ем|ую|юю|ым|им)|(?<=ого|его))"
            r"\s+[А-ЯЁ][а-яё]+(?![\w-]))?")
INITIALS = r"(?:[А-ЯЁ]\.\s*){1,2}"
SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
TITLE_WORDS = r"(?:[А-ЯЁ][а-яё]+\s+){1,3}"
HONORIFIC = (rf"(?P<hon>им(?:\.|ени)\s*(?:{TITLE_WORDS}{INITIALS}\s*{SURNAME}"
             rf"|{INITIALS}\s*{SURNAME}"
             rf"|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?"
             rf"|{SURNAME}(?:\s+{INITIALS}(?!{LETTER}))?))")
ADJ_ENDINGS = r"(?:ая|яя|ой|ей|ую|юю|ий|ый|ого|его|ому|ему|ым|им|ом|ем|ое|ее)"
OPEN_QUOTE, CLOSE_QUOTE = r"(?:[«\"]|[“„]{1})", r"(?:[»\"]|[”“]{1})"  # [«"“„], [»"”“]
EDGE_LEFT, EDGE_RIGHT = r"(?<![\w-])", r"(?![\w-])"


def adjective() -> str:
    """A capitalised adjective that can be a school's proper name (not the type's own
    ``Средняя``, ``Основной`` …: ``type_adjective_stems``)."""
    stems = "|".join(f"[{s[0].upper()}{s[0]}]{s[1:]}" for s in Lexicon.load().type_adjective_stems)
    # (?=[А-ЯЁ]) first: the capital it needs anyway, tested before the stems (the composed
    # pattern tries this at every word, three times over; most words are not capitalised)
    return rf"(?=[А-ЯЁ])(?!(?:{stems})[а-яё]{{1,3}}\s)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?{ADJ_ENDINGS}"


@lru_cache(maxsize=1)
def adjective_regex() -> re.Pattern[str]:
    return re.compile(adjective())


def name_adjectives() -> str:
    adj = adjective()
    return rf"(?P<names>(?:{adj}\s*,\s*)*{adj}\s+и\s+)?(?P<name>{adj})"


def alternation(items: Iterable[str], edged: bool = False) -> str:
    """Literal ``items`` as one alternation, longest first and equal lengths in
    alphabetical order, so the pattern is the same string whatever order (a set's,
    which follows the hash seed) the items come in. ``edged``: each after a word edge,
    its look-behind written after the item's first letter (``М(?<![\\w-]М)БОУ``): the
    same as ``EDGE_LEFT`` before the alternation, but re then searches for those letters
    instead of trying the alternation at every character."""
    ordered = [re.escape(i).replace(r"\ ", r"\s+") for i in sorted(items, key=lambda i: (-len(i), i))]
    if edged:
        ordered = [f"{i[0]}(?<![\\w-]{i[0]}){i[1:]}" if i[0].isalpha() else EDGE_LEFT + i
                   for i in ordered]
    return "|".join(ordered)


def locality_pattern(group: str) -> str:
    prefixes = alternation(Lexicon.load().locality_prefixes)
    words = alternation(Lexicon.load().locality_words)
    return rf"(?P<{group}>(?:(?:{prefixes})\.\s*|(?:{words})\s+){LOC_WORD})"


@lru_cache(maxsize=1)
def school_regex() -> SchoolPattern:
    r"""The composed pattern, whose optional tail (extractors/schools/composed.py) is
    ``(?:\s+LOC2)?(?:\s+HONORIFIC(?:\s+LOC4)?)?(?P<close>(?(q)\s*CLOSE_QUOTE?))(?:(?(q)\s+LOC3))?``
    with LOC the ``locality_pattern``."""
    legal = rf"(?P<legal>{alternation(Lexicon.load().legal_forms)})"
    types = "|".join(f"(?:{pattern})" for pattern, _ in Lexicon.load().types)
    types = first_letter_check(Lexicon.load().types) + f"(?:{types})"
    head = (
        rf"{EDGE_LEFT}(?:{legal}\s+(?:{locality_pattern('loc1')}\s+)?)?"
        rf"(?P<q>{OPEN_QUOTE}\s*)?"
        rf"(?:{ORDINAL}\s+)?"
        rf"(?:{name_adjectives()}\s+)?"
        rf"(?P<type>(?i:{types})){EDGE_RIGHT}{PROFILE}?"
        rf"(?:\s*{NUMBERS}|(?<!\n)(?:[ \t]+|[ \t]*\n[ \t]*){BARE_NUMBER})?"
        rf"(?:\s*{OPEN_QUOTE}(?P<qname>[^«»\"\n]{{2,60}}){CLOSE_QUOTE})?"
        rf"(?(q)(?:\s+(?P<gname>{genitive_words()}))?)"
    )
    tail = Tail(locality=re.compile(rf"\s+{locality_pattern('loc')}"),
                honorific=re.compile(rf"\s+{HONORIFIC}"),
                close=re.compile(rf"\s*{CLOSE_QUOTE}?"))
    return SchoolPattern(re.compile(head), tail)


def first_letter_check(types: Iterable[tuple[str, str]]) -> str:
    """A lookahead for the letters the type words start with (under IGNORECASE, as they
    are matched), or "" when a type pattern does not start with one letter taken once.
    A necessary condition of the type alternation: a word start that cannot open a type
    word is rejected in one step instead of trying every alternative (~20) there."""
    firsts = set()
    for pattern, _ in types:
        if not (pattern[:1].isalpha() and pattern[1:2] not in ("?", "*", "+", "{", "|", "")
                and not has_top_level_bar(pattern)):
            return ""
        firsts.add(pattern[0].lower())
    return f"(?=[{''.join(sorted(firsts))}])"


def genitive_words() -> str:
    """Lowercase words of a name inside quotes (``«Лицей прикладных наук»``), up to a
    locality word (``города``)."""
    stop = alternation(Lexicon.load().locality_words + Lexicon.load().genitive_name_stop)
    word = rf"(?!(?:{stop}|им|имени|с)(?![а-яё]))[а-яё]{{2,}}(?:-[а-яё]+)?(?![.а-яё])"
    return rf"{word}(?:[ \t]+{word}){{0,5}}"


@lru_cache(maxsize=1)
def legal_only_regex() -> re.Pattern[str]:
    """A school legal form followed only by numbers or by a quoted abbreviation;
    a legal form of additional or vocational education (``МБОУ ДО``) is not a school."""
    legal = rf"(?P<legal>{alternation(Lexicon.load().legal_forms, edged=True)})"
    other = rf"(?!\s+(?:{'|'.join(Lexicon.load().non_school_legal_suffixes)})(?![\w-]))"
    return re.compile(rf"{legal}{other}\s*(?:{NUMBERS}|«(?P<abbr>[А-ЯЁ]{{2,8}})»)")


def needs_number(words: str) -> bool:
    """``Центр образования`` is a school only with its number (``Центр образования № 59``)."""
    return any(p.fullmatch(" ".join(words.split())) for p in Lexicon.load().numbered_only)


def plural_type(words: str) -> bool:
    return bool(PLURAL_TYPE.search(words))


def school_type(words: str) -> str:
    for pattern, kind in Lexicon.load().type_table:
        if pattern.fullmatch(words):
            return kind
    return "other"


def numbers(text: str | None) -> list[str]:
    if not text:
        return []
    return [n.replace(" ", "") for n in NUMBER_RE.findall(NOTE_RE.sub(" ", text))]


def is_stop_name(word: str) -> bool:
    return any(p.normal_form in Lexicon.load().name_stop for p in parses(word.lower())[:2])


def proper_name(word: str | None, kind: str) -> str | None:
    if not word or is_stop_name(word):
        return None
    if kind in Lexicon.load().masculine_types:
        return adj_nominative(word, "masc")
    return feminine_nominative(word)


def locality(text: str | None) -> str | None:
    """``г. Калининграда`` -> ``г. Калининград``; other settlements stay as written."""
    if not text:
        return None
    prefix = next((p for p in sorted(Lexicon.load().locality_prefixes, key=len, reverse=True)
                   if text.startswith(p + ".")), None)
    if prefix:
        dot, place = ".", text[len(prefix) + 1:]
    else:
        (prefix, place), dot = text.split(None, 1), ""
    place = " ".join(place.split())
    last = place.split()[-1]
    if prefix.lower() in Lexicon.load().city_words:
        prefix, dot = "г", "."
    if prefix in Lexicon.load().city_prefixes and any("Geox" in p.tag for p in parses(last)):
        place = " ".join(nominative_phrase(place.split())) if " " in place \
            else noun_nominative(place)
    return f"{prefix}{dot} {place}"
