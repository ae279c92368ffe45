"""The one pymorphy3 analyzer of the process and its parse cache, shared by
every family so a word is analysed once however many extractors look at it."""
from __future__ import annotations

import heapq
from functools import lru_cache

import pymorphy3

PARSE_CACHE = 200_000
INFLECT_CACHE = 50_000
LEXEME_CACHE = 20_000


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def parses(word: str) -> tuple:
    """All parses of ``word`` (case does not matter to pymorphy3, so neither to the cache)."""
    return lowered_parses(word.lower())


@lru_cache(maxsize=PARSE_CACHE)
def lowered_parses(word: str) -> tuple:
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=LEXEME_CACHE)
def lexeme(parse) -> tuple:
    """``parse.lexeme``, built once per parse: pymorphy3 builds the whole lexeme
    (every form, with its tag) again for each inflection asked of a word."""
    return tuple(parse.lexeme)


def similar_to(grammemes: frozenset[str]):
    def similarity(form) -> float:
        tag = form.tag
        return len(grammemes & tag.grammemes) - 0.1 * len(grammemes ^ tag.grammemes)

    return similarity


@lru_cache(maxsize=INFLECT_CACHE)
def _inflect(parse, grammemes: frozenset[str]):
    """``parse.inflect(grammemes)`` (pymorphy3's ``MorphAnalyzer._inflect``, step for
    step) over the cached lexeme."""
    forms = lexeme(parse)
    found = [f for f in forms if grammemes <= f.tag.grammemes]
    if not found:
        grammemes = parse.tag.fix_rare_cases(grammemes)
        found = [f for f in forms if grammemes <= f.tag.grammemes]
    best = heapq.nlargest(1, found, key=similar_to(parse.tag.updated_grammemes(grammemes)))
    return best[0] if best else None


def inflect(parse, grammemes):
    """``parse.inflect(grammemes)``, kept per parse and grammemes: pymorphy3 builds the
    word's whole lexeme for every inflection, and the same names, titles and kinds
    are put into the nominative again and again."""
    return _inflect(parse, frozenset(grammemes))
