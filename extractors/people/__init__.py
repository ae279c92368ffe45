"""people: named persons with nominative surname, gender, job title, employer
and event roles.

``find`` returns one PERSON mention per written name; its typed attrs
(``PersonAttrs``) carry the name parts and their spans, what the surrounding text
says (case government, gender votes, title, employer, roles) and the surname
readings ranked by that context, all as plain values. ``build`` merges the mentions of one person into one
``Person`` (see ``people.merge``).

Where the parts live: names in ``people.names`` and ``people.ner_names``; titles and
employers in ``people.titles``; appositions and case government in ``people.roles``;
sentence cues (verbs, pronouns) in ``people.cues``; lists, captions, plan columns and
signatures in ``people.lists`` and ``people.signatures``; bodies in brackets and schools
after a name in ``people.bodies``; the document's only school in ``people.schools``.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from extractors.base import source_text, stored_mentions, text_layer
from extractors.people.bodies import bracket_bodies, bracket_hits, school_after
from extractors.people.cues import pronoun_speakers, section_roles, sentence_cues
from extractors.people.lists import (caption_lists, colon_cues, enumerations, plural_cues,
                                     responsible_column, shared_titles, signatures)
from extractors.people.merge import build_people, scored_readings
from extractors.people.referents import body_referents
from extractors.people.schools import school_staff
from extractors.people.roles import Context, apposition_cases, describe_after, describe_before
from extractors.people.text import Geometry
from extractors.people.ner_names import find_names
from extractors.people.names import NameHit, Reading
from extractors.people.titles import Slot
from schemas.mention import Mention
from schemas.mention_attrs import PersonAttrs, PersonSlot, SurnameReading
from schemas.records import Person

NAME = "people"
OVERLAP = "keep_all"
LABEL = "PERSON"
COORDINATED = re.compile(r"^\s*(?:,\s*)?и\s+$")
CONFIDENCE = {"pattern": 0.9, "full": 0.9, "ner": 0.6, "bracket": 0.7}


def contexts(doc: Doc, geo: Geometry, hits: list[NameHit]) -> list[Context]:
    ctxs = [Context() for _ in hits]
    for i, hit in enumerate(hits):
        prev_stop = hits[i - 1].stop if i else 0
        next_start = hits[i + 1].start if i + 1 < len(hits) else len(geo.text)
        describe_after(geo, hit, next_start, ctxs[i])
        describe_before(geo, hit, prev_stop, ctxs[i])
    coordinated_cases(geo.text, hits, ctxs)
    bracket_bodies(geo, hits, ctxs)
    school_after(geo, hits, ctxs)
    section_roles(doc, geo, hits, ctxs)
    colon_cues(geo, hits, ctxs)
    plural_cues(geo, hits, ctxs)
    sentence_cues(geo, hits, ctxs)
    pronoun_speakers(geo, hits, ctxs)
    caption_lists(doc, geo, hits, ctxs)
    signatures(geo, hits, ctxs)
    responsible_column(geo, hits, ctxs)
    enumerations(geo, hits, ctxs)
    shared_titles(geo, hits, ctxs)
    body_referents(geo, ctxs)
    return ctxs


def coordinated_cases(text: str, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``Информацию Лазаревой О.В. и Пахомова Д.Ю.``: a name joined by ``и`` takes the
    case the first one is governed in."""
    for i in range(1, len(hits)):
        if COORDINATED.match(text[hits[i - 1].stop:hits[i].start]) and not ctxs[i].expected_cases:
            ctxs[i].expected_cases |= ctxs[i - 1].expected_cases


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    ner = [(m.start, m.stop) for m in stored_mentions(doc, "ner") if m.label == "PER"]
    hits = find_names(text, ner)
    bracket = bracket_hits(text, [(h.start, h.stop) for h in hits if h.source != "ner"])
    hits = [h for h in hits if not any(b.start < h.stop and h.start < b.stop for b in bracket)]
    hits = sorted(hits + bracket, key=lambda h: h.start)
    if not hits:
        return []
    geo = Geometry(text_layer(doc))
    mentions = []
    ctxs = contexts(doc, geo, hits)
    school_staff(doc, geo, ctxs)
    for hit, ctx in zip(hits, ctxs):
        if hit.source == "bracket" and ctx.organization is None:
            continue  # a bracketed surname is a person only where it answers for a body
        readings = scored_readings(hit, ctx, apposition_cases(ctx, geo))
        mentions.append(Mention.of(text, LABEL, hit.start, hit.stop, NAME,
                                   CONFIDENCE.get(hit.source, 0.6),
                                   attrs=person_attrs(hit, ctx, readings)))
    return mentions


def person_attrs(hit: NameHit, ctx: Context, readings: list[tuple[Reading, float]]) -> PersonAttrs:
    """What ``build`` reads of a name, its context and its ranked readings, as plain values."""
    return PersonAttrs(
        source=hit.source, surname=hit.surname, surname_span=(hit.surname_start, hit.surname_stop),
        initials=hit.initials, initials_span=hit.initials_span, first_name=hit.first_name,
        patronymic=hit.patronymic, given_gender=hit.given_gender,
        given_spans=tuple(hit.given_spans), expected_cases=tuple(sorted(ctx.expected_cases)),
        gender_votes=dict(ctx.gender_votes), position=person_slot(ctx.position),
        organization=person_slot(ctx.organization),
        roles=tuple(person_slot(s) for s in ctx.roles), in_list=ctx.in_list,
        readings=tuple(SurnameReading(r.nominative, r.key, r.gender, r.case, r.certain, float(score))
                       for r, score in readings))


def person_slot(slot: Optional[Slot]) -> Optional[PersonSlot]:
    return None if slot is None else PersonSlot(slot.value, (slot.start, slot.stop), slot.priority)


def build(doc: Doc, mentions: list[Mention]) -> list[Person]:
    return build_people(source_text(doc), [m for m in mentions if m.label == LABEL])
