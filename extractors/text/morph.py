"""The one pymorphy3 analyzer of the process and its parse cache, shared by
every family so a word is analysed once however many extractors look at it."""
from __future__ import annotations

import heapq
import os
from functools import lru_cache

import pymorphy3
from pymorphy3.units.by_lookup import DictionaryAnalyzer

PARSE_CACHE = 200_000
INFLECT_CACHE = 50_000
LEXEME_CACHE = 20_000


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The Russian dictionary named by its path (``PYMORPHY2_DICT_PATH`` still wins, as in
    pymorphy3): without one, pymorphy3 reads the entry points of every installed package
    to find it, 0.04 s of a run's CPU."""
    import pymorphy3_dicts_ru

    variable = pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE
    return pymorphy3.MorphAnalyzer(path=os.environ.get(variable) or pymorphy3_dicts_ru.get_path())


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
    """pymorphy3's similarity of a form's tag to the grammemes wanted."""
    def similarity(form_or_tag) -> float:
        tag = getattr(form_or_tag, "tag", form_or_tag)
        return len(grammemes & tag.grammemes) - 0.1 * len(grammemes ^ tag.grammemes)

    return similarity


@lru_cache(maxsize=INFLECT_CACHE)
def _inflect(parse, grammemes: frozenset[str]):
    """``parse.inflect(grammemes)`` (pymorphy3's ``MorphAnalyzer._inflect``, step for
    step) over the cached lexeme, or for a dictionary word over its paradigm's tags,
    building only the form chosen."""
    if in_dictionary(parse):
        return dictionary_inflect(parse, grammemes)
    forms = lexeme(parse)
    found = [f for f in forms if grammemes <= f.tag.grammemes]
    if not found:
        grammemes = parse.tag.fix_rare_cases(grammemes)
        found = [f for f in forms if grammemes <= f.tag.grammemes]
    best = heapq.nlargest(1, found, key=similar_to(parse.tag.updated_grammemes(grammemes)))
    return best[0] if best else None


# A dictionary word's lexeme is its paradigm: pymorphy3 (DictionaryAnalyzer.get_lexeme)
# builds every form's text and Parse to pick one; the tags alone choose it.
def in_dictionary(parse) -> bool:
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]) is DictionaryAnalyzer \
        and getattr(analyzer(), "_result_type", None) is type(parse) \
        and hasattr(DictionaryAnalyzer, "_fix_stack")  # pymorphy3 internals this path reads


def lexeme_words(parse) -> list[str]:
    """The words of ``parse.lexeme``. A dictionary word's lexeme is its paradigm, each form
    prefix + stem + suffix (pymorphy3's ``DictionaryAnalyzer.get_lexeme``), read off it
    without the tag and ``Parse`` pymorphy3 builds for every form."""
    if not in_dictionary(parse):
        return [form.word for form in lexeme(parse)]
    unit, _, para_id, idx = parse.methods_stack[0]
    words = unit.dict
    paradigm = words.paradigms[para_id]
    size = len(paradigm) // 3
    stem = words.build_stem(paradigm, idx, parse.word)
    return [words.paradigm_prefixes[paradigm[2 * size + i]] + stem + words.suffixes[paradigm[i]]
            for i in range(size)]


@lru_cache(maxsize=LEXEME_CACHE)
def paradigm_tags(unit, para_id: int) -> tuple:
    words = unit.dict
    return tuple(words.build_tag_info(para_id, i) for i in range(len(words.paradigms[para_id]) // 3))


def dictionary_inflect(parse, grammemes: frozenset[str]):
    unit, _, para_id, idx = parse.methods_stack[0]
    tags = paradigm_tags(unit, para_id)
    found = [i for i, tag in enumerate(tags) if grammemes <= tag.grammemes]
    if not found:
        grammemes = parse.tag.fix_rare_cases(grammemes)
        found = [i for i, tag in enumerate(tags) if grammemes <= tag.grammemes]
    similarity = similar_to(parse.tag.updated_grammemes(grammemes))
    best = heapq.nlargest(1, found, key=lambda i: similarity(tags[i]))
    if not best:
        return None
    index = best[0]
    words = unit.dict
    paradigm = words.paradigms[para_id]
    size = len(paradigm) // 3
    stem = words.build_stem(paradigm, idx, parse.word)
    word = words.paradigm_prefixes[paradigm[2 * size + index]] + stem + words.suffixes[paradigm[index]]
    return type(parse)(word, tags[index], parse.normal_form, 1.0,
                       unit._fix_stack(parse.methods_stack, word, para_id, index))


def inflect(parse, grammemes):
    """``parse.inflect(grammemes)``, kept per parse and grammemes: pymorphy3 builds the
    word's whole lexeme for every inflection, and the same names, titles and kinds
    are put into the nominative again and again."""
    return _inflect(parse, frozenset(grammemes))
