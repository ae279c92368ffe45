"""Organisation names built around a head noun: ``Управлением образования
администрации Ковылкинского муниципального района``, ``Тверского
института развития образования``, ``Муниципальным бюджетным учреждением «Центр
развития образования»``, ``постоянную депутатскую комиссию по социальной политике``.

The phrase is: adjectives before the head (from a capitalised one on, or any for
the heads in ``lowercase_adjective_heads`` and for ``учреждение``), the head noun
in the singular, then either a quoted name or a tail (extractors/organizations/tails.py).
Each head has a condition from ``data/organizations.json``: ``tail`` (needs a
tail), ``domain`` (the tail starts with an education word or names a unit of an
administration: ``управление образования``, ``департамент экономики
администрации города``, not ``управление проектами``), ``capital`` (the phrase
starts with a capital letter), ``quoted`` (needs a quoted name, after the head or
after its tail), ``place`` (the tail names a territory: ``администрации
Оренбургской области``, not ``администрации школы``), ``council`` (a body, not a
working group: ``городской совет``, ``совет депутатов``, ``комиссия по
топонимике``, not ``методический совет``), ``institution`` (``дом культуры``).
The value is the phrase with the head group in the nominative. A letterhead's
parent body over the writing body's own heading is left out.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from extractors.organizations.tails import right_tail
from extractors.text.tokens import token_start
from extractors.organizations.lexicon import Lexicon
from extractors.organizations.words import (Phrase, Token, head_rule, is_adjective, is_word, lemma,
                                            nominative, takes_lowercase_adjectives, tokens)

__all__ = ["head_phrases"]

QUOTED = re.compile(r"«[^«»\n]{2,120}»|«[^«»\n]*«[^«»\n]*»[^«»\n]*»|\"[^\"\n]{2,120}\"")
SENTENCE_ENDS = (".", "!", "?", "\n", "…")


def left_edge(toks: list[Token], i: int, any_case: bool) -> int:
    """First token of the adjectives before the head at ``i``: any adjectives when
    ``any_case``, else those from a capitalised one on (``Кузбасского регионального``)."""
    j, most = i, Lexicon.load().max_adjectives
    while j > 0 and i - j < most:
        prev = toks[j - 1]
        if not is_word(prev) or not is_adjective(prev.text):
            break
        j -= 1
    while not any_case and j < i and not toks[j].text[:1].isupper():
        j += 1
    return j


def quoted_after(text: str, stop: int) -> re.Match[str] | None:
    return QUOTED.match(text, stop + len(text[stop:]) - len(text[stop:].lstrip(" \t")))


def phrase_at(text: str, toks: list[Token], i: int) -> Phrase | None:
    rule = head_rule(toks[i].text)
    if rule is None:
        return None
    left = left_edge(toks, i, any_case=rule == "quoted" or takes_lowercase_adjectives(toks[i].text))
    quoted = quoted_after(text, toks[i].stop)
    tail = toks[i + 1:right_tail(toks, i)]
    # «учреждение дополнительного образования детей «Центр …»»: the name after the tail.
    late_quote = quoted_after(text, tail[-1].stop) if rule == "quoted" and tail and not quoted \
        else None
    sentence_start = left == 0 or toks[left - 1].text in SENTENCE_ENDS
    if not acceptable(rule, toks[left:i + 1], [t for t in tail if is_word(t)], quoted or late_quote,
                      sentence_start):
        return None
    head = nominative(tuple(t.text for t in toks[left:i + 1]))
    if quoted and (rule in ("quoted", "capital") or not tail):
        return Phrase(toks[left].start, quoted.end(), f"{head} {quoted.group()}")
    stop = tail[-1].stop if tail else toks[i].stop
    rest = " ".join(text[toks[i].stop:stop].split())
    if late_quote:
        return Phrase(toks[left].start, late_quote.end(), f"{head} {rest} {late_quote.group()}")
    return Phrase(toks[left].start, stop, f"{head} {rest}".strip())


def acceptable(rule: str, head_group: list[Token], tail: list[Token],
               quoted: re.Match[str] | None, sentence_start: bool = False) -> bool:
    """Whether a head phrase names an organisation. A capital letter that only opens a
    sentence (``Центр внимания …``) needs a longer tail to count."""
    if rule == "quoted":
        return quoted is not None
    if tail and tail[0].text.lower() in Lexicon.load().qualification_tails:
        return True  # «института повышения квалификации»
    if rule == "tail":
        return bool(tail)
    capital = head_group[0].text[:1].isupper()
    if rule == "institution":
        return bool(tail) and tail[0].text.lower() in Lexicon.load().institution_tails
    if rule == "place":
        return names_place(tail) or (capital and place_adjective(head_group))
    if rule == "council":
        return council(head_group, tail, capital and not sentence_start)
    if rule == "domain":
        sub_unit = lemma(head_group[-1]) in Lexicon.load().sub_units
        return domain_tail(tail, sub_unit) or (capital and len(head_group) > 1)
    if sentence_start and len(head_group) == 1 and quoted is None:
        return len(tail) >= 2
    return capital and (bool(tail) or quoted is not None or len(head_group) > 1)


def place_adjective(head_group: list[Token]) -> bool:
    return any(lemma(t) in Lexicon.load().place_adjectives for t in head_group[:-1])


def names_place(tail: list[Token]) -> bool:
    """``администрации Оренбургской области``, ``администрации МР «Цунтинский район»``:
    a named territory, not ``администрации школы``."""
    return any(t.text[:1].isupper() for t in tail)


def council(head_group: list[Token], tail: list[Token], capital: bool) -> bool:
    """A council or commission that is a body: ``городской совет``, ``совет депутатов``,
    ``комиссия по топонимике``, ``Совет Федерации``; not ``педагогический совет школы``."""
    if any(lemma(t) in Lexicon.load().working_group_adjectives for t in head_group[:-1]):
        return False  # «муниципальный методический совет», «предметная комиссия»
    if len(tail) > 1 and tail[0].text.lower() == "по" and lemma(tail[1]) in Lexicon.load().task_nouns:
        return False  # «комиссия по приёмке школ»: a task, not a body
    if tail and (tail[0].text.lower() in Lexicon.load().council_tail_words
                 or tail[0].text.lower() in ("по", "при")):
        return True
    if any(head_rule(t.text) for t in tail):
        return True  # «комиссия Совета депутатов», «комиссия администрации района»
    return place_adjective(head_group) or (capital and bool(tail))


def domain_tail(tail: list[Token], sub_unit: bool = False) -> bool:
    """``управление образования``, ``управление общего образования``, ``комитет
    администрации … по образованию``; any unit of an administration (``департамент
    экономики администрации города``)."""
    domain = Lexicon.load().domain_words
    if not tail:
        return False
    words = [t.text.lower() for t in tail]
    if words[0] in domain or (not sub_unit and len(words) > 1 and is_adjective(words[0])
                              and words[1] in domain):
        return True
    administration = Lexicon.load().administration_word
    return administration in words[1:] or (words[0] == administration and
                                            any(w in domain for w in words[1:]))


def head_phrases(layer) -> list[Phrase]:
    """Head-noun phrases of the text of ``layer`` (``text_layer(doc)``)."""
    text, toks = layer.text, tokens(layer)
    stems = Lexicon.load().head_stems
    found = []
    for i in head_candidates(text, toks):
        tok = toks[i]
        # a word that begins as no head's forms do has no head rule (``lowered_head``): the
        # same test, first here, spares most tokens the calls
        if tok.text.lower().replace("ё", "е").startswith(stems) and is_word(tok):
            phrase = phrase_at(text, toks, i)
            if phrase is not None and not letterhead_parent(text, toks, phrase):
                found.append(phrase)
    return found


def head_candidates(text: str, toks: list[Token]) -> Iterable[int]:
    """Indices of the tokens that may begin as a head's forms do, in order: those that
    start where a head stem begins in the lowered text (ё as е). A necessary condition of
    the stem test in ``head_phrases``: a layer token's text is its slice of ``text``, and
    when lowering keeps the text's length every character lowers to one, so a token whose
    lowered text begins with a stem starts where the stem does. One regex search instead of
    a lowering and a comparison per token."""
    folded = text.lower().replace("ё", "е")
    pattern = Lexicon.load().head_starts
    if pattern is None or len(folded) != len(text):
        return range(len(toks))
    found = []
    for m in pattern.finditer(folded):
        i = bisect_left(toks, m.start(), key=token_start)  # the tokens are in text order
        while i < len(toks) and toks[i].start == m.start():
            found.append(i)
            i += 1
    return found


def letterhead_parent(text: str, toks: list[Token], phrase: Phrase) -> bool:
    """``АДМИНИСТРАЦИЯ … ОКРУГА`` over ``УПРАВЛЕНИЕ ОБРАЗОВАНИЯ`` in a letterhead: the
    heading names the parent of the body that writes; the parent is not listed."""
    line_end = text.find("\n", phrase.stop)
    if line_end < 0 or text[phrase.stop:line_end].strip() or not text[phrase.start:phrase.stop].isupper():
        return False
    following = [t for t in toks if t.start > line_end][:1]
    return bool(following) and following[0].text.isupper() and head_rule(following[0].text) is not None
