"""The number after a count's label, for the counts family: "Количество просмотров
трансляции – 214", "обучающихся — 350", "Участников — более 50", a cue's number past a verb
("составило 45"), a tab or a "|" cell ("Количество участников<TAB>86"), the value line of a
table flattened to lines, the second figure of "сократилось с 14 до 9"; and where, without
a cue, such a number may stand at all (``number_within_reach``).
"""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from extractors.counts.context import targeted
from extractors.counts.lexicon import counts_lexicon, fold, is_change_verb, is_cue_verb, key
from extractors.counts.numbers import (LIST_MARKS, SAME_LINE_GAP, TIGHT_GAP, Found, Taken, Token,
                                      blocked, digits_at, gap, qualifier_end)
from extractors.text.tokens import NUMBER, WORD

CUE_MARKS = frozenset("–—-:")
CLAUSE_END = frozenset(".,;:)!?")
CELL_MARKS = frozenset("|")
CONFIDENCE = 0.85


def number_within_reach(digits: Sequence[int], i: int) -> bool:
    """A number token (``digits``: their indices, in order) where ``number_after_label`` may
    read the number of a noun without a cue at ``i``: the mark after the noun is at most
    ``noun_dash_window`` tokens on, a qualifier at most ``qualifier_words`` after it."""
    lexicon = counts_lexicon()
    k = bisect.bisect_left(digits, i + 2)
    return k < len(digits) and digits[k] <= i + lexicon.noun_dash_window + 1 + lexicon.qualifier_words


def number_after_label(text: str, tokens: Sequence[Token], i: int, noun: int, cue: bool,
                       what: str, taken: Taken) -> Optional[Found]:
    """The number after a label (from ``i``, its noun at ``noun``; ``cue``: it opens with a
    count cue) past a dash, colon, cue verb, tab or cell mark, within a few tokens."""
    window = counts_lexicon().cue_window_tokens if cue else counts_lexicon().noun_dash_window
    for k in range(noun + 1, min(len(tokens), noun + 1 + window)):
        if not gap(text, tokens[k - 1], tokens[k], SAME_LINE_GAP):
            if cue and table_cell(text, tokens, k):  # a table flattened to lines
                return closing_number(text, tokens, i, noun, k, what, taken)
            return None
        if cue and tokens[k].kind == NUMBER and "\t" in text[tokens[k - 1].stop:tokens[k].start]:
            return closing_number(text, tokens, i, noun, k, what, taken)  # a table row
        if cue and tokens[k].text in CELL_MARKS and k + 1 < len(tokens) \
                and tokens[k + 1].kind == NUMBER \
                and gap(text, tokens[k], tokens[k + 1], SAME_LINE_GAP):
            return closing_number(text, tokens, i, noun, k + 1, what, taken)  # "| 86 |"
        if cue and is_change_verb(tokens[k].text) and range_end(tokens, k + 1):
            last = range_end(tokens, k + 1)  # "сократилось с 12 до 8": the mention is "8",
            found = closing_number(text, tokens, i, noun, last, what, taken, ranged=True)
            return found._replace(start=tokens[last].start) if found else None  # "12" is free
        m = qualifier_end(tokens, k + 1) \
            if is_cue_mark(text, tokens, k) or (cue and is_cue_verb(tokens[k].text)) else k
        if m > k and m < len(tokens) and tokens[m].kind == NUMBER \
                and gap(text, tokens[m - 1], tokens[m], SAME_LINE_GAP) \
                and not targeted(text, tokens, k + 1, m):
            found = closing_number(text, tokens, i, noun, m, what, taken)
            if found is not None:
                return found
        if not cue and tokens[k].kind != WORD:
            return None
    return None


def range_end(tokens: Sequence[Token], k: int) -> int:
    """"с 12 до 8" at ``k``: the index of the second number (0 when there is none)."""
    lexicon = counts_lexicon()
    if k + 3 < len(tokens) and fold(tokens[k].text) in lexicon.range_from \
            and tokens[k + 1].is_number and fold(tokens[k + 2].text) == lexicon.range_to \
            and tokens[k + 3].is_number:
        return k + 3
    return 0


def is_cue_mark(text: str, tokens: Sequence[Token], k: int) -> bool:
    """A dash or colon before the number; not the hyphen of "ГИА-11" glued to a word."""
    return tokens[k].text in CUE_MARKS and not (
        tokens[k].text == "-" and tokens[k - 1].is_word and tokens[k - 1].stop == tokens[k].start)


def table_cell(text: str, tokens: Sequence[Token], k: int) -> bool:
    """"Количество участников" on one line, the bare number alone on the next."""
    between = text[tokens[k - 1].stop:tokens[k].start]
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return tokens[k].is_number and between.count("\n") == 1 and not between.strip(" \t\r\n") \
        and (after is None or "\n" in text[tokens[k].stop:after.start])


def closing_number(text: str, tokens: Sequence[Token], i: int, noun: int, k: int, what: str,
                   taken: Taken, ranged: bool = False) -> Optional[Found]:
    """The count of a cue's number at ``k``; a word after it makes it another phrase's
    number, unless it ends a range ("с 5 до 9 в 2023 году")."""
    number = digits_at(text, tokens, k)  # "1 200" with a thousands space
    if number is None:
        return None
    value, last, _ = number
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    first_year, last_year = counts_lexicon().years
    if first_year <= value <= last_year or (value == 1 and nxt is not None and nxt.text in ".)"):
        return None  # "школ – 2021" is a year, "Присутствовали: 1. Иванов" a numbered list
    if blocked(text, tokens, k, last, taken) or (nxt is not None and nxt.is_word and not ranged
                                                  and gap(text, tokens[last], nxt)):
        return None
    if nxt is not None and nxt.text in LIST_MARKS and last + 2 < len(tokens) \
            and tokens[last + 2].is_number:
        return None  # "школы: 5, 7, 13" is a list of numbers
    if nxt is not None and gap(text, tokens[last], nxt, TIGHT_GAP) and nxt.text not in CLAUSE_END:
        return None  # "video-12_34" in a link
    return Found(tokens[i].start, (tokens[k].start, tokens[last].stop),
                 (tokens[noun].start, tokens[noun].stop), tokens[last].stop, value,
                 what, key(tokens[noun].text), tokens[i].start, CONFIDENCE)
