"""Parts of one decision: the phrase machinery for who must act. A noun phrase in
a case is found, extended (genitive tail, ``по`` phrase of a post, participial
clause, quoted name) and put into the nominative, number kept
(``decisions.responsible`` decides where to look; ``decisions.deadline`` finds by
when). Cue lists live in ``data/decisions.json``, read through ``decisions.lexicon``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractors.decisions.lexicon import Lexicon
from extractors.text.morph import analyzer
from extractors.text.tokens import Token
from extractors.text.inflect import (case_parse, has_pos, is_abbreviation, lemma, noun_phrase, to_nominative)
from extractors.text.morph import parses

PREPOSITION_POS = ("PREP",)
GLUED = re.compile(r"([а-яё]{3,}(?:ть|ти|чь))([а-яё]{3,})")
INITIALS_FIRST = re.compile(r"(^|\s)((?:[А-ЯЁ]\.\s?){1,2})\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)$")
CLAUSE_BREAK = re.compile(r"[.;:!?]")
PHRASE_BREAK = re.compile(r"[;:!?]")
CLOSERS = "»\")"
NAME_TAGS = {"Surn", "Name", "Patr"}
SPACES = re.compile(r"\s+")


class Responsible(NamedTuple):
    value: str
    start: int
    stop: int


# The word tests below depend on the word alone and are asked again and again of the
# same words (each decision's words are scanned for its action, its phrase and its
# end): answered once per word and process.
WORD_CACHE = 20_000


def is_infinitive(tok: Token) -> bool:
    return word_is_infinitive(tok.text)


@lru_cache(maxsize=WORD_CACHE)
def word_is_infinitive(word: str) -> bool:
    return has_pos(word, "INFN") or glued_infinitive(word)


def glued_infinitive(word: str) -> bool:
    """``продолжитьработу``: an infinitive run together with the next word (a glitch
    of HTML conversion), for words the dictionary does not know."""
    glued = GLUED.match(word.lower())
    return bool(glued) and not analyzer().word_is_known(word.lower()) \
        and has_pos(glued.group(1), "INFN") and analyzer().word_is_known(glued.group(2))


def head_phrase(words: list[Token], case: str) -> tuple[int, list[str]] | None:
    """``noun_phrase``, preferring an adjective reading of the first word
    (``Главному управлению``: not the noun ``главное``)."""
    found = noun_phrase(words, case)
    if found is None or found[0] != 1 or len(words) < 2:
        return found
    adjective = case_parse(words[0].text, case, {"ADJF", "PRTF"})
    best = parses(words[0].text)
    rest = noun_phrase(words[1:], case)
    if adjective is None or rest is None or not best or best[0].tag.POS not in ("ADJF", "PRTF"):
        return found
    noun = case_parse(words[rest[0]].text, case, {"NOUN"})
    number = "plur" if noun is not None and "plur" in noun.tag.grammemes else "sing"
    gender = noun.tag.gender if noun is not None else None
    return rest[0] + 1, [to_nominative(words[0].text, adjective, number, gender), *rest[1]]


def addressee_case(tok: Token) -> str | None:
    return word_addressee_case(tok.text)


@lru_cache(maxsize=WORD_CACHE)
def word_addressee_case(text: str) -> str | None:
    verbs = Lexicon.load().addressee_verbs
    word = text.lower()
    if word in verbs:
        return verbs[word]
    return verbs.get(lemma(text)) if has_pos(text, "INFN", "VERB", "PRTS") else None


def is_acronym(word: str) -> bool:
    """``ИПКиППРО``: capitals with a lower-case conjunction inside."""
    letters = [ch for ch in word if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return len(letters) >= 4 and upper >= 3 and upper >= 0.75 * len(letters) and word[:1].isupper()


def is_initial(tok: Token) -> bool:
    return len(tok.text) == 1 and tok.text.isupper()


def is_preposition(tok: Token) -> bool:
    return word_is_preposition(tok.text)


@lru_cache(maxsize=WORD_CACHE)
def word_is_preposition(word: str) -> bool:
    initial = len(word) == 1 and word.isupper()  # ``is_initial``
    return not (is_abbreviation(word) or initial) and has_pos(word, *PREPOSITION_POS)


def continues_list(text: str, words: list[Token], i: int) -> bool:
    """After a comma or an opening bracket the phrase goes on only with names,
    abbreviations or numbers (``Денисенко Ю.Г., Ляпину Р.С.``, ``№ 2, 5``)."""
    tok = words[i]
    return (is_name_part(words, i) or is_abbreviation(tok.text) or tok.text.isdigit()
            or is_initial(tok))


def is_name_part(words: list[Token], i: int) -> bool:
    """A capitalised word next to initials (``Харитоновой Л.М.``, ``Т.Г. Мальцевой``)."""
    after = i + 1 < len(words) and is_initial(words[i + 1])
    before = i >= 2 and is_initial(words[i - 1]) and is_initial(words[i - 2])
    return words[i].text[:1].isupper() and len(words[i].text) > 1 and (after or before)


def name_parse(word: str, case: str):
    # grammemes read from the tag's set: ``in p.tag`` only adds a check that the grammeme
    # is known (all asked here are) at three times the cost
    return next((p for p in parses(word) if case in p.tag.grammemes
                 and not NAME_TAGS.isdisjoint(p.tag.grammemes)), None)


def surname_by_ending(word: str, case: str) -> str | None:
    """``Ситниковой`` -> ``Ситникова`` for surnames the dictionary does not know."""
    endings = Lexicon.load().surname_endings.get(case, {})
    for ending in sorted(endings, key=len, reverse=True):
        if word.lower().endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)] + endings[ending]
    return None


def convert(tok: Token, case: str, named: bool):
    """The nominative of ``tok`` when it clearly is in ``case`` (else None)."""
    if len(tok.text) < 2 or is_abbreviation(tok.text) or not tok.text.isalpha() and "-" not in tok.text:
        return None
    if named and name_parse(tok.text, case) is None:
        return surname_by_ending(tok.text, case)
    found = (named and name_parse(tok.text, case)) or case_parse(tok.text, case,
                                                                 {"NOUN", "ADJF", "PRTF"})
    if found is None:
        return None
    if not named and case != "gent" and case_parse(tok.text, "gent") is not None:
        return None
    number = "plur" if "plur" in found.tag.grammemes else "sing"
    return to_nominative(tok.text, found, number, found.tag.gender)


def participle(tok: Token, case: str) -> bool:
    return case_parse(tok.text, case, {"PRTF"}) is not None


def clause_end(text: str, words: list[Token], i: int, limit: int) -> int:
    """Index of the first word after the comma that closes the clause starting at ``i``."""
    for j in range(i + 1, limit):
        if "," in text[words[j - 1].stop:words[j].start]:
            return j
    return limit


def phrase_stop(text: str, words: list[Token], i: int, limit: int, case: str,
                wide: bool = False) -> int:
    """Index after the last word of the responsible phrase that starts before ``i``;
    a participial clause set off by commas (``, осуществляющим управление …,`` or
    ``, осуществляющих …,`` agreeing with a genitive) belongs to it, a bracket ends it
    (``Управлению (Иванов И.И.)``: the person is not part of the body). A ``по``
    phrase after a body or post (``комиссии по социальной политике``) belongs to it;
    ``wide`` phrases (``возложить на …``) run on through any preposition; a name in
    quotes (``МКОУ «ООШ с. Радде»``) is read whole."""
    depth = quote_depth(text, words[0].start, words[i - 1].stop) if 0 < i < limit else 0
    while i < limit:
        tok = words[i]
        between = text[words[i - 1].stop:tok.start] if i > 0 else ""
        depth += quote_depth(between, 0, len(between))
        if i > 0 and depth > 0 and not PHRASE_BREAK.search(between):
            i += 1
            continue
        if "(" in between or PHRASE_BREAK.search(between):
            break
        if "," in between and (participle(tok, case) or participle(tok, "gent")
                               or case_parse(tok.text, "gent", {"ADJF"}) is not None):
            i = clause_end(text, words, i, limit)
            continue
        if "," in between and not wide and not continues_list(text, words, i):
            break
        if is_abbreviation(tok.text) or tok.text.isdigit() or is_initial(tok):
            i += 1
            continue
        if is_preposition(tok):
            if i + 1 < limit and is_abbreviation(words[i + 1].text):
                i += 2
                continue
            if wide or tok.text.lower() in Lexicon.load().post_prepositions and i > 0 \
                    and lemma(words[i - 1].text) in Lexicon.load().prepositional_posts:
                i += 1
                continue
            break
        if has_pos(tok.text, "INFN", "VERB", "PRTS", "ADVB", "GRND") and not tok.text[:1].isupper():
            break
        i += 1
    return i


def quote_depth(text: str, start: int, stop: int) -> int:
    """How many «…» quotes are open at ``stop`` (counted from ``start``)."""
    part = text[start:stop]
    return part.count("«") - part.count("»")


def phrase_end(text: str, words: list[Token], end: int) -> int:
    """Offset after word ``end - 1``, with the full stop of an initial and closing quotes."""
    stop = words[end - 1].stop
    if is_initial(words[end - 1]) and text[stop:stop + 1] == ".":
        stop += 1
    while stop < len(text) and text[stop] in CLOSERS:
        stop += 1
    return stop


def render(text: str, words: list[Token], first: int, count: int, forms: list[str],
           end: int, case: str) -> Responsible:
    """Head forms in the nominative, the rest converted where it agrees, else as written."""
    start, stop = words[first].start, phrase_end(text, words, end)
    replaced = {first + k: form for k, form in enumerate(forms)}
    in_quotes = in_clause = governed = False
    for i in range(first + count, end):
        between = text[words[i - 1].stop:words[i].start]
        in_quotes = (in_quotes or "«" in between) and "»" not in between
        in_clause = in_clause and "," not in between or "," in between and \
            case_parse(words[i].text, "gent", {"PRTF", "ADJF"}) is not None and \
            case_parse(words[i].text, case, {"PRTF", "ADJF"}) is None
        governed = governed or is_preposition(words[i - 1])
        named = is_name_part(words, i) or words[i].text[:1].isupper() \
            and name_parse(words[i].text, case) is not None
        if in_quotes or in_clause or is_preposition(words[i]) or governed and not named:
            continue
        if case == "gent" and not named:
            continue
        form = convert(words[i], case, named)
        if form is not None:
            replaced[i] = form
            in_clause = participle(words[i], case)
    pieces, pos = [], start
    for i in range(first, end):
        if i in replaced:
            pieces += [text[pos:words[i].start], replaced[i]]
            pos = words[i].stop
    pieces.append(text[pos:stop])
    value = INITIALS_FIRST.sub(r"\1\3 \2", SPACES.sub(" ", "".join(pieces)).strip(" ,")).strip()
    if first == 0 and lemma(words[first + count - 1].text) not in Lexicon.load().capitalised_heads \
            and not is_abbreviation(forms[0]):
        value = value[:1].lower() + value[1:]
    return Responsible(value, start, stop)


def phrase_at(text: str, words: list[Token], i: int, case: str, limit: int,
              wide: bool = False) -> Responsible | None:
    if i >= limit or is_abbreviation(words[i].text):
        return None
    found = head_phrase(words[i:limit], case)
    if found is None:
        return None
    count, forms = found
    end = phrase_stop(text, words, i + count, limit, case, wide)
    return render(text, words, i, count, forms, end, case)


def preceded_by_preposition(words: list[Token], i: int) -> bool:
    return i > 0 and is_preposition(words[i - 1])
