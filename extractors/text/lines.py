"""Lines of a text and their kinds, as offsets into the source.

A line is ``[start, stop)`` without its newline (a ``\\r`` before the newline
is left out too). Its kind is ``blank``, ``list_item`` (starts with a marker:
a dash, bullet, ``1.``, ``1.2``, ``а)``; ``body`` is where the text after the
marker starts), ``table`` (cells separated by tabs or ``|``),
``heading`` (no lower-case letter, or a word spaced out letter by letter such
as ``п о с т а н о в л я ю:``) or ``text``. ``continues`` says whether a
line is the hard-wrapped continuation of the one before it; the reflowed view
and the list items are built on it. Markers and thresholds are data:
``extractors/data/text_lines.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractors.base import load_lexicon

BLANK, LIST_ITEM, TABLE, HEADING, TEXT = "blank", "list_item", "table", "heading", "text"
LINE = re.compile(r"[^\n]*")
INDENT = re.compile(r"[ \t\u00a0]*")
INDENT_CHARACTERS = " \t\u00a0"  # INDENT's
TRAILING_SPACE = " \t\r\u00a0"  # what content_stop moves back over
# [а-яёa-z] and [А-ЯЁA-Z] (three runs of code points, one beyond Latin-1: re builds them
# through 256 chunks of a 65,536-entry map, ~0.3 ms each) written as a two-run class or'ed
# with a one-character repeat of ё (``{1}``: the parser does not merge it into the class
# again): the same characters (tested over all of Unicode), compiled as ranges.
LOWER = re.compile(r"[a-zа-я]|ё{1}")
UPPER = re.compile(r"[A-ZА-Я]|Ё{1}")
LAST_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,8}$")
LOWER_WORD_END = re.compile(r"(?<![^\W\d_])(?:[a-zа-я]|ё{1})+$")
_new_tuple = tuple.__new__


class Line(NamedTuple):
    start: int
    stop: int
    kind: str
    body: int  # where the content starts: after the indentation and any list marker


class Item(NamedTuple):
    start: int  # the marker
    body: int  # the text after the marker
    stop: int  # end of the item's last (continuation) line


class Rules(NamedTuple):
    marker: re.Pattern[str]
    cell_separators: re.Pattern[str]
    heading_letters: int
    heading: re.Pattern[str]
    join_after: re.Pattern[str]
    join_lower: re.Pattern[str]
    join_after_word: re.Pattern[str]
    join_after_words: frozenset[str]
    join_after_marks: dict[str, re.Pattern[str]]
    join_after_lower_word: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load_lexicon("text_lines.json")
    return Rules(
        marker=re.compile("|".join(f"(?:{p})" for p in data["list_markers"])),
        cell_separators=re.compile("[" + re.escape(data["table_cell_separators"]) + "]"),
        heading_letters=data["heading_min_letters"],
        heading=re.compile("|".join(f"(?:{p})" for p in data["heading_patterns"])),
        join_after=re.compile(data["join_after"]),
        join_lower=re.compile(data["join_before_lower"]),
        join_after_word=re.compile(data["join_before_after_word"]),
        join_after_words=frozenset(data["join_after_words"]),
        join_after_marks={k: re.compile(v) for k, v in data["join_after_marks"].items()},
        join_after_lower_word=re.compile(data["join_before_after_lower_word"]),
    )


def bounds(text: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """Every line in ``[start, stop)``, without its newline (empty lines included)."""
    stop = len(text) if stop is None else stop
    found, pos = [], start
    while pos <= stop:
        end = text.find("\n", pos, stop)
        end = stop if end < 0 else end
        found.append((pos, end))
        if end >= stop:
            break
        pos = end + 1
    return found


def content_stop(text: str, start: int, stop: int) -> int:
    """``stop`` moved back over trailing white space (a step per trailing space only)."""
    while stop > start and text[stop - 1] in TRAILING_SPACE:
        stop -= 1
    return stop


def is_table(text: str, start: int, stop: int) -> bool:
    return rules().cell_separators.search(text, start, stop) is not None


def classify(text: str, start: int, stop: int) -> Line:
    """The kind of the line ``[start, stop)`` (no newline inside)."""
    return classify_part(text, start, text[start:stop], rules())


def classify_part(text: str, start: int, part: str, r: Rules) -> Line:
    """``classify`` of the line ``part`` that starts at ``start`` (``r``: ``rules()``). Its
    content starts after INDENT's characters and ends before content_stop's, found by C
    strips of ``part`` (no match object, no step per trailing space)."""
    content = start + len(part) - len(part.lstrip(INDENT_CHARACTERS))
    end = max(content, start + len(part.rstrip(TRAILING_SPACE)))
    if content >= end:
        return _new_tuple(Line, (start, end, BLANK, content))
    marker = r.marker.match(text, content, end)
    body = marker.end() if marker else content
    if r.cell_separators.search(text, body, end) is not None:  # is_table
        kind = TABLE
    elif marker:
        kind = LIST_ITEM
    elif not LOWER.search(text, content, end) and \
            len(UPPER.findall(text, content, end)) >= r.heading_letters or \
            r.heading.fullmatch(text, content, end):
        kind = HEADING
    else:
        kind = TEXT
    return _new_tuple(Line, (start, end, kind, body))  # Line(...) less its Python-level __new__


def lines(text: str) -> list[Line]:
    """Every line of ``text`` with its kind; ``stop`` leaves out trailing white space."""
    r = rules()
    found, pos = [], 0
    for part in text.split("\n"):  # one C pass; empty lines need no look at all
        found.append(classify_part(text, pos, part, r) if part else _new_tuple(Line, (pos, pos, BLANK, pos)))
        pos += len(part) + 1
    return found


def continues(text: str, before: Line, line: Line) -> bool:
    """True when ``line`` is the hard-wrapped continuation of ``before`` (the line
    just above it): both hold running text, ``line`` is not a new list item, table
    row or heading, and it starts in lower case, or with an opening quote or
    parenthesis right after a word or comma, or a digit after a comma (an
    enumeration goes on), or a number sign after a lower-case word, or ``before``
    ends with a number sign, or with a
    preposition or conjunction, or with a word cut by a hyphen."""
    if line.kind != TEXT or before.kind not in (TEXT, LIST_ITEM):
        return False
    if is_word_hyphen(text, before.stop) and text[line.body].isalpha():
        return True
    r = rules()
    if r.join_lower.match(text, line.body, line.stop):
        return True
    mark = r.join_after_marks.get(text[before.stop - 1])
    if mark is not None and mark.match(text, line.body, line.stop):
        return True  # «школах № 4, 13,» / «25 и 31»: an enumeration goes on
    last = LAST_WORD.search(text, max(before.start, before.stop - 9), before.stop)
    if last and last.group().lower() in r.join_after_words:
        return True
    if r.join_after_lower_word.match(text, line.body, line.stop) and LOWER_WORD_END.search(
            text, max(before.start, before.stop - 40), before.stop):
        return True  # «гимназии» / «№ 7»
    return bool(r.join_after_word.match(text, line.body, line.stop)) and \
        bool(r.join_after.match(text, before.stop - 1, before.stop))


def is_word_hyphen(text: str, stop: int) -> bool:
    """True when the line ending at ``stop`` ends with a word cut by a hyphen (``образова-``)."""
    return stop >= 2 and text[stop - 1] == "-" and text[stop - 2].isalpha()


def list_items(text: str, found: list[Line]) -> list[Item]:
    """List items, each running over the lines that continue it."""
    items: list[Item] = []
    current: Item | None = None
    for before, line in zip([None, *found], found):
        if current is not None and before is not None and continues(text, before, line):
            current = current._replace(stop=line.stop)
            continue
        if current is not None:
            items.append(current)
            current = None
        if line.kind == LIST_ITEM:
            current = Item(INDENT.match(text, line.start, line.stop).end(), line.body, line.stop)
    if current is not None:
        items.append(current)
    return items
