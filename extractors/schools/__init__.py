"""schools: general-education schools (СОШ, ООШ, НОШ, гимназия, лицей,
школа-интернат, школа № N) with legal form, number, proper name, honorific and
locality; enumerations (``Средние школы №№ 2, 7, 32``) give one school each.

Sources: the composed pattern (extractors/schools/patterns.py), a school legal form
with only numbers or a quoted abbreviation (``ГБОУ №№ 179, 619``, ``МАОУ «ЭЛ»``),
lists of numbers announced by a colon (extractors/schools/lists.py) and schools
known by their description (extractors/schools/special.py).

``find`` yields one SCHOOL mention per school per place in the text (an
enumeration of three numbers gives three mentions sharing one span);
``build`` merges the mentions of one school (same number and type, or same
proper name, or same locality) into one School record whose ``mention`` is
the fullest mention as written and whose type is the most specific one written
(``Средняя школа № 70`` and ``школе № 70`` are one СОШ).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter
from typing import Callable, Iterable

from spacy.tokens import Doc

from extractors.base import source_text, span_refs, text_layer, trim
from extractors.schools.lexicon import Lexicon
from extractors.schools.lists import number_lists
from extractors.schools.special import special_schools
from extractors.schools.patterns import (adjective_regex, legal_only_regex, locality,
                                        needs_number, numbers, plural_type, proper_name,
                                        school_regex, school_type)
from extractors.text.lines import LIST_ITEM, TEXT
from schemas.mention import Mention
from schemas.mention_attrs import SchoolAttrs
from schemas.records import School, SpanRef

NAME = "schools"
OVERLAP = "keep_all"
LABEL = "SCHOOL"
GENERIC = "школа"
FIELDS = ("legal_form", "number", "name", "honorific", "locality")
FIELD_VALUES = attrgetter(*FIELDS)  # a tuple of a mention's FIELDS, read in C
PARSE_CACHE = 20_000


def clean(text: str | None) -> str | None:
    r"""Blank runs squeezed to one space, the ends stripped (as re.sub(r"\s+", " ", text).strip():
    re's \s and str.split's blanks are the same characters, str.isspace)."""
    return " ".join(text.split()) if text else None


def parse(match: re.Match[str]) -> list[SchoolAttrs]:
    """The schools one regex match names (several for an enumeration of numbers or of
    adjective names: ``Ивановской, Петровской и Сидоровской школ``)."""
    return list(read(tuple(match.groupdict().items())))


# The same school is named again and again (296 matches of 104 kinds in the 65 real
# documents), and what a match names depends on its named groups alone: kept per groups.
@lru_cache(maxsize=PARSE_CACHE)
def read(groups: tuple[tuple[str, str | None], ...]) -> tuple[SchoolAttrs, ...]:
    """``parse`` of a match's named groups (name, text or None)."""
    group = dict(groups).get
    words = group("type")
    kind = school_type(words)
    nums = numbers(group("nums") or group("bare"))
    if not nums and group("ord") and not plural_type(words):
        nums = [group("ord")]  # «77-я гимназия», «в 5-й школе»
    if needs_number(words) and not nums:
        return ()
    legal = clean(group("legal"))
    names = [proper_name(w, kind) for w in adjective_regex().findall(group("names") or "")]
    # A quoted name after the type (Лицей «Вектор») identifies a school that has no number.
    name = proper_name(group("name"), kind) or (None if nums else clean(group("qname")))
    if not name and (kind in ("лицей", "гимназия") or legal):
        name = clean(group("gname"))  # «Лицей прикладных наук»
    honorific = clean(group("hon"))
    if honorific:
        name = f"{name} {honorific}" if name else honorific
    place = locality(group("loc1") or group("loc2") or group("loc3")
                     or group("loc4"))
    bare_legal = bool(legal) and kind in Lexicon.load().bare_legal_types and words[:1].isupper()
    enumerated = bool(names) and all(names)
    if not acceptable(kind, nums, name, place, legal, bool(group("q")) or bare_legal,
                      enumerated):
        return ()
    base = SchoolAttrs(type=kind, name=name, honorific=honorific, locality=place, legal_form=legal)
    if not nums and enumerated:
        return tuple(replace(base, name=n) for n in [*names, name])
    return tuple(replace(base, number=n) for n in nums) or (base,)


def acceptable(kind: str, nums: list[str], name: str | None, place: str | None,
               legal: str | None, quoted: bool, enumerated: bool = False) -> bool:
    """A school needs something that identifies it: a number, a name or a place (or,
    for a gymnasium, lyceum or evening school, a legal form before it: ``МБОУ Гимназия``)."""
    if nums:
        return True
    if kind == GENERIC:
        return bool(name) and (quoted or bool(legal) or enumerated)
    return bool(name or place) or (quoted and bool(legal))


def legal_only(match: re.Match[str]) -> list[SchoolAttrs]:
    """``ГБОУ №№ 179, 619``, ``МАОУ «ЭЛ»``: a school whose type is not written."""
    abbr = match.group("abbr")
    lexicon = Lexicon.load()
    if abbr and (abbr in lexicon.not_school_abbreviations or school_type(abbr) != "other"
                 or not lexicon.school_abbreviation.fullmatch(abbr)):
        return []
    base = SchoolAttrs(type="other", name=abbr, legal_form=clean(match.group("legal")))
    return [replace(base, number=n) for n in numbers(match.group("nums"))] or [base]


def described(mention: str, kind: str) -> SchoolAttrs:
    """A school known only by its description; the description identifies it."""
    return SchoolAttrs(type=kind, described=clean(mention).lower())


def listed(values: list[str]) -> list[SchoolAttrs]:
    """``номера школ: 22, 34``: one school of the generic type per number."""
    return [SchoolAttrs(type=GENERIC, number=n) for n in values]


def find(doc: Doc) -> list[Mention]:
    """Schools read in the text layer's reflowed view (a list of numbers or a name
    hard-wrapped over lines, «школах № 4, 13,\n25», reads as one line; list items,
    table rows and headings stay apart), every span mapped back to the source."""
    source = source_text(doc)
    layer = text_layer(doc)
    view = layer.reflowed

    def goes_on(at: int) -> bool:  # the line break before ``at`` wraps running text
        line = layer.line_at(view.source_start(at))
        before = layer.line_at(view.source_stop(view.text.rfind("\n", 0, at)))
        return line.kind == TEXT and before.kind in (TEXT, LIST_ITEM)

    found = []
    for start, stop, school in find_in(view.text, goes_on):
        start, stop = trim(source, *view.to_source(start, stop), chars=" \t\r\n,;:")
        found.append(Mention.of(source, LABEL, start, stop, NAME, confidence(school),
                                attrs=school))
    return found


def find_in(text: str, goes_on: Callable[[int], bool] = lambda at: False
            ) -> list[tuple[int, int, SchoolAttrs]]:
    """(start, stop, school) of every school named in ``text``; a bare number on the
    line after its type word (``лицея`` / ``117 и …``) only where ``goes_on`` says that
    line continues the text."""
    found = []
    for match in school_regex().finditer(text):
        if order_number(text, match):
            continue
        if match.group("bare") and "\n" in text[match.end("type"):match.start("bare")] \
                and not goes_on(match.start("bare")):
            match = school_regex().match(text, match.start(), match.start("bare"))
            if match is None:
                continue
        start, stop = trim(text, *match.span(), chars=" \t\r\n,;:")
        found.extend((start, stop, school) for school in parse(match))
    covered = [(start, stop) for start, stop, _ in found]
    extra = [(*match.span(), legal_only(match)) for match in legal_only_regex().finditer(text)]
    extra += [(start, stop, listed(values))
              for start, stop, values in number_lists(text)]
    extra += [(start, stop, [described(text[start:stop], kind)])
              for start, stop, kind in special_schools(text)]
    for start, stop, schools in extra:
        if any(a < stop and start < b for a, b in covered):
            continue
        found.extend((start, stop, school) for school in schools)
    return found


def order_number(text: str, match: re.Match[str]) -> bool:
    """``приказ по школе № 112``: the number is the order's, not the school's."""
    generic = match.group("legal") is None and school_type(match.group("type")) == GENERIC
    before = text[max(0, match.start() - 20):match.start()]
    return generic and bool(Lexicon.load().not_school_before.search(before))


def confidence(school: SchoolAttrs) -> float:
    if school.legal_form or school.type != GENERIC:
        return 0.9
    return 0.75


def identity(attrs: SchoolAttrs) -> tuple:
    if attrs.number:
        return ("number", attrs.number, attrs.type, attrs.locality)
    if attrs.name:
        return ("name", attrs.name.split()[0].lower(), attrs.type)
    if attrs.described:
        return ("described", attrs.described, attrs.type)
    return ("place", attrs.locality, attrs.type)


def fullness(m: Mention) -> tuple[int, int]:
    filled = sum(map(bool, FIELD_VALUES(m.attrs))) + (m.attrs.type != GENERIC)
    return filled, -m.start


def grouped(mentions: Iterable[Mention]) -> list[list[Mention]]:
    groups: dict[tuple, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(identity(m.attrs), []).append(m)
    return fold_generic(fold_unlocated(fold_unnumbered(groups)))


def fold_unlocated(groups: dict[tuple, list[Mention]]) -> dict[tuple, list[Mention]]:
    """``СОШ № 33`` joins ``СОШ № 33 г. Калуги`` when only one town has a school № 33."""
    for key in [k for k in groups if k[0] == "number" and k[3] is None]:
        targets = [k for k in groups if k[0] == "number" and k[1:3] == key[1:3] and k[3]]
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))
    return groups


def fold_unnumbered(groups: dict[tuple, list[Mention]]) -> dict[tuple, list[Mention]]:
    """``Липовская СОШ`` joins ``Липовская СОШ № 14`` when that is the only one."""
    for key in [k for k in groups if k[0] == "name"]:
        targets = [k for k, ms in groups.items() if k[0] == "number" and k[2] == key[2]
                   and any((m.attrs.name or "").split()[:1] == [key[1].capitalize()]
                           or (m.attrs.name or "").lower().startswith(key[1]) for m in ms)]
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))
    return groups


def fold_generic(groups: dict[tuple, list[Mention]]) -> list[list[Mention]]:
    """``школ №№ 3, 15`` joins ``Средних школ №№ 1, 3, 15`` (same number, one typed school)."""
    for key in [k for k in groups if k[0] == "number" and k[2] == GENERIC]:
        targets = [k for k in groups if k[0] == "number" and k[1] == key[1] and k[2] != GENERIC]
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))
    return list(groups.values())


def record(mentions: list[Mention]) -> School:
    best = max(mentions, key=fullness)
    # The most specific type written for the school (``Средняя школа № 70`` over ``школе № 70``).
    kind = next((m.attrs.type for m in mentions if m.attrs.type not in (GENERIC, "other")),
                best.attrs.type)
    values = dict(zip(FIELDS, FIELD_VALUES(best.attrs)))
    attrs = [m.attrs for m in mentions]
    for f in FIELDS:
        if values[f] is None:  # the first value written for it
            values[f] = next(filter(None, map(attrgetter(f), attrs)), None)
    spans = span_refs(mentions)
    # The provenance cites mentions the spans already hold: their (frozen, equal) SpanRefs
    # are taken again rather than made and validated anew (~400 a pass over the corpora).
    made = {ref_key(r): r for r in spans}
    school = School(mention=clean(best.text), type=kind, spans=spans,
                    confidence=best.confidence, **values)
    school.provenance["mention"] = [made[ref_key(best)]]
    for f in ("type", *FIELDS):
        value = getattr(school, f)
        if value is None:
            continue
        source = next((m for m in mentions if getattr(m.attrs, f) == value), None)
        if source is not None:
            school.provenance[f] = [made[ref_key(source)]]
    return school


def ref_key(m: Mention | SpanRef) -> tuple:
    """What ``span_ref`` copies from a mention into its SpanRef (status is always "exact")."""
    return m.start, m.stop, m.text, m.extractor, m.confidence


def build(doc: Doc, mentions: list[Mention]) -> list[School]:
    if not mentions:  # most documents name no school: no grouping to set up
        return []
    return [record(group) for group in grouped(m for m in mentions if m.label == LABEL)]
