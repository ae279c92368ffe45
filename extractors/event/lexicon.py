"""The event family's lexicon (``data/event.json``), loaded once: every key a named,
typed field; a regex string becomes a compiled pattern (case-insensitive, multiline),
a list of words a frozenset (or a tuple where order matters)."""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass, fields
from functools import cache

from extractors.base import load_lexicon

FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True)
class Lexicon:
    # sizes
    head_lines: int
    lines_after_protocol: int
    act_title_window: int
    max_title: int
    field_window: int
    # kinds
    kinds: tuple[str, ...]
    kind_prefixes: tuple[str, ...]
    kind_modifier_skip: frozenset[str]
    modifier_abbreviations: dict[str, str]
    staged_kinds: frozenset[str]
    container_kinds: frozenset[str]
    body_kinds: frozenset[str]
    body_like_kinds: frozenset[str]
    sitting_kinds: frozenset[str]
    kind_format: dict[str, str]
    # head and lines of an act
    protocol_line: re.Pattern[str]
    order_line: re.Pattern[str]
    operative_line: re.Pattern[str]
    act_title_line: re.Pattern[str]
    # choosing the kind
    umbrella_before: re.Pattern[str]
    held_before: re.Pattern[str]
    held_after: re.Pattern[str]
    body_before: re.Pattern[str]
    occasion_before: re.Pattern[str]
    # title
    title_connector: re.Pattern[str]
    title_skip_before: re.Pattern[str]
    title_skip_inner: re.Pattern[str]
    theme_field: re.Pattern[str]
    theme_line: re.Pattern[str]
    # dates
    date_field: re.Pattern[str]
    reference_before: re.Pattern[str]
    today: re.Pattern[str]
    # format, time, platform, links
    format: tuple[tuple[str, re.Pattern[str]], ...]  # (format, its cues as one pattern)
    format_ignore: re.Pattern[str]
    remote_join: re.Pattern[str]
    time: tuple[re.Pattern[str], ...]
    platforms: re.Pattern[str]  # any platform name, as a word
    platform_quoted: re.Pattern[str]
    link: re.Pattern[str]
    # place
    place_field: re.Pattern[str]
    settlement_line: re.Pattern[str]
    venue_cue: re.Pattern[str]
    town_in: re.Pattern[str]
    town_bare: re.Pattern[str]
    venue_before_held: re.Pattern[str]
    venue_after_held: re.Pattern[str]
    venue_territory: re.Pattern[str]
    venue_noun: re.Pattern[str]
    place_stop_words: frozenset[str]
    city_subjects: frozenset[str]
    settlement_marks: frozenset[str]
    venue_prepositions: frozenset[str]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("event.json")
        special = {
            "format": tuple((fmt, re.compile("|".join(f"(?:{p})" for p in cues), FLAGS))
                            for fmt, cues in data["format"].items()),
            "format_ignore": re.compile("|".join(f"(?:{p})" for p in data["format_ignore"]), FLAGS),
            "time": tuple(re.compile(p, FLAGS) for p in data["time"]),
            "platforms": words_pattern(data["platforms"]),
        }
        hints = typing.get_type_hints(cls)
        return cls(**{f.name: special[f.name] if f.name in special
                      else converted(hints[f.name], data[f.name]) for f in fields(cls)})


def converted(hint: typing.Any, value: typing.Any) -> typing.Any:
    origin = typing.get_origin(hint) or hint
    if origin is re.Pattern:
        return re.compile(value, FLAGS)
    if origin in (frozenset, tuple, dict, int):
        return origin(value)
    raise TypeError(f"no conversion to {hint!r}")


def words_pattern(names: typing.Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=lambda n: (-len(n), n))  # longest first, ties in a fixed order
    return re.compile(r"(?<![\wё])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\wё])",
                      re.IGNORECASE)
