"""The words of organisation phrases: the text layer's tokens with a token for each
line break (a tail may run on over a break, a letterhead ends at one), the head
nouns and their rules (the family's ``Lexicon``), lemmas and adjectives."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from extractors.organizations.lexicon import Lexicon
from extractors.text.inflect import nominative_phrase
from extractors.text.morph import parses
from extractors.text.tokens import Token

LINE_BREAK = "break"


class Phrase(NamedTuple):
    start: int
    stop: int
    name: str


def tokens(layer) -> list[Token]:
    """The layer's tokens (``text_layer(doc)``) and, in text order, a ``\\n`` token at
    each line break."""
    found = layer.tokens
    starts = [t.start for t in found]  # in text order, as the layer finds them
    breaks = [Token("\n", line.start - 1, line.start, LINE_BREAK) for line in layer.lines[1:]]
    out, i = [], 0
    for brk in breaks:
        j = bisect_left(starts, brk.start, i)  # the first token from the break on
        out += found[i:j]
        out.append(brk)
        i = j
    return out + found[i:]


def head_rule(word: str) -> str | None:
    found = lowered_head(word.lower())
    return found[1] if found else None


@lru_cache(maxsize=50_000)
def lowered_head(word: str) -> tuple[str, str] | None:
    """(lemma, rule) of a head noun. Asked of every word of every document, so kept
    per word; a word that begins as no head's forms do is not parsed."""
    lexicon = Lexicon.load()
    if not word.replace("ё", "е").startswith(lexicon.head_stems):
        return None
    heads = lexicon.heads
    for p in parses(word)[:2]:
        if p.tag.POS == "NOUN" and p.normal_form in heads and "plur" not in p.tag:
            return p.normal_form, heads[p.normal_form]
    return None  # a plural (``управлениями образования``) names no one body


@lru_cache(maxsize=20_000)  # the same names are put in the nominative again and again
def nominative(words: tuple[str, ...]) -> str:
    """``words`` with their head group in the nominative (``nominative_phrase``), joined."""
    return " ".join(nominative_phrase(list(words)))


def takes_lowercase_adjectives(word: str) -> bool:
    """``постоянная депутатская комиссия``, ``главное управление``."""
    found = lowered_head(word.lower())
    return bool(found) and found[0] in Lexicon.load().lowercase_adjective_heads


def is_word(token: Token) -> bool:
    return token.text[:1].isalpha()


def is_adjective(word: str) -> bool:
    found = [p for p in parses(word.lower())[:2] if p.tag.POS == "ADJF"]
    return bool(found) and found[0].normal_form not in Lexicon.load().determiners


def lemma(token: Token) -> str:
    return lemma_of(token.text)


def lemma_of(word: str) -> str:
    found = parses(word.lower())
    return found[0].normal_form if found else word.lower()
