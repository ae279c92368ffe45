"""The one pymorphy3 analyzer of the process and its parse cache, shared by
every family so a word is analysed once however many extractors look at it."""
from __future__ import annotations

from functools import lru_cache

import pymorphy3

PARSE_CACHE = 200_000
INFLECT_CACHE = 50_000


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def parses(word: str) -> tuple:
    """All parses of ``word`` (case does not matter to pymorphy3, so neither to the cache)."""
    return lowered_parses(word.lower())


@lru_cache(maxsize=PARSE_CACHE)
def lowered_parses(word: str) -> tuple:
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=INFLECT_CACHE)
def _inflect(parse, grammemes: frozenset[str]):
    return parse.inflect(grammemes)


def inflect(parse, grammemes):
    """``parse.inflect(grammemes)``, kept per parse and grammemes: pymorphy3 builds the
    word's whole lexeme for every inflection, and the same names, titles and kinds
    are put into the nominative again and again."""
    return _inflect(parse, frozenset(grammemes))
