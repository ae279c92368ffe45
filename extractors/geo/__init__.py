"""geo: the region (subject of the RF) and the municipality a document is about.

REGION mentions come from the 89 subjects in ``data/regions.json`` (every case
form of the official name and its aliases, generated with pymorphy3, plus
abbreviations) and, with lower confidence, from their administrative centres
(``г. Астрахани`` -> Астраханская область) and, weakest, when neither is
named, from the region's adjective before an institution word (``Архангельский
областной институт``) or, when the text also speaks of its region (``региональное
министерство``, ``облдума``), before the region's schools or people
(``костромские школы``, ``в Курской школе``); ``build`` picks the dominant
region (most mentions, a named subject counting more than its centre, a
mention in the title zone counting extra). A region whose only mentions are its
centre is not chosen: the document names a city, not its region. MUNICIPALITY mentions and the
choice of the document's municipality live in extractors/geo/municipality.py.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc

from extractors.geo import forms as geo_forms
from extractors.geo import municipality as geo_municipality
from extractors.geo.forms import key
from extractors.geo.lexicon import Lexicon, Subject
from extractors.geo.wordforms import FormMatch, WordForms, edged_alternation
from extractors.base import source_text, span_refs
from schemas.mention import Mention
from schemas.mention_attrs import RegionAttrs
from schemas.records import Place

NAME = "geo"
OVERLAP = "prefer_longest"
REGION = "REGION"
DIRECT_CONFIDENCE, CAPITAL_CONFIDENCE = 0.95, 0.6
CONFIDENCE = {"subject": DIRECT_CONFIDENCE, "abbreviation": DIRECT_CONFIDENCE,
              "capital": CAPITAL_CONFIDENCE, "adjective": 0.45}
WEIGHT = {"subject": 1.0, "abbreviation": 1.0, "capital": 0.5, "adjective": 0.25}
# a region only inferred from its centre is not named: the document's region stays empty
# ("г. Киров" alone says nothing of the document's region in the gold's sense)
NOT_NAMING = frozenset({"capital"})
WARNING = {"capital": "region inferred from its administrative centre",
           "adjective": "region inferred from an adjective (no subject or centre named)"}
EDGE_RIGHT = r"(?![\w-])"
SCAN_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
MATCH_TEXT, MATCH_START = re.Match.group, re.Match.start


def subjects() -> tuple[Subject, ...]:
    return Lexicon.load().subjects


def first_words(forms: Iterable[str]) -> frozenset[str]:
    firsts = (SCAN_WORD.match(f) for f in forms)
    return frozenset(m.group().lower() for m in firsts if m)


def anchored(text: str, pattern: re.Pattern[str] | WordForms,
             starts: frozenset[str]) -> Iterator[re.Match[str] | FormMatch]:
    """``pattern`` tried only where a word that can open it stands: the text's words that are
    ``starts`` (one set intersection) instead of a thousand-way alternation at every character."""
    where = word_positions(text)
    taken = 0
    # the intersection walks the text's words (a frozenset & dict keys would walk the starts)
    for start in sorted(p for word in starts.intersection(where) for p in where[word]):
        if start < taken:
            continue
        m = pattern.match(text, start)
        if m:
            taken = m.end()
            yield m


@lru_cache(maxsize=2)
def word_positions(text: str) -> dict[str, list[int]]:
    """Each word of ``text`` (lower case) -> where it starts; read by every scan of a document."""
    where: dict[str, list[int]] = defaultdict(list)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter lowered into two (İ): words lowered one by one
        for word in SCAN_WORD.finditer(text):
            where[word.group().lower()].append(word.start())
        return where
    # one character for one: a character is a word's letter or hyphen exactly when its
    # lower case is, so the lowered text has the same words in the same places; the
    # matches' texts and starts read by C-level maps, not two method calls per word
    found = list(SCAN_WORD.finditer(lowered))
    for word, start in zip(map(MATCH_TEXT, found), map(MATCH_START, found)):
        where[word].append(start)
    return where


@lru_cache(maxsize=None)
def starts(kind: str) -> frozenset[str]:
    """Words that can open a subject name, a centre (or its г./город) or a region adjective."""
    if kind == "subject":
        return first_words(region_tables()[1])
    if kind == "capital":
        return first_words(capital_tables()[1]) | Lexicon.load().city_words
    return first_words(adjective_tables()[1])


@lru_cache(maxsize=1)
def region_tables() -> tuple[WordForms, dict[str, int], re.Pattern[str], dict[str, int]]:
    """(names regex, form -> subject index, abbreviations regex, abbreviation -> index)."""
    forms: dict[str, int] = geo_forms.tables()["subjects"]
    abbrs: dict[str, int] = {}
    for i, subject in enumerate(subjects()):
        for abbr in subject.abbreviations:
            abbrs[abbr] = i
    names = WordForms(forms, EDGE_RIGHT, re.IGNORECASE)
    abbr_re = re.compile(edged_alternation(abbrs) + EDGE_RIGHT)
    return names, forms, abbr_re, abbrs


@lru_cache(maxsize=1)
def capital_tables() -> tuple[WordForms, dict[str, tuple[int, bool]]]:
    """Case forms of administrative centres (case-sensitive), optionally after г./город."""
    forms: dict[str, tuple[int, bool]] = geo_forms.tables()["capitals"]
    written = geo_forms.tables()["capitals_written"]
    pattern = WordForms(written, EDGE_RIGHT, name="city", prefix=Lexicon.load().city_prefix)
    return pattern, forms


def region_mentions(text: str) -> list[Mention]:
    names, forms, abbr_re, abbrs = region_tables()
    found = []
    for m in anchored(text, names, starts("subject")):
        index = forms.get(key(m.group()))
        if index is not None and not quoted_name(text, m.start(), m.end()):
            found.append(region_mention(text, m.start(), m.end(), index, "subject"))
    found.extend(short_mentions(text))
    for m in abbr_re.finditer(text):
        found.append(region_mention(text, m.start(), m.end(), abbrs[m.group()], "abbreviation"))
    found.extend(capital_mentions(text))
    if not found:
        found.extend(adjective_mentions(text))
    if not found and Lexicon.load().regional_cues.search(text):
        found.extend(people_adjective_mentions(text))
    return found


def quoted_name(text: str, start: int, stop: int) -> bool:
    """``ДК «Алтай»``: a subject's name alone in quotes names a venue, a newspaper, a
    hotel, not the subject."""
    return start > 0 and text[start - 1] in "«\"“" and text[stop:stop + 1] in ("»", "\"", "”")


@lru_cache(maxsize=1)
def short_tables() -> tuple[WordForms, dict[str, int]]:
    """``Калужская обл.``, ``Пермского кр.``: a region's adjective with its kind word cut."""
    forms: dict[str, int] = geo_forms.tables()["short"]
    adjectives = {f.rsplit(" ", 1)[0] for f in forms}
    pattern = WordForms(adjectives, r"\s+(?P<kind>обл|кр)\.", re.IGNORECASE, name="adj")
    return pattern, forms


@lru_cache(maxsize=1)
def short_starts() -> frozenset[str]:
    return first_words(f.rsplit(" ", 1)[0] for f in short_tables()[1])


def short_mentions(text: str) -> list[Mention]:
    pattern, forms = short_tables()
    found = []
    for m in anchored(text, pattern, short_starts()):
        index = forms.get(f"{m.group('adj').lower()} {m.group('kind').lower()}")
        if index is not None:
            found.append(region_mention(text, m.start(), m.end(), index, "subject"))
    return found


@lru_cache(maxsize=1)
def adjective_tables() -> tuple[WordForms, dict[str, int]]:
    """Every singular form of a region's adjective (Архангельский, Приморского …)."""
    lexicon = Lexicon.load()
    forms: dict[str, int] = geo_forms.tables()["adjectives"]
    pattern = WordForms(forms, rf"(?=\s+{lexicon.adjective_followers})", name="adj")
    return pattern, forms


@lru_cache(maxsize=1)
def people_adjective_tables() -> tuple[WordForms, dict[str, int]]:
    """Every form of a region's adjective, any case of letter (``рязанские``, ``Омской``),
    before the schools or people of the region (``adjective_people_followers``)."""
    forms: dict[str, int] = geo_forms.tables()["people_adjectives"]
    followers = Lexicon.load().adjective_people_followers
    found = WordForms(forms, rf"(?=\s+(?i:{followers}))", re.IGNORECASE, name="adj")
    return found, forms


@lru_cache(maxsize=1)
def people_adjective_starts() -> frozenset[str]:
    return frozenset(people_adjective_tables()[1])


def people_adjective_mentions(text: str) -> list[Mention]:
    """``костромские школы``, ``в Курской школе``: weak evidence, read only when the text
    also speaks of its region (``regional_cues``) and names no subject or centre."""
    pattern, forms = people_adjective_tables()
    found = []
    for m in anchored(text, pattern, people_adjective_starts()):
        index = forms.get(m.group("adj").lower())
        if index is not None:
            found.append(region_mention(text, m.start(), m.end(), index, "adjective"))
    return found


def adjective_mentions(text: str) -> list[Mention]:
    pattern, forms = adjective_tables()
    return [region_mention(text, m.start(), m.end(), forms[m.group("adj")], "adjective")
            for m in anchored(text, pattern, starts("adjective")) if m.group("adj") in forms]


def capital_mentions(text: str) -> list[Mention]:
    pattern, forms = capital_tables()
    found = []
    for m in anchored(text, pattern, starts("capital")):
        index, needs_prefix = forms.get(key(m.group("city")), (None, True))
        if index is None or (needs_prefix and not m.group("prefix")):
            continue
        if Lexicon.load().not_a_city_before.search(text[max(0, m.start() - 12):m.start()]):
            continue
        found.append(region_mention(text, m.start(), m.end(), index, "capital"))
    return found


def region_mention(text: str, start: int, stop: int, index: int, via: str) -> Mention:
    return Mention.of(text, REGION, start, stop, NAME, CONFIDENCE[via],
                      attrs=RegionAttrs(name=subjects()[index].name, via=via))


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    regions = region_mentions(text)
    return regions + geo_municipality.find(text, regions)


def grouped(mentions: list[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.attrs.name].append(m)
    return groups


def choose_region(doc: Doc, mentions: list[Mention]) -> Place | None:
    groups = {name: ms for name, ms in grouped([m for m in mentions if m.label == REGION]).items()
              if any(m.attrs.via not in NOT_NAMING for m in ms)}
    if not groups:
        return None
    if len(groups) == 1:  # the only region named: no weighing (every via is a WEIGHT key:
        # region_mention reads its confidence from CONFIDENCE, whose keys WEIGHT's are)
        (name, ms), = groups.items()
    else:
        zone = geo_municipality.title_zone(doc)

        def weight(ms: list[Mention]) -> tuple[float, int]:
            score = sum(WEIGHT[m.attrs.via] for m in ms)
            score += max((WEIGHT[m.attrs.via] for m in ms if m.start < zone), default=0.0)
            return score, -min(m.start for m in ms)

        name, ms = max(groups.items(), key=lambda item: weight(item[1]))
    best = max(ms, key=lambda m: m.confidence)
    place = Place(name=name, kind="region", spans=span_refs(ms), confidence=best.confidence)
    place.provenance["name"] = list(place.spans)  # equal frozen SpanRefs: not made again
    if best.attrs.via in WARNING:
        place.warnings.append(WARNING[best.attrs.via])
    if len(groups) > 1:
        place.warnings.append(f"{len(groups)} regions mentioned; chose the dominant one")
    return place


def build(doc: Doc, mentions: list[Mention]) -> tuple[Place | None, Place | None]:
    # with no mention of its label, each choice is None (it chooses among its groups)
    regions = [m for m in mentions if m.label == REGION]
    municipalities = [m for m in mentions if m.label == geo_municipality.LABEL]
    return (choose_region(doc, regions) if regions else None,
            geo_municipality.choose(doc, municipalities) if municipalities else None)
