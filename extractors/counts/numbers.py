"""Tokens and numbers for the counts family: the text layer's tokens of the
reflowed view with its sentences (``Reading``), numbers written in digits
("214", "2 450") or words ("двадцать пять"), their qualifiers ("более",
"около") and what makes a number no count (inside a date, after "№", a decimal,
a percentage, the second half of "3-4").
"""
from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import NamedTuple, Optional, Sequence

from extractors.counts.lexicon import (WORD_CACHE, combine, counts_lexicon, fold, is_anchored,
                                       multiplier, word_value)
from extractors.text.sentences import Sentence
from extractors.text.tokens import NUMBER, WORD, Token

# Here and in the rules that read a number token by token, a token's kind is compared with
# NUMBER or WORD: Token.is_number and Token.is_word are properties (a Python call each), asked
# ~18,000 times a pass over the 65 real documents.

SAME_LINE_GAP = re.compile(r"[ \t\u00a0]*")
PHRASE_GAP = re.compile(r"[ \u00a0]*")
TIGHT_GAP = re.compile(r"")
# [ \u00a0\u202f]: re builds a class of three runs of code points, one beyond Latin-1, through
# 256 chunks of a 65,536-entry map (~0.3 ms); with the narrow no-break space a one-character
# repeat (``{1}``: the parser leaves it a branch of its own) it takes the same characters.
THOUSANDS_GAP = re.compile(r"(?:[ \u00a0]|\u202f{1})")
LIST_MARKS = frozenset(",;")
NUMBER_SIGNS = frozenset({"№", "#"})


class Found(NamedTuple):
    """One count before it becomes a mention."""
    start: int
    number: tuple[int, int]
    noun: tuple[int, int]
    stop: int
    value: int
    what: str
    unit: Optional[str]
    evidence_start: int
    confidence: float
    evidence_stop: int = 0
    itemised: bool = False  # "школах №6 (2 человека), 61 (2 человека)": one figure per item
    borrowed: bool = False  # the noun is another count's ("из них 4"): a restatement may merge


class Reading(list):
    """The tokens of the text layer's reflowed view (``text_layer(doc).reflowed_tokens``,
    a word cut at a line end read whole) with the view's sentences, so that every rule
    that looks at a number's sentence asks ``sentence_bounds(tokens, offset)``."""

    def __init__(self, tokens: Sequence[Token], sentences: Sequence[Sentence], length: int) -> None:
        super().__init__(tokens)
        self.sentence_starts = [s.start for s in sentences]
        self.sentence_stops = [s.stop for s in sentences]
        self.length = length


class Candidates(NamedTuple):
    """Token indices where each form of count may start, found in one pass over a document."""
    numbers: list[int]  # digits, a number or fraction word, a word after a qualifier's end
    nouns: list[int]  # words that are a form of a counted noun or cue, or hyphenated
    figures: list[int]  # digits and number words (a count whose noun is left out)
    digits: list[int]  # digits alone


# What a token's text may start, for the per-document index of candidates.
NUMBER_WORD, FRACTION, QUALIFIER_END, NOUN_FORM = 1, 2, 4, 8


@cache
def form_flags() -> dict[str, int]:
    """Every folded form of the lexicon's number words, fraction words, qualifiers' last words
    and counted nouns' and cues' forms, with the bits above it has: one look-up a word."""
    lexicon = counts_lexicon()
    table: dict[str, int] = {}
    for forms, bit in ((lexicon.number_words, NUMBER_WORD), (lexicon.fractions, FRACTION),
                       (lexicon.qualifier_ends, QUALIFIER_END), (lexicon.noun_forms, NOUN_FORM)):
        for form in forms:
            table[form] = table.get(form, 0) | bit
    return table


@lru_cache(maxsize=WORD_CACHE)
def word_flags(word: str) -> int:
    """The bits above that hold for ``word``: a number word, a fraction word ("полутора"),
    the last word of a qualifier ("более"), a form of a counted noun or cue (or hyphenated)."""
    flags = form_flags().get(fold(word), 0)
    return flags | NOUN_FORM if "-" in word else flags


def candidates(tokens: Sequence[Token]) -> Candidates:
    """Where ``number_noun``, ``noun_dash_number`` and ``elided`` may find anything: each rule
    asks one of these of its first token, so no other token can start one of their counts."""
    numbers, nouns, figures, digits = [], [], [], []
    after_qualifier = False  # the token before is the last word of a qualifier ("более")
    every_flags = list(map(word_flags, [token[0] for token in tokens]))
    for i, (flags, token) in enumerate(zip(every_flags, tokens)):
        kind = token[3]
        if not flags and not after_qualifier and kind != NUMBER:
            continue  # starts nothing (and leaves after_qualifier False): most tokens
        if kind == NUMBER:
            numbers.append(i)
            figures.append(i)
            digits.append(i)
        elif kind == WORD:
            if flags & (NUMBER_WORD | FRACTION) or after_qualifier:
                numbers.append(i)
            if flags & NUMBER_WORD:
                figures.append(i)
            if flags & NOUN_FORM:
                nouns.append(i)
        after_qualifier = bool(flags & QUALIFIER_END)
    return Candidates(numbers, nouns, figures, digits)


def sentence_bounds(tokens: Reading, offset: int) -> tuple[int, int]:
    """[start, stop) of the layer's sentence holding ``offset``; an offset between two
    sentences (white space, a list item's marker) is read with the sentence before it."""
    i = bisect.bisect_right(tokens.sentence_starts, offset) - 1
    if i < 0:
        return 0, tokens.sentence_starts[0] if tokens.sentence_starts else tokens.length
    return tokens.sentence_starts[i], tokens.sentence_stops[i]


def gap(text: str, left: Token, right: Token, allowed: re.Pattern[str] = PHRASE_GAP) -> bool:
    """Only ``allowed`` characters lie between two tokens."""
    return allowed.fullmatch(text, left.stop, right.start) is not None


# -- numbers ---------------------------------------------------------------------
def number_at(text: str, tokens: Sequence[Token], i: int) -> Optional[tuple[int, int, str]]:
    """(value, index of the last token, "digits" | "words" | "one" | "anchored") of a number
    at ``i``; "anchored" words ("обе") count only where an earlier count gives their noun."""
    if tokens[i].kind == NUMBER:
        return digits_at(text, tokens, i)
    if i > 0 and word_value(tokens[i - 1].text) is not None and gap(text, tokens[i - 1], tokens[i]):
        return None  # "пять" of "двадцать пять" is not a number of its own
    values, j = [], i
    while j < len(tokens) and tokens[j].kind == WORD and word_value(tokens[j].text) is not None:
        if values and not gap(text, tokens[j - 1], tokens[j]):
            break
        values.append(word_value(tokens[j].text))
        j += 1
    value = combine(values) if values else None
    if value is None:
        return None
    if is_anchored(tokens[i].text):
        return value, j - 1, "anchored"
    return value, j - 1, "one" if value == 1 else "words"


def digits_at(text: str, tokens: Sequence[Token], i: int) -> Optional[tuple[int, int, str]]:
    """"214", and "2 450" written with a thousands space (not a run of digit groups)."""
    if i > 0 and tokens[i - 1].kind == NUMBER \
            and gap(text, tokens[i - 1], tokens[i], THOUSANDS_GAP):
        return None
    j = i
    while (j + 1 < len(tokens) and len(tokens[j].text) <= 3 and len(tokens[j + 1].text) == 3
           and tokens[j + 1].kind == NUMBER and gap(text, tokens[j], tokens[j + 1], THOUSANDS_GAP)):
        j += 1
    value = int(tokens[i].text) if j == i else int("".join(t.text for t in tokens[i:j + 1]))
    return value, j, "digits"


def after_number_sign(tokens: Sequence[Token], i: int) -> bool:
    """"№ 12", "школ №№ 2, 7, 32": walk back over a list of numbers to a "№"."""
    j = i - 1
    while j >= 0 and (tokens[j].kind == NUMBER or tokens[j].text in LIST_MARKS
                      or fold(tokens[j].text) == "и"):
        j -= 1
    return j >= 0 and tokens[j].text in NUMBER_SIGNS


class Taken:
    """Characters covered by other mentions (dates), answerable in constant time."""

    def __init__(self, length: int, spans: Sequence[tuple[int, int]]) -> None:
        self.mask = bytearray(length + 1)
        for a, b in spans:
            self.mask[a:b] = b"\x01" * (b - a)

    def mark(self, start: int, stop: int) -> None:
        self.mask[start:stop] = b"\x01" * (stop - start)

    def at(self, offset: int) -> bool:
        return bool(self.mask[offset])

    def overlaps(self, start: int, stop: int) -> bool:
        return any(self.mask[start:stop])


def blocked(text: str, tokens: Sequence[Token], i: int, j: int, taken: Taken) -> bool:
    start, stop = tokens[i].start, tokens[j].stop
    if taken.overlaps(start, stop) or after_number_sign(tokens, i):
        return True
    before = tokens[i - 1] if i > 0 else None
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if before is not None and before.text in ".,-–" and i > 1 and tokens[i - 2].kind == NUMBER \
            and gap(text, tokens[i - 2], before, TIGHT_GAP) \
            and (before.text in "-–" or gap(text, before, tokens[i], TIGHT_GAP)):
        return True  # "1.5", "3-4" (not "49.9. Семь выпускников")
    if after is not None and (after.text == "%"
                              or fold(after.text).startswith(counts_lexicon().percent_stems)):
        return True
    return after is not None and after.text in ".," and j + 2 < len(tokens) \
        and tokens[j + 2].kind == NUMBER and gap(text, after, tokens[j + 2], TIGHT_GAP)


def with_multiplier(text: str, tokens: Sequence[Token], value: int, j: int) -> tuple[int, int]:
    """"2 тысячи просмотров" -> 2000 (and "тыс." with its dot)."""
    k = j + 1
    if k < len(tokens) and tokens[k].kind == WORD and gap(text, tokens[j], tokens[k]):
        factor = multiplier(tokens[k].text)
        if factor:
            if k + 1 < len(tokens) and tokens[k + 1].text == "." \
                    and fold(tokens[k].text) in counts_lexicon().dotted_multipliers:
                k += 1
            return value * factor, k
    return value, j


def fraction_times(text: str, tokens: Sequence[Token], i: int) -> Optional[tuple[int, int]]:
    """(value, index of the multiplier's last token) of "1,5 тыс.", "полутора тысяч", or a
    multiplier alone after a qualifier ("более тысячи")."""
    if tokens[i].kind == NUMBER and i + 3 < len(tokens) and tokens[i + 1].text in ".," \
            and tokens[i + 2].kind == NUMBER and gap(text, tokens[i], tokens[i + 1], TIGHT_GAP) \
            and gap(text, tokens[i + 1], tokens[i + 2], TIGHT_GAP):
        if i > 0 and tokens[i - 1].text in ".," and gap(text, tokens[i - 1], tokens[i], TIGHT_GAP):
            return None  # "1.2.5": a numbered item
        fraction, j = float(f"{tokens[i].text}.{tokens[i + 2].text}"), i + 2
    elif tokens[i].kind == WORD and fold(tokens[i].text) in counts_lexicon().fractions:
        fraction, j = counts_lexicon().fractions[fold(tokens[i].text)], i
    elif tokens[i].kind == WORD and i > 0 and tokens[i - 1].kind != NUMBER \
            and multiplier(tokens[i].text) and qualifier_start(tokens, i) < i:
        return multiplier(tokens[i].text), i  # "более тысячи участников", "свыше сотни"
    else:
        return None
    value, k = with_multiplier(text, tokens, 1, j)
    return (round(fraction * value), k) if k > j else None


def qualifier_end(tokens: Sequence[Token], i: int) -> int:
    """Index past a qualifier ("более", "не менее") starting at ``i`` ("Участников – более 50")."""
    for phrase in counts_lexicon().qualifiers:
        k = i + len(phrase)
        if k <= len(tokens) and tuple(fold(t.text) for t in tokens[i:k]) == phrase:
            return k
    return i


def qualifier_start(tokens: Sequence[Token], i: int) -> int:
    """Index where a qualifier ("более", "не менее") before the number begins."""
    if i == 0 or fold(tokens[i - 1].text) not in counts_lexicon().qualifier_ends:
        return i  # every qualifier ends with one of those words
    for phrase in counts_lexicon().qualifiers:
        k = i - len(phrase)
        if k >= 0 and tuple(fold(t.text) for t in tokens[k:i]) == phrase:
            return k
    return i


def spelled_out_end(tokens: Sequence[Token], j: int) -> int:
    """"4 (четыре) школы": the index of ")" after a number repeated in words, else ``j``."""
    k = j + 1
    if k >= len(tokens) or tokens[k].text != "(":
        return j
    k += 1
    while k < len(tokens) and word_value(tokens[k].text) is not None:
        k += 1
    return k if k > j + 2 and k < len(tokens) and tokens[k].text == ")" else j
