"""Job titles and employers: where a title starts (``муниципального координатора``),
where it ends, where the employer inside it begins (``директор МБОУ «…»``,
``специалист управления образования``) and both put into the nominative; the event
role a title's head names (``координатор проекта``). Lexicon in ``data/people.json``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from extractors.people.text import (Tok, adjective_possible, has_lemma, is_abbreviation,
                                    lemma_set, nominative_phrase, nominative_words, verb_parse)
from extractors.people.names import parses
from extractors.text.morph import inflect  # pymorphy3's inflect, kept per parse
from extractors.people.lexicon import Lexicon

MAX_ADJECTIVES = 2


@dataclass
class Slot:
    """A value with the source range it came from; ``priority`` ranks job titles."""
    value: str
    start: int
    stop: int
    priority: int = 0




def role_of(tok: Tok, appositive_only: bool = False) -> Optional[str]:
    return None if tok.quoted else word_role(tok.text, appositive_only)


@lru_cache(maxsize=100000)
def word_role(word: str, appositive_only: bool) -> Optional[str]:
    """The event role a noun names (``куратором`` -> curator); ``appositive_only`` leaves
    out nouns of speaking (``выступление``) that only bind right before a name."""
    nouns, lemmas = Lexicon.load().role_nouns, lemma_set(word)
    if lemmas.isdisjoint(nouns) and word.lower() not in nouns:
        return None  # most words: none of the readings below names a role
    for lemma in sorted(lemmas) + [word.lower()]:
        if lemma in nouns and not (appositive_only and lemma in Lexicon.load().speech_nouns):
            return nouns[lemma]
    return None


def is_position_head(tok: Tok) -> bool:
    return not tok.quoted and position_head_word(tok.text)


@lru_cache(maxsize=100000)
def position_head_word(word: str) -> bool:
    """A word that heads a job title: a lemma of it or of its first part, or the nominative
    of a participle (``заведующего``), among the lexicon's position heads."""
    heads = Lexicon.load().position_heads
    return bool((lemma_set(word) | lemma_set(word.split("-")[0])
                 | participle_nominatives(word.lower())) & heads)


@lru_cache(maxsize=50000)
def participle_nominatives(word: str) -> frozenset[str]:
    """``заведующего``, ``заведующей`` -> ``заведующий``, ``заведующая``: a title that is a
    participle (its lemma is the verb ``заведовать``) is known by its nominative."""
    out = set()
    for p in parses(word):
        if "PRTF" in p.tag.grammemes:
            for gender in ("masc", "femn"):
                form = inflect(p, {"nomn", "sing", gender})
                out.update([form.word] if form else [])
    return frozenset(out)


def position_start(toks: list[Tok]) -> Optional[int]:
    """Index of the first head word of a job title that starts ``toks`` (after adjectives:
    ``муниципального координатора`` -> 1; after an acting prefix: ``и.о. заместителя`` -> 2);
    None when ``toks`` starts with no title."""
    lead = acting_lead(toks)
    for i, tok in enumerate(toks[lead:lead + MAX_ADJECTIVES + 1], lead):
        if is_position_head(tok):
            return i if i == lead or all(best_is_adjective(t) for t in toks[lead:i]) else None
        if not best_is_adjective(tok):
            return None
    return None


def participle_head(value: str, tok: Tok) -> str:
    """``заведующей кафедрой`` -> ``заведующая кафедрой``: a participle head goes into the
    nominative of its own gender (the noun inflection leaves it as written)."""
    found = [p for p in parses(tok.lower) if "PRTF" in p.tag.grammemes][:1]
    if not found or "nomn" in found[0].tag.grammemes or tok.text not in value:
        return value
    form = inflect(found[0], {"nomn", "sing"})
    return value.replace(tok.text, form.word, 1) if form else value


def honorary(toks: list[Tok]) -> bool:
    """``заслуженный учитель РСФСР``, ``почётный работник …``: an honorary title, no post."""
    if not toks or toks[0].quoted:
        return False
    word = toks[0].lower
    forms = lemma_set(word) | participle_nominatives(word)  # ``заслуженного``: lemma ``заслужить``
    return bool(forms & Lexicon.load().honorary_words)


def acting_lead(toks: list[Tok]) -> int:
    """How many tokens of an acting prefix (``и.о.``, ``врио``, ``исполняющего обязанности``)
    open ``toks``; 0 when none does. A one-letter word after the first counts only as an
    abbreviation, and only the first word may be capitalised (``И.О.`` are initials)."""
    if not toks or toks[0].quoted:
        return 0  # ``acting_word`` takes no quoted name
    for prefix in opening_prefixes(toks[0].text):
        if len(toks) > len(prefix) and all(
                acting_word(tok, lemma, k) for k, (tok, lemma) in enumerate(zip(toks, prefix))):
            return len(prefix)
    return 0


@lru_cache(maxsize=50000)
def opening_prefixes(word: str) -> tuple[tuple[str, ...], ...]:
    """The acting prefixes, in the lexicon's order, whose first word ``word`` can be: for
    the first word ``acting_word`` reads only the text, so most titles are done with at once."""
    first = Tok(word, 0, len(word))
    return tuple(p for p in Lexicon.load().acting_prefixes if acting_word(first, p[0], 0))


def acting_word(tok: Tok, lemma: str, k: int) -> bool:
    if tok.quoted or (k and not tok.text.islower()):
        return False
    if len(lemma) == 1:  # the layer marks the last letter of ``И.о.`` as abbreviated
        return tok.lower == lemma and (tok.abbreviated or k == 0)
    return lemma in lemma_set(tok.text)


def acting_opening(toks: list[Tok], i: int) -> int:
    """Where a title whose first word is at ``i`` really starts: at an acting prefix right
    before it (``и.о. начальника``), else at ``i``."""
    for prefix in Lexicon.load().acting_prefixes:
        j = i - len(prefix)
        if j >= 0 and acting_lead(toks[j:]) == len(prefix):
            return j
    return i


def acting_phrase(text: str, toks: list[Tok], stop: int) -> str:
    """An acting title reads with its prefix in the nominative (``исполняющего обязанности``
    -> ``исполняющий обязанности``) and the office after it as written, in the genitive."""
    lead = acting_lead(toks)
    words = []
    for tok in toks[:lead]:
        found = [p for p in parses(tok.lower) if "PRTF" in p.tag.grammemes][:1]
        nominative = inflect(found[0], {"nomn"}) if found else None
        words.append(nominative.word if nominative else tok.text)
    out, pos = [], toks[0].start
    for tok, word in zip(toks[:lead], words):
        out += [text[pos:tok.start], word]
        pos = tok.stop
    return "".join(out) + text[pos:stop]


def best_is_adjective(tok: Tok) -> bool:
    found = parses(tok.lower)
    return bool(found) and not found[0].tag.grammemes.isdisjoint(("ADJF", "PRTF"))


def last_head(toks: list[Tok], head: int) -> int:
    """``ведущий специалист``, ``старший методист``: the title's noun is the last head word."""
    while (head + 1 < len(toks) and is_position_head(toks[head + 1])
           and adjective_possible(toks[head].text)):
        head += 1
    return head


def org_start(toks: list[Tok], head: int) -> Optional[int]:
    """Where the employer begins inside a title phrase: at the first abbreviation or quoted
    name (``директор МБОУ «…»``; a unit before it stays in the title: ``старший методист
    центра … ХК ИРО``), else at an organisation noun (``проректор … института``), else at a
    second unit (``начальник отдела … управления образования``), else, after a rank title,
    at a unit (``специалист управления образования``). A noun the head governs in the
    instrumental (``заведующий отделом``) stays in the title."""
    while head + 1 < len(toks) and is_position_head(toks[head + 1]) and genitive_noun(toks, head + 1):
        head += 1
    heads_unit = bool(lemma_set(toks[head].text) & Lexicon.load().unit_heading_titles)
    first = head + 1
    if first < len(toks) and instrumental(toks[first]):
        first += 1
    named = next((i for i in range(first, len(toks)) if names_employer(toks, i)), None)
    if named is not None:
        unit_before = org_noun(toks[named - 1]) and named - 1 >= first  # not ``кафедрой``
        return with_adjectives(toks, named - 1, head) if unit_before else named
    lex = Lexicon.load()
    strong = [i for i in range(first, len(toks)) if lemma_set(toks[i].text) & lex.org_heads
              or (lemma_set(toks[i].text) & lex.weak_org_heads and i > first
                  and lemma_set(toks[i - 1].text) & lex.body_modifiers)]
    units = [i for i in range(first, len(toks)) if lemma_set(toks[i].text) & lex.sub_units]
    weak = [i for i in range(first, len(toks)) if lemma_set(toks[i].text) & lex.weak_org_heads]
    for found in (strong, units[1:], [] if heads_unit else weak):
        if found:
            return with_adjectives(toks, found[0], head)
    return None


def names_employer(toks: list[Tok], i: int) -> bool:
    """An abbreviation or a quoted name that is not ``по УВР`` or a project's name."""
    tok, prev = toks[i], toks[i - 1]
    lex = Lexicon.load()
    if not (tok.quoted or is_abbreviation(tok)) or tok.text in lex.non_org_abbreviations:
        return False
    if tok.quoted:
        return not lemma_set(prev.text) & (lex.project_words | lex.territory_words)
    return prev.lower != "по"


def org_noun(tok: Tok) -> bool:
    return not tok.quoted and bool(lemma_set(tok.text) & Lexicon.load().unit_words)


def with_adjectives(toks: list[Tok], i: int, head: int) -> int:
    while i - 1 > head and best_is_adjective(toks[i - 1]):
        i -= 1
    return i


def instrumental(tok: Tok) -> bool:
    found = parses(tok.lower)
    return not tok.quoted and bool(found) and "NOUN" in found[0].tag.grammemes and "ablt" in found[0].tag.grammemes


def place_tail(toks: list[Tok], i: int) -> bool:
    """After a quoted name, ``г. Сальска`` / ``Богородицкого района`` still belong to it, and
    so does the person it is named after (``«Лицей № 3» им. А.С. Пушкина``)."""
    window = [t.lower for t in toks[i:i + 2]]
    lex = Lexicon.load()
    return any(w in lex.place_words for w in window) or toks[i].lower in lex.eponym_words


def phrase_end(toks: list[Tok], first: int) -> int:
    """Index after the last token of a title/employer phrase: stop at a verb, a
    relative word, a preposition (other than ``по``) or after a quoted name."""
    lex = Lexicon.load()
    for i in range(first, len(toks)):
        tok = toks[i]
        if tok.quoted:
            if i + 1 < len(toks) and not place_tail(toks, i + 1):
                return i + 1
            continue
        preposition = (tok.lower in lex.cut_prepositions and not tok.abbreviated and tok.text.islower()
                       and not scope_phrase(toks, i))  # ``В. Ф. Иванова``: an initial
        if i > first and (preposition or tok.lower in lex.relative_words or verb_parse(tok.text) is not None):
            return i
        if i > first and tok.lower in lex.coordinators and not genitive_noun(toks, i + 1):
            return i
    return len(toks)


def scope_phrase(toks: list[Tok], i: int) -> bool:
    """``директор департамента … в сфере общего образования``: the scope of an office is
    part of its title, not the start of a new phrase."""
    return (toks[i].lower in ("в", "во") and i + 1 < len(toks)
            and bool(lemma_set(toks[i + 1].text) & Lexicon.load().title_scope_nouns))


def genitive_noun(toks: list[Tok], i: int) -> bool:
    """A genitive noun at ``i``, maybe after adjectives (``и молодёжной политики``)."""
    while i < len(toks) and best_is_adjective(toks[i]):
        i += 1
    return i < len(toks) and not toks[i].quoted and any(
        "NOUN" in p.tag.grammemes and "gent" in p.tag.grammemes for p in parses(toks[i].lower))








def title_slots(text: str, toks: list[Tok], priority: int) -> tuple[Optional[Slot], Optional[Slot]]:
    """Split a title phrase into (position, organization), both in the nominative. After a
    role noun (``куратор НРМОБУ «…»``) the school is the one curated, not an employer: no
    title then. A lone common noun stays in the title right after its head (``директор
    школы``) and is dropped elsewhere."""
    first_head = position_start(toks)
    if first_head is None:
        return None, None
    whole_toks, end = toks, phrase_end(toks, first_head)
    toks = toks[:end]
    head = last_head(toks, first_head)
    toks = toks[:anaphora_end(toks, head)]
    org = org_start(toks, head)
    pos_toks = toks[:org] if org is not None else toks
    p_start, p_stop = pos_toks[0].start, pos_toks[-1].stop
    if acting_lead(pos_toks):
        value = squash(lower_first(acting_phrase(text, pos_toks, p_stop)))
    else:
        value = squash(lower_first(participle_head(nominative_phrase(text, p_start, p_stop, head),
                                                   toks[head])))
    if value.lower() in Lexicon.load().protocol_titles:
        return None, None
    role_only = has_lemma(toks[head], Lexicon.load().role_position_heads)
    position = Slot(value, p_start, p_stop, 0 if role_only else priority)
    org_toks = toks[org:] if org is not None else []
    project = Lexicon.load().project_words
    if role_only and (org_toks or not any(lemma_set(t.text) & project for t in pos_toks)):
        return None, None  # ``координатор`` alone is a role; ``куратор проекта`` is also a post
    if len(org_toks) == 1 and org_toks[0].text.islower():
        if org != head + 1:
            return position, None
        whole = squash(lower_first(nominative_phrase(text, p_start, org_toks[0].stop)))
        return Slot(whole, p_start, org_toks[0].stop, position.priority), None
    organization = None if org_toks else located_employer(text, whole_toks, end)
    if org_toks and not lemma_set(org_toks[0].text) & Lexicon.load().deictic_words:
        organization = Slot(organization_value(text, org_toks), org_toks[0].start, org_toks[-1].stop)
    return position, organization  # ``учитель нашей школы``: the school is not named


def anaphora_end(toks: list[Tok], head: int) -> int:
    """``руководитель ведомства``: a title ends before a noun that only points back to a body
    named elsewhere."""
    bodies = Lexicon.load().anaphoric_bodies
    return next((i for i in range(head + 1, len(toks)) if not toks[i].quoted
                 and lemma_set(toks[i].text) & bodies), len(toks))


def located_employer(text: str, toks: list[Tok], end: int) -> Optional[Slot]:
    """``первый заместитель мэра в Правительстве Москвы``: a title cut at ``в`` before an
    organisation noun in the locative names the body the office is held in (a bare common
    noun, ``учитель в школе``, names none)."""
    if end + 1 >= len(toks) or toks[end].lower not in ("в", "во"):
        return None
    nxt = toks[end + 1]
    if nxt.quoted or not lemma_set(nxt.text) & Lexicon.load().unit_words:
        return None
    if not any("NOUN" in p.tag.grammemes and p.tag.case in ("loct", "loc2") for p in parses(nxt.lower)):
        return None
    rest = toks[end + 1:]
    rest = rest[:phrase_end(rest, 0)]
    if len(rest) == 1 and rest[0].text.islower():
        return None  # ``учитель в школе``: no body is named
    return Slot(organization_value(text, rest), rest[0].start, rest[-1].stop)


def title_role(toks: list[Tok]) -> Optional[Slot]:
    """The event role a title names by its head (``региональный координатор проекта``)."""
    first_head = position_start(toks)
    if first_head is None:
        return None
    head = last_head(toks, first_head)
    tok = toks[head]
    role = role_of(tok, True)
    if role == "chair" and not chairs_event(toks, head):
        return None
    return Slot(role, tok.start, tok.stop) if role else None


def chairs_event(toks: list[Tok], head: int) -> bool:
    """``председатель жюри`` chairs the event; ``председатель районного Совета депутатов``
    holds an office, which is the position, not an event role."""
    rest = [t for t in toks[head + 1:] if not best_is_adjective(t)]
    return not rest or bool(lemma_set(rest[0].text) & Lexicon.load().chaired_bodies)


def organization_value(text: str, toks: list[Tok]) -> str:
    start, stop = toks[0].start, toks[-1].stop
    if toks[0].quoted or is_abbreviation(toks[0]):
        return squash(typed_after_abbreviation(text, toks))
    return squash(nominative_phrase(text, start, stop))


def typed_after_abbreviation(text: str, toks: list[Tok]) -> str:
    """``МБОУ гимназии №5`` -> ``МБОУ гимназия №5``: the type word after the abbreviations
    goes into the nominative; names and numbers stay as written."""
    start, stop = toks[0].start, toks[-1].stop
    k = next((i for i, t in enumerate(toks) if not is_abbreviation(t)), None)
    if k is None or toks[k].quoted or not toks[k].text.islower() or not org_noun(toks[k]):
        return text[start:stop]
    word = nominative_words(toks[k].text, 0)
    return text[start:toks[k].start] + word + text[toks[k].stop:stop]


def squash(value: str) -> str:
    """A title or name broken over lines reads with single spaces (``МКУ «ЦНППМ\\nг. Тулы»``)."""
    return " ".join(value.split())


def lower_first(value: str) -> str:
    first = value.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper():
        return value[:1].lower() + value[1:]
    return value


def employer_only(toks: list[Tok]) -> bool:
    """An apposition that is only an employer: an abbreviation, or a school or
    organisation noun opening it (``МБОУ СОШ №7``, ``гимназия №5``)."""
    return (is_abbreviation(toks[0]) and toks[0].text not in Lexicon.load().non_org_abbreviations) or (
        not toks[0].quoted and bool(lemma_set(toks[0].text) & Lexicon.load().org_heads))
