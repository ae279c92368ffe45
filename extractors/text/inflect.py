"""The one nominative/inflection helper of the extractors, on pymorphy3 through
the process's shared parse and inflection caches (``extractors.text.morph``).

Two ways to put a noun phrase into the nominative live here side by side:

* ``nominative_phrase(words)`` (geo, schools, organisations, people's job titles
  and employers): adjectives up to
  and including the first noun agree with that noun's gender in the singular;
  what follows (a genitive tail, a quoted name, an apposition such as
  ``Татарстан`` in ``Республики Татарстан``) stays as written;
* ``noun_phrase(tokens, case)`` (decisions, events): agreeing modifiers and a
  head noun in a given case at the start of the tokens, keeping the head's
  number (``муниципальным координаторам`` -> ``муниципальные координаторы``).

``match_case`` gives an inflected form the capitalisation of the word it came
from, part by part for a hyphenated compound.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.text.morph import inflect, parses

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# [А-Яа-яЁё] (three runs of code points: re builds it through a 65,536-entry map, ~0.15 ms
# each time) as the range А-я or'ed with a one-character repeat of [Ёё] (not merged back
# into one class by the parser): the same characters, compiled as ranges.
CYRILLIC_WORD = re.compile(r"(?:[А-я]|[Ёё]{1})+(?:-(?:[А-я]|[Ёё]{1})+)*")
ADJ_POS = {"ADJF", "PRTF"}
NOUN_POS = {"NOUN"}
AGREEING = {"ADJF", "PRTF", "NUMR"}
FUNCTION_WORDS = {"CONJ", "PREP", "PRCL", "INTJ", "NPRO"}
# Feminine adjective endings of a school name in an oblique case -> nominative.
FEM_ADJ_ENDINGS = (("ой", "ая"), ("ей", "яя"), ("ую", "ая"), ("юю", "яя"))
MASC_ADJ_ENDINGS = (("ого", "ий"), ("ому", "ий"), ("ым", "ий"), ("ом", "ий"))
HARD_BEFORE_YI = "бвдзлмнпрстфц"
# pymorphy3 offers rare plural variants first for a few nouns; the usual form wins.
NOMINATIVE_VARIANTS = {"учители": "учителя", "учители-предметники": "учителя-предметники"}


def match_case(source: str, target: str) -> str:
    """Give ``target`` the capitalisation pattern of ``source`` (part by part for compounds)."""
    source_parts, target_parts = source.split("-"), target.split("-")
    if len(source_parts) > 1 and len(source_parts) == len(target_parts):
        return "-".join(match_case(s, t) for s, t in zip(source_parts, target_parts))
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


# --- lemmas and parts of speech ---------------------------------------------

@lru_cache(maxsize=50000)
def lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in parses(word))


def lemma(word: str) -> str:
    found = parses(word)
    return found[0].normal_form if found else word.lower()


def has_pos(word: str, *pos: str) -> bool:
    """Any parse of ``word`` is one of ``pos``."""
    return not parts_of_speech(word.lower()).isdisjoint(pos)


def is_pos(word: str, pos: set[str]) -> bool:
    """One of the two likeliest parses of ``word`` is one of ``pos``."""
    return not likeliest_parts_of_speech(word.lower()).isdisjoint(pos)


# pymorphy3's ``tag.POS`` is computed anew at each reading: the families ask
# these questions of the same words thousands of times a document.
@lru_cache(maxsize=50000)
def parts_of_speech(word: str) -> frozenset:
    """The parts of speech of every parse of ``word`` (None for a parse without one)."""
    return frozenset(p.tag.POS for p in parses(word))


@lru_cache(maxsize=50000)
def likeliest_parts_of_speech(word: str) -> frozenset:
    return frozenset(p.tag.POS for p in parses(word)[:2])


def is_noun_head(word: str) -> bool:
    """A noun that cannot be read as an adjective (``Тверская`` is also a street noun)."""
    found = parses(word)
    return bool(found) and found[0].tag.POS == "NOUN" and \
        not any(p.tag.POS in ADJ_POS for p in found)


def is_abbreviation(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def case_parse(word: str, case: str, pos: set[str] | None = None):
    """The most probable parse of ``word`` in ``case`` (optionally of one of ``pos``)."""
    for p in parses(word):
        if case in p.tag and "Fixd" not in p.tag and (pos is None or p.tag.POS in pos):
            return p
    return None


# --- a name's head group: nominative and case forms --------------------------

def inflect_last_part(word: str, grammemes: set[str], pos: set[str]) -> str | None:
    """Inflect a (possibly hyphenated) word; only the last part of a compound changes."""
    head, sep, last = word.rpartition("-")
    if sep and not is_pos(word, pos):
        inflected = inflect_last_part(last, grammemes, pos)
        return f"{head}-{inflected}" if inflected else None
    for p in parses(word):
        if p.tag.POS in pos:
            form = inflect(p, grammemes)
            if form is not None:
                return match_case(word, form.word)
    return None


def noun_nominative(word: str) -> str:
    form = inflect_last_part(word, {"nomn", "sing"}, NOUN_POS) or \
        inflect_last_part(word, {"nomn"}, NOUN_POS)
    return form or word


def noun_gender(word: str) -> str:
    for p in parses(word):
        if p.tag.POS == "NOUN" and p.tag.gender:
            return p.tag.gender
    return "masc"


def adj_nominative(word: str, gender: str = "masc") -> str:
    form = inflect_last_part(word, {"nomn", "sing", gender}, ADJ_POS)
    if form:
        return form
    return adj_by_suffix(word, gender)


def adj_by_suffix(word: str, gender: str) -> str:
    """Fallback when pymorphy does not know the adjective."""
    endings = FEM_ADJ_ENDINGS if gender == "femn" else MASC_ADJ_ENDINGS
    for old, new in endings:
        if word.endswith(old):
            stem = word[: -len(old)]
            if gender != "femn" and stem[-1:] in HARD_BEFORE_YI:
                new = "ый"
            return stem + new
    return word


def feminine_nominative(word: str) -> str:
    """``Липовской`` -> ``Липовская`` (a school's adjective name)."""
    if word.endswith(("ая", "яя")):
        return word
    return adj_by_suffix(word, "femn")


def nominative_phrase(words: list[str], head: int | None = None) -> list[str]:
    """Inflect adjectives + first noun (or the ``head``-th word, where the caller knows
    the head) to the nominative singular; keep the rest."""
    head_index = next((i for i, w in enumerate(words) if is_noun_head(w)), None) \
        if head is None else head
    if head_index is None:
        return list(words)
    gender = noun_gender(words[head_index])
    out = [adj_nominative(w, gender) if is_pos(w, ADJ_POS) else w for w in words[:head_index]]
    out.append(noun_nominative(words[head_index]))
    return out + list(words[head_index + 1:])


def case_forms(phrase: str) -> set[str]:
    """All singular case forms of a name (head group inflected, the rest kept)."""
    words = phrase.split()
    head_index = next((i for i, w in enumerate(words)
                       if CYRILLIC_WORD.fullmatch(w) and is_noun_head(w)), len(words) - 1)
    forms = {phrase}
    for case in CASES:
        out = []
        for i, w in enumerate(words):
            if i > head_index or not CYRILLIC_WORD.fullmatch(w):
                out.append(w)
                continue
            pos = NOUN_POS if i == head_index else ADJ_POS
            out.append(inflect_last_part(w, {case}, pos) or w)
        forms.add(" ".join(out))
    return forms


# --- a phrase in a given case, number kept ----------------------------------

def to_nominative(word: str, parse, number: str | None = None, gender: str | None = None) -> str:
    """Inflect ``word`` (analysed as ``parse``) to the nominative, keeping number."""
    wanted = {"nomn"}
    if parse.tag.POS in AGREEING:
        if number == "plur":
            wanted.add("plur")
        elif gender:
            wanted |= {gender, "sing"}
    inflected = inflect(parse, wanted) or inflect(parse, {"nomn"})
    if inflected is None:
        return word
    form = NOMINATIVE_VARIANTS.get(inflected.word, inflected.word)
    return match_case(word, form)


def noun_phrase(words, case: str) -> tuple[int, list[str]] | None:
    """Agreeing modifiers + a head noun in ``case`` at the start of ``words``
    (tokens with a ``text``). Returns how many tokens the phrase takes and their
    nominative forms."""
    modifiers = []
    for i, tok in enumerate(words):
        found = parses(tok.text)
        if not found or found[0].tag.POS in FUNCTION_WORDS:
            return None
        noun = case_parse(tok.text, case, NOUN_POS)
        if noun is not None and not is_abbreviation(tok.text):
            number = "plur" if "plur" in noun.tag else "sing"
            forms = [to_nominative(t.text, p, number, noun.tag.gender) for t, p in modifiers]
            return i + 1, forms + [to_nominative(tok.text, noun, number)]
        modifier = case_parse(tok.text, case, AGREEING)
        if modifier is None:
            return None
        modifiers.append((tok, modifier))
    return None
