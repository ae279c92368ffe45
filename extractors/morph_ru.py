"""Small pymorphy3 helpers shared by geo, schools and organizations: put a
noun phrase into the nominative and list the case forms of a name.

Only the head group (adjectives up to and including the first noun) is
inflected; what follows (a genitive tail, a quoted name, an apposition such
as ``Татарстан`` in ``Республики Татарстан``) stays as written.
"""
from __future__ import annotations

import re

from extractors.morph import inflect, parses

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
ADJ_POS = {"ADJF", "PRTF"}
NOUN_POS = {"NOUN"}
# Feminine adjective endings of a school name in an oblique case -> nominative.
FEM_ADJ_ENDINGS = (("ой", "ая"), ("ей", "яя"), ("ую", "ая"), ("юю", "яя"))
MASC_ADJ_ENDINGS = (("ого", "ий"), ("ому", "ий"), ("ым", "ий"), ("ом", "ий"))
HARD_BEFORE_YI = "бвдзлмнпрстфц"


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


def is_pos(word: str, pos: set[str]) -> bool:
    return any(p.tag.POS in pos for p in parses(word)[:2])


def _inflect_last_part(word: str, grammemes: set[str], pos: set[str]) -> str | None:
    """Inflect a (possibly hyphenated) word; only the last part of a compound changes."""
    head, sep, last = word.rpartition("-")
    if sep and not is_pos(word, pos):
        inflected = _inflect_last_part(last, grammemes, pos)
        return f"{head}-{inflected}" if inflected else None
    for p in parses(word):
        if p.tag.POS in pos:
            form = inflect(p, grammemes)
            if form is not None:
                return match_case(word, form.word)
    return None


def noun_nominative(word: str) -> str:
    form = _inflect_last_part(word, {"nomn", "sing"}, NOUN_POS) or \
        _inflect_last_part(word, {"nomn"}, NOUN_POS)
    return form or word


def noun_gender(word: str) -> str:
    for p in parses(word):
        if p.tag.POS == "NOUN" and p.tag.gender:
            return p.tag.gender
    return "masc"


def adj_nominative(word: str, gender: str = "masc") -> str:
    form = _inflect_last_part(word, {"nomn", "sing", gender}, ADJ_POS)
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


def nominative_phrase(words: list[str]) -> list[str]:
    """Inflect adjectives + first noun to the nominative; keep the rest."""
    head_index = next((i for i, w in enumerate(words) if is_noun_head(w)), None)
    if head_index is None:
        return list(words)
    gender = noun_gender(words[head_index])
    out = [adj_nominative(w, gender) if is_pos(w, ADJ_POS) else w for w in words[:head_index]]
    out.append(noun_nominative(words[head_index]))
    return out + list(words[head_index + 1:])


def is_noun_head(word: str) -> bool:
    """A noun that cannot be read as an adjective (``Тверская`` is also a street noun)."""
    found = parses(word)
    return bool(found) and found[0].tag.POS == "NOUN" and \
        not any(p.tag.POS in ADJ_POS for p in found)


def case_forms(phrase: str) -> set[str]:
    """All singular case forms of a name (head group inflected, the rest kept)."""
    words = phrase.split()
    head_index = next((i for i, w in enumerate(words) if WORD.fullmatch(w) and is_noun_head(w)),
                      len(words) - 1)
    forms = {phrase}
    for case in CASES:
        out = []
        for i, w in enumerate(words):
            if i > head_index or not WORD.fullmatch(w):
                out.append(w)
                continue
            pos = NOUN_POS if i == head_index else ADJ_POS
            out.append(_inflect_last_part(w, {case}, pos) or w)
        forms.add(" ".join(out))
    return forms
