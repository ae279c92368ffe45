"""The schools family's lexicon (``data/schools.json``), loaded once."""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from extractors.base import load_lexicon

# Under IGNORECASE re compiles a class that mixes the range а-я with ё into a 65,536-entry
# table (~0.4 ms each; the type words hold two dozen, compiled twice); the same set as a
# branch of the range and ё{1} (a repeat, so that the parser does not merge the two into
# one class again) compiles in microseconds and matches the same characters one at a time.
MIXED_CLASS = re.compile(r"(?<![\\\[])\[а-яё\]")
BRANCH = "(?:[а-я]|ё{1})"


def quick_to_compile(pattern: str) -> str:
    return MIXED_CLASS.sub(BRANCH, pattern)


class Lexicon(NamedTuple):
    legal_forms: tuple[str, ...]
    types: tuple[tuple[str, str], ...]  # (regex of the type words, the type)
    type_table: tuple[tuple[re.Pattern[str], str], ...]  # the same, compiled to match whole
    masculine_types: frozenset[str]
    name_stop: frozenset[str]  # lemmas that are never a school's proper name
    locality_prefixes: tuple[str, ...]
    locality_words: tuple[str, ...]
    city_prefixes: frozenset[str]
    city_words: frozenset[str]
    numbered_only: tuple[re.Pattern[str], ...]
    bare_legal_types: frozenset[str]
    not_school_abbreviations: frozenset[str]
    school_abbreviation: re.Pattern[str]
    genitive_name_stop: tuple[str, ...]
    not_school_before: re.Pattern[str]
    non_school_legal_suffixes: tuple[str, ...]
    type_adjective_stems: tuple[str, ...]
    list_not_followed_by: str  # a regex
    list_not_in_sentence: re.Pattern[str]
    special_group_nouns: tuple[str, ...]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("schools.json")
        types = tuple((quick_to_compile(pattern), kind) for pattern, kind in data["types"])
        return cls(
            legal_forms=tuple(data["legal_forms"]),
            types=types,
            type_table=tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in types),
            masculine_types=frozenset(data["masculine_types"]),
            name_stop=frozenset(data["name_stop"]),
            locality_prefixes=tuple(data["locality_prefixes"]),
            locality_words=tuple(data["locality_words"]),
            city_prefixes=frozenset(data["city_prefixes"]),
            city_words=frozenset(data["city_words"]),
            numbered_only=tuple(re.compile(p, re.IGNORECASE) for p in data["numbered_only"]),
            bare_legal_types=frozenset(data["bare_legal_types"]),
            not_school_abbreviations=frozenset(data["not_school_abbreviations"]),
            school_abbreviation=re.compile(data["school_abbreviation"]),
            genitive_name_stop=tuple(data["genitive_name_stop"]),
            not_school_before=re.compile(data["not_school_before"], re.IGNORECASE),
            non_school_legal_suffixes=tuple(data["non_school_legal_suffixes"]),
            type_adjective_stems=tuple(data["type_adjective_stems"]),
            list_not_followed_by=data["list_not_followed_by"],
            list_not_in_sentence=re.compile(data["list_not_in_sentence"]),
            special_group_nouns=tuple(data["special_group_nouns"]),
        )
