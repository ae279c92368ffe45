"""Regular expressions of the dates family: the fixed grammar of written dates
(the patterns composed from the word lists of ``data/months.json`` and
``data/dates.json`` are built in ``extractors/dates/lexicon.py``); plus the small
parsers that turn a match into numbers.

Nothing here looks at a document as a whole: ``extractors/dates/__init__.py`` finds the
raw hits with these patterns and links them (ranges, shared years, deadlines).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

# re builds a class of non-Latin-1 characters through a 65,536-entry map, and one of three or
# more runs of code points through 256 chunks of it (0.1-0.4 ms a class, every time a pattern
# holding it is compiled). The classes below take the same characters (with IGNORECASE or
# without) as a class of Latin-1 characters or of at most two runs, or'ed with a one-character
# repeat (``{1}``, so that the parser does not merge the branch into one class again). Under
# IGNORECASE [а-яё] is such a class (re adds the old-style letters ᲀ-ᲆ that в д о с т ъ fold
# with), and [a-z] is one (re adds ı and ſ, that i and s fold with; "i" and "s" alone are
# literals).
LETTER = r"(?:[а-я]|ё{1})"  # [а-яё]
LATIN_OR_DOT = r"(?:[.a-hj-rt-z]|i{1}|s{1})"  # [.a-z]
NOT_LETTER = r"(?s:(?![а-я]|ё{1}).)"  # [^а-яё]
DASH_OR_SLASH = r"(?:[-/]|[–—]{1})"  # [-–—/]
DIGIT_OR_MARK = r"(?:[\d.,/]|№{1})"  # [\d.,/№]

CENTURY = r"(?:19|20)"
YEAR4 = rf"{CENTURY}\d{{2}}"
DASH = r"[-–—]"
# "г." / "года" / "гг." after a year on the same line; "г" alone only when no letter
# follows; "г. Тула" after a date is the town, not the year word.
CITY_AHEAD = r"(?![ \t]*(?-i:[А-ЯЁ][а-яё]))"
YEAR_SUFFIX = rf"(?:[ \t]*(?:года|году|год|гг\.?|г\.{CITY_AHEAD}|г(?!{LETTER}|{LATIN_OR_DOT})))"
# The year word is matched after a pattern's year (``with_year_word``), not compiled into each
# of the six patterns that take it (~0.3 ms each).
YEAR_WORD_AFTER = re.compile(YEAR_SUFFIX, re.IGNORECASE)


def phrase_regex(phrases: list[str]) -> str:
    """Alternation of lexicon phrases, longest first; spaces match any whitespace."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def word_after(alternation: str, tail: str) -> re.Pattern[str]:
    """One of the words of ``alternation`` (a whole word) and ``tail`` ending the text
    searched: a cue right before a hit."""
    return re.compile(rf"(?:^|{NOT_LETTER})(?:{alternation}){tail}$", re.IGNORECASE)


def not_after(before: str, digits: int = 1) -> str:
    r"""``(?<!before)`` (one character) at the start of a match, written to stand right after
    the match's first ``digits`` digits (it looks back over them too). A pattern whose first
    item is a digit (or ``19|20``) lets ``re`` look for its candidate starts by a fast scan for
    that character; one that opens with a lookbehind is tried at every position of the text."""
    return rf"(?<!{before}\d{{{digits}}})"


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


# -- numeric dates ---------------------------------------------------------------
# Each pattern starts with the digit that opens the match, the lookbehind after it (``not_after``).
# 14.10.2022, 14.10.2022г., 14.10.22 (same separator twice; no digit or "./"+digit around)
NUMERIC_DATE = re.compile(
    r"(?P<d>\d" + not_after(r"[\d./]") + r"\d?)"
    rf"(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{YEAR4}|\d{{2}})"
    rf"(?!\d)(?![./]\d)", re.IGNORECASE)
# 14 10 2022: single spaces, two-digit month, four-digit year, not inside a digit run
SPACED_DATE = re.compile(
    r"(?P<d>\d" + not_after(r"[\d+(]") + r"(?<!\d[ -]\d)\d?)"
    rf" (?P<m>\d{{2}}) (?P<y>{YEAR4})(?!\d)(?! ?[-–]?\d)", re.IGNORECASE)
# 2021-03-15
ISO_DATE = re.compile(
    f"(?P<y>{CENTURY}" + not_after(r"[\d-]", 2) + r"\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
# 15. 03. 2021 (a space after each dot), 15-03-2021: two-digit month, four-digit year
LOOSE_DATE = re.compile(
    r"(?P<d>\d" + not_after(r"[\d./-]") + r"\d?)"
    rf"(?:\. |-)(?P<m>\d{{2}})(?:\. |-)(?P<y>{YEAR4})(?![\d-])", re.IGNORECASE)
NUMERIC_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("numeric", NUMERIC_DATE), ("spaced", SPACED_DATE), ("numeric", ISO_DATE),
    ("spaced", LOOSE_DATE))
# "11.05 - 16.05.2023": a day and month whose year is that of the range's end
# ("с 05.02. по 09.02.2018": the start may keep its dot and be joined by "по"/"до")
OPEN_RANGE_START = re.compile(
    r"(?P<d>\d" + not_after(r"[\d./]") + r"\d?)"
    rf"\.(?P<m>\d{{2}})(?![\d.]*\d)\.?"
    rf"(?=[ \t]*(?:{DASH}|(?<=\.)(?:по|до)[ \t]|[ \t](?:по|до)[ \t])[ \t]*\d{{1,2}}\.\d{{2}}\.\d)",
    re.IGNORECASE)

# "с 12 по 16.09.2022", "13-14.10.2022": a bare day whose month and year are the range end's
BARE_DAY_START = re.compile(
    r"(?P<d>\d" + not_after(DIGIT_OR_MARK) + r"(?<!№\s\d)\d?)"
    rf"(?=[ \t]*(?:{DASH}|[ \t](?:по|до)[ \t])[ \t]*"
    rf"\d{{1,2}}(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?:{YEAR4}|\d{{2}})(?!\d))", re.IGNORECASE)
OPEN_STARTS: tuple[re.Pattern[str], ...] = (OPEN_RANGE_START, BARE_DAY_START)

# -- dates with a month name: "6-7 мая", "с 3 по 8 ноября 2023 года" ------------------
# (a news dateline may put a comma before the year: "четверг, 5 сентября, 2019 - 16:05";
# the comma form takes a year that is not followed by a second year or a word other
# than the year word)
DAY = r"[«\"]?\d{1,2}[»\"]?(?:-?го)?"  # «15» декабря, 20-го мая
# DAY opening a run of days, not after a digit, ".", ",", "/", "№" or "№ ": written to
# start with its first character (see ``not_after``), which says whether one or two digits follow
FIRST_DAY = (rf'[«"\d](?<!{DIGIT_OR_MARK}[«"\d])(?<!№\s[«"\d])(?:(?<=[«"])\d\d?|(?<=\d)\d?)'
             r'[»"]?(?:-?го)?')
HSPACE = r"[ \t\u00a0]"
DAY_JOINER = rf"{HSPACE}*(?:{DASH}|,|{HSPACE}(?:по|до|и){HSPACE}){HSPACE}*"
DAY_NUMBER = re.compile(r"\d{1,2}")


# -- periods --------------------------------------------------------------------
SCHOOL_WORD = rf"(?:учебн{LETTER}*|уч\.)"
YEAR_WORD = rf"(?:год{LETTER}*|гг?\.?)"
YEAR_PAIR = rf"(?P<y1>{YEAR4})\s*{DASH_OR_SLASH}\s*(?P<y2>(?:19|20)?\d{{2}})(?!\d)"
SCHOOL_YEAR_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{YEAR_PAIR}\s*(?:гг?\.?\s*)?{SCHOOL_WORD}\s*{YEAR_WORD}", re.IGNORECASE),
    re.compile(rf"{SCHOOL_WORD}\s+{YEAR_PAIR}\s*{YEAR_WORD}", re.IGNORECASE),
)
YEAR_ALONE = re.compile(  # a year with the year word after it (``with_year_word``)
    f"(?P<y>{CENTURY}" + not_after(r"[\d./\-–—]", 2) + r"\d{2})(?!\d)", re.IGNORECASE)

# -- joining hits ---------------------------------------------------------------
# between two hits of one range: "-", " по ", "г. - по ", " до "
RANGE_JOIN = re.compile(
    rf"^{HSPACE}*(?:{DASH}{HSPACE}*(?:(?:по|до){HSPACE}+)?|(?:по|до){HSPACE}+)$", re.IGNORECASE)
# between two hits of one enumeration (they share a year written at the end)
LIST_JOIN = re.compile(rf"^{HSPACE}*(?:,|и|,{HSPACE}*и){HSPACE}*$", re.IGNORECASE)
# between two month names of one period
MONTH_JOIN = re.compile(rf"^{HSPACE}*(?:{DASH}|,|и|по|до){HSPACE}*$", re.IGNORECASE)
CUE_WINDOW = 40
# "приказ от 15.12.2020": a document's reference date says little about the year of others
REFERENCE_BEFORE = word_after("от", r"[ \t]*")


def with_year_word(pattern: re.Pattern[str], text: str,
                   required: bool = False) -> Iterator[tuple[re.Match[str], int]]:
    """Each match of ``pattern`` in ``text`` and where it ends, a match that ends with its year
    (group ``y``) taking the year word after it ("2023 г.", "2023 года"); ``required``: only a
    match followed by one. The same matches and ends as ``pattern`` would give with
    ``(?P<suffix>{YEAR_SUFFIX})?`` (``required``: without ``?``) after its year, found by
    ``finditer``: the year ends the pattern, so an optional word never makes a match fail nor
    changes what comes before it, and a year is four digits: without a required word no match
    starts there, and the search goes on from the next character."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        end = m.end()
        word = YEAR_WORD_AFTER.match(text, end) if m.end("y") == end else None
        if word is not None:
            end = word.end()
        elif required:
            pos = m.start() + 1
            continue
        yield m, end
        pos = end


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The calendar date, or None when it does not exist (31.02)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_numbers(days: str) -> list[tuple[int, int, str]]:
    """(offset in ``days``, day, joiner before it) for every day number of a day run."""
    out: list[tuple[int, int, str]] = []
    previous_end = 0
    for m in DAY_NUMBER.finditer(days):
        joiner = days[previous_end:m.start()]
        out.append((m.start(), int(m.group()), joiner))
        previous_end = m.end()
    return out


ORDINAL_TAIL = re.compile(r"^-?го", re.IGNORECASE)


def is_range_joiner(joiner: str) -> bool:
    """"-", "по", "до" between two day numbers make a range; "и" and "," a list."""
    text = ORDINAL_TAIL.sub("", joiner.strip()).strip().lower()
    return bool(text) and (text[0] in "-–—" or text in ("по", "до"))
