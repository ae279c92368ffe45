"""The genitive tail after an organisation's head noun: ``образования и науки
Калужской области``, ``по делам молодёжи``, ``при министерстве просвещения``, ``по
надзору в сфере образования``, ``города Великие Луки``, ``г. Тулы``, ``МР
«Бабынинский район»``. A person's name, a run-together word, an ordinal
(``четвёртого созыва``) or a word that starts another object (``и плана работы``)
ends it.
"""
from __future__ import annotations

from functools import lru_cache

from extractors.text.morph import parses
from extractors.organizations.lexicon import Lexicon
from extractors.organizations.words import Token, head_rule, is_word, lemma, lemma_of

FIRST_NAME_TAGS = ("Name", "Patr")
PERSON_TAGS = ("Surn", "Name", "Patr")
TAIL_POS = ("NOUN", "ADJF", "PRTF")
WORD_CACHE = 50_000


# The word tests below read only pymorphy3's parses of the word: kept per word, as the
# same words (образования, области …) stand in tail after tail.
@lru_cache(maxsize=WORD_CACHE)
def first_name(word: str) -> bool:
    return any(tag in p.tag for p in parses(word)[:2] for tag in FIRST_NAME_TAGS)


@lru_cache(maxsize=WORD_CACHE)
def is_person(word: str) -> bool:
    return any(tag in p.tag for p in parses(word)[:2] for tag in PERSON_TAGS)


@lru_cache(maxsize=WORD_CACHE)
def place_only(word: str) -> bool:
    """``Москвы``: a place name that is no person's name."""
    found = parses(word)[:2]
    return bool(found) and "Geox" in found[0].tag and not any(
        tag in p.tag for p in found for tag in PERSON_TAGS)


@lru_cache(maxsize=WORD_CACHE)
def known_word(word: str) -> bool:
    """pymorphy3 knows the word's first reading (a dictionary look-up each time it is asked)."""
    return parses(word)[0].is_known


def before_person(toks: list[Token], k: int) -> bool:
    """The next token starts a person's name (initials or a first name)."""
    if k + 1 >= len(toks) or place_only(toks[k].text):
        return False
    nxt = toks[k + 1]
    return (len(nxt.text) == 1 and nxt.text.isupper()) or \
        (nxt.text[:1].isupper() and any("Name" in p.tag for p in parses(nxt.text)[:2]))


def before_place(toks: list[Token], k: int) -> bool:
    """``Чайковского городского округа``: a surname-like word that names a place."""
    following = [t for t in toks[k + 1:k + 3] if is_word(t)]
    return any(lemma(t) in Lexicon.load().place_lemmas for t in following)


def tail_word(toks: list[Token], k: int) -> bool:
    verdict = word_verdict(toks[k].text)
    if verdict is not None:
        return verdict
    # a person's name ends the tail unless a place word follows (``Чайковского городского
    # округа``), and so does a capitalised word before a person's name
    word = toks[k].text
    if is_person(word) and not before_place(toks, k):
        return False
    return not (capitalised(word) and before_person(toks, k))


def capitalised(word: str) -> bool:
    return word[:1].isupper() and not (word.isupper() and len(word) > 3)  # not a line in capitals


# ``tail_word``'s tests of the word alone, kept per word (the same words stand in tail after
# tail); the two tests of the tokens after it come last there, as only they can still say no.
@lru_cache(maxsize=WORD_CACHE)
def word_verdict(word: str) -> bool | None:
    """True or False when the word alone decides; None: a tail word unless the tokens
    after it say otherwise."""
    lexicon = Lexicon.load()
    if word in lexicon.tail_abbreviations or word.lower() in lexicon.tail_other_cases:
        return True
    if not word[:1].isalpha() or len(word) < 2 or lemma_of(word) in lexicon.tail_stop:
        return False
    capital = capitalised(word)
    if not capital and "Anum" in parses(word)[0].tag:
        return False  # «дума четвёртого созыва»
    if capital and not any("Geox" in p.tag or p.tag.POS in ("ADJF", "NOUN")
                           for p in parses(word)[:2]):
        return False
    if not capital and not known_word(word.rpartition("-")[2]):
        return False  # words run together by the source: «оготовности»
    if not any("gent" in p.tag and p.tag.POS in TAIL_POS and "Abbr" not in p.tag
               for p in parses(word.lower())[:3]):
        return False
    return None


def apposition(toks: list[Token], k: int) -> int:
    """``города Великие Луки``, ``Республики Башкортостан``, ``района «Петровск-Забайкальский
    район»``: a name in the nominative after a place noun; returns tokens consumed."""
    lexicon, place = Lexicon.load(), lemma(toks[k - 1])
    abbreviations = lexicon.municipal_abbreviations
    municipal = k >= 2 and toks[k - 2].text.lower().startswith(lexicon.municipal_stem)
    after_administration = toks[k].text in abbreviations and k + 1 < len(toks) \
        and (place == lexicon.administration_lemma or toks[k + 1].text == "«")
    if place not in lexicon.apposition_heads \
            and not (place == lexicon.municipal_noun and municipal) and not after_administration:
        return 0
    j = k
    if toks[j].text in abbreviations and j + 1 < len(toks) and toks[j + 1].text == "«":
        j += 1
    if toks[j].text == "\n" and j + 1 < len(toks) and toks[j + 1].text == "«":
        j += 1
    if toks[j].text == "«":
        close = next((n for n in range(j + 1, min(j + 6, len(toks))) if toks[n].text == "»"), None)
        return close + 1 - k if close else 0
    if toks[j].text == "\n":
        return 0
    if toks[j].text == lexicon.city_word and j + 1 < len(toks):
        j += 1
    names = 0
    while j < len(toks) and names < 2 and toks[j].text[:1].isupper() and is_word(toks[j]) \
            and len(toks[j].text) > 1 and not first_name(toks[j].text):
        j, names = j + 1, names + 1
    if names and j < len(toks) and lemma(toks[j]) in lexicon.apposition_ends:
        return j + 1 - k
    urban_district = place == lexicon.urban_place and k >= 2 \
        and toks[k - 2].text.lower().startswith(lexicon.urban_stem)
    bare_allowed = place in lexicon.bare_name_places or toks[k].text == lexicon.city_word \
        or urban_district
    return j - k if names and bare_allowed else 0


def listed(toks: list[Token], k: int) -> int:
    """``образования, молодёжной политики и спорта``: a comma continues the tail only when
    the list closes with ``и`` + a genitive word; returns tokens consumed up to that ``и``."""
    j = k + 1
    while j < len(toks) and j - k <= 6 and tail_word(toks, j):
        j += 1
        if j + 1 < len(toks) and toks[j].text == "и" and conjunct(toks, j + 1):
            return j - k
        if j < len(toks) and toks[j].text == ",":
            j += 1
    return 0


def conjunct(toks: list[Token], k: int) -> int:
    """Tokens of what follows ``и`` in a tail: a genitive word or ``по делам``; not a
    word that starts another object (``управления образования и плана работы``)."""
    if k >= len(toks):
        return 0
    if toks[k].text.lower() == "по" and k + 1 < len(toks) and is_word(toks[k + 1]):
        return 2
    if lemma(toks[k]) in Lexicon.load().conjunct_stop:
        return 0
    return 1 if tail_word(toks, k) else 0


def case_phrase(toks: list[Token], k: int, case: str = "datv") -> int:
    """``по социальной политике``, ``по надзору``, ``при министерстве``: tokens from the
    preposition to its noun."""
    j = k + 1
    while j < len(toks) and j - k <= 3 and is_word(toks[j]):
        found = [p for p in parses(toks[j].text) if case in p.tag]
        if not found:
            break
        j += 1
        if any(p.tag.POS == "NOUN" for p in found):
            return j - k
    return j - k if j > k + 1 else 2  # at least the word after the preposition


def locality(toks: list[Token], k: int) -> int:
    """``администрации г. Тулы``, ``Совет депутатов р.п. Маслянино``: tokens of a
    settlement abbreviation and its name."""
    j, abbreviations = k, Lexicon.load().locality_abbreviations
    while j + 1 < len(toks) and toks[j].text in abbreviations \
            and toks[j + 1].text == "." and j - k < 4:
        j += 2
    name = toks[j] if k < j < len(toks) else None
    if name is not None and name.text[:1].isupper() and is_word(name) and len(name.text) > 1:
        return j + 1 - k
    return 0


def tail_step(toks: list[Token], i: int, k: int, any_po: bool = False) -> int:
    """How many tokens at ``k`` continue the tail of the head at ``i`` (0: it ends);
    ``any_po``: a ``по …`` phrase may come anywhere in it (``комиссия совета депутатов
    по социальной политике``)."""
    tok, nxt = toks[k], k + 1 < len(toks)
    word, lexicon = tok.text.lower(), Lexicon.load()
    if apposition(toks, k):
        return apposition(toks, k)
    if word == "\n":
        if nxt and toks[k + 1].text.lower() == "и" and conjunct(toks, k + 2):
            return 1
        return 2 if nxt and toks[k + 1].text != "\n" and tail_word(toks, k + 1) else 0
    if word == "и":
        following = conjunct(toks, k + 1)
        return 1 + following if following else 0
    if word == ",":
        return listed(toks, k)
    if word == "по" and nxt and (k == i + 1 or any_po or lemma(toks[k + 1]) in lexicon.domain_lemmas):
        return case_phrase(toks, k) if is_word(toks[k + 1]) else 0
    if word == "при" and k == i + 1 and any_po and nxt and is_word(toks[k + 1]):
        return case_phrase(toks, k, "loct")  # «совет при министерстве просвещения»
    if tok.text in lexicon.locality_abbreviations:
        return locality(toks, k)
    if word == "в" and k + 2 < len(toks) and toks[k + 1].text.lower() in lexicon.sphere_words \
            and tail_word(toks, k + 2):
        return 2  # «по надзору в сфере образования»
    return 1 if tail_word(toks, k) else 0


def right_tail(toks: list[Token], i: int) -> int:
    """Index after the genitive tail that follows the head at ``i``."""
    k = i + 1
    any_po = head_rule(toks[i].text) == "council"
    while k < len(toks) and k - i <= Lexicon.load().max_tail_tokens:
        step = tail_step(toks, i, k, any_po)
        if not step:
            break
        k += step
    return k
