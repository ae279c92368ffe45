"""Canonical entities across the registry: ``relink`` ties every row of
``people``, ``schools`` and ``organizations`` to an entity (registry/entity_models.py).

People and schools are clustered by registry/entity_link.py (Splink);
organisations by their normalised key alone. A rejected record is tied to no
entity. Entity ids are stable: a cluster keeps the id most of its rows already
had, so relinking what did not change writes no row (same ids, same
``updated_at``); a changed ``entity_id`` or entity attribute updates that row
alone, and an entity no row points at any more is deleted (leaving a tombstone).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Optional

from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from registry.entity_keys import organization_key, person_key, school_key
from registry.entity_link import clusters, person_frame, school_frame
from registry.entity_models import Entity
from registry.entity_names import organization_name, person_name, school_name
from registry.models import EventRow, OrganizationRow, PersonRow, SchoolRow, utcnow
from registry.sync import same

KINDS = {"person": PersonRow, "school": SchoolRow, "organization": OrganizationRow}
FIELDS = {"person": ("surname", "first_name", "patronymic", "initials", "gender", "position", "organization"),
          "school": ("mention", "type", "number", "name", "honorific", "locality"),
          "organization": ("name", "abbreviation")}
ENTITY_COLUMNS = [c for c in Entity.__table__.columns.keys() if c not in ("id", "kind", "created_at", "updated_at")]


@dataclass
class LinkSummary:
    kind: str
    rows: int = 0
    entities: int = 0
    created: int = 0
    deleted: int = 0
    relinked_rows: int = 0


def document_context(session: Session, document_ids: Optional[set[str]] = None
                     ) -> dict[str, tuple[Optional[str], Optional[str], Optional[dt.date]]]:
    """document id -> (region, municipality, date) of its (first) event."""
    found: dict[str, tuple] = {}
    query = select(EventRow.document_id, EventRow.region, EventRow.municipality, EventRow.date_start)
    if document_ids is not None:
        query = query.where(EventRow.document_id.in_(document_ids))
    for document_id, region, municipality, start in session.execute(query.order_by(EventRow.id)):
        found.setdefault(document_id, (region, municipality, start))
    return found


def load_rows(session: Session, kind: str, where: Any = None) -> list[dict[str, Any]]:
    """The rows of a kind (those matching ``where``), with their document's region, municipality and date."""
    model = KINDS[kind]
    columns = [model.id, model.document_id, model.record_key, model.entity_id, model.review_state] + [
        getattr(model, name) for name in FIELDS[kind]]
    query = select(*columns).order_by(model.id)
    rows = [dict(row) for row in session.execute(query if where is None else query.where(where)).mappings()]
    context = document_context(session, None if where is None else {r["document_id"] for r in rows})
    for row in rows:
        row["region"], row["municipality"], row["date"] = context.get(row["document_id"], (None, None, None))
    return rows


def most_common(values: list[Any]) -> Any:
    found = [v for v in values if v not in (None, "")]
    return Counter(found).most_common(1)[0][0] if found else None


def person_values(rows: list[dict[str, Any]]) -> dict[str, Any]:
    keys = Counter(person_key(r["surname"], r.get("first_name"), r.get("patronymic"), r.get("initials"))
                   for r in rows)
    key = keys.most_common(1)[0][0]
    latest = sorted(rows, key=lambda r: (r["date"] or dt.date.min, r["id"]))
    initials = (f"{key.first_initial.upper()}.{key.patronymic_initial.upper()}." if key.patronymic_initial
                else f"{key.first_initial.upper()}." if key.first_initial else None)
    name, surname, first_name, patronymic = person_name(rows, initials)
    return {"name": name, "key": f"{key.surname}|{key.first_initial}|{key.patronymic_initial}",
            "surname": surname, "first_name": first_name, "patronymic": patronymic,
            "initials": initials, "gender": most_common([r.get("gender") for r in rows]),
            "position": next((r["position"] for r in reversed(latest) if r.get("position")), None),
            "organization": next((r["organization"] for r in reversed(latest) if r.get("organization")), None)}


def school_values(rows: list[dict[str, Any]]) -> dict[str, Any]:
    keys = Counter(school_key(r.get("mention"), type=r.get("type"), number=r.get("number"), name=r.get("name"),
                              locality=r.get("locality")) for r in rows)
    key = keys.most_common(1)[0][0]
    return {"name": school_name(rows),
            "key": f"{key.type or ''}|{key.number or ''}|{key.name}|{key.locality}",
            "school_type": key.type, "number": key.number, "proper_name": key.name or None,
            "locality": key.locality or None, "municipality": most_common([r["municipality"] for r in rows])}


def organization_values(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": organization_name(rows),
            "key": organization_key(rows[0].get("name"), rows[0].get("abbreviation"))}


def organization_clusters(rows: list[dict[str, Any]]) -> dict[int, Any]:
    return {r["id"]: organization_key(r.get("name"), r.get("abbreviation")) or f"#{r['id']}" for r in rows}


VALUES: dict[str, Callable[[list[dict[str, Any]]], dict[str, Any]]] = {
    "person": person_values, "school": school_values, "organization": organization_values}


def group(kind: str, rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The rows of each entity, a cluster per list."""
    if kind == "organization":
        found = organization_clusters(rows)
    else:
        found = clusters((person_frame if kind == "person" else school_frame)(rows), kind)
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(found.get(row["id"], ("row", row["id"])), []).append(row)
    return list(groups.values())


def pinned(groups: list[list[dict[str, Any]]], pins: dict[tuple[str, str], str]) -> list[list[dict[str, Any]]]:
    """Groups with a librarian's merges and splits applied: records pinned to
    one label form one group whatever the model says; an unpinned record goes
    with the label most pinned records of its cluster have."""
    if not pins:
        return groups
    labelled: dict[str, list[dict[str, Any]]] = {}
    out = []
    for members in groups:
        labels = Counter(pins[(r["document_id"], r["record_key"])] for r in members
                         if (r["document_id"], r["record_key"]) in pins)
        if not labels:
            out.append(members)
            continue
        usual = labels.most_common(1)[0][0]
        for row in members:
            labelled.setdefault(pins.get((row["document_id"], row["record_key"]), usual), []).append(row)
    return out + list(labelled.values())


def pins_of(session: Session, kind: str) -> dict[tuple[str, str], str]:
    from registry.entity_models import EntityPin

    return {(d, k): label for d, k, label in session.execute(
        select(EntityPin.document_id, EntityPin.record_key, EntityPin.label).where(EntityPin.kind == kind))}


def entity_values(kind: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    dates = [r["date"] for r in rows if r["date"] is not None]
    values = dict.fromkeys(ENTITY_COLUMNS)
    values.update(VALUES[kind](rows), region=most_common([r["region"] for r in rows]),
                  documents=len({r["document_id"] for r in rows}),
                  first_seen=min(dates) if dates else None, last_seen=max(dates) if dates else None)
    return values


def assign_ids(groups: list[list[dict[str, Any]]]) -> list[Optional[int]]:
    """The entity id each group keeps: the one most of its rows had, biggest groups first."""
    taken: set[int] = set()
    chosen: list[Optional[int]] = [None] * len(groups)
    for at in sorted(range(len(groups)), key=lambda i: -len(groups[i])):
        votes = Counter(r["entity_id"] for r in groups[at] if r["entity_id"] is not None and r["entity_id"] not in taken)
        if votes:
            chosen[at] = votes.most_common(1)[0][0]
            taken.add(chosen[at])
    return chosen


def relink_kind(session: Session, kind: str) -> LinkSummary:
    model = KINDS[kind].__table__
    summary = LinkSummary(kind)
    rows = load_rows(session, kind)
    live = [r for r in rows if r["review_state"] != "rejected"]
    groups = pinned(group(kind, live), pins_of(session, kind))
    ids = assign_ids(groups)
    stored = {e.id: e for e in session.scalars(select(Entity).where(Entity.kind == kind))}
    now = utcnow()
    wanted: dict[int, Optional[int]] = {r["id"]: None for r in rows}
    for members, entity_id in zip(groups, ids):
        values = entity_values(kind, members)
        entity = stored.get(entity_id) if entity_id is not None else None
        if entity is None:
            entity_id = session.execute(insert(Entity).values(kind=kind, created_at=now, updated_at=now, **values)
                                        .returning(Entity.id)).scalar_one()
            summary.created += 1
        else:
            changed = {k: v for k, v in values.items() if not same(getattr(entity, k), v)}
            if changed:
                session.execute(update(Entity).where(Entity.id == entity_id).values(**changed, updated_at=now))
        wanted.update({r["id"]: entity_id for r in members})
    moves = [{"rid": r["id"], "eid": wanted[r["id"]]} for r in rows if r["entity_id"] != wanted[r["id"]]]
    if moves:
        session.execute(update(model).where(model.c.id == bindparam("rid"))
                        .values(entity_id=bindparam("eid"), updated_at=now), moves)
    used = set(wanted.values())
    gone = [entity_id for entity_id in stored if entity_id not in used]
    if gone:
        session.execute(delete(Entity).where(Entity.id.in_(gone)))
    summary.rows, summary.entities = len(live), len(groups)
    summary.deleted, summary.relinked_rows = len(gone), len(moves)
    return summary


def relink(engine: Engine, kinds: tuple[str, ...] = tuple(KINDS)) -> list[LinkSummary]:
    """Link every row of the registry again, one transaction per kind."""
    summaries = []
    for kind in kinds:
        with Session(engine) as session, session.begin():
            summaries.append(relink_kind(session, kind))
    return summaries


def find_entities(engine: Engine, kind: Optional[str] = None, query: Optional[str] = None,
                  limit: int = 50) -> list[Entity]:
    """Entities, most documented first; ``query`` matches the display name as
    written or the normalised key (so «ольховская» finds «Ольховская ООШ»)."""
    from sqlalchemy import or_

    from registry.entity_keys import fold, lemma, words

    statement = select(Entity)
    if kind:
        statement = statement.where(Entity.kind == kind)
    if query:
        lemmas = " ".join(lemma(w) for w in words(query))
        statement = statement.where(or_(Entity.name.contains(query), Entity.key.contains(fold(query)),
                                        Entity.key.contains(lemmas)))
    statement = statement.order_by(Entity.documents.desc(), Entity.name, Entity.id).limit(limit)
    with Session(engine) as session:
        return list(session.scalars(statement))
