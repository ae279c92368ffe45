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
from extractors.dates.patterns import (DAY, DAY_JOINER, FIRST_DAY, HSPACE, YEAR4, YEAR_SUFFIX,
                                      fold, phrase_regex, word_after)


class Lexicon(NamedTuple):
    month_forms: Mapping[str, int]  # every written form of a month name (folded) -> number
    text_date: re.Pattern[str]  # "6-7 мая", "с 3 по 8 ноября 2023 года"
    month_year: re.Pattern[str]  # "март 2021г.", "феврале", "июнь 2021 года"
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
        months = "|".join(re.escape(w).replace("е", "[её]")
                          for w in sorted(forms, key=len, reverse=True))
        return cls(
            month_forms=MappingProxyType(forms),
            text_date=re.compile(
                rf"(?P<days>{FIRST_DAY}(?:{DAY_JOINER}{DAY})*)"
                rf"{HSPACE}+(?P<month>{months})"
                rf"(?![а-яё])(?:{HSPACE}*(?P<y>{YEAR4})(?!\d)(?P<suffix>{YEAR_SUFFIX})?"
                rf"|,{HSPACE}*(?P<y2>{YEAR4})(?!\d)"
                rf"(?!{HSPACE}*[-–—/]{HSPACE}*(?:\d{{4}}|\d{{2}})(?![\d:]))"
                rf"(?!{HSPACE}*(?!года|году|год|г\.|гг)[а-яё]))?",
                re.IGNORECASE),
            month_year=re.compile(
                rf"(?<![\w\d])(?={opening(forms)})(?P<month>{months})(?![а-яё])"
                rf"(?:{HSPACE}*(?P<y>{YEAR4})(?!\d)(?P<suffix>{YEAR_SUFFIX})?)?", re.IGNORECASE),
            deadline_before=re.compile(
                rf"(?:^|[^а-яё])(?:{phrase_regex(data['deadline_cues'])})\s*$", re.IGNORECASE),
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


def opening(forms: Iterable[str]) -> str:
    """A lookahead body for the first two letters of some month form (``е`` also as
    ``ё``, as the alternation of the forms takes it): a necessary condition of the
    alternation, checked at a word start in one step instead of trying every form there."""
    return "".join(letter_class({form[i] for form in forms}) for i in (0, 1))


def letter_class(letters: set[str]) -> str:
    letters = letters | {"ё"} if "е" in letters else letters
    return "[" + "".join(re.escape(letter) for letter in sorted(letters)) + "]"
