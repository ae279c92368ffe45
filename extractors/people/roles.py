"""What the text around a name says about the person: job title and
employer (``Ермолин П.С., директор ГБОУ …``, ``директор МБОУ «…» Лаврова
Е.К.``), the case a governing word demands, gender cues, and event roles from
sections, role nouns, colon cues and verbs of speaking (lexicon in
``data/people.json``). The titles themselves are read in ``people.titles``."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from extractors.people.text import Geometry, Tok, best_pos, lemma_set, verb_parse
from extractors.people.titles import (MAX_ADJECTIVES, Slot, acting_opening, employer_only, honorary,
                                      is_position_head, organization_value, role_of, title_role,
                                      title_slots)
from extractors.people.names import NameHit, parses
from extractors.people.lexicon import Lexicon

DESCRIPTOR_OPEN = "(,–—-"
BEFORE_WINDOW = 3
INSTRUMENT_WORDS = 3


@dataclass
class Context:
    expected_cases: set[str] = field(default_factory=set)
    gender_votes: Counter = field(default_factory=Counter)
    position: Optional[Slot] = None
    organization: Optional[Slot] = None
    roles: list[Slot] = field(default_factory=list)
    bound: list[tuple[int, int]] = field(default_factory=list)
    in_list: bool = False


def after_range(geo: Geometry, hit: NameHit, next_start: int) -> Optional[tuple[int, int]]:
    """The apposition after a name: ``, директор …`` or ``(заместитель …)``."""
    text, pos = geo.text, hit.stop
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    if pos >= len(text) or text[pos] not in DESCRIPTOR_OPEN:
        return None
    _, item_stop = geo.item(pos + 1)
    if text[pos] == "(":
        close = text.find(")", pos)
        return (pos + 1, close) if 0 < close <= item_stop else None
    return pos + 1, min(item_stop, next_start)


def describe_after(geo: Geometry, hit: NameHit, next_start: int, ctx: Context) -> None:
    rng = after_range(geo, hit, next_start)
    if rng is None:
        return
    parts = geo.split_outside_quotes(*rng, dashes=True)
    if parts and parts[-1][1] == rng[1] == next_start and titles_next(geo, parts[-1]):
        parts = parts[:-1]  # ``Глава района В.В.Ярцев, председатель Совета Л.В.Юдина``
    for part_start, part_stop in parts:
        toks = geo.tokens(part_start, part_stop)
        if not toks or honorary(toks):
            continue  # ``…, заслуженный учитель РФ, директор школы``: the award is no post
        position, organization = title_slots(geo.text, toks, 2)
        role = title_role(toks)
        if position is None and role is None:
            if employer_only(toks) and ctx.organization is None:
                ctx.organization = Slot(organization_value(geo.text, toks), toks[0].start,
                                        toks[-1].stop)  # ``Ласточкина Кристина, МБОУ Гимназия``
            break
        ctx.bound += [(s.start, s.stop) for s in (position, organization, role) if s is not None]
        ctx.roles += [role] if role else []
        ctx.position = joined(ctx.position, position) or better(ctx.position, position)
        ctx.organization = ctx.organization or organization


def titles_next(geo: Geometry, part: tuple[int, int]) -> bool:
    """A title that runs into the next name with nothing between (no ``и``) is that name's."""
    toks = geo.tokens(*part)
    return (bool(toks) and toks[-1].lower not in Lexicon.load().coordinators
            and not geo.text[toks[-1].stop:part[1]].strip())


def joined(current: Optional[Slot], new: Optional[Slot]) -> Optional[Slot]:
    """Two job titles in one apposition (``учитель истории, муниципальный тьютор``) are one
    position, written as the text lists them."""
    if current is None or new is None or new.priority != current.priority or not new.priority:
        return None
    return Slot(f"{current.value}, {new.value}", current.start, new.stop, current.priority)


def better(current: Optional[Slot], new: Optional[Slot]) -> Optional[Slot]:
    if current is None or (new is not None and new.priority > current.priority):
        return new
    return current


def clause_start(geo: Geometry, hit: NameHit, prev_stop: int) -> int:
    start = max(geo.item(hit.start)[0], prev_stop)
    text = geo.text
    for pos in range(hit.start - 1, start - 1, -1):  # the character first, the quotes only then
        ch = text[pos]
        if (ch in ",:;()" or (ch in "–—-" and spaced_dash(text, pos))) and not geo.in_quote(pos):
            return pos + 1
    return start


def spaced_dash(text: str, pos: int) -> bool:
    return text[pos] in "–—-" and text[pos - 1:pos] == " " and text[pos + 1:pos + 2] == " "


def describe_before(geo: Geometry, hit: NameHit, prev_stop: int, ctx: Context) -> None:
    start = clause_start(geo, hit, prev_stop)
    toks = geo.tokens(start, hit.start)
    window = toks[-BEFORE_WINDOW:]
    title_cases: set[str] = set()
    for i, tok in enumerate(toks):
        if is_position_head(tok) and not any(verb_parse(t.text) for t in toks[i:]):
            first = i
            while i > max(0, first - MAX_ADJECTIVES) and best_pos(toks[i - 1].text) == "ADJF":
                i -= 1  # ``на первого заместителя``
            i = acting_opening(toks, i)  # ``и.о. начальника управления``
            position, organization = title_slots(geo.text, toks[i:], 1)
            role = title_role(toks[i:])
            ctx.roles += [role] if role else []
            if position is not None:
                ctx.position = better(ctx.position, position)
                ctx.organization = ctx.organization or organization
            ctx.bound.append((toks[i].start, hit.start))
            title_cases = {p.tag.case for p in parses(tok.lower) if "NOUN" in p.tag.grammemes}
            window = toks[max(0, i - BEFORE_WINDOW):i]  # the title's own words are bound
            break
    for tok in window:
        role = role_of(tok)
        if role:
            ctx.roles.append(Slot(role, tok.start, tok.stop))
    ctx.expected_cases |= title_cases or governed_cases(geo, hit, prev_stop)


def governed_cases(geo: Geometry, hit: NameHit, prev_stop: int) -> set[str]:
    """Cases the word right before the name demands: a preposition, a governing word of the
    lexicon, a transitive infinitive (``назначить Петрова``), a title in apposition."""
    start = max(geo.sentence(hit.start)[0], hit.start - 80, prev_stop)
    start = max([start] + [geo.text.rfind(ch, start, hit.start) + 1 for ch in ":;()"])
    toks = [t for t in geo.tokens(start, hit.start) if not t.text.isdigit()]
    if not toks:
        return set()
    last = toks[-1]
    lex = Lexicon.load()
    if last.text in lex.governor_prepositions:
        return {lex.governor_prepositions[last.lower]}
    for lemma in lemma_set(last.text):
        if lemma in lex.governor_lemmas:
            return {lex.governor_lemmas[lemma]}
    if len(toks) >= 2 and toks[-2].text in lex.governor_prepositions:
        return {lex.governor_prepositions[toks[-2].text]}
    k = len(toks) - 1
    while k > 0 and len(toks) - k <= INSTRUMENT_WORDS and instrumental_word(toks[k]):
        k -= 1  # ``Наградить Почётной грамотой Петрова``: the verb governs across its instrument
    if k < len(toks) - 1:
        governed = {lex.governor_lemmas[m] for m in lemma_set(toks[k].text) & lex.governor_lemmas.keys()}
        if governed:
            return governed
    found = parses(last.lower)
    if found and "INFN" in found[0].tag.grammemes and "tran" in found[0].tag.grammemes:
        return {"accs"}
    if is_position_head(last) or role_of(last):
        return {p.tag.case for p in parses(last.lower) if "NOUN" in p.tag.grammemes and "sing" in p.tag.grammemes}
    return set()


def instrumental_word(tok: Tok) -> bool:
    return not tok.quoted and any(not p.tag.grammemes.isdisjoint(("NOUN", "ADJF")) and "ablt" in p.tag.grammemes
                                  for p in parses(tok.lower)[:2])


def apposition_cases(ctx: Context, geo: Geometry) -> set[str]:
    """The case of an apposition after the name (``Иванову И.И., директора``)."""
    if ctx.position is None or ctx.position.priority != 2:
        return set()
    first = geo.tokens(ctx.position.start, ctx.position.stop)[:1]
    return {p.tag.case for t in first for p in parses(t.lower)
            if "NOUN" in p.tag.grammemes and "sing" in p.tag.grammemes}
