"""Linking new rows to the entities already there, without relinking the registry.

``link_new`` takes the rows no entity holds yet (a newly ingested document's,
say), finds the entities they could belong to by their keys (same surname
stem; same school number, or the same start or end of the proper name), and
clusters the new rows with those entities' rows (registry/entity_link.py). A
new row joins the entity its cluster holds (the one with most rows there, if
the cluster spans several: merging entities is ``relink``'s business), or a new
entity; only the touched entities are recomputed. Work grows with the new rows
and their candidates, not with the registry.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, bindparam, insert, or_, select, update
from sqlalchemy.orm import Session

from registry.entities import KINDS, LinkSummary, entity_values, group, load_rows
from registry.entity_keys import organization_key, person_key, school_key
from registry.entity_models import Entity
from registry.models import utcnow
from registry.sync import same


CHUNK = 200  # conditions per candidate query: SQLite refuses an expression over 1000 deep


def candidate_conditions(kind: str, rows: list[dict[str, Any]]) -> list[Any]:
    """Conditions on entities of ``kind`` that may hold one of ``rows`` (keys:
    registry.entities), one per distinct stem, number or name end, not per row."""
    if kind == "person":
        stems = {person_key(r["surname"], r.get("first_name"), r.get("patronymic"), r.get("initials")).surname[:3]
                 for r in rows}
        return [Entity.key.startswith(stem) for stem in sorted(s for s in stems if s)]
    if kind == "school":
        numbers, starts, ends = set(), set(), set()
        for r in rows:
            key = school_key(r.get("mention"), type=r.get("type"), number=r.get("number"), name=r.get("name"),
                             locality=r.get("locality"))
            if key.number:
                numbers.add(key.number)
            if key.name:
                starts.add(key.name[:4])
                ends.add(key.name[-6:])
        ordered = sorted(numbers)
        return ([Entity.number.in_(ordered[i:i + CHUNK]) for i in range(0, len(ordered), CHUNK)]
                + [Entity.proper_name.startswith(s) for s in sorted(starts)]
                + [Entity.proper_name.endswith(e) for e in sorted(ends)])
    keys = sorted({organization_key(r.get("name"), r.get("abbreviation")) for r in rows})
    return [Entity.key.in_(keys[i:i + CHUNK]) for i in range(0, len(keys), CHUNK)]


def candidate_ids(session: Session, kind: str, rows: list[dict[str, Any]]) -> list[int]:
    """Ids of the entities ``candidate_conditions`` admits, asked CHUNK conditions at a time."""
    conditions = candidate_conditions(kind, rows)
    found: set[int] = set()
    for i in range(0, len(conditions), CHUNK):
        found.update(session.scalars(select(Entity.id).where(Entity.kind == kind, or_(*conditions[i:i + CHUNK]))))
    return sorted(found)


def link_kind(session: Session, kind: str) -> LinkSummary:
    model = KINDS[kind]
    summary = LinkSummary(kind)
    new = load_rows(session, kind, and_(model.entity_id.is_(None), model.review_state != "rejected"))
    if not new:
        return summary
    candidates = candidate_ids(session, kind, new)
    known = load_rows(session, kind, model.entity_id.in_(candidates)) if candidates else []
    known = [r for r in known if r["review_state"] != "rejected"]
    now = utcnow()
    touched: set[int] = set()
    moves = []
    for members in group(kind, new + known):
        fresh = [r for r in members if r["entity_id"] is None]
        if not fresh:
            continue
        held = [r["entity_id"] for r in members if r["entity_id"] is not None]
        if held:
            entity_id = max(set(held), key=lambda e: (held.count(e), -e))
            touched.add(entity_id)
        else:
            entity_id = session.execute(insert(Entity).values(kind=kind, created_at=now, updated_at=now,
                                                              **entity_values(kind, fresh))
                                        .returning(Entity.id)).scalar_one()
            summary.created += 1
        moves += [{"rid": r["id"], "eid": entity_id} for r in fresh]
    table = model.__table__
    session.execute(update(table).where(table.c.id == bindparam("rid"))
                    .values(entity_id=bindparam("eid"), updated_at=now), moves)
    for entity in session.scalars(select(Entity).where(Entity.id.in_(touched))):
        rows = [r for r in load_rows(session, kind, model.entity_id == entity.id) if r["review_state"] != "rejected"]
        values = entity_values(kind, rows)
        changed = {k: v for k, v in values.items() if not same(getattr(entity, k), v)}
        if changed:
            session.execute(update(Entity).where(Entity.id == entity.id).values(**changed, updated_at=now))
    summary.rows, summary.entities, summary.relinked_rows = len(new), len(touched) + summary.created, len(moves)
    return summary


def link_new(engine: Engine, kinds: tuple[str, ...] = tuple(KINDS)) -> list[LinkSummary]:
    """Link the rows no entity holds yet, one transaction per kind."""
    summaries = []
    for kind in kinds:
        with Session(engine) as session, session.begin():
            summaries.append(link_kind(session, kind))
    return summaries
