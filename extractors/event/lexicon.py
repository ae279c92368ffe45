"""The event family's lexicon (``data/event.json``), loaded once: every key a named,
typed field; a regex string becomes a compiled pattern (case-insensitive, multiline; one
searched along a whole document a ``WholeText``, compiled when first needed), a list of
words a frozenset (or a tuple where order matters)."""
import re
import sys
import typing
from functools import cache
from typing import NamedTuple

from extractors.base import load_lexicon
from extractors.text.literals import folded, may_match, required_literals

FLAGS = re.IGNORECASE | re.MULTILINE
# patterns searched along a whole document (not in a window next to a mention): worth a
# check of the letter a match starts with (``letter_led``)
WHOLE_TEXT = ("today", "platform_quoted", "link", "date_field")
# patterns searched along a whole document and asked of it once or a few times: a
# ``WholeText`` (the cue lists ``format``, ``format_ignore`` and ``time`` are too)
GUARDED = (*WHOLE_TEXT, "place_field", "theme_field", "theme_line", "remote_join")


class WholeText(NamedTuple):
    """A pattern searched along a whole document: compiled when first searched, and searched
    only in a text that holds one of the strings each of its matches holds (``needs``, read
    off the pattern by ``required_literals``; a text without them has no match)."""
    source: str
    needs: tuple[str, ...] | None
    flags: int = FLAGS

    @classmethod
    def of(cls, source: str, flags: int = FLAGS) -> "WholeText":
        return cls(source, required_literals(source), flags)

    @property
    def pattern(self) -> re.Pattern[str]:
        return compiled(self.source, self.flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not may_match(self.needs, folded(text)):
            return None
        return self.pattern.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int = sys.maxsize) -> typing.Iterator[re.Match[str]]:
        if not may_match(self.needs, folded(text)):
            return iter(())
        return self.pattern.finditer(text, pos, endpos)


@cache
def compiled(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


class Lexicon(NamedTuple):
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
    theme_field: WholeText
    theme_line: WholeText
    # dates
    date_field: WholeText
    reference_before: re.Pattern[str]
    today: WholeText
    # format, time, platform, links
    format: tuple[tuple[str, WholeText], ...]  # (format, its cues as one pattern)
    format_ignore: WholeText
    remote_join: WholeText
    time: tuple[WholeText, ...]
    platforms: WholeText  # any platform name, as a word
    platform_quoted: WholeText
    link: WholeText
    # place
    place_field: WholeText
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
        special = {name: WholeText.of(letter_led(data[name]) if name in WHOLE_TEXT
                                      else data[name]) for name in GUARDED}
        special |= {
            "format": tuple((fmt, cues_pattern(cues)) for fmt, cues in data["format"].items()),
            "format_ignore": cues_pattern(data["format_ignore"]),
            "time": tuple(WholeText.of(letter_led(p)) for p in data["time"]),
            "platforms": WholeText.of(words_pattern(data["platforms"]), re.IGNORECASE),
        }
        annotations = cls.__annotations__
        return cls(**{name: special[name] if name in special
                      else converted(annotations[name], data[name]) for name in cls._fields})


def converted(hint: typing.Any, value: typing.Any) -> typing.Any:
    """``value`` as its field's annotation says. The annotations are real types, not
    strings (``from __future__ import annotations`` would make NamedTuple compile each of
    the 57 into a forward reference, ~1 ms of import)."""
    origin = typing.get_origin(hint) or hint
    if origin is re.Pattern:
        return re.compile(value, FLAGS)
    if origin in (frozenset, tuple, dict, int):
        return origin(value)
    raise TypeError(f"no conversion to {hint!r}")


def words_pattern(names: typing.Iterable[str]) -> str:
    """Any of ``names`` as a whole word, searched along a whole document: a match starts with
    the first character of one of the names (compared ignoring case, as the names are), so a
    lookahead for those characters rejects most positions in one step."""
    ordered = sorted(names, key=lambda n: (-len(n), n))  # longest first, ties in a fixed order
    starts = "".join(sorted({re.escape(n[0]) for n in ordered})) if all(ordered) else ""
    lead = f"(?=[{starts}])" if starts else ""
    return lead + r"(?<![\wё])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\wё])"


# -- patterns checked first for the letter a match can start with -----------------------
# A pattern of Russian words compiled case-insensitively is tried at every position of the
# text (and each alternative of it there); a lookahead for the letters its matches start
# with rejects most positions in one step. The letters are read off the pattern only where
# that is certain: ``\b`` or lookbehinds, then a letter or a group of such alternatives,
# none of them optional; otherwise there is no lookahead.

def cues_pattern(cues: typing.Sequence[str]) -> WholeText:
    return WholeText.of(letter_led("|".join(f"(?:{cue})" for cue in cues)))


def letter_led(pattern: str) -> str:
    """``pattern`` behind a lookahead for the letters its matches start with, if known."""
    letters = first_letters(pattern)
    if not letters:
        return pattern
    return f"(?=[{''.join(sorted(letters))}])(?:{pattern})"


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
