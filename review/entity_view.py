"""What the librarian's entity page shows, read from the registry: the rows of
an entity (each a mention in one document, with its name as written), its
documents on a timeline, and the entities it is tied to.

A person is tied to a school (or an organisation) when, in one document, the
person's organisation is that school: the two are written over the same
characters (the organisation's span overlaps the school's), or they have the
same normalised key (registry/entity_keys.py: type, number, proper name,
locality; an organisation's lemmas). Nothing here writes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.entities import KINDS
from registry.entity_keys import SchoolKey, organization_key, school_key
from registry.entity_models import Entity, EntityPin
from registry.models import Document, EventRow, OrganizationRow, PersonRow, SchoolRow, SpanRow

MAX_ROWS = 1000           # rows of one entity shown (the biggest are organisations like ФИОКО)
MAX_TIES = 5000           # person rows read to find the people of a school
TABLES = {"person": "people", "school": "schools", "organization": "organizations"}
KIND_LABELS = {"school": "школа", "person": "человек", "organization": "организация"}
KEY_FIELDS = {
    "school": (("school_type", "Тип"), ("number", "Номер"), ("proper_name", "Название (нормализованное)"),
               ("locality", "Населённый пункт"), ("municipality", "Муниципалитет"), ("region", "Регион")),
    "person": (("surname", "Фамилия"), ("first_name", "Имя"), ("patronymic", "Отчество"),
               ("initials", "Инициалы"), ("gender", "Пол"), ("position", "Должность (последняя)"),
               ("organization", "Организация (последняя)"), ("region", "Регион")),
    "organization": (("region", "Регион"),),
}


@dataclass
class Mention:
    """One row of the entity: how one document names it."""
    row_id: int
    document_id: str
    record_key: str
    state: str
    written: list[str]
    details: dict[str, Any]


@dataclass
class Moment:
    """One document of the entity on its timeline."""
    document_id: str
    source: str
    date: Optional[dt.date]
    date_end: Optional[dt.date]
    doc_type: Optional[str]
    event: Optional[str]
    place: Optional[str]
    roles: list[str] = field(default_factory=list)


@dataclass
class Tie:
    """Another entity (or, untied, a name as written) and how this one relates to it."""
    entity_id: Optional[int]
    name: str
    kind: str
    positions: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)


def mentions(session: Session, entity: Entity) -> list[Mention]:
    model = KINDS[entity.kind]
    rows = list(session.scalars(select(model).where(model.entity_id == entity.id).order_by(model.id)
                                .limit(MAX_ROWS)))
    written = written_names(session, TABLES[entity.kind], rows)
    return [Mention(row_id=r.id, document_id=r.document_id, record_key=r.record_key, state=r.review_state,
                    written=written.get(r.id) or [fallback_name(entity.kind, r)], details=details(entity.kind, r))
            for r in rows]


def written_names(session: Session, table: str, rows: list[Any]) -> dict[int, list[str]]:
    """row id -> the distinct texts the document names it by (its record spans)."""
    by_key = {(r.document_id, r.record_key): r.id for r in rows}
    found: dict[int, list[str]] = {}
    for chunk in chunks(sorted({r.document_id for r in rows})):
        for document_id, key, text in session.execute(
                select(SpanRow.document_id, SpanRow.record_key, SpanRow.text)
                .where(SpanRow.record_table == table, SpanRow.field == "_record",
                       SpanRow.document_id.in_(chunk)).order_by(SpanRow.start)):
            row_id = by_key.get((document_id, key))
            if row_id is not None and text not in found.setdefault(row_id, []):
                found[row_id].append(text)
    return found


def chunks(values: list[Any], size: int = 500) -> list[list[Any]]:
    return [values[at:at + size] for at in range(0, len(values), size)]


def fallback_name(kind: str, row: Any) -> str:
    if kind == "person":
        return " ".join(p for p in (row.surname, row.first_name, row.patronymic) if p) + (
            f" {row.initials}" if row.initials and not row.first_name else "")
    if kind == "school":
        return row.mention or row.name or ""
    return row.name or row.abbreviation or ""


def details(kind: str, row: Any) -> dict[str, Any]:
    if kind == "person":
        return {"position": row.position, "organization": row.organization, "roles": list(row.event_roles or [])}
    if kind == "school":
        return {"role": row.role, "locality": row.locality}
    return {"abbreviation": row.abbreviation}


def timeline(session: Session, found: list[Mention], role_labels: dict[str, str]) -> list[Moment]:
    """The entity's documents, oldest first (by the event's date; undated ones last)."""
    ids = sorted({m.document_id for m in found})
    docs = {d.id: d for chunk in chunks(ids) for d in session.scalars(
        select(Document).where(Document.id.in_(chunk)))}
    events: dict[str, EventRow] = {}
    for chunk in chunks(ids):
        for event in session.scalars(select(EventRow).where(EventRow.document_id.in_(chunk)).order_by(EventRow.id)):
            events.setdefault(event.document_id, event)
    moments = {}
    for document_id in ids:
        doc, event = docs.get(document_id), events.get(document_id)
        if doc is None:
            continue
        moments[document_id] = Moment(
            document_id=document_id, source=doc.source_path + (f" :: {doc.container_path}" if doc.container_path else ""),
            date=event.date_start if event else None, date_end=event.date_end if event else None,
            doc_type=doc.doc_type, event=(event.title or event.kind) if event else None,
            place=(event.place or event.municipality or event.region) if event else None)
    for mention in found:
        moment = moments.get(mention.document_id)
        if moment is None:
            continue
        for role in role_words(mention.details, role_labels):
            if role not in moment.roles:
                moment.roles.append(role)
    return sorted(moments.values(), key=lambda m: (m.date is None, m.date or dt.date.min, m.source))


def role_words(values: dict[str, Any], role_labels: dict[str, str]) -> list[str]:
    words = [values.get("position"), values.get("role")]
    words += [role_labels.get(r, r) for r in values.get("roles") or []]
    return [w for w in words if w]


def same_school(a: SchoolKey, b: SchoolKey) -> bool:
    if not (a.name or a.number) or (a.name, a.number) != (b.name, b.number):
        return False
    return (not a.type or not b.type or a.type == b.type) and (
        not a.locality or not b.locality or a.locality == b.locality)


def row_key(row: SchoolRow) -> SchoolKey:
    return school_key(row.mention, type=row.type, number=row.number, name=row.name, locality=row.locality)


class Keys:
    """School keys of rows and organisation texts, each computed once per page."""

    def __init__(self) -> None:
        self.rows: dict[tuple, SchoolKey] = {}
        self.texts: dict[str, SchoolKey] = {}

    def of_row(self, row: SchoolRow) -> SchoolKey:
        values = (row.mention, row.type, row.number, row.name, row.locality)
        if values not in self.rows:
            self.rows[values] = row_key(row)
        return self.rows[values]

    def of_text(self, text: str) -> SchoolKey:
        if text not in self.texts:
            self.texts[text] = school_key(text)
        return self.texts[text]


def spans_of(session: Session, table: str, field_name: str, document_ids: list[str]
             ) -> dict[tuple[str, str], list[tuple[int, int]]]:
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for chunk in chunks(document_ids):
        for document_id, key, start, stop in session.execute(
                select(SpanRow.document_id, SpanRow.record_key, SpanRow.start, SpanRow.stop)
                .where(SpanRow.record_table == table, SpanRow.field == field_name,
                       SpanRow.document_id.in_(chunk))):
            found.setdefault((document_id, key), []).append((start, stop))
    return found


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < v and u < y for x, y in a for u, v in b)


def works_at(person: PersonRow, school: SchoolRow, org_spans: dict, school_spans: dict, keys: Keys) -> bool:
    """Is ``school`` (a row of the same document) the person's organisation?"""
    if not person.organization or person.document_id != school.document_id:
        return False
    if overlaps(org_spans.get((person.document_id, person.record_key), []),
                school_spans.get((school.document_id, school.record_key), [])):
        return True
    return same_school(keys.of_text(person.organization), keys.of_row(school))


def by_document(rows: list[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for row in rows:
        found.setdefault(row.document_id, []).append(row)
    return found


COLUMNS = {  # what the ties need of a row (loading whole rows decodes their JSON columns)
    PersonRow: ("id", "document_id", "record_key", "entity_id", "surname", "first_name", "patronymic", "initials",
                "position", "organization", "event_roles"),
    SchoolRow: ("id", "document_id", "record_key", "entity_id", "mention", "type", "number", "name", "locality"),
    OrganizationRow: ("id", "document_id", "record_key", "entity_id", "name", "abbreviation"),
}


def rows_in(session: Session, model: Any, document_ids: list[str], *where: Any, limit: int = MAX_TIES) -> list[Any]:
    """Rows of ``model`` in these documents (not rejected), with the columns the ties need."""
    columns = [getattr(model, name) for name in COLUMNS[model]]
    out: list[Any] = []
    for chunk in chunks(document_ids):
        out += session.execute(select(*columns).where(model.document_id.in_(chunk), model.review_state != "rejected",
                                                      *where).order_by(model.id).limit(limit - len(out))).all()
        if len(out) >= limit:
            break
    return out


def add_tie(ties: dict[Any, Tie], entity_id: Optional[int], name: str, kind: str, document_id: str,
            roles: list[str], position: Optional[str] = None) -> None:
    tie = ties.setdefault(entity_id if entity_id is not None else ("text", name), Tie(entity_id, name, kind))
    tie.documents.add(document_id)
    if position and position not in tie.positions:
        tie.positions.append(position)
    tie.roles += [r for r in roles if r not in tie.roles]


def names_of(session: Session, ids: set[int]) -> dict[int, str]:
    ids_list = sorted(i for i in ids if i is not None)
    return {i: n for chunk in chunks(ids_list) for i, n in session.execute(
        select(Entity.id, Entity.name).where(Entity.id.in_(chunk)))}


def people_of_school(session: Session, entity: Entity, role_labels: dict[str, str]) -> list[Tie]:
    """The people whose organisation, in some document, is this school."""
    own = session.execute(select(*[getattr(SchoolRow, c) for c in COLUMNS[SchoolRow]])
                          .where(SchoolRow.entity_id == entity.id).limit(MAX_ROWS)).all()
    documents = sorted({r.document_id for r in own})
    people = rows_in(session, PersonRow, documents, PersonRow.organization.is_not(None))
    org_spans = spans_of(session, "people", "organization", documents)
    school_spans = spans_of(session, "schools", "_record", documents)
    ties: dict[Any, Tie] = {}
    keys, own_in = Keys(), by_document(own)
    for person in people:
        if any(works_at(person, s, org_spans, school_spans, keys) for s in own_in.get(person.document_id, [])):
            name = fallback_name("person", person)
            add_tie(ties, person.entity_id, name, "person", person.document_id,
                    [role_labels.get(r, r) for r in person.event_roles or []], person.position)
    return named(session, ties)


def places_of_person(session: Session, entity: Entity, role_labels: dict[str, str]) -> list[Tie]:
    """The schools and organisations this person's organisation is, document by document."""
    own = session.execute(select(*[getattr(PersonRow, c) for c in COLUMNS[PersonRow]])
                          .where(PersonRow.entity_id == entity.id).limit(MAX_ROWS)).all()
    documents = sorted({r.document_id for r in own if r.organization})
    schools = rows_in(session, SchoolRow, documents)
    organizations = rows_in(session, OrganizationRow, documents)
    org_spans = spans_of(session, "people", "organization", documents)
    school_spans = spans_of(session, "schools", "_record", documents)
    ties: dict[Any, Tie] = {}
    keys, schools_in, organizations_in = Keys(), by_document(schools), by_document(organizations)
    for person in own:
        if not person.organization:
            continue
        roles = [role_labels.get(r, r) for r in person.event_roles or []]
        school = next((s for s in schools_in.get(person.document_id, [])
                       if works_at(person, s, org_spans, school_spans, keys)), None)
        key = organization_key(person.organization)
        organization = None if school else next(
            (o for o in organizations_in.get(person.document_id, [])
             if key and organization_key(o.name, o.abbreviation) == key), None)
        if school is not None:
            add_tie(ties, school.entity_id, school.mention or person.organization, "school", person.document_id,
                    roles, person.position)
        elif organization is not None:
            add_tie(ties, organization.entity_id, organization.name or person.organization, "organization",
                    person.document_id, roles, person.position)
        else:
            add_tie(ties, None, person.organization, "", person.document_id, roles, person.position)
    return named(session, ties)


def named(session: Session, ties: dict[Any, Tie]) -> list[Tie]:
    """Ties under their entity's display name, the most documented first."""
    names = names_of(session, {t.entity_id for t in ties.values() if t.entity_id is not None})
    for tie in ties.values():
        tie.name = names.get(tie.entity_id, tie.name) if tie.entity_id is not None else tie.name
    return sorted(ties.values(), key=lambda t: (-len(t.documents), t.name))


def candidates(session: Session, entity: Entity, limit: int = 30) -> list[Entity]:
    """Entities of the same kind a librarian may want to merge this one with:
    the same surname start (people), number or name start (schools), name start (organisations)."""
    if entity.kind == "person" and entity.surname:
        condition = Entity.surname.startswith(entity.surname[:3])
    elif entity.kind == "school" and (entity.number or entity.proper_name):
        condition = (Entity.number == entity.number) if entity.number else \
            Entity.proper_name.startswith((entity.proper_name or "")[:4])
    else:
        condition = Entity.name.startswith((entity.name or "")[:4])
    return list(session.scalars(select(Entity).where(Entity.kind == entity.kind, Entity.id != entity.id, condition)
                                .order_by(Entity.documents.desc(), Entity.name, Entity.id).limit(limit)))


def journal(session: Session, entity: Entity, found: list[Mention]) -> list[EntityPin]:
    """The librarians' merges and splits that pinned this entity's rows, newest first."""
    keys = {(m.document_id, m.record_key) for m in found}
    pins = []
    for chunk in chunks(sorted({m.document_id for m in found})):
        pins += [p for p in session.scalars(select(EntityPin).where(EntityPin.kind == entity.kind,
                                                                    EntityPin.document_id.in_(chunk)))
                 if (p.document_id, p.record_key) in keys]
    return sorted(pins, key=lambda p: (p.pinned_at, p.id), reverse=True)
