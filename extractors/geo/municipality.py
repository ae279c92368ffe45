"""Municipalities: finding MUNICIPALITY mentions and choosing the one a
document is about.

Mentions are an adjective name with a kind word (``Ковылкинского
муниципального района`` -> ``Ковылкинский муниципальный район``) or a
city-municipality (``муниципального образования город Новомосковск``,
``Администрации города Великие Луки`` -> ``город Великие Луки``). Each has
a ``key`` (``MunicipalityAttrs``: the place word, lower case) so that ``Тарский район`` and
``Тарский муниципальный район`` are one municipality; the fullest name wins, except
that a city is named as the document names it most (``город Кинешма`` over the
``муниципальное образование «Город Кинешма»`` of a cited charter). A city named bare as
the owner of the schools or teachers the text is about (``девять школ Нижнего
Тагила``) is a city-municipality by its name as written (``Нижний Тагил``).

The chosen municipality is named in the title zone, or else is mentioned at
least twice and more often than any other. Mentions in an enumeration of
three or more municipalities (participants' geography) and, outside the title
zone, mentions right after a school's name (the school's location) are ignored.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Doc

from extractors.base import source_text, span_refs, stored_mentions
from extractors.geo.lexicon import Lexicon, edged
from extractors.text.morph import analyzer
from extractors.text.inflect import (adj_nominative, match_case, nominative_phrase, noun_gender, noun_nominative)
from extractors.text.morph import parses
from schemas.mention import Mention
from schemas.mention_attrs import MunicipalityAttrs
from schemas.records import Place

LABEL = "MUNICIPALITY"
EXTRACTOR = "geo"
CONFIDENCE, WEAK_CONFIDENCE = 0.85, 0.6
ADJ_NAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*"
AFTER_SCHOOL_GAP = re.compile(r"[\s,]{0,3}")
CASE_ENDING = re.compile(r"(?<=-н)(?:а|у|ом|е)$")  # р-на -> р-н
# a word of three or more capitals; the edge look-behind after its first letter (the same
# test) lets re skip to the next capital instead of trying every character
CAPS_WORD = re.compile(r"[А-ЯЁ](?<![\w-][А-ЯЁ])[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})*(?![\w-])")


@lru_cache(maxsize=1)
def named_regex() -> re.Pattern[str]:
    kinds = "|".join(Lexicon.load().municipality_kinds)
    return re.compile(edged(rf"(?<![\w-])(?P<adj>{ADJ_NAME})\s+(?P<kind>(?i:{kinds}))"
                            rf"(?P<glued>[а-яё]{{4,}})?(?![\w-])"))


def glued_apart(kind: str, glued: str | None) -> bool:
    """``районазаседание``: the kind word run together with the next word by the
    conversion (both known words, the whole not)."""
    if not glued:
        return True
    known = analyzer().word_is_known
    return known(glued) and not known(kind + glued)


def title_cased(text: str) -> str:
    """ALL-CAPS words as ``Title`` (same length, so offsets hold): headers like
    ``АДМИНИСТРАЦИИ ТРУБЧЕВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА`` become searchable; the kind
    abbreviations the patterns name (``ЗАТО``) stay as written."""
    kept = Lexicon.load().caps_kept
    return CAPS_WORD.sub(lambda m: m.group() if m.group() in kept else m.group().capitalize(), text)


@lru_cache(maxsize=4096)  # a few kind words, asked twice a match (the gender, the name)
def kind_nominative(kind: str) -> str:
    cut = Lexicon.load().kind_abbreviations.get(CASE_ENDING.sub("", kind))
    return cut or " ".join(nominative_phrase(kind.split()))


@lru_cache(maxsize=4096)  # the same cities again and again, each a few inflections
def city_nominative(city: str) -> str:
    if " " not in city and any("Geox" in p.tag for p in parses(city)):
        return noun_nominative(city)
    if " " in city:
        words = city.split()
        agreed = adjective_city(*words) if len(words) == 2 else None
        return agreed or " ".join(word_nominative(w) for w in words)
    return city


def adjective_city(adjective: str, noun: str) -> str | None:
    """An adjective and its noun in the nominative, read in the number, case and gender in
    which they agree as written (Великих Лук -> Великие Луки, Старого Оскола -> Старый
    Оскол, Нижней Туре -> Нижняя Тура); None when the first word is no agreeing adjective."""
    for adj in (p for p in parses(adjective)[:3] if p.tag.POS == "ADJF"):
        for head in (p for p in parses(noun) if p.tag.POS == "NOUN"):
            tag, number = head.tag, adj.tag.number
            if tag.case != adj.tag.case or tag.number != number or (
                    number == "sing" and tag.gender and adj.tag.gender != tag.gender):
                continue
            gender = {adj.tag.gender} if number == "sing" and adj.tag.gender else set()
            a, n = adj.inflect({"nomn", number} | gender), head.inflect({"nomn", number})
            if a and n:
                return f"{match_case(adjective, a.word)} {match_case(noun, n.word)}"
    return None


def word_nominative(word: str) -> str:
    """One word of a city name in the nominative, keeping its number (Великих Лук ->
    Великие Луки); a word already nominative stays as written."""
    found = parses(word)
    if any("nomn" in p.tag for p in found) or not found:
        return word
    parse = found[0]
    number = "plur" if "plur" in parse.tag else "sing"
    inflected = parse.inflect({"nomn", number})
    return match_case(word, inflected.word) if inflected else word


def city_words(text: str, m: re.Match[str]) -> tuple[str, int]:
    """The city name of a match and where it stops: a second capitalised word belongs
    to it only after an adjective (``Великие Луки``, ``Набережных Челнов``), not after
    a noun (``г. Кирова Иванов`` is the city and a surname)."""
    city, stop = m.group("city"), m.end("city")
    if " " in city or "\t" in city:
        first = city.split()[0]
        if not any(p.tag.POS == "ADJF" for p in parses(first)[:2]):
            return first, m.start("city") + len(first)
    return city, stop


def find(text: str, regions: list[Mention] = ()) -> list[Mention]:
    """MUNICIPALITY mentions of ``text``; ``regions`` (the REGION mentions) keep a subject
    named bare (``школ Татарстана``) from being taken for a city."""
    found = owner_cities(text, regions)
    cased = title_cased(text)
    for m in named_regex().finditer(cased):
        if not any(p.tag.POS == "ADJF" for p in parses(m.group("adj").split("-")[-1])[:2]):
            continue
        if not glued_apart(m.group("kind"), m.group("glued")):
            continue
        kind = m.group("kind").lower()
        adj = adj_nominative(m.group("adj"), noun_gender(kind_nominative(kind).split()[-1]))
        found.append(Mention.of(text, LABEL, m.start(), m.end("kind"), EXTRACTOR, CONFIDENCE,
                                attrs=MunicipalityAttrs(name=f"{adj} {kind_nominative(kind)}",
                                                        key=adj.lower())))
    lexicon = Lexicon.load()
    for pattern, kind in lexicon.quoted:
        for m in pattern.finditer(text):
            name = m.group("name")
            full = name if " " in name else f"{kind} «{name}»"
            found.append(Mention.of(text, LABEL, m.start(), m.end(), EXTRACTOR, CONFIDENCE,
                                    attrs=MunicipalityAttrs(name=full, key=name.split()[0].lower())))
    for pattern, template, needs in lexicon.city_patterns:
        if needs is None or needs.search(cased):
            found += city_mentions(text, cased, pattern, template)
    councils = [m.group("adj").lower() for m in lexicon.city_council.finditer(cased)]
    stem = lexicon.council_stem
    if councils:
        for m in city_mentions(text, cased, lexicon.named_city, "город {city}"):
            if any(c[:stem] == m.attrs.key[:stem] for c in councils):
                found.append(m)
    return found


def owner_cities(text: str, regions: list[Mention]) -> list[Mention]:
    """``девять школ Кинешмы``: a city named bare as the owner of the schools,
    teachers or graduates the text is about, by its name as written (``Ольховск``)."""
    lexicon, found = Lexicon.load(), []
    for m in lexicon.owner_city.finditer(text):
        written, stop = city_words(text, m)
        first = parses(written.split()[-1])[:1]
        if not first or "Geox" not in first[0].tag or first[0].tag.POS != "NOUN":
            continue
        if any(r.start < stop and m.start("city") < r.stop for r in regions):
            continue
        city = city_nominative(written)
        if city.lower() in lexicon.not_municipal | lexicon.not_cities:
            continue
        found.append(Mention.of(text, LABEL, m.start("city"), stop, EXTRACTOR, CONFIDENCE,
                                attrs=MunicipalityAttrs(name=city, key=city.lower(), city=True)))
    return found


def city_mentions(text: str, cased: str, pattern: re.Pattern[str], template: str) -> list[Mention]:
    """City-municipalities matched in the title-cased text (ALL-CAPS headers too)."""
    found = []
    for m in pattern.finditer(cased):
        written, stop = city_words(cased, m)
        if " " not in written and parses(written)[:1] and parses(written)[0].tag.POS == "ADJF":
            continue  # "городского округа Челябинской области": a region's adjective
        city = city_nominative(written)
        if city.lower() in Lexicon.load().not_municipal:
            continue
        end = m.end() if stop == m.end("city") else stop
        found.append(Mention.of(text, LABEL, m.start(), end, EXTRACTOR, CONFIDENCE,
                                attrs=MunicipalityAttrs(name=template.format(city=city),
                                                        key=city.lower(), city=True)))
    return found


def title_zone(doc: Doc) -> int:
    text = source_text(doc)
    return len(text) - len(text.lstrip()) + Lexicon.load().title_zone_chars


def chain(m: Mention, others: list[Mention], gap: int) -> set[str]:
    """Keys reachable from ``m`` through neighbours at most ``gap`` characters apart."""
    keys, frontier, seen = {m.attrs.key}, [m], {(m.start, m.stop)}
    while frontier:
        current = frontier.pop()
        for o in others:
            close = 0 <= o.start - current.stop <= gap or 0 <= current.start - o.stop <= gap
            if close and (o.start, o.stop) not in seen:
                seen.add((o.start, o.stop))
                keys.add(o.attrs.key)
                frontier.append(o)
    return keys


def after_school(doc: Doc, m: Mention) -> bool:
    text = source_text(doc)
    for school in stored_mentions(doc, "schools"):
        if school.stop <= m.start and AFTER_SCHOOL_GAP.fullmatch(text[school.stop:m.start]):
            return True
    return False


def candidates(doc: Doc, mentions: list[Mention], zone: int) -> dict[str, list[Mention]]:
    found = [m for m in mentions if m.label == LABEL]
    gap = Lexicon.load().enumeration_gap_chars
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        # a chain's keys are those of distinct mentions: fewer than 3 mentions, no chain of 3
        if len(found) >= 3 and len(chain(m, found, gap)) >= 3:
            continue
        if m.start >= zone and after_school(doc, m):
            continue
        groups[m.attrs.key].append(m)
    return groups


def fullest_name(ms: list[Mention]) -> str:
    return max((m.attrs.name for m in ms), key=lambda n: (len(n.split()), len(n)))


def chosen_name(ms: list[Mention]) -> str:
    """The fullest name (``Тарский муниципальный район`` over ``Тарский район``); for a
    city the name the document uses most: its official ``муниципальное образование «Город
    X»`` stands mostly in a cited charter or head's title of a text that calls it ``город
    X`` (equal counts: the fullest)."""
    if not all(m.attrs.city for m in ms):
        return fullest_name(ms)
    counts: dict[str, int] = {}  # as a Counter, in first-seen order (a dict costs less to fill)
    for m in ms:
        counts[m.attrs.name] = counts.get(m.attrs.name, 0) + 1
    return max(counts, key=lambda n: (counts[n], len(n.split()), len(n)))


def dominant(groups: dict[str, list[Mention]], ranked: list[str]) -> bool:
    """Mentioned at least twice and more often than all the others together."""
    top = len(groups[ranked[0]])
    return top >= 2 and top > sum(len(groups[k]) for k in ranked[1:])


def strong(doc: Doc, ms: list[Mention]) -> bool:
    """Named as the seat of an administration (``администрации Вельского района``)."""
    text, strong_before = source_text(doc), Lexicon.load().strong_before
    return any(strong_before.search(text[max(0, m.start - 20):m.start]) for m in ms)


def choose(doc: Doc, mentions: list[Mention]) -> Place | None:
    zone = title_zone(doc)
    groups = candidates(doc, mentions, zone)
    if not groups:
        return None
    in_title = [k for k, ms in groups.items() if any(m.start < zone for m in ms)]
    ranked = sorted(groups, key=lambda k: (-len(groups[k]), groups[k][0].start))
    if in_title:
        chosen, confidence = min(in_title, key=lambda k: min(m.start for m in groups[k])), CONFIDENCE
    elif dominant(groups, ranked) or strong(doc, groups[ranked[0]]) and len(ranked) == 1:
        chosen, confidence = ranked[0], WEAK_CONFIDENCE
    else:
        return None
    ms = sorted(groups[chosen], key=lambda m: m.start)
    place = Place(name=chosen_name(ms), kind="municipality", spans=span_refs(ms),
                  confidence=confidence)
    place.provenance["name"] = list(place.spans)  # equal frozen SpanRefs: not made again
    return place
