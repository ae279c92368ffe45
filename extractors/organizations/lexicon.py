"""The organizations family's lexicon (``data/organizations.json``), loaded once into
one ``Lexicon`` object: word lists as frozensets, regex strings compiled into the
patterns the family matches with, and the name key that compares two names."""
from __future__ import annotations

import os.path
import re
from functools import cache, lru_cache
from typing import NamedTuple

from extractors.base import load_lexicon
from extractors.text.morph import lexeme, parses

EDGE_LEFT, EDGE_RIGHT = r"(?<![\w-])", r"(?![\w-])"
QUOTE_CHARS = "«»\"“”„"
NO_QUOTES = str.maketrans("", "", QUOTE_CHARS)
LINE_HYPHEN = re.compile(r"([а-яё])-[ \t]*\n\s*([а-яё])")


def clean(text: str) -> str:
    if "\n" in text:  # a word broken over a line: LINE_HYPHEN needs the line break
        text = LINE_HYPHEN.sub(r"\1\2", text)
    # blank runs squeezed to one space, ends stripped (as re.sub(r"\s+", " ", text).strip():
    # re's \s are the blanks of str.split, str.isspace, over every code point)
    return " ".join(text.split())


@lru_cache(maxsize=50_000)  # asked of the same names again and again (exclusion, grouping, records)
def key(name: str) -> str:
    """A name as compared: no quotes, one space, lowercase, ё as е."""
    return clean(name.translate(NO_QUOTES)).lower().replace("ё", "е")


def head_stem(lemma: str) -> str:
    """The beginning shared by every form of the noun ``lemma`` (``двор`` of дворец,
    дворца …), ё as е: a word that does not begin so is no form of it."""
    forms = {f.word.replace("ё", "е") for p in parses(lemma)
             if p.tag.POS == "NOUN" and p.normal_form == lemma for f in lexeme(p)}
    return os.path.commonprefix(sorted(forms)) if forms else ""


def starts_pattern(stems: tuple[str, ...]) -> re.Pattern[str] | None:
    """Every place where one of ``stems`` begins (searched in a lowered text, ё as е): the
    stems grouped by their first letter, that letter then a look-ahead for the rest of
    them, so that re searches for those letters and a match takes one character (no place
    is skipped). None when a stem is empty: every word then begins as a head's forms do."""
    if "" in stems:
        return None
    rests: dict[str, list[str]] = {}
    for stem in stems:
        rests.setdefault(stem[0], []).append(re.escape(stem[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?={'|'.join(rest)})"
                               for first, rest in sorted(rests.items())))


class Lexicon(NamedTuple):
    # names found by pattern
    # (pattern, canonical name or None, a pattern every match of it holds or None)
    known: tuple[tuple[re.Pattern[str], str | None, re.Pattern[str] | None], ...]
    legal: re.Pattern[str]  # a legal form with a quoted name
    legal_start: re.Pattern[str]  # a legal form (with qualifiers) at a position
    legal_before: re.Pattern[str]  # a legal form that ends right before a name
    region_prefix_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    brand_before: re.Pattern[str]
    school_words: re.Pattern[str]
    not_organizations: frozenset[str]  # keys
    ner_heads: frozenset[str]
    # head phrases
    heads: dict[str, str]  # head lemma -> rule
    head_stems: tuple[str, ...]  # what every form of a head begins with (ё as е)
    head_starts: re.Pattern[str] | None  # where a head stem begins (``starts_pattern``)
    lowercase_adjective_heads: frozenset[str]
    determiners: frozenset[str]
    domain_words: frozenset[str]
    sub_units: frozenset[str]
    place_adjectives: frozenset[str]
    working_group_adjectives: frozenset[str]
    council_tail_words: frozenset[str]
    task_nouns: frozenset[str]
    qualification_tails: frozenset[str]
    institution_tails: frozenset[str]
    max_adjectives: int
    # tails
    apposition_heads: frozenset[str]
    tail_abbreviations: frozenset[str]
    tail_other_cases: frozenset[str]
    tail_stop: frozenset[str]
    conjunct_stop: frozenset[str]
    domain_lemmas: frozenset[str]
    place_lemmas: frozenset[str]
    bare_name_places: frozenset[str]
    apposition_ends: frozenset[str]
    municipal_abbreviations: frozenset[str]
    sphere_words: frozenset[str]
    locality_abbreviations: frozenset[str]
    administration_word: str
    administration_lemma: str
    municipal_noun: str
    municipal_stem: str
    urban_stem: str
    urban_place: str
    city_word: str
    max_tail_tokens: int

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("organizations.json")
        prefix = rf"{EDGE_LEFT}(?:{data['legal_form_regex']}){data['legal_qualifiers']}"
        quoted = r"(?:«[^«»\n]*«[^«»\n]*»[^«»\n]*»|«[^«»]{2,150}»|\"[^\"\n]{2,150}\")"
        family = data["abbreviation_family"]
        codes = "|".join(family["codes"])
        bodies = [*((pattern, name, needs[0] if needs else None)
                    for pattern, name, *needs in data["known"]),
                  (f"{family['before']}(?:{codes}){family['after']}", None, codes)]
        words = {name: frozenset(data[name]) for name in (
            "lowercase_adjective_heads", "determiners", "domain_words", "sub_units",
            "place_adjectives", "working_group_adjectives", "council_tail_words", "task_nouns",
            "qualification_tails", "institution_tails", "ner_heads", "apposition_heads",
            "tail_abbreviations", "tail_other_cases", "tail_stop", "conjunct_stop",
            "domain_lemmas", "place_lemmas", "bare_name_places", "apposition_ends",
            "municipal_abbreviations", "sphere_words", "locality_abbreviations")}
        stored = data["head_stems"]  # generated by head_stem: pymorphy3's lexemes cost ~3 ms
        head_stems = tuple(sorted({stored[h] if h in stored else head_stem(h) for h in data["heads"]}))
        return cls(
            known=tuple((re.compile(f"(?:{pattern})" + EDGE_RIGHT), name,
                         re.compile(needs) if needs else None)
                        for pattern, name, needs in bodies),
            legal=re.compile(rf"{prefix}\s*{quoted}"),
            legal_start=re.compile(prefix),
            legal_before=re.compile(rf"{prefix}[ \t]+$"),
            region_prefix_before=re.compile(rf"{EDGE_LEFT}{data['region_prefix']}[ \t]+$"),
            qualifier_after=re.compile(rf"[ \t]+{data['region_qualifier']}{EDGE_RIGHT}"),
            brand_before=re.compile(data["brand_before"]),
            school_words=re.compile(data["school_words"]),
            not_organizations=frozenset(key(n) for n in data["not_organizations"]),
            heads=dict(data["heads"]),
            head_stems=head_stems,
            head_starts=starts_pattern(head_stems),
            administration_word=data["administration_word"],
            administration_lemma=data["administration_lemma"],
            municipal_noun=data["municipal_noun"],
            municipal_stem=data["municipal_stem"],
            urban_stem=data["urban_stem"],
            urban_place=data["urban_place"],
            city_word=data["city_word"],
            max_adjectives=int(data["max_adjectives"]),
            max_tail_tokens=int(data["max_tail_tokens"]),
            **words,
        )
