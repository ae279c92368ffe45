"""The school a teacher works at when the text names only one school: a news item
about «open lessons at МБОУ СОШ №66» calls its teachers «учителя математики
Андреева В.Ю., …» without repeating the school. A person whose title is a school
post (``учитель математики``, ``заместитель директора по УВР``) and who has no
employer of their own gets the document's one school, in the nominative. With two
schools or more nothing is guessed."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from extractors.base import stored_mentions
from extractors.people.roles import Context
from extractors.people.titles import Slot
from extractors.people.text import Geometry, lemma_set, nominative_words
from extractors.people.lexicon import Lexicon

DEFAULT_PRIORITY = -1  # any employer written next to the person wins
STEM = 4




def only_school(doc: Doc) -> Optional[Slot]:
    schools = stored_mentions(doc, "schools")
    kinds = {(m.attrs.type, m.attrs.number, m.attrs.name) for m in schools}
    if len(kinds) != 1:
        return None
    first = min(schools, key=lambda m: m.start)
    return Slot(school_nominative(first.text, first.attrs.name), first.start, first.stop,
                DEFAULT_PRIORITY)


def school_nominative(written: str, name: Optional[str]) -> str:
    """``Озёрской СШ №1`` -> ``Озёрская СШ №1``: a leading proper name takes the
    nominative the schools family found for it, a leading type word its own nominative
    (``гимназии №3`` -> ``гимназия №3``); everything else stays as written."""
    first = written.split(" ", 1)
    if (name and " " not in name and len(first) == 2 and first[0][:1].isupper()
            and first[0][:STEM].lower() == name[:STEM].lower()):
        return f"{name} {first[1]}"
    if len(first) == 2 and first[0].islower() and lemma_set(first[0]) & Lexicon.load().org_heads:
        return f"{nominative_words(first[0], 0)} {' '.join(first[1].split())}"  # гимназии №3
    return " ".join(written.split())


def school_post(geo: Geometry, slot: Slot) -> bool:
    toks = geo.tokens(slot.start, slot.stop)
    words = [lemma_set(t.text) for t in toks if not t.quoted]
    if not words or not any(w & Lexicon.load().school_staff_heads for w in words[:2]):
        return False
    return not any(w & Lexicon.load().unit_words for w in words)


def school_staff(doc: Doc, geo: Geometry, ctxs: list[Context]) -> None:
    school = None
    for ctx in ctxs:
        if ctx.organization is not None or ctx.position is None or not school_post(geo, ctx.position):
            continue
        school = school or only_school(doc)
        if school is None:
            return
        ctx.organization = school
