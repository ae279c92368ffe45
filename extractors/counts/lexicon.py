"""The counts family's lexicon, loaded once into one ``Lexicon`` object
(``data/count_nouns.json``, ``data/number_words.json``), and the morphology that
makes its words match any case.

A word's *key* is its pymorphy3 normal form, with adjectives and participles
put into the masculine singular nominative ("обучающихся" -> "обучающийся",
"муниципальных" -> "муниципальный"), lowercase, ё folded to е. The per-word
answers (``key``, ``lemmas``, ``word_value`` …) are cached by word; the word lists
are read through ``counts_lexicon()`` (``Lexicon.load()`` once), already folded or keyed
as they are compared. The flags of a word for the index of candidates are in ``numbers.py``.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple, Optional

from extractors.base import load_lexicon
from extractors.text.morph import analyzer, inflect, lexeme_words, parses

ADJECTIVE_POS = frozenset({"ADJF", "PRTF", "ADJS", "PRTS"})
NOUN_POS = frozenset({"NOUN"})
PHRASE_SPLIT = re.compile(r"\s+")
TOKEN_SPLIT = re.compile(r"[^\W\d_]+|\S")

WORD_CACHE = 50_000  # distinct words whose folded form and number value are kept

Words = tuple[str, ...]


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


def folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def keyed(words: list[str]) -> frozenset[str]:
    return frozenset(key(w) for w in words)


def all_forms(word: str) -> frozenset[str]:
    """Every form (folded) of every lexeme ``word`` may belong to: a word whose key is
    ``word`` is one of them."""
    return frozenset(fold(form) for p in parses(word) for form in lexeme_words(p))



def word_tuples(phrases: list[str]) -> frozenset[Words]:
    return frozenset(tuple(fold(w) for w in TOKEN_SPLIT.findall(p)) for p in phrases)


class ContextRule(NamedTuple):
    """"запись посмотрели 640 раз": the noun (by key) counts ``what`` when every word of
    ``near`` (by key) stands in its clause."""
    nouns: frozenset[str]
    near: frozenset[str]
    what: str


class ProfileRule(NamedTuple):
    """"В школе обучаются 58 человек": kinds, word forms naming one school, verb keys."""
    whats: frozenset[str]
    forms: frozenset[str]
    verbs: frozenset[str]


class Lexicon(NamedTuple):
    what: dict[str, str]  # lemma key (or folded form) of a noun or "adjective noun" -> what
    phrase_tails: frozenset[str]  # the last words of the "adjective noun" keys of ``what``
    noun_forms: frozenset[str]  # every form of the counted nouns and the cues, and the keys above
    number_words: dict[str, int]  # every case form of a cardinal number word -> its value
    fractions: dict[str, float]  # "полутора" -> 1.5, a number only before a multiplier
    anchored: frozenset[str]  # number words ("обе") that count only in an elided statement
    multipliers: dict[str, int]  # key or folded form -> factor ("тысяча", "тыс")
    dotted_multipliers: frozenset[str]  # "тыс" takes its dot along
    qualifiers: tuple[Words, ...]  # "более", "не менее", longest first
    qualifier_ends: frozenset[str]  # the last words of the qualifiers
    qualifier_words: int  # the most words a qualifier has
    target_qualifiers: frozenset[Words]
    count_cues: frozenset[str]  # folded and keyed: "Количество", "Кол-во", "число"
    case_endings: frozenset[str]  # "5-ти школ"
    generic_nouns: frozenset[str]  # keys: "человек", "чел."
    cue_verbs: frozenset[str]
    change_verbs: frozenset[str]
    context_rules: tuple[ContextRule, ...]
    context_nouns: frozenset[str]  # the nouns of all context rules
    elision_cues: dict[str, frozenset[Words]]  # "subset" | "more" -> cue phrases
    elision_lengths: tuple[int, ...]  # the cue phrases' lengths in words, longest first
    elision_firsts: frozenset[str]  # the first words of the cue phrases
    elision_lasts: frozenset[str]  # and their last words
    vote_words: frozenset[str]  # folded: before the number
    vote_keys: frozenset[str]  # keyed: a voting verb after it
    plan_keys: frozenset[str]
    target_nouns: frozenset[str]  # phrase keys: "план", "целевой показатель"
    attendance_keys: frozenset[str]  # attendance verbs
    attendance_words: frozenset[str]  # those and "участие"
    relation_nouns: frozenset[str]
    kinds_kept_attending: frozenset[str]
    part_prepositions: frozenset[str]
    topic_rules: tuple[tuple[str, frozenset[str]], ...]  # (what, keyed and folded topic words)
    scores: frozenset[str]  # topic words that speak of results only after a number
    profile_rules: tuple[ProfileRule, ...]
    profile_forms: re.Pattern[str]  # any form of the profile rules, as a whole word
    skip_columns: frozenset[str]  # keys of a table column's words that count nothing
    number_cell: re.Pattern[str]  # a table cell holding a number alone (with a unit: "152 чел.")
    person_kinds: frozenset[str]
    participants: str
    clause_joiners: frozenset[str]
    group_joiners: frozenset[str]
    range_from: frozenset[str]
    range_to: str
    whole_word: str
    percent_stems: tuple[str, ...]
    years: tuple[int, int]
    # sizes
    max_modifiers: int
    max_evidence_words: int
    max_elided_words_right: int
    max_label_words: int
    max_header_words: int
    cue_window_tokens: int
    noun_dash_window: int
    context_words_right: int
    attendance_reach: int
    joined_noun_words: int
    target_reach: int
    sentence_window: int

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data, numbers = load_lexicon("count_nouns.json"), load_lexicon("number_words.json")
        what: dict[str, str] = {}
        for kind, phrases in data["what"].items():
            for phrase in phrases:
                what[phrase_key(phrase)] = kind
                what[fold(phrase)] = kind
        heads = {w for phrase in what for w in phrase.split()[-1:]} | set(data["count_cues"])
        noun_forms = frozenset(what) | frozenset(f for w in heads for f in all_forms(w)) \
            | folded(data["count_cues"])
        profile = tuple(ProfileRule(frozenset(r["whats"]), folded(r["forms"]), keyed(r["verbs"]))
                        for r in data["profile_rules"])
        forms = sorted({f for rule in profile for f in rule.forms}, key=len, reverse=True)
        attendance = keyed(data["attendance_verbs"])
        qualifiers = tuple(sorted((tuple(fold(w) for w in p.split()) for p in data["qualifiers"]),
                                  key=len, reverse=True))
        sizes = ("max_modifiers", "max_evidence_words", "max_elided_words_right",
                 "max_label_words", "max_header_words", "cue_window_tokens", "noun_dash_window",
                 "context_words_right", "attendance_reach", "joined_noun_words", "target_reach",
                 "sentence_window")
        context_rules = tuple(ContextRule(keyed(r["nouns"]), keyed(r["near"]), r["what"])
                              for r in data["context_rules"])
        elision_cues = {kind: word_tuples(entries) for kind, entries in data["elision_cues"].items()}
        cue_phrases = [phrase for phrases in elision_cues.values() for phrase in phrases]
        if not all(cue_phrases):
            raise ValueError("count_nouns.json: an empty elision cue would stand before any number")
        return cls(
            what=what,
            phrase_tails=frozenset(phrase.rsplit(" ", 1)[1] for phrase in what if " " in phrase),
            noun_forms=noun_forms,
            number_words={fold(form): int(entry["value"]) for entry in numbers["words"].values()
                          for form in entry["forms"]},
            fractions={fold(form): float(entry["value"])
                       for entry in numbers["fractions"].values() for form in entry["forms"]},
            anchored=frozenset(fold(form) for entry in numbers["words"].values()
                               if entry.get("anchored") for form in entry["forms"]),
            multipliers=dict(data["multipliers"]),
            dotted_multipliers=folded(data["dotted_multipliers"]),
            qualifiers=qualifiers,
            qualifier_ends=frozenset(phrase[-1] for phrase in qualifiers if phrase),
            qualifier_words=max(map(len, qualifiers), default=0),
            target_qualifiers=frozenset(tuple(fold(w) for w in p.split())
                                        for p in data["target_qualifiers"]),
            count_cues=folded(data["count_cues"]),
            case_endings=frozenset(data["case_endings"]),
            generic_nouns=keyed(data["generic_nouns"]),
            cue_verbs=keyed(data["cue_verbs"]),
            change_verbs=keyed(data["change_verbs"]),
            context_rules=context_rules,
            context_nouns=frozenset().union(*(rule.nouns for rule in context_rules)),
            elision_cues=elision_cues,
            elision_lengths=tuple(sorted({len(phrase) for phrase in cue_phrases}, reverse=True)),
            elision_firsts=frozenset(phrase[0] for phrase in cue_phrases),
            elision_lasts=frozenset(phrase[-1] for phrase in cue_phrases),
            vote_words=folded(data["vote_words"]),
            vote_keys=keyed(data["vote_words"]),
            plan_keys=keyed(data["plan_words"]),
            target_nouns=frozenset(phrase_key(w) for w in data["target_nouns"]),
            attendance_keys=attendance,
            attendance_words=attendance | keyed(data["attendance_words"]),
            relation_nouns=keyed(data["relation_nouns"]),
            kinds_kept_attending=frozenset(data["kinds_kept_attending"]),
            part_prepositions=folded(data["part_prepositions"]),
            topic_rules=tuple((kind, keyed(words) | folded(words))
                              for kind, words in data["topic_words"].items()),
            scores=keyed(data["topic_after_number"]),
            profile_rules=profile,
            profile_forms=re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, forms)),
                                     re.IGNORECASE),
            skip_columns=keyed(data["skip_columns"]),
            number_cell=re.compile(r"\s*(\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,6})\s*(?:%s)?\s*" % "|".join(
                re.escape(u) for u in sorted(data["cell_units"], key=len, reverse=True))),
            person_kinds=frozenset(data["person_kinds"]),
            participants=data["participants_kind"],
            clause_joiners=folded(data["clause_joiners"]),
            group_joiners=frozenset(data["group_joiners"]),
            range_from=folded(data["range_words"]["from"]),
            range_to=fold(data["range_words"]["to"]),
            whole_word=fold(data["whole_word"]),
            percent_stems=tuple(fold(w) for w in data["percent_stems"]),
            years=(int(data["years"][0]), int(data["years"][1])),
            **{name: int(data[name]) for name in sizes},
        )


@cache
def counts_lexicon() -> Lexicon:
    """``Lexicon.load()`` for the per-token rules, which ask for it ~8,000 times a pass over the
    65 real documents: a classmethod binds a new method object at every call (~0.2 µs more)."""
    return Lexicon.load()


def what_of(word: str, modifier: Optional[str] = None) -> Optional[str]:
    """What ``word`` counts (with the adjective right before it, if that makes a known phrase)."""
    table = counts_lexicon().what
    if modifier is not None:
        found = table.get(f"{key(modifier)} {key(word)}")
        if found:
            return found
    found = table.get(key(word)) or table.get(fold(word))
    if found is None and "-" in word:
        found = table.get(key(word.split("-", 1)[0]))
    return found


def ends_phrase(word: str) -> bool:
    """``word`` may end an "adjective noun" key of the lexicon: only then does ``what_of``
    read the adjective before it (its key and the adjective's, joined by a space, must be
    a key of ``what``, so ``word``'s key is that key's last word unless it holds a space)."""
    word_key = key(word)
    return word_key in counts_lexicon().phrase_tails or " " in word_key


@lru_cache(maxsize=WORD_CACHE)
def may_count(word: str) -> bool:
    """The noun counts something alone, or may with the adjective before it."""
    return what_of(word) is not None or ends_phrase(word)


@lru_cache(maxsize=WORD_CACHE)
def word_value(word: str) -> Optional[int]:
    return counts_lexicon().number_words.get(fold(word))


def is_anchored(word: str) -> bool:
    return fold(word) in counts_lexicon().anchored


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


def is_cue_verb(word: str) -> bool:
    """"составило", "превысило" between "Количество участников" and its number."""
    return bool(lemmas(word) & counts_lexicon().cue_verbs)


def is_change_verb(word: str) -> bool:
    """"сократилось", "выросло" between a count cue and "с 12 до 8"."""
    return bool(lemmas(word) & counts_lexicon().change_verbs)


@lru_cache(maxsize=WORD_CACHE)
def is_count_cue(word: str) -> bool:
    """"Количество", "Кол-во", "число", "охват" before a counted noun."""
    cues = counts_lexicon().count_cues
    return fold(word) in cues or may_key_to(word, forms_of("cues")) and key(word) in cues


@lru_cache(maxsize=WORD_CACHE)
def multiplier(word: str) -> Optional[int]:
    """"2 тысячи", "1,5 тыс.": the factor a word after a number multiplies it by."""
    table = counts_lexicon().multipliers
    found = table.get(key(word)) if may_key_to(word, forms_of("multipliers")) else None
    return found or table.get(fold(word))


def may_key_to(word: str, forms: frozenset[str]) -> bool:
    """A necessary condition of ``key(word)`` being one of the words whose lexemes' forms are
    ``forms`` (``forms_of``), without parsing a word the dictionary knows: its key is a form of
    its first parse's lexeme, and parsing a word finds every dictionary lexeme holding it."""
    return fold(word) in forms or not analyzer().word_is_known(word)


@cache
def forms_of(words: str) -> frozenset[str]:
    """``all_forms`` of the count cues ("cues") or of the multipliers ("multipliers")."""
    lexicon = counts_lexicon()
    return frozenset(form for w in (lexicon.count_cues if words == "cues" else lexicon.multipliers)
                     for form in all_forms(w))


def names_target(words: list[str]) -> bool:
    """The words before a number end with "план", "целевой показатель" …: a target follows."""
    return bool(words) and bool({key(words[-1]), phrase_key(" ".join(words[-2:]))}
                                & counts_lexicon().target_nouns)


@lru_cache(maxsize=20000)
def animate(word: str) -> bool:
    """A noun naming people ("управленцев"), by its likeliest parse."""
    tag = parses(word)[0].tag
    return tag.POS in NOUN_POS and tag.animacy == "anim"


@lru_cache(maxsize=20000)
def tags(word: str) -> tuple[Optional[str], Optional[str]]:
    """(part of speech, tense) of the likeliest parse."""
    tag = parses(word)[0].tag
    return tag.POS, tag.tense
