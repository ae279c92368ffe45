"""The geo family's lexicon, loaded once: the subjects of the RF and their cues
(``data/regions.json``) and the municipality patterns (``data/municipalities.json``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.base import load_lexicon


@dataclass(frozen=True)
class Subject:
    name: str
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    capital: str | None
    capital_needs_prefix: bool


@dataclass(frozen=True)
class Lexicon:
    subjects: tuple[Subject, ...]
    adjective_followers: str  # a regex: words a region's adjective stands before
    adjective_excluded: frozenset[str]
    adjective_aliases: dict[str, str]  # adjective -> subject name
    adjective_people_followers: str  # a regex: the schools or people of a region
    regional_cues: re.Pattern[str]  # the text speaks of its region
    short_kinds: dict[str, str]  # область -> обл
    city_prefix: str  # a regex: г. / гор. / город before a centre
    city_words: frozenset[str]
    not_a_city_before: re.Pattern[str]
    # municipalities
    municipality_kinds: tuple[str, ...]
    quoted: tuple[tuple[re.Pattern[str], str], ...]  # (kind before a quoted name, its nominative)
    city_patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, name template)
    named_city: re.Pattern[str]
    city_council: re.Pattern[str]
    council_stem: int
    strong_before: re.Pattern[str]
    not_municipal: frozenset[str]
    kind_abbreviations: dict[str, str]  # р-н -> район
    caps_kept: frozenset[str]  # ALL-CAPS kind abbreviations kept in title-casing (ЗАТО)
    owner_city: re.Pattern[str]  # a bare city after the schools or teachers it owns
    not_cities: frozenset[str]  # place names that are no city (countries, parts of the country)
    title_zone_chars: int
    enumeration_gap_chars: int

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        regions, places = load_lexicon("regions.json"), load_lexicon("municipalities.json")
        subjects = tuple(Subject(s["name"], tuple(s["aliases"]), tuple(s["abbreviations"]),
                                 s["capital"], bool(s["capital_needs_prefix"]))
                         for s in regions["subjects"])
        name = places["quoted_name"]
        return cls(
            subjects=subjects,
            adjective_followers=regions["adjective_followers"],
            adjective_excluded=frozenset(regions["adjective_excluded"]),
            adjective_aliases=dict(regions["adjective_aliases"]),
            adjective_people_followers=regions["adjective_people_followers"],
            regional_cues=re.compile(regions["regional_cues"]),
            short_kinds=dict(regions["short_kinds"]),
            city_prefix=regions["city_prefix"],
            city_words=frozenset(regions["city_words"]),
            not_a_city_before=re.compile(regions["not_a_city_before"]),
            municipality_kinds=tuple(places["kinds"]),
            quoted=tuple((re.compile(rf"(?<![\w-]){kind}\s*{name}"), nominative)
                         for kind, nominative in places["quoted_kinds"].items()),
            city_patterns=tuple((re.compile(p), template)
                                for p, template in places["city_patterns"]),
            named_city=re.compile(places["named_city"]),
            city_council=re.compile(places["city_council"]),
            council_stem=int(places["council_stem"]),
            strong_before=re.compile(places["strong_before"]),
            not_municipal=frozenset(places["not_municipal"]),
            kind_abbreviations=dict(places["kind_abbreviations"]),
            caps_kept=frozenset(places["caps_kept"]),
            owner_city=re.compile(places["owner_city"]),
            not_cities=frozenset(places["not_cities"]),
            title_zone_chars=int(places["title_zone_chars"]),
            enumeration_gap_chars=int(places["enumeration_gap_chars"]),
        )
