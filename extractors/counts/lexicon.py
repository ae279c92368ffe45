"""Lexicons of the counts family (``data/count_nouns.json``,
``data/number_words.json``) and the morphology that makes them match any case.

A word's *key* is its pymorphy3 normal form, with adjectives and participles
put into the masculine singular nominative ("обучающихся" -> "обучающийся",
"муниципальных" -> "муниципальный"), lowercase, ё folded to е.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional


from extractors.base import load_lexicon
from extractors.text.morph import inflect, parses

ADJECTIVE_POS = frozenset({"ADJF", "PRTF", "ADJS", "PRTS"})
NOUN_POS = frozenset({"NOUN"})
PHRASE_SPLIT = re.compile(r"\s+")
TOKEN_SPLIT = re.compile(r"[^\W\d_]+|\S")


WORD_CACHE = 50_000  # distinct words whose folded form and number value are kept


@lru_cache(maxsize=WORD_CACHE)
def fold(word: str) -> str:
    """Lowercase with ё as е (cached: every token is folded several times)."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=20000)
def analyse(word: str) -> tuple[str, Optional[str]]:
    """(key, part of speech) of a single word."""
    parse = parses(word)[0]
    pos = parse.tag.POS
    if pos in ADJECTIVE_POS:
        inflected = inflect(parse, {"sing", "nomn", "masc"})
        if inflected is not None:
            return fold(inflected.word), pos
    return fold(parse.normal_form), pos


def key(word: str) -> str:
    return analyse(word)[0]


@lru_cache(maxsize=20000)
def lemmas(word: str) -> frozenset[str]:
    """The key and the dictionary normal form ("назначены" -> назначенный, назначить)."""
    return frozenset({key(word), fold(parses(word)[0].normal_form)})


def is_modifier(word: str) -> bool:
    """An adjective or participle that may stand between a number and its noun."""
    return analyse(word)[1] in ADJECTIVE_POS


def phrase_key(phrase: str) -> str:
    return " ".join(key(w) for w in PHRASE_SPLIT.split(phrase.strip()) if w)


def settings() -> dict:
    return load_lexicon("count_nouns.json")


@lru_cache(maxsize=1)
def what_table() -> dict[str, str]:
    """Lemma key of a noun or "adjective noun" phrase -> what it counts."""
    table: dict[str, str] = {}
    for what, phrases in settings()["what"].items():
        for phrase in phrases:
            table[phrase_key(phrase)] = what
            table[fold(phrase)] = what
    return table


def what_of(word: str, modifier: Optional[str] = None) -> Optional[str]:
    """What ``word`` counts (with the adjective right before it, if that makes a known phrase)."""
    table = what_table()
    if modifier is not None:
        found = table.get(f"{key(modifier)} {key(word)}")
        if found:
            return found
    found = table.get(key(word)) or table.get(fold(word))
    if found is None and "-" in word:
        found = table.get(key(word.split("-", 1)[0]))
    return found


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Every case form of a cardinal number word -> its value."""
    forms: dict[str, int] = {}
    for entry in load_lexicon("number_words.json")["words"].values():
        for form in entry["forms"]:
            forms[fold(form)] = int(entry["value"])
    return forms


@lru_cache(maxsize=1)
def fraction_words() -> dict[str, float]:
    """"полутора" -> 1.5: a number only before a multiplier ("полутора тысяч")."""
    return {fold(form): float(entry["value"])
            for entry in load_lexicon("number_words.json").get("fractions", {}).values()
            for form in entry["forms"]}


@lru_cache(maxsize=1)
def anchored_words() -> frozenset[str]:
    """Number words ("обе") that count only in an elided statement."""
    return frozenset(fold(form) for entry in load_lexicon("number_words.json")["words"].values()
                     if entry.get("anchored") for form in entry["forms"])


@lru_cache(maxsize=WORD_CACHE)
def word_value(word: str) -> Optional[int]:
    return number_words().get(fold(word))


def is_anchored(word: str) -> bool:
    return fold(word) in anchored_words()


def combine(values: list[int]) -> Optional[int]:
    """"двадцать пять" -> 25, "сто двадцать" -> 120; None when the words do not
    make one number ("пять два")."""
    total, last = 0, None
    for v in values:
        if last is not None and (v >= last or last % 10 ** len(str(v)) != 0):
            return None
        total += v
        last = v
    return total


@lru_cache(maxsize=1)
def qualifier_phrases() -> tuple[tuple[str, ...], ...]:
    """Qualifiers ("более", "не менее") as word tuples, longest first."""
    phrases = (tuple(fold(w) for w in p.split()) for p in settings()["qualifiers"])
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def target_qualifiers() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(fold(w) for w in p.split()) for p in settings()["target_qualifiers"])


@lru_cache(maxsize=1)
def generic_nouns() -> frozenset[str]:
    return frozenset(key(w) for w in settings()["generic_nouns"])


@lru_cache(maxsize=1)
def count_cues() -> frozenset[str]:
    return frozenset(fold(w) for w in settings()["count_cues"])


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    return frozenset(key(w) for w in settings()["cue_verbs"])


def is_cue_verb(word: str) -> bool:
    """"составило", "превысило" between "Количество участников" and its number."""
    return bool(lemmas(word) & cue_verbs())


@lru_cache(maxsize=1)
def change_verbs() -> frozenset[str]:
    return frozenset(key(w) for w in settings()["change_verbs"])


def is_change_verb(word: str) -> bool:
    """"сократилось", "выросло" between a count cue and "с 12 до 8"."""
    return bool(lemmas(word) & change_verbs())


def is_count_cue(word: str) -> bool:
    """"Количество", "Кол-во", "число", "охват" before a counted noun."""
    return key(word) in count_cues() or fold(word) in count_cues()


@lru_cache(maxsize=WORD_CACHE)
def multiplier(word: str) -> Optional[int]:
    """"2 тысячи", "1,5 тыс.": the factor a word after a number multiplies it by."""
    table = settings()["multipliers"]
    return table.get(key(word)) or table.get(fold(word))


@lru_cache(maxsize=1)
def case_endings() -> frozenset[str]:
    return frozenset(settings()["case_endings"])


@lru_cache(maxsize=1)
def context_rules() -> tuple[tuple[frozenset[str], frozenset[str], str], ...]:
    """(noun keys, keys of words that must all be near it, what): "запись посмотрели 640 раз"."""
    return tuple((frozenset(key(n) for n in rule["nouns"]), frozenset(key(w) for w in rule["near"]),
                  rule["what"]) for rule in settings()["context_rules"])


def _phrases(entries: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(fold(w) for w in TOKEN_SPLIT.findall(p)) for p in entries)


@lru_cache(maxsize=1)
def elision_cues() -> dict[str, frozenset[tuple[str, ...]]]:
    """kind ("subset" | "more") -> cue phrases as word tuples ("из них", "ещё")."""
    return {kind: _phrases(entries) for kind, entries in settings()["elision_cues"].items()}


@lru_cache(maxsize=1)
def vote_words() -> frozenset[str]:
    return frozenset(fold(w) for w in settings()["vote_words"])


@lru_cache(maxsize=1)
def attendance_keys() -> frozenset[str]:
    return frozenset(key(w) for w in settings()["attendance_verbs"])


@lru_cache(maxsize=1)
def attendance_words() -> frozenset[str]:
    """Attendance verbs and "участие" ("приняли участие"): people who attended."""
    return attendance_keys() | frozenset(key(w) for w in settings()["attendance_words"])


@lru_cache(maxsize=1)
def part_prepositions() -> frozenset[str]:
    """Prepositions before "N из M" that leave N a count ("у 14 из 23 организаций")."""
    return frozenset(fold(w) for w in settings()["part_prepositions"])


@lru_cache(maxsize=1)
def kinds_kept_attending() -> frozenset[str]:
    """Person kinds a count keeps when its people attended ("приняли участие 23 педагога")."""
    return frozenset(settings()["kinds_kept_attending"])


@lru_cache(maxsize=1)
def relation_nouns() -> frozenset[str]:
    """Nouns naming people only by their relation ("представитель"): who they are comes
    from the sentence."""
    return frozenset(key(w) for w in settings()["relation_nouns"])


@lru_cache(maxsize=1)
def topic_rules() -> tuple[tuple[str, frozenset[str]], ...]:
    """(what, topic words): "ЕГЭ", "баллов" make a sentence's "человек" students."""
    return tuple((what, frozenset(key(w) for w in words) | frozenset(fold(w) for w in words))
                 for what, words in settings()["topic_words"].items())


@lru_cache(maxsize=1)
def scores() -> frozenset[str]:
    """Topic words that speak of exam results only right after a number ("100 баллов")."""
    return frozenset(key(w) for w in settings()["topic_after_number"])


@lru_cache(maxsize=20000)
def animate(word: str) -> bool:
    """A noun naming people ("управленцев"), by its likeliest parse."""
    tag = parses(word)[0].tag
    return tag.POS in NOUN_POS and tag.animacy == "anim"


@lru_cache(maxsize=1)
def vote_keys() -> frozenset[str]:
    return frozenset(key(w) for w in settings()["vote_words"])


@lru_cache(maxsize=1)
def plan_keys() -> frozenset[str]:
    return frozenset(key(w) for w in settings()["plan_words"])


@lru_cache(maxsize=1)
def target_nouns() -> frozenset[str]:
    return frozenset(phrase_key(w) for w in settings()["target_nouns"])


def names_target(words: list[str]) -> bool:
    """The words before a number end with "план", "целевой показатель" …: a target follows."""
    return bool(words) and bool({key(words[-1]), phrase_key(" ".join(words[-2:]))} & target_nouns())


@lru_cache(maxsize=1)
def profile_rules() -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]:
    """(whats, word forms naming one school, verb keys): a school's own staff, no count."""
    return tuple((frozenset(rule["whats"]), frozenset(fold(w) for w in rule["forms"]),
                  frozenset(key(w) for w in rule["verbs"])) for rule in settings()["profile_rules"])


@lru_cache(maxsize=20000)
def tags(word: str) -> tuple[Optional[str], Optional[str]]:
    """(part of speech, tense) of the likeliest parse."""
    tag = parses(word)[0].tag
    return tag.POS, tag.tense
