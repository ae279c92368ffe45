"""What a counted noun counts where the noun alone does not say it, for the counts family:

- attendance: "приняли участие более 150 управленцев", "более четырёхсот представителей
  родительского сообщества": a person noun the lexicon gives no kind of, or one that names
  people only by their relation ("представитель", "сотрудник"), counts participants when its
  clause says they attended; a noun that names a kind ("педагог", "родитель") keeps it
  unless ``kinds_kept_attending`` in the lexicon leaves that kind out;
- a mixed group: "120 педагогов и директоров" counts participants;
- a generic noun ("человек", "чел."): attendance makes it participants; else the person noun
  of its sentence says who they are ("учащиеся школ №6 (2 человека)"), else the sentence's
  topic ("Шесть человек получили 100 баллов": exam results are about students);
  participants when nothing says otherwise.
"""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from extractors.counts.context import token_start
from extractors.counts.lexicon import (animate, counts_lexicon, fold, is_modifier, key, lemmas,
                                       what_of)
from extractors.counts.numbers import Reading, Token, gap, sentence_bounds

CLAUSE_STOPS = frozenset(".;:!?")


def attended(text: str, tokens: Sequence[Token], q: int, n: int) -> bool:
    """An attendance word ("приняли участие", "присутствовали") in the clause of the count
    (tokens ``q``..``n``): back to another number (past it when the two counts are joined by
    «и» or a comma) or a clause end, or a few words after."""
    lexicon = counts_lexicon()
    reach = lexicon.attendance_reach
    k, words, joined = q - 1, 0, None
    while k >= 0 and words < reach and (not tokens[k].is_number or joined_count(words, joined)) \
            and tokens[k].text not in CLAUSE_STOPS and "\n" not in text[tokens[k].stop:tokens[k + 1].start]:
        if k == q - 1 and fold(tokens[k].text) in lexicon.group_joiners:
            joined = words  # only «и» or a comma right before the number joins two counts
        if tokens[k].is_word:
            if lemmas(tokens[k].text) & lexicon.attendance_words:
                return True
            words += 1
        k -= 1
    k, words = n + 1, 0
    while k < len(tokens) and words < reach and tokens[k].is_word \
            and gap(text, tokens[k - 1], tokens[k]):
        if lemmas(tokens[k].text) & lexicon.attendance_words:
            return True
        k, words = k + 1, words + 1
    return False


def joined_count(words: int, joined: int | None) -> bool:
    """"участвовали 9 директоров и 7 кураторов": walking back from 7, the number 9 is a count
    joined to this one by «и» or a comma (right before this number) after a short noun phrase,
    so the two share a verb (the earlier count's noun phrase: ``joined_noun_words`` at most)."""
    return joined is not None and words - joined <= counts_lexicon().joined_noun_words


def mixed_group(text: str, tokens: Sequence[Token], n: int, what: str) -> bool:
    """"120 педагогов и директоров": a noun of another person kind joined to the counted one."""
    k, lexicon = n + 1, counts_lexicon()
    if k + 1 >= len(tokens) or fold(tokens[k].text) not in lexicon.group_joiners:
        return False
    k += 1
    while k < len(tokens) and tokens[k].is_word and is_modifier(tokens[k].text):
        k += 1
    if k >= len(tokens) or not tokens[k].is_word or not gap(text, tokens[k - 1], tokens[k]):
        return False
    other = what_of(tokens[k].text)
    return other in lexicon.person_kinds and other != what


def sentence_tokens(tokens: Reading, offset: int) -> tuple[int, int]:
    """[first, last) token indices of the sentence holding ``offset``."""
    start, stop = sentence_bounds(tokens, offset)
    return (bisect.bisect_left(tokens, start, key=token_start),
            bisect.bisect_left(tokens, stop, key=token_start))


def people_in_sentence(tokens: Sequence[Token], first: int, last: int) -> frozenset[str]:
    """Kinds of the person nouns of a sentence (generic ones left out)."""
    lexicon = counts_lexicon()
    kinds = (what_of(t.text) for t in tokens[first:last]
             if t.is_word and key(t.text) not in lexicon.generic_nouns)
    return frozenset(k for k in kinds if k in lexicon.person_kinds)


def opens_with_attendance(tokens: Sequence[Token], first: int, last: int) -> bool:
    """"Присутствовали: руководители школ, кураторы – 14 человек"."""
    return first < last and tokens[first].is_word \
        and bool(lemmas(tokens[first].text) & counts_lexicon().attendance_words)


def topic_of(tokens: Sequence[Token], first: int, last: int) -> Optional[str]:
    """A topic word of the sentence ("ЕГЭ", "аттестат", "100 баллов": a score word right
    after a number) and whom it is about."""
    lexicon = counts_lexicon()
    words = set()
    for k in range(first, last):
        t = tokens[k]
        if t.is_word:
            forms = lemmas(t.text) | {fold(t.text)}
            if forms & lexicon.scores and not (k > first and tokens[k - 1].is_number):
                continue  # "средний балл удовлетворённости" is no exam result
            words |= forms
    for what, keys in lexicon.topic_rules:
        if words & keys:
            return what
    return None


def generic_kind(text: str, tokens: Reading, q: int, n: int) -> str:
    """Participants when they attended or the sentence names several kinds of people
    ("директора, заместители и кураторы – всего 31 человек"); the one kind it names, else
    its topic's."""
    participants = counts_lexicon().participants
    first, last = sentence_tokens(tokens, tokens[q].start)
    if attended(text, tokens, q, n) or opens_with_attendance(tokens, first, last):
        return participants
    kinds = people_in_sentence(tokens, first, last)
    if len(kinds) == 1:
        return next(iter(kinds))
    return participants if kinds else topic_of(tokens, first, last) or participants


def counted_kind(text: str, tokens: Reading, q: int, n: int, what: Optional[str],
                 generic: bool) -> Optional[str]:
    """What the count (number from ``q``, noun at ``n``, lexicon kind ``what``) counts here."""
    if generic:
        return generic_kind(text, tokens, q, n)
    lexicon = counts_lexicon()
    if what in lexicon.person_kinds:
        if mixed_group(text, tokens, n, what) or (
                what not in lexicon.kinds_kept_attending and attended(text, tokens, q, n)):
            return lexicon.participants
        return what
    noun = tokens[n].text
    if (what is None and animate(noun) or key(noun) in lexicon.relation_nouns) \
            and attended(text, tokens, q, n):
        return lexicon.participants
    return what
