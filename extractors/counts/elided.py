"""Counts whose noun is left out and comes from the count before them in the
sentence (or, after "Из них", the sentence before):

- after a cue: "14 школ, из них 4 сельские", "34 человека, ещё 12 подключились";
- after "из N <noun>": "из 84 мероприятий выполнено 23", "из 20 учителей четверо";
- before it: "3 из 5 школ", "у 14 из 23 организаций";
- after it, as the whole: "3 предмета из 12-ти";
- compared with it: "выросло с 45 до 60 человек";
- repeated in words: "выполнено 22 (двадцать два)" (``other`` when nothing before names it);
- in a parallel clause after a dash: "для первой школы три направления, для второй – два",
  or before one: "405 человек сдавали ОГЭ, 7 – ГВЭ".

A subset ("из них", "из N") is never larger than the count it comes from.
"""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from extractors.counts.context import after_target, is_vote
from extractors.counts.lexicon import counts_lexicon, fold, is_modifier, lemmas, tags
from extractors.counts.numbers import (Found, Reading, Taken, Token, blocked, gap, number_at,
                                      sentence_bounds, spelled_out_end)

DASHES = frozenset("–—-")
CLAUSE_END = frozenset(".,;:)!?")
CONFIDENCE = 0.7
NOUN_POS = frozenset({"NOUN"})
REPORT_POS = frozenset({"VERB", "PRTS"})
PREP_POS = frozenset({"PREP"})


def cue_before(tokens: Sequence[Token], i: int) -> Optional[tuple[str, int]]:
    """(kind, index where the cue starts) of "из них", "ещё" … right before ``i``: the
    longest cue (it starts first), of the first kind that has it."""
    lexicon = counts_lexicon()
    if i == 0 or fold(tokens[i - 1].text) not in lexicon.elision_lasts:
        return None  # every cue ends with one of those words
    for length in lexicon.elision_lengths:
        k = i - length
        if k < 0:
            continue
        words = tuple(fold(t.text) for t in tokens[k:i])
        for kind, phrases in lexicon.elision_cues.items():
            if words in phrases:
                return kind, k
    return None


def noun_follows(text: str, tokens: Sequence[Token], j: int) -> bool:
    """A noun the lexicon does not count follows the number, past its repetition in words and a
    few adjectives ("из них 3 класса", "10 (десяти) рабочих дней")."""
    k, modifiers = spelled_out_end(tokens, j) + 1, 0
    while k < len(tokens) and tokens[k].is_word and gap(text, tokens[k - 1], tokens[k]):
        if tags(tokens[k].text)[0] in NOUN_POS:
            return True
        if not is_modifier(tokens[k].text) or modifiers >= counts_lexicon().max_modifiers:
            return False
        k, modifiers = k + 1, modifiers + 1
    return False


def verb_before(text: str, tokens: Sequence[Token], i: int) -> bool:
    """"выполнено 19 (девятнадцать)": a verb or short participle reports that many."""
    return i > 0 and tokens[i - 1].is_word and gap(text, tokens[i - 1], tokens[i]) \
        and tags(tokens[i - 1].text)[0] in REPORT_POS


def verb_after(text: str, tokens: Sequence[Token], j: int) -> bool:
    """"две вышли из проекта", past a few adjectives (not "с 3 по 7 места")."""
    k = j + 1
    while k < len(tokens) and tokens[k].is_word and gap(text, tokens[k - 1], tokens[k]) \
            and k - j <= counts_lexicon().max_modifiers:
        if tags(tokens[k].text)[0] in REPORT_POS:
            return True
        if not is_modifier(tokens[k].text):
            return False
        k += 1  # "обе городские вошли"
    return False


def attending(text: str, tokens: Sequence[Token], j: int) -> bool:
    k = j + 1
    return k < len(tokens) and tokens[k].is_word and gap(text, tokens[j], tokens[k]) \
        and bool(lemmas(tokens[k].text) & counts_lexicon().attendance_keys)


def cue_after(tokens: Sequence[Token], j: int) -> Optional[str]:
    """"четверо из них": the kind of a cue right after the number."""
    lexicon = counts_lexicon()
    if j + 1 >= len(tokens) or fold(tokens[j + 1].text) not in lexicon.elision_firsts:
        return None  # every cue starts with one of those words
    after = [tuple(fold(t.text) for t in tokens[j + 1:j + 1 + length])
             for length in lexicon.elision_lengths]
    for kind, phrases in lexicon.elision_cues.items():
        if any(words in phrases for words in after):
            return kind
    return None


def clause_ends(text: str, tokens: Sequence[Token], j: int) -> bool:
    k = j + 1
    return k >= len(tokens) or tokens[k].text in CLAUSE_END \
        or "\n" in text[tokens[j].stop:tokens[k].start]


def before_in(counted: Sequence[Found], start: int, stop: int) -> Optional[Found]:
    """The last count whose number lies in [start, stop) (``counted`` in text order)."""
    k = bisect.bisect_right(counted, stop, key=number_start)
    while k > 0 and counted[k - 1].number[1] > stop:
        k -= 1
    return counted[k - 1] if k > 0 and counted[k - 1].number[0] >= start else None


def number_start(f: Found) -> int:
    return f.number[0]


def starts_from(text: str, f: Found) -> bool:
    """The count is "из N …" (the set a later number is part of)."""
    head = text[max(0, f.start - 4):f.start].rstrip()
    return fold(head[-2:]) == counts_lexicon().whole_word and (len(head) == 2 or not head[-3].isalpha())


def part_of(tokens: Sequence[Token], i: int, j: int, counted: Sequence[Found]) -> Optional[Found]:
    """"3 из 5 школ", "у 14 из 23 организаций": the count right after "из" that the number is
    part of (not a place: "в трёх из четырёх школ")."""
    lexicon = counts_lexicon()
    if j + 2 >= len(tokens) or fold(tokens[j + 1].text) != lexicon.whole_word \
            or (i > 0 and tags(tokens[i - 1].text)[0] in PREP_POS
                and fold(tokens[i - 1].text) not in lexicon.part_prepositions):
        return None
    k = bisect.bisect_left(counted, tokens[j + 2].start, key=number_start)
    return counted[k] if k < len(counted) and counted[k].number[0] == tokens[j + 2].start else None


def range_partner(tokens: Sequence[Token], i: int, j: int,
                  counted: Sequence[Found]) -> Optional[Found]:
    """"выросло с 45 до 60 человек": the count after "до" that the earlier figure compares with."""
    lexicon = counts_lexicon()
    if i < 1 or fold(tokens[i - 1].text) not in lexicon.range_from or j + 2 >= len(tokens) \
            or fold(tokens[j + 1].text) != lexicon.range_to:
        return None
    k = bisect.bisect_left(counted, tokens[j + 2].start, key=number_start)
    return counted[k] if k < len(counted) and counted[k].number[0] == tokens[j + 2].start else None


def whole_of(tokens: Sequence[Token], i: int, counted: Sequence[Found]) -> Optional[Found]:
    """"3 предмета из 12-ти": the count right before "из" that the number is the whole of."""
    if i < 2 or fold(tokens[i - 1].text) != counts_lexicon().whole_word:
        return None
    k = bisect.bisect_right(counted, tokens[i - 2].start, key=number_start)
    return counted[k - 1] if k > 0 and counted[k - 1].stop == tokens[i - 2].stop else None


def anchor_of(text: str, tokens: Reading, i: int, j: int,
              counted: Sequence[Found]) -> Optional[tuple[Optional[Found], bool, int]]:
    """(count the noun comes from or None, is a subset, index where the statement starts)."""
    s_start, _ = sentence_bounds(tokens, tokens[i].start)
    prev = before_in(counted, s_start, tokens[i].start)
    whole = part_of(tokens, i, j, counted)
    if whole is not None:
        return whole, True, i
    later = range_partner(tokens, i, j, counted)
    if later is not None:
        return later, False, i - 1
    cue = cue_before(tokens, i)
    if cue is None and cue_after(tokens, j) == "subset":
        cue = ("subset", i)
    if cue is not None:
        kind, k = cue
        if prev is None and tokens[k].start <= s_start + 1 and s_start > 0:
            prev = before_in(counted, sentence_bounds(tokens, s_start - 1)[0], s_start)
        if prev is None and kind == "more" and attending(text, tokens, j):
            return None, False, k  # "ещё 12 подключились": participants
        return (prev, kind == "subset", k) if prev is not None else None
    if spelled_out_end(tokens, j) > j and verb_before(text, tokens, i):
        return prev, prev is not None and starts_from(text, prev), i
    if prev is not None and starts_from(text, prev) \
            and (verb_before(text, tokens, i) or verb_after(text, tokens, j)):
        return prev, True, i
    if prev is not None and i > 1 and tokens[i - 1].text in DASHES and clause_ends(text, tokens, j):
        return prev, False, i
    if prev is not None and i > 1 and tokens[i - 1].text == "," and j + 2 < len(tokens) \
            and tokens[j + 1].text in DASHES and tokens[j + 2].is_word:
        return prev, False, i  # "405 человек сдавали ОГЭ, 7 – ГВЭ"
    return None


def evidence_stop(text: str, tokens: Sequence[Token], j: int) -> int:
    """Past a few words of the same clause to the right ("ещё 12 подключились дистанционно")."""
    k, words = j, 0
    while k + 1 < len(tokens) and tokens[k + 1].is_word and gap(text, tokens[k], tokens[k + 1]) \
            and words < counts_lexicon().max_elided_words_right:
        k, words = k + 1, words + 1
    return tokens[k].stop


def elided_at(text: str, tokens: Reading, i: int, counted: Sequence[Found],
              taken: Taken) -> Optional[Found]:
    if taken.at(tokens[i].start):
        return None  # inside a date: ``blocked`` whatever number starts here
    number = number_at(text, tokens, i)
    if number is None:
        return None
    value, j, how = number
    first_year, last_year = counts_lexicon().years
    # (the year test first: it reads no word, and each test only says no)
    if how == "one" or (how == "digits" and first_year <= value <= last_year) \
            or blocked(text, tokens, i, j, taken) or is_vote(text, tokens, i) \
            or after_target(text, tokens, i) or noun_follows(text, tokens, j):
        return None
    whole = whole_of(tokens, i, counted)
    if whole is not None:
        found = (whole, False, i - 1) if value >= whole.value else None
    else:
        found = anchor_of(text, tokens, i, j, counted)
    if found is None or (found[0] is None and how == "anchored"):
        return None
    prev, subset, first = found
    if prev is not None and subset and value > prev.value:
        return None
    stop = tokens[spelled_out_end(tokens, j)].stop
    noun = prev.noun if prev is not None else (tokens[i].start, tokens[j].stop)
    said = first - 1 if first == i and verb_before(text, tokens, i) else first  # "выполнено 23"
    what, unit = (prev.what, prev.unit) if prev is not None \
        else ("participants" if attending(text, tokens, j) else "other", None)
    return Found(tokens[first].start, (tokens[i].start, tokens[j].stop), noun, stop, value,
                 what, unit, tokens[said].start, CONFIDENCE,
                 evidence_stop(text, tokens, spelled_out_end(tokens, j)), borrowed=True)


def elided(text: str, tokens: Reading, found: Sequence[Found], taken: Taken,
           figures: Sequence[int]) -> list[Found]:
    """Counts with a left-out noun, past the numbers ``found`` already covers; only a number
    (``figures``: the indices of digits and number words) can be one."""
    counted = sorted(found, key=number_start)
    covered = Taken(len(text), [(f.start, f.stop) for f in counted])
    out: list[Found] = []
    for i in figures:
        if not covered.at(tokens[i].start):
            f = elided_at(text, tokens, i, counted, taken)
            if f is not None:
                out.append(f)
                covered.mark(f.start, f.stop)
                bisect.insort(counted, f, key=number_start)
    return out
