"""Organisation names built around a head noun: ``Управлением образования
администрации Промышленновского муниципального округа``, ``Калининградского
института развития образования``, ``Муниципальным бюджетным учреждением «Центр
развития образования»``.

The phrase is: adjectives before the head (capitalised ones, or any for
``учреждение``), the head noun in any case, then either a quoted name or a
genitive tail (words that can be genitive, joined by ``и``; place names and
``РФ`` allowed; people's names stop it). Each head has a condition from
``data/organizations.json``: ``tail`` (needs a genitive tail), ``domain`` (the
tail must start with an education word: ``управление образования`` but not
``управление проектами``), ``capital`` (the phrase must start with a capital
letter), ``quoted`` (needs a quoted name). The value is the phrase with the head
group in the nominative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import load_lexicon
from extractors.morph_ru import nominative_phrase, parses

TOKEN = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|[A-Za-z]+(?:-[А-Яа-яЁё]+)?|«|»|\"|\n|[^\s\w]|\d+")
QUOTED = re.compile(r"«[^«»\n]{2,120}»|«[^«»\n]*«[^«»\n]*»[^«»\n]*»|\"[^\"\n]{2,120}\"")
MAX_ADJECTIVES = 4
MAX_TAIL = 10
PERSON_TAGS = ("Surn", "Name", "Patr")
TAIL_POS = ("NOUN", "ADJF", "PRTF")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    stop: int


@dataclass(frozen=True)
class Phrase:
    start: int
    stop: int
    name: str


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_lexicon("organizations.json")


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def head_rule(word: str) -> str | None:
    heads = lexicon()["heads"]
    for p in parses(word.lower())[:2]:
        if p.tag.POS == "NOUN" and p.normal_form in heads:
            return heads[p.normal_form]
    return None


def is_word(token: Token) -> bool:
    return token.text[:1].isalpha()


def is_adjective(word: str) -> bool:
    found = [p for p in parses(word.lower())[:2] if p.tag.POS in ("ADJF", "PRTF")]
    return bool(found) and found[0].normal_form not in lexicon()["determiners"]


def is_person(word: str) -> bool:
    return any(tag in p.tag for p in parses(word)[:2] for tag in PERSON_TAGS)


def tail_word(token: Token) -> bool:
    word = token.text
    if word in lexicon()["tail_abbreviations"]:
        return True
    if not is_word(token) or is_person(word):
        return False
    if word[:1].isupper() and not any("Geox" in p.tag or p.tag.POS in ("ADJF", "NOUN")
                                      for p in parses(word)[:2]):
        return False
    return any("gent" in p.tag and p.tag.POS in TAIL_POS and "Abbr" not in p.tag
               for p in parses(word.lower()))


def left_edge(toks: list[Token], i: int, any_case: bool) -> int:
    j = i
    while j > 0 and i - j < MAX_ADJECTIVES:
        prev = toks[j - 1]
        if not is_word(prev) or not is_adjective(prev.text):
            break
        if not (any_case or prev.text[:1].isupper()):
            break
        j -= 1
    return j


def right_tail(toks: list[Token], i: int) -> int:
    """Index after the genitive tail that follows the head at ``i``."""
    k = i + 1
    while k < len(toks) and k - i <= MAX_TAIL:
        tok = toks[k]
        if tok.text in ("и", "по") and k + 1 < len(toks) and tail_word(toks[k + 1]):
            k += 1
            continue
        if tok.text == "по" and k == i + 1 and k + 1 < len(toks) and is_word(toks[k + 1]):
            k += 2
            continue
        if not tail_word(tok):
            break
        k += 1
    return k


def quoted_after(text: str, stop: int) -> re.Match[str] | None:
    return QUOTED.match(text, stop + len(text[stop:]) - len(text[stop:].lstrip(" \t")))


def phrase_at(text: str, toks: list[Token], i: int) -> Phrase | None:
    rule = head_rule(toks[i].text)
    if rule is None:
        return None
    left = left_edge(toks, i, any_case=rule == "quoted")
    quoted = quoted_after(text, toks[i].stop)
    tail_end = right_tail(toks, i)
    tail = toks[i + 1:tail_end]
    if not acceptable(rule, toks[left:i + 1], tail, quoted):
        return None
    words = [t.text for t in toks[left:i + 1]]
    head = " ".join(nominative_phrase(words))
    if quoted and (rule in ("quoted", "capital") or not tail):
        return Phrase(toks[left].start, quoted.end(), f"{head} {quoted.group()}")
    rest = " ".join(t.text for t in tail)
    stop = tail[-1].stop if tail else toks[i].stop
    return Phrase(toks[left].start, stop, f"{head} {rest}".strip())


def acceptable(rule: str, head_group: list[Token], tail: list[Token],
               quoted: re.Match[str] | None) -> bool:
    if rule == "quoted":
        return quoted is not None
    if rule == "tail":
        return bool(tail)
    if rule == "domain":
        return bool(tail) and tail[0].text.lower() in lexicon()["domain_words"]
    capital = head_group[0].text[:1].isupper()
    return capital and (bool(tail) or quoted is not None or len(head_group) > 1)


def head_phrases(text: str) -> list[Phrase]:
    toks = tokens(text)
    found = []
    for i, tok in enumerate(toks):
        if is_word(tok):
            phrase = phrase_at(text, toks, i)
            if phrase is not None:
                found.append(phrase)
    return found
