"""geo: the region (subject of the RF) and the municipality a document is about.

REGION mentions come from the 89 subjects in ``data/regions.json`` (every case
form of the official name and its aliases, generated with pymorphy3, plus
abbreviations) and, with lower confidence, from their administrative centres
(``г. Астрахани`` -> Астраханская область). MUNICIPALITY mentions are an
adjective name followed by a kind word (``Промышленновского муниципального
округа``) or a city district (``городской округ «Город Калининград»``), put in
the nominative. ``build`` picks the dominant region and the municipality the
document is about (named in the title zone, or the only / most frequent one);
municipalities listed in an enumeration (participants' geography) are ignored.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Doc

from extractors.base import load_lexicon, span_refs
from extractors.morph_ru import adj_nominative, case_forms, nominative_phrase
from schemas.mention import Mention
from schemas.records import Place

NAME = "geo"
OVERLAP = "prefer_longest"
REGION, MUNICIPALITY = "REGION", "MUNICIPALITY"
DIRECT_CONFIDENCE, CAPITAL_CONFIDENCE = 0.95, 0.6
MUNICIPALITY_CONFIDENCE = 0.85
EDGE_LEFT, EDGE_RIGHT = r"(?<![\w-])", r"(?![\w-])"
DASH = re.compile(r"\s*[-–—]\s*")
CITY_PREFIX = r"(?:г\.\s*|гор\.\s*|город(?:а|е|у|ом)?\s+)"
NOT_A_CITY_BEFORE = re.compile(r"(?:им\.|имени|ул\.|улиц[аыеу]|пр\.|проспект\w*|пер\.)\s*$")
ADJ_NAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*"


def key(text: str) -> str:
    return DASH.sub("-", " ".join(text.split())).lower().replace("ё", "е")


def alternation(forms: set[str]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–—]\s*")
                    for f in ordered)


@lru_cache(maxsize=1)
def subjects() -> list[dict]:
    return load_lexicon("regions.json")["subjects"]


@lru_cache(maxsize=1)
def region_tables() -> tuple[re.Pattern[str], dict[str, int], re.Pattern[str], dict[str, int]]:
    """(names regex, form -> subject index, abbreviations regex, abbreviation -> index)."""
    forms: dict[str, int] = {}
    abbrs: dict[str, int] = {}
    for i, subject in enumerate(subjects()):
        for alias in (subject["name"], *subject["aliases"]):
            for form in case_forms(alias):
                forms.setdefault(key(form), i)
        for abbr in subject["abbreviations"]:
            abbrs[abbr] = i
    names = re.compile(EDGE_LEFT + f"(?:{alternation(set(forms))})" + EDGE_RIGHT, re.IGNORECASE)
    abbr_re = re.compile(EDGE_LEFT + f"(?:{alternation(set(abbrs))})" + EDGE_RIGHT)
    return names, forms, abbr_re, abbrs


@lru_cache(maxsize=1)
def capital_tables() -> tuple[re.Pattern[str], dict[str, tuple[int, bool]]]:
    """Case forms of administrative centres (case-sensitive), optionally after г./город."""
    forms: dict[str, tuple[int, bool]] = {}
    written: set[str] = set()
    for i, subject in enumerate(subjects()):
        if subject["capital"]:
            for form in case_forms(subject["capital"]):
                written.add(form)
                forms.setdefault(key(form), (i, subject["capital_needs_prefix"]))
    pattern = re.compile(EDGE_LEFT + f"(?P<prefix>{CITY_PREFIX})?(?P<city>{alternation(written)})"
                         + EDGE_RIGHT)
    return pattern, forms


@lru_cache(maxsize=1)
def municipality_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_lexicon("municipalities.json")
    kinds = "|".join(data["kinds"])
    named = re.compile(rf"(?<![\w-])(?P<adj>{ADJ_NAME})\s+(?P<kind>{kinds})(?![\w-])")
    city = re.compile(data["city_district"])
    return named, city


def region_mentions(text: str) -> list[Mention]:
    names, forms, abbr_re, abbrs = region_tables()
    found = []
    for m in names.finditer(text):
        index = forms.get(key(m.group()))
        if index is not None:
            found.append(region_mention(text, m.start(), m.end(), index, "subject"))
    for m in abbr_re.finditer(text):
        found.append(region_mention(text, m.start(), m.end(), abbrs[m.group()], "abbreviation"))
    found.extend(capital_mentions(text))
    return found


def capital_mentions(text: str) -> list[Mention]:
    pattern, forms = capital_tables()
    found = []
    for m in pattern.finditer(text):
        index, needs_prefix = forms.get(key(m.group("city")), (None, True))
        if index is None or (needs_prefix and not m.group("prefix")):
            continue
        if NOT_A_CITY_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        found.append(region_mention(text, m.start(), m.end(), index, "capital"))
    return found


def region_mention(text: str, start: int, stop: int, index: int, via: str) -> Mention:
    confidence = CAPITAL_CONFIDENCE if via == "capital" else DIRECT_CONFIDENCE
    return Mention.of(text, REGION, start, stop, NAME, confidence,
                      name=subjects()[index]["name"], via=via)


def municipality_name(adj: str, kind: str) -> str:
    kind_words = kind.split()
    kind_nominative = " ".join(nominative_phrase(kind_words)) if len(kind_words) > 1 \
        else nominative_phrase(kind_words)[0]
    return f"{adj_nominative(adj, 'masc')} {kind_nominative}"


def municipality_mentions(text: str) -> list[Mention]:
    named, city = municipality_patterns()
    found = []
    for m in named.finditer(text):
        name = municipality_name(m.group("adj"), m.group("kind"))
        found.append(Mention.of(text, MUNICIPALITY, m.start(), m.end(), NAME,
                                MUNICIPALITY_CONFIDENCE, name=name))
    for m in city.finditer(text):
        name = f"городской округ «Город {m.group('city')}»"
        found.append(Mention.of(text, MUNICIPALITY, m.start(), m.end(), NAME,
                                MUNICIPALITY_CONFIDENCE, name=name))
    return found


def find(doc: Doc) -> list[Mention]:
    text = doc.text
    return region_mentions(text) + municipality_mentions(text)


def title_zone(doc: Doc) -> int:
    text = doc.text
    start = len(text) - len(text.lstrip())
    return start + load_lexicon("municipalities.json")["title_zone_chars"]


def grouped(mentions: list[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.attrs["name"]].append(m)
    return groups


def choose_region(doc: Doc, mentions: list[Mention]) -> Place | None:
    groups = grouped([m for m in mentions if m.label == REGION])
    if not groups:
        return None
    zone = title_zone(doc)

    def weight(ms: list[Mention]) -> tuple[float, int]:
        score = sum(1.0 if m.attrs["via"] != "capital" else 0.5 for m in ms)
        score += 1.0 if any(m.start < zone for m in ms) else 0.0
        return score, -min(m.start for m in ms)

    name, ms = max(groups.items(), key=lambda item: weight(item[1]))
    direct = any(m.attrs["via"] != "capital" for m in ms)
    place = Place(name=name, kind="region", spans=span_refs(ms),
                  confidence=DIRECT_CONFIDENCE if direct else CAPITAL_CONFIDENCE)
    place.provenance["name"] = span_refs(ms)
    if not direct:
        place.warnings.append("region inferred from its administrative centre")
    if len(groups) > 1:
        place.warnings.append(f"{len(groups)} regions mentioned; chose the dominant one")
    return place


def enumerated(m: Mention, others: list[Mention], gap: int) -> bool:
    """True when ``m`` stands in a list with at least two other municipalities."""
    return len(chain(m, others, gap)) >= 3


def chain(m: Mention, others: list[Mention], gap: int) -> set[str]:
    """Names reachable from ``m`` through neighbours at most ``gap`` characters apart."""
    ordered = sorted(others, key=lambda o: o.start)
    names, frontier = {m.attrs["name"]}, [m]
    seen = {(m.start, m.stop)}
    while frontier:
        current = frontier.pop()
        for o in ordered:
            close = 0 <= o.start - current.stop <= gap or 0 <= current.start - o.stop <= gap
            if close and (o.start, o.stop) not in seen:
                seen.add((o.start, o.stop))
                names.add(o.attrs["name"])
                frontier.append(o)
    return names


def choose_municipality(doc: Doc, mentions: list[Mention]) -> Place | None:
    found = [m for m in mentions if m.label == MUNICIPALITY]
    gap = load_lexicon("municipalities.json")["enumeration_gap_chars"]
    kept = [m for m in found if not enumerated(m, found, gap)]
    groups = grouped(kept)
    if not groups:
        return None
    zone = title_zone(doc)
    in_title = [name for name, ms in groups.items() if any(m.start < zone for m in ms)]
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[1][0].start))
    if in_title:
        name = min(in_title, key=lambda n: groups[n][0].start)
    elif len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1]):
        name = ranked[0][0]
    else:
        return None
    ms = groups[name]
    place = Place(name=name, kind="municipality", spans=span_refs(ms),
                  confidence=MUNICIPALITY_CONFIDENCE if name in in_title else 0.6)
    place.provenance["name"] = span_refs(ms)
    return place


def build(doc: Doc, mentions: list[Mention]) -> tuple[Place | None, Place | None]:
    return choose_region(doc, mentions), choose_municipality(doc, mentions)
