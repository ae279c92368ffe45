"""The geo family's lexicon, loaded once: the subjects of the RF and their cues
(``data/regions.json``) and the municipality patterns (``data/municipalities.json``)."""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from extractors.base import load_lexicon
from extractors.text.pattern_parts import group_end, has_top_level_bar, top_level_parts

EDGE_LEFT = r"(?<![\w-])"
LITERAL_LEAD = re.compile(r"[А-Яа-яЁёA-Za-z]+(?![?*+{])")
CLASS_LEAD = re.compile(r"(?P<group>\(\?P<\w+>)?(?P<lead>\[[^\]\\^]+\])(?![?*+{])")
# one element of a pattern: an escape, a character class or a single character


def edged(pattern: str) -> str:
    """``pattern`` that opens with ``EDGE_LEFT`` written with the look-behind after its first
    literal word or character class: ``word(?<![\\w-]word)rest``, ``[А-ЯЁ](?<![\\w-][А-ЯЁ])rest``.
    The matches are the same (after ``word`` the look-behind only asks what stands before
    it), but ``re`` finds them by searching for the literal or class instead of trying
    the whole pattern at every character (a look-behind first hides them from it)."""
    body = pattern[len(EDGE_LEFT):]
    if not pattern.startswith(EDGE_LEFT) or has_top_level_bar(body):
        return pattern
    word, cls = LITERAL_LEAD.match(body), CLASS_LEAD.match(body)
    if word is not None:
        lead, group = word.group(), ""
    elif cls is not None:
        lead, group = cls.group("lead"), cls.group("group") or ""
    else:
        return pattern
    stop = len(group) + len(lead)
    return f"{group}{lead}(?<![\\w-]{lead}){body[stop:]}"


LETTER_CLASS_LEAD = re.compile(r"\[([А-Яа-яЁё]+)\](?![?*+{])|([А-Яа-яЁё])(?![?*+{])")
LOOK_BEHIND = re.compile(r"\(\?<[=!](?:\\.|\[(?:\\.|[^\]\\])*\]|[^()\\\[])*\)")


def class_led(pattern: str) -> str:
    """``(?<![\\d\\w])(?:г\\.|[Гг]ород…)rest``, ``(?:[Аа]дминистраци…|[Дд]ум…)rest`` with a
    look-ahead for the letters its alternatives open with: re finds no prefix to search for
    in a pattern that opens with a look-behind or with classes in a branch, and tries every
    alternative at every character; the look-ahead (a necessary condition: every match
    opens with one of those letters; zero-width tests at one place commute) rejects most
    characters in one step. A branch of literals only, first, re searches for itself; any
    other pattern is left as it is."""
    behind = 0
    while (look := LOOK_BEHIND.match(pattern, behind)) is not None:
        behind = look.end()
    rest = pattern[behind:]
    end = group_end(rest) if rest.startswith("(?:") else None
    if end is None or rest[end:end + 1] in ("?", "*", "+", "{"):
        return pattern
    letters, classes = set(), False
    for alternative in top_level_parts(rest[3:end - 1]):
        lead = LETTER_CLASS_LEAD.match(alternative)
        if lead is None:
            return pattern
        letters |= set(lead.group(1) or lead.group(2))
        classes = classes or lead.group(1) is not None
    if not (classes or behind):
        return pattern
    return f"(?=[{''.join(sorted(letters))}]){pattern}"


# Under IGNORECASE re compiles a class that mixes the range а-я with ё through a 65,536-entry
# table (~0.15 ms each); the same set as a branch of the range and ё{1} (a repeat, so that
# the parser does not merge the two into one class again) compiles in a third of that and
# matches the same characters, one at a time.
MIXED_CLASS = re.compile(r"(?<![\\\[])\[а-яё\]")
BRANCH = "(?:[а-я]|ё{1})"


def quick_caseless(pattern: str) -> str:
    return MIXED_CLASS.sub(BRANCH, pattern)


# letters re.IGNORECASE folds into в д о с т ъ (U+1C80-U+1C86) and the rest of that block:
# with a lowercase letter's capital, every character the letter matches caselessly
FOLDED = "\u1c80-\u1c8f"
CASELESS = "(?i:"


def caseless_led(pattern: str) -> str:
    """``EDGE_LEFT(?i:alternative|…)rest`` whose alternatives each open with a lowercase
    Cyrillic letter written once (``школ(?:ы|ам|ах)?|учител…``): re finds no prefix to
    search for (a look-behind first; under IGNORECASE no letter is a prefix either) and tries
    the pattern at every character. Written as a case-sensitive class of those letters, their
    capitals and ``FOLDED`` (every character an alternative's first letter matches), the edge's
    look-behind after it and each alternative's first letter tested by a look-behind under
    IGNORECASE, re searches for the class: the same matches, the alternatives tried in the
    same order. Any other pattern is ``edged``."""
    body = pattern[len(EDGE_LEFT):]
    end = group_end(body) if pattern.startswith(EDGE_LEFT) and body.startswith(CASELESS) else None
    if end is None:
        return edged(pattern)
    alternatives = top_level_parts(body[len(CASELESS):end - 1])
    if not all(lowercase_letter(a[:1]) and a[1:2] not in ("?", "*", "+", "{") for a in alternatives):
        return edged(pattern)
    letters = "".join(sorted({a[0] for a in alternatives}))
    led = "|".join(f"(?<={a[0]}){a[1:]}" for a in alternatives)
    return f"[{letters}{letters.upper()}{FOLDED}](?<![\\w-].){CASELESS}{led}){body[end:]}"


def lowercase_letter(char: str) -> bool:
    return "а" <= char <= "я" or char == "ё"


class Subject(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    capital: str | None
    capital_needs_prefix: bool


class Lexicon(NamedTuple):
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
    # (pattern, name template, a pattern every match contains or None)
    city_patterns: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None], ...]
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
            regional_cues=re.compile(quick_caseless(regions["regional_cues"])),
            short_kinds=dict(regions["short_kinds"]),
            city_prefix=regions["city_prefix"],
            city_words=frozenset(regions["city_words"]),
            not_a_city_before=re.compile(regions["not_a_city_before"]),
            municipality_kinds=tuple(places["kinds"]),
            quoted=tuple((re.compile(edged(rf"{EDGE_LEFT}{kind}\s*{name}")), nominative)
                         for kind, nominative in places["quoted_kinds"].items()),
            city_patterns=tuple((re.compile(class_led(edged(p))), template,
                                 re.compile(needs[0]) if needs else None)
                                for p, template, *needs in places["city_patterns"]),
            named_city=re.compile(class_led(places["named_city"])),
            city_council=re.compile(edged(places["city_council"])),
            council_stem=int(places["council_stem"]),
            strong_before=re.compile(places["strong_before"]),
            not_municipal=frozenset(places["not_municipal"]),
            kind_abbreviations=dict(places["kind_abbreviations"]),
            caps_kept=frozenset(places["caps_kept"]),
            owner_city=re.compile(caseless_led(places["owner_city"])),
            not_cities=frozenset(places["not_cities"]),
            title_zone_chars=int(places["title_zone_chars"]),
            enumeration_gap_chars=int(places["enumeration_gap_chars"]),
        )
