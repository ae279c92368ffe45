"""Parts of one decision: who must act (``responsible``) and by when
(``deadline``). Cue lists live in ``data/decisions.json``.

Responsible, in order of trust:
1. an addressee verb followed by its noun phrase (``Рекомендовать муниципальным
   координаторам …``, ``Обязать руководителей …``);
2. a dative noun phrase right before the action infinitive, with a genitive tail
   (``Управлению образования обеспечить``, ``школам-участникам проекта учесть``);
3. a genitive phrase in a frame before the infinitive (``В работе кураторов учитывать``);
4. after an addressee verb + infinitive, a dative actor further on
   (``Предложила использовать … другим школам, которые …``).
The phrase is put into the nominative, number kept.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import load_lexicon
from extractors.phrase_morph import (Token, case_parse, has_pos, is_abbreviation, lemma, lemmas,
                                     noun_phrase, tokens)
from schemas.mention import Mention

PREPOSITION_POS = ("PREP",)
RELATIVE = re.compile(r"\s*,\s*(?:котор(?:ые|ый|ая|ое|ым|ой)|где)\b[^.;]*")
CLAUSE_BREAK = re.compile(r"[.;:!?]")


@dataclass(frozen=True)
class Responsible:
    value: str
    start: int
    stop: int


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_lexicon("decisions.json")


@lru_cache(maxsize=1)
def deadline_cue() -> re.Pattern[str]:
    return re.compile(lexicon()["deadline_before_date"], re.IGNORECASE)


@lru_cache(maxsize=1)
def open_deadline() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(lexicon()["open_deadlines"]) + r")\b", re.IGNORECASE)


def is_infinitive(tok: Token) -> bool:
    return has_pos(tok.text, "INFN")


def addressee_case(tok: Token) -> str | None:
    verbs = lexicon()["addressee_verbs"]
    word = tok.text.lower()
    if word in verbs:
        return verbs[word]
    return verbs.get(lemma(tok.text)) if has_pos(tok.text, "INFN", "VERB") else None


def genitive_tail(words: list[Token], i: int, limit: int) -> int:
    """Extend a phrase over genitive modifiers (``проекта``, ``образования``, ``ОО``)."""
    while i < limit:
        tok = words[i]
        if is_abbreviation(tok.text) or case_parse(tok.text, "gent", {"NOUN", "ADJF", "PRTF"}):
            if has_pos(tok.text, "INFN", "VERB"):
                break
            i += 1
            continue
        break
    return i


def render(text: str, words: list[Token], first: int, count: int, forms: list[str],
           tail_end: int) -> Responsible:
    """Nominative head forms + the genitive tail as written."""
    start = words[first].start
    head_stop = words[first + count - 1].stop
    stop = words[tail_end - 1].stop if tail_end > first + count else head_stop
    value = " ".join(forms)
    if stop > head_stop:
        value += text[head_stop:stop]
    head_lemma = lemma(words[first + count - 1].text)
    if head_lemma not in lexicon()["capitalised_heads"] and not is_abbreviation(forms[0]):
        value = value[:1].lower() + value[1:]
    return Responsible(value, start, stop)


def phrase_at(text: str, words: list[Token], i: int, case: str, limit: int) -> Responsible | None:
    found = noun_phrase(words[i:limit], case)
    if found is None:
        return None
    count, forms = found
    tail_end = genitive_tail(words, i + count, limit)
    return render(text, words, i, count, forms, tail_end)


def preceded_by_preposition(words: list[Token], i: int) -> bool:
    return i > 0 and has_pos(words[i - 1].text, *PREPOSITION_POS) and not (
        words[i - 1].text.lower() in {"и", "а"})


def before_infinitive(text: str, words: list[Token], inf: int) -> Responsible | None:
    frames = [tuple(f) for f in lexicon()["genitive_frames"]]
    for i in range(inf):
        if preceded_by_preposition(words, i):
            continue
        found = phrase_at(text, words, i, "datv", inf)
        if found is not None and found.stop == words[inf - 1].stop:
            return found
        lead = tuple(lemma(w.text) for w in words[max(0, i - 2):i])
        if lead in frames:
            found = phrase_at(text, words, i, "gent", inf)
            if found is not None and found.stop == words[inf - 1].stop:
                return found
    return None


def is_actor(tok: Token) -> bool:
    if lemmas(tok.text) & set(lexicon()["actor_heads"]) or tok.text in lexicon()["actor_heads"]:
        return True
    noun = case_parse(tok.text, "datv", {"NOUN"})
    return noun is not None and "anim" in noun.tag


def after_infinitive(text: str, words: list[Token], inf: int, stop: int) -> Responsible | None:
    for i in range(inf + 1, len(words)):
        if CLAUSE_BREAK.search(text, words[i - 1].stop, words[i].start):
            return None
        if preceded_by_preposition(words, i):
            continue
        found = noun_phrase(words[i:], "datv")
        if found is None or not is_actor(words[i + found[0] - 1]):
            continue
        result = phrase_at(text, words, i, "datv", len(words))
        if result is None:
            continue
        clause = RELATIVE.match(text, result.stop, stop)
        if clause:
            end = clause.end()
            while end > result.stop and text[end - 1] in " \t.;,":
                end -= 1
            return Responsible(result.value + text[result.stop:end], result.start, end)
        return result
    return None


def responsible(text: str, start: int, stop: int) -> Responsible | None:
    words = tokens(text, start, stop)
    addressed = False
    for i, tok in enumerate(words):
        case = addressee_case(tok)
        if case is not None:
            addressed = True
            found = phrase_at(text, words, i + 1, case, len(words))
            if found is not None:
                return found
            continue
        if not is_infinitive(tok):
            continue
        found = before_infinitive(text, words, i)
        if found is not None:
            return found
        if addressed:
            return after_infinitive(text, words, i, stop)
        return None
    return None


def deadline(text: str, start: int, stop: int, dates: list[Mention]) -> Mention | None:
    """The DATE inside ``[start, stop)`` marked as a deadline, or preceded by ``до``."""
    inside = [m for m in dates if m.label == "DATE" and start <= m.start and m.stop <= stop]
    for m in inside:
        if m.attrs.get("role") == "deadline":
            return m
    for m in inside:
        if deadline_cue().search(text, max(start, m.start - 30), m.start):
            return m
    return None


def deadline_value(m: Mention | None) -> dt.date | None:
    value = m.attrs.get("value") if m is not None else None
    return value if isinstance(value, dt.date) else None


def open_deadline_text(text: str, start: int, stop: int) -> re.Match[str] | None:
    return open_deadline().search(text, start, stop)
