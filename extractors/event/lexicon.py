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
# patterns searched along a whole document (not in a window next to a mention): worth a
# check of the letter a match starts with (``letter_led``)
WHOLE_TEXT = ("today", "platform_quoted", "link", "date_field")


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
        special = {name: letter_led(data[name]) for name in WHOLE_TEXT}
        special |= {
            "format": tuple((fmt, cues_pattern(cues)) for fmt, cues in data["format"].items()),
            "format_ignore": cues_pattern(data["format_ignore"]),
            "time": tuple(letter_led(p) for p in data["time"]),
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
    """Any of ``names`` as a whole word, searched along a whole document: a match starts with
    the first character of one of the names (compared ignoring case, as the names are), so a
    lookahead for those characters rejects most positions in one step."""
    ordered = sorted(names, key=lambda n: (-len(n), n))  # longest first, ties in a fixed order
    starts = "".join(sorted({re.escape(n[0]) for n in ordered})) if all(ordered) else ""
    lead = f"(?=[{starts}])" if starts else ""
    return re.compile(lead + r"(?<![\wё])(?:" + "|".join(re.escape(n) for n in ordered)
                      + r")(?![\wё])", re.IGNORECASE)


# -- patterns checked first for the letter a match can start with -----------------------
# A pattern of Russian words compiled case-insensitively is tried at every position of the
# text (and each alternative of it there); a lookahead for the letters its matches start
# with rejects most positions in one step. The letters are read off the pattern only where
# that is certain: ``\b`` or lookbehinds, then a letter or a group of such alternatives,
# none of them optional; otherwise there is no lookahead.

def cues_pattern(cues: typing.Sequence[str]) -> re.Pattern[str]:
    return letter_led("|".join(f"(?:{cue})" for cue in cues))


def letter_led(pattern: str, flags: int = FLAGS) -> re.Pattern[str]:
    letters = first_letters(pattern)
    if not letters:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{''.join(sorted(letters))}])(?:{pattern})", flags)


def first_letters(cue: str) -> set[str] | None:
    """The letters a match of ``cue`` starts with, or None when not certain."""
    branches = top_level_split(cue)
    if branches is None or len(branches) > 1:
        return None if branches is None else union(first_letters(b) for b in branches)
    pos = 0
    while cue.startswith(("\\b", "(?<!", "(?<="), pos):
        pos = pos + 2 if cue.startswith("\\b", pos) else group_end(cue, pos)
        if pos is None:
            return None
    if pos >= len(cue):
        return None
    if cue.startswith("(?:", pos):
        end = group_end(cue, pos)
        if end is None or cue[end:end + 1] in ("?", "*", "{"):
            return None
        return first_letters(cue[pos + 3:end - 1])
    letter, after = cue[pos], cue[pos + 1:pos + 2]
    if not letter.isalpha() or after in ("?", "*", "{"):
        return None
    return {letter}


def union(sets: typing.Iterable[set[str] | None]) -> set[str] | None:
    found: set[str] = set()
    for letters in sets:
        if letters is None:
            return None
        found |= letters
    return found


def group_end(pattern: str, start: int) -> int | None:
    """The index after the parenthesis closing the group opened at ``start``."""
    depth, pos = 0, start
    while pos < len(pattern):
        char = pattern[pos]  # an escape or a class counts as neither parenthesis
        pos = skip_atom(pattern, pos)
        if pos is None:
            return None
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return pos
    return None


def top_level_split(pattern: str) -> list[str] | None:
    """``pattern`` cut at its ``|`` outside groups and classes (None if unbalanced)."""
    parts, depth, last, pos = [], 0, 0, 0
    while pos < len(pattern):
        char = pattern[pos]
        if char == "|" and depth == 0:
            parts.append(pattern[last:pos])
            last = pos + 1
        pos = skip_atom(pattern, pos)
        if pos is None:
            return None
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return None
    return None if depth else [*parts, pattern[last:]]


def skip_atom(pattern: str, pos: int) -> int | None:
    """The index after one character of ``pattern``, an escape or a whole class."""
    if pattern[pos] == "\\":
        return pos + 2 if pos + 1 < len(pattern) else None
    if pattern[pos] != "[":
        return pos + 1
    pos += 1
    if pattern.startswith("^", pos):
        pos += 1
    if pattern.startswith("]", pos):
        pos += 1
    while pos < len(pattern) and pattern[pos] != "]":
        pos += 2 if pattern[pos] == "\\" else 1
    return pos + 1 if pos < len(pattern) else None
