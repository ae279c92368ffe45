"""organizations: non-school organisations, named in the nominative.

Sources of ORG mentions (their attrs are an ``OrgAttrs``: ``name`` is the normalised name,
``via`` how it was found, ``abbreviation`` one written in brackets after it):
- known bodies and brands from ``data/organizations.json`` (ФИОКО, Рособрнадзор,
  Кванториум …) and the family of regional institute abbreviations (КОИРО);
- a legal form with a quoted name (``ГБОУ АО ДПО «Центр мониторинга в
  образовании»``, ``МКУ «ИМЦ УО»``), kept as written; likewise another
  abbreviation with a quoted name (``ДК «Юбилейный»``);
- head-noun phrases (extractors/organizations/phrases.py) put in the nominative;
- natasha's ORG candidates (family ``ner``) not covered by the above whose head
  is another kind of organisation (фонд, ассоциация, музей … ``ner_heads``).
A name is widened over a legal form before it (``ГАУ ДПО ЯО`` + ``ИРО``), a
region prefix (``ХК ИРО``) and a region after an abbreviation (``ИРО
Удмуртской Республики``, ``ИРО РБ``); ``Name (ABBR)`` records the abbreviation.
Schools (family ``schools``), legal-form names with school words and the
``not_organizations`` list are excluded.
``build`` gives one Organization per normalised name; a name that is part of a
longer one found in the same document (``Управление образования`` within
``Управление образования администрации …``) joins the longer one.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc

from extractors.base import source_text, span_refs, stored_mentions, text_layer, trim
from extractors.text.morph import parses
from extractors.organizations.lexicon import EDGE_LEFT, Lexicon, clean, key
from extractors.organizations.phrases import head_phrases
from extractors.organizations.words import nominative
from schemas.mention import Mention
from schemas.mention_attrs import OrgAttrs
from schemas.records import Organization, SpanRef

NAME = "organizations"
OVERLAP = "prefer_longest"
LABEL = "ORG"
EDGE_CHAR = re.compile(r"[\w-]")  # what EDGE_LEFT forbids before a name
WORDS = re.compile(r"[\w+-]+")
ABBREVIATION_AFTER = re.compile(r"\s*\((?P<abbr>[А-ЯЁA-Z][А-ЯЁA-Z ]{1,10})\)")
CONFIDENCE = {"known": 0.95, "legal": 0.9, "phrase": 0.8, "ner": 0.6}


def known_patterns() -> tuple[tuple[re.Pattern[str], str | None, re.Pattern[str] | None], ...]:
    """The known names and the abbreviation family, each to be found after a word
    edge (``EDGE_LEFT``, checked by ``edged_matches``) and before one, with what every
    match of it holds (the family's codes; None: nothing to test first)."""
    return Lexicon.load().known


def edged_matches(body: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``re.finditer(EDGE_LEFT + body.pattern, text)`` finds. A pattern that opens
    with a look-behind is tried at every character; ``body`` alone is found by its
    literal prefix, and a match with a word character or hyphen before it is passed
    over by going on one character later, as the look-behind would."""
    pos = 0
    while pos <= len(text):
        m = body.search(text, pos)
        if m is None:
            return
        if m.start() and EDGE_CHAR.match(text, m.start() - 1):
            pos = m.start() + 1
        elif m.end() == m.start():  # an empty match: leave the finer rules to finditer
            yield from re.compile(EDGE_LEFT + body.pattern).finditer(text, m.start())
            return
        else:
            yield m
            pos = m.end()


def mention(text: str, start: int, stop: int, name: str, via: str) -> Mention:
    return Mention.of(text, LABEL, start, stop, NAME, CONFIDENCE[via],
                      attrs=OrgAttrs(name=clean(name), via=via))


def known_mentions(text: str) -> list[Mention]:
    found, brand_before = [], Lexicon.load().brand_before  # «проект «Школа Минпросвещения России»»
    for pattern, name, needs in known_patterns():
        if needs is not None and not needs.search(text):
            continue  # no code in the text: the family's pattern, tried at every character, finds nothing
        for m in edged_matches(pattern, text):
            if not brand_before.search(text, max(0, m.start() - 12), m.start()):
                found.append(mention(text, m.start(), m.end(), name or m.group(), "known"))
    return found


def legal_mentions(text: str) -> list[Mention]:
    return [mention(text, m.start(), m.end(), m.group(), "legal")
            for m in Lexicon.load().legal.finditer(text)]


# two to five capitals after a word edge, the edge's look-behind written after the first
# capital (the same test) so that re skips to the next capital instead of trying every character
NAMED = re.compile(r"(?P<abbr>[А-ЯЁ](?<![\w-][А-ЯЁ])[А-ЯЁ]{1,4})[ \t]*«[^«»\n]{2,60}»")


def named_mentions(text: str, legal: list[Mention]) -> list[Mention]:
    """``ИПОП «Поиск»``, ``ДК «Юбилейный»``: an abbreviation of a kind of body and its
    quoted name (not a municipality, ``МР «Бабынинский район»``, nor part of a legal
    form's name)."""
    found = []
    for m in NAMED.finditer(text):
        if key(m.group("abbr")) in Lexicon.load().not_organizations or any(
                n.start <= m.start() < n.stop for n in legal):
            continue
        found.append(mention(text, m.start(), m.end(), m.group(), "legal"))
    return found


def phrase_mentions(doc: Doc) -> list[Mention]:
    layer = text_layer(doc)
    return [mention(layer.text, p.start, p.stop, p.name, "phrase") for p in head_phrases(layer)]


def ner_head(word: str) -> bool:
    return any(p.normal_form in Lexicon.load().ner_heads for p in parses(word.lower())[:2]
               if p.tag.POS == "NOUN")


def ner_mentions(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """natasha ORG spans that nothing else covers and whose first or second word is the
    head noun of another kind of organisation (фонд, ассоциация, музей …)."""
    text = source_text(doc)
    found = []
    for m in stored_mentions(doc, "ner"):
        if m.label != "ORG" or any(t.overlaps(m) for t in taken):
            continue
        start, stop = trim(text, m.start, m.stop, chars=" \t\r\n,;:.«»\"")
        words = [t.text for t in text_layer(doc).tokens_in(start, stop) if t.is_word]
        if len(words) < 2 or not words[0][:1].isupper() or not any(map(ner_head, words[:2])):
            continue
        found.append(mention(text, start, stop, nominative(tuple(words)), "ner"))
    return found


def extended(text: str, regions: list[Mention], m: Mention) -> Mention:
    """Widen a name over a legal form before it and a region qualifier after an
    abbreviation (``ГАУ ДПО ЯО ИРО``, ``ИРО Удмуртской Республики``, ``ИРО РБ``)."""
    lexicon, attrs = Lexicon.load(), m.attrs
    start, stop = m.start, m.stop
    abbreviation = attrs.via == "known" or m.text.isupper()
    prefix = lexicon.region_prefix_before.search(text, max(0, start - 4), start) \
        if abbreviation else None
    if prefix is not None and key(prefix.group()) not in lexicon.not_organizations:
        start = prefix.start()
    before = lexicon.legal_before.search(text, max(0, start - 40), start)
    if before is not None and attrs.via != "legal":
        start = before.start()
    if abbreviation:
        stop = region_after(text, regions, stop)
    if (start, stop) == (m.start, m.stop):
        return m
    # A region after a canonical name (Минобрнауки + РД) is a regional body: as written.
    core = m.text if stop != m.stop and attrs.via == "known" else attrs.name
    name = clean(text[start:m.start] + core + text[m.stop:stop])
    return Mention.of(text, m.label, start, stop, m.extractor, m.confidence,
                      attrs=replace(attrs, name=name))


def region_after(text: str, regions: list[Mention], stop: int) -> int:
    for region in regions:
        if region.label == "REGION" and region.attrs.via != "capital" \
                and region.start > stop and not text[stop:region.start].strip(" \t"):
            return region.stop
    lexicon = Lexicon.load()
    after = lexicon.qualifier_after.match(text, stop)
    if after is not None and key(after.group()) not in lexicon.not_organizations \
            and not lexicon.legal_start.fullmatch(after.group().strip()):
        return after.end()
    return stop


def excluded(m: Mention, schools: list[Mention]) -> bool:
    lexicon, attrs = Lexicon.load(), m.attrs
    if key(attrs.name) in lexicon.not_organizations:
        return True
    if attrs.via == "legal" and lexicon.school_words.search(attrs.name):
        return True
    return any(s.overlaps(m) for s in schools)


def with_abbreviation(text: str, m: Mention) -> Mention:
    """``Федеральный институт оценки качества образования (ФИОКО)``: note the abbreviation."""
    after = ABBREVIATION_AFTER.match(text, m.stop)
    if after is None or m.attrs.via not in ("phrase", "ner", "legal"):
        return m
    return Mention.of(text, m.label, m.start, m.stop, m.extractor, m.confidence,
                      attrs=replace(m.attrs, abbreviation=after.group("abbr").strip()))


def chained(text: str, mentions: list[Mention]) -> list[Mention]:
    """A unit's abbreviation right before its parent with a legal form is one name:
    ``ЦНППМ ГАУ ДПО ЯО ИРО``."""
    by_start = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        gap = len(text[m.stop:]) - len(text[m.stop:].lstrip(" \t"))
        parent = by_start.get(m.stop + gap)
        if m.attrs.via == "known" and gap and parent is not None \
                and Lexicon.load().legal_start.match(parent.text):
            name = clean(f"{m.attrs.name} {parent.attrs.name}")
            out.append(Mention.of(text, m.label, m.start, parent.stop, m.extractor,
                                  parent.confidence, attrs=replace(parent.attrs, name=name)))
        out.append(m)
    return out


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    schools = stored_mentions(doc, "schools")
    legal = legal_mentions(text)
    own = known_mentions(text) + legal + named_mentions(text, legal) + phrase_mentions(doc)
    regions = stored_mentions(doc, "geo")
    own = chained(text, [extended(text, regions, m) for m in own if not excluded(m, schools)])
    extra = [m for m in ner_mentions(doc, own + schools) if not excluded(m, schools)]
    return [with_abbreviation(text, m) for m in own + extra]


def contains_words(longer: str, shorter: str) -> bool:
    """``комитет по образованию`` is within ``комитет администрации … по образованию``:
    same first word, the other words in order."""
    (long_words, long_spaced), (short_words, short_spaced) = name_words(longer), name_words(shorter)
    if long_words == short_words or not short_words or long_words[:1] != short_words[:1]:
        return short_spaced in long_spaced and long_words != short_words
    rest = iter(long_words[1:])
    return all(word in rest for word in short_words[1:])


@lru_cache(maxsize=4096)
def name_words(name: str) -> tuple[tuple[str, ...], str]:
    """A name's words and them joined between blanks, read once: ``groups_of`` compares
    every pair of a document's names."""
    words = tuple(WORDS.findall(name))
    return words, f" {' '.join(words)} "


def groups_of(mentions: list[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(key(m.attrs.name), []).append(m)
    for short in sorted(groups, key=len):
        longer = [k for k in groups if contains_words(k, short)]
        if longer:
            groups[max(longer, key=len)].extend(groups.pop(short))
    by_abbreviation = {m.attrs.abbreviation: k for k, ms in groups.items() for m in ms
                       if m.attrs.abbreviation}
    for abbr, target in by_abbreviation.items():
        if key(abbr) in groups and key(abbr) != target:
            groups[target].extend(groups.pop(key(abbr)))
    return groups


def record(k: str, mentions: list[Mention]) -> Organization:
    named = [m for m in mentions if key(m.attrs.name) == k] or mentions
    best = max(named, key=lambda m: (m.confidence, -m.start))
    abbreviation = next((m.attrs.abbreviation for m in mentions if m.attrs.abbreviation), None)
    spans = span_refs(mentions)
    org = Organization(name=best.attrs.name, abbreviation=abbreviation, spans=spans,
                       confidence=best.confidence)
    org.provenance["name"] = [made_for(best, spans)]
    if best.attrs.via == "ner":
        org.warnings.append("found only by the statistical NER")
    return org


def made_for(m: Mention, spans: list[SpanRef]) -> SpanRef:
    """``span_ref(m)`` for a mention the spans hold: their SpanRef of it (a frozen value with
    the fields span_ref copies, status always "exact"), not one made and validated anew."""
    key = (m.start, m.stop, m.text, m.extractor, m.confidence)
    return next(r for r in spans if (r.start, r.stop, r.text, r.extractor, r.confidence) == key)


def build(doc: Doc, mentions: list[Mention]) -> list[Organization]:
    if not mentions:
        return []
    groups = groups_of([m for m in mentions if m.label == LABEL])
    return [record(k, ms) for k, ms in sorted(groups.items(), key=lambda kv: kv[1][0].start)]
