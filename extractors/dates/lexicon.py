"""The dates family's lexicon (``data/months.json``, ``data/dates.json``) and the
patterns built from it, loaded once: ``Lexicon.load()``.

The fixed grammar (numeric date forms, day runs, year words, joiners) is in
``extractors/dates/patterns.py``; what depends on a word list is composed here.
"""
from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple

from extractors.base import load_lexicon
from extractors.dates.patterns import (DASH_OR_SLASH, DAY, DAY_JOINER, FIRST_DAY, HSPACE, LETTER,
                                      NOT_LETTER, YEAR4, fold, phrase_regex, word_after)


class Lexicon(NamedTuple):
    month_forms: Mapping[str, int]  # every written form of a month name (folded) -> number
    text_date: re.Pattern[str]  # "6-7 мая", "с 3 по 8 ноября 2023 (года: with_year_word)"
    month_year: re.Pattern[str]  # "март 2021(г.)", "феврале", "июнь 2021 (года)"
    deadline_before: re.Pattern[str]  # a deadline cue ending right before a date
    address_before: re.Pattern[str]  # "ул. ", "им. " right before a day and month
    month_prepositions: re.Pattern[str]  # a lone month name is a period after one of these
    max_context_distance: int
    two_digit_year_pivot: int

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("dates.json")
        forms: dict[str, int] = {}
        for number, words in load_lexicon("months.json")["months"].items():
            for word in words:
                forms[fold(word)] = int(number)
        months = form_trie(forms)
        return cls(
            month_forms=MappingProxyType(forms),
            text_date=re.compile(
                rf"(?P<days>{FIRST_DAY}(?:{DAY_JOINER}{DAY})*)"
                rf"{HSPACE}+(?P<month>{alternation(months)})"
                rf"(?!{LETTER})(?:{HSPACE}*(?P<y>{YEAR4})(?!\d)"
                rf"|,{HSPACE}*(?P<y2>{YEAR4})(?!\d)"
                rf"(?!{HSPACE}*{DASH_OR_SLASH}{HSPACE}*(?:\d{{4}}|\d{{2}})(?![\d:]))"
                rf"(?!{HSPACE}*(?!года|году|год|г\.|гг){LETTER}))?",
                re.IGNORECASE),
            month_year=re.compile(
                rf"(?P<month>{by_first_letter(months)})(?!{LETTER})"
                rf"(?:{HSPACE}*(?P<y>{YEAR4})(?!\d))?", re.IGNORECASE),
            deadline_before=re.compile(
                rf"(?:^|{NOT_LETTER})(?:{phrase_regex(data['deadline_cues'])})\s*$", re.IGNORECASE),
            address_before=word_after("|".join(data["address_before"]), r"[ \t]*"),
            month_prepositions=word_after("|".join(data["month_prepositions"]), r"\s+"),
            max_context_distance=int(data["max_context_distance"]),
            two_digit_year_pivot=int(data["two_digit_year_pivot"]),
        )

    def month_number(self, word: str) -> int | None:
        return self.month_forms.get(fold(word))

    def full_year(self, digits: str) -> int:
        """Four digits as they are; two digits are 20xx below ``two_digit_year_pivot``
        and 19xx from it on ("23.07.96" is 1996, "14.10.22" is 2022)."""
        if len(digits) == 4:
            return int(digits)
        short = int(digits)
        return (2000 if short < self.two_digit_year_pivot else 1900) + short


# -- the month forms as one pattern ------------------------------------------------------
# ``re`` parses and compiles an alternation of ~80 month forms (each "е" also as "ё")
# letter by letter for each of the two patterns, and tries every form at a candidate
# position. The same forms as a trie ("ма(?:рт(?:ом|[её]|у|а)?|...)") match the same
# strings in the same order: the forms are folded words (lowercase, е for ё), so two
# different letters after one prefix never match the same character, and at a prefix that
# is itself a form the continuations are tried before ending there: of the forms that match
# at a position (each a prefix of the next), the longest first, as the alternation sorted
# longest first tries them.
FOLDED = "\u1c80-\u1c8f"  # old-style letters re.IGNORECASE folds into в д о с т ъ ѣ
END = ""  # a trie node's key for "a form ends here"

Trie = dict[str, "Trie"]


def form_trie(forms: Iterable[str]) -> Trie:
    trie: Trie = {}
    for form in forms:
        node = trie
        for letter in form:
            node = node.setdefault(letter, {})
        node[END] = {}
    return trie


def letter_atom(letter: str) -> str:
    return "[её]" if letter == "е" else re.escape(letter)


def alternation(node: Trie) -> str:
    """The forms below ``node`` as one pattern: every continuation, then (``?``) the end."""
    parts = [letter_atom(letter) + alternation(child)
             for letter, child in sorted(node.items()) if letter != END]
    if not parts:
        return ""
    if len(parts) == 1 and END not in node:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" + ("?" if END in node else "")


def by_first_letter(trie: Trie) -> str:
    """The forms at a word start, opening with a case-sensitive class of every character a
    first letter takes under IGNORECASE (the letter, its capital, the folded old-style ones:
    a superset, tested exactly by the look-behind ``(?<=м)`` before each first letter's
    forms): ``re`` scans for that class in C instead of trying each position. The word-start
    test comes after that letter (``.`` is the letter itself, never a line break)."""
    firsts = sorted(letter for letter in trie if letter != END)
    letters = "".join(firsts) + ("ё" if "е" in firsts else "")  # "е" is also "ё"
    body = "|".join(f"(?<={letter_atom(letter)}){alternation(trie[letter])}" for letter in firsts)
    return rf"(?-i:[{re.escape(letters + letters.upper())}{FOLDED}])(?<![\w\d].)(?:{body})"
