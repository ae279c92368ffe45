"""A librarian's merges and splits of entities. Each pins the records it moves
(``entity_pins``: label, who, when; records are named by document and record
key, which survive reprocessing), so ``relink`` keeps them as decided, and
applies at once: the rows get their entity, entities no row needs are deleted,
the others recomputed."""
from __future__ import annotations

import uuid
from typing import Optional

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from registry.entities import KINDS, entity_values, load_rows
from registry.entity_models import Entity, EntityPin
from registry.models import utcnow
from registry.sync import same
from schemas.errors import ReestrError


class EntityEditError(ReestrError):
    """A merge or split that cannot be done: unknown entities, mixed kinds, no rows."""
    code = "E410"


def pin(session: Session, kind: str, rows: list[dict], label: str, action: str, by: Optional[str]) -> None:
    now = utcnow()
    for row in rows:
        found = session.scalar(select(EntityPin).where(EntityPin.kind == kind, EntityPin.document_id == row["document_id"],
                                                       EntityPin.record_key == row["record_key"]))
        if found is None:
            session.add(EntityPin(kind=kind, document_id=row["document_id"], record_key=row["record_key"],
                                  label=label, action=action, pinned_by=by, pinned_at=now))
        else:
            found.label, found.action, found.pinned_by, found.pinned_at = label, action, by, now
    session.flush()


def refresh(session: Session, kind: str, entity_id: int) -> None:
    """An entity's values from its rows again (deleted when it has none)."""
    model = KINDS[kind]
    rows = [r for r in load_rows(session, kind, model.entity_id == entity_id) if r["review_state"] != "rejected"]
    if not rows:
        session.execute(delete(Entity).where(Entity.id == entity_id))
        return
    entity = session.get(Entity, entity_id)
    changed = {k: v for k, v in entity_values(kind, rows).items() if not same(getattr(entity, k), v)}
    if changed:
        session.execute(update(Entity).where(Entity.id == entity_id).values(**changed, updated_at=utcnow()))


def entities_of(session: Session, ids: list[int]) -> tuple[str, list[Entity]]:
    found = list(session.scalars(select(Entity).where(Entity.id.in_(ids))))
    missing = sorted(set(ids) - {e.id for e in found})
    if missing:
        raise EntityEditError(f"no entity {', '.join(map(str, missing))}")
    kinds = {e.kind for e in found}
    if len(kinds) != 1:
        raise EntityEditError(f"entities of different kinds cannot be merged: {', '.join(sorted(kinds))}")
    return kinds.pop(), found


def merge(engine: Engine, ids: list[int], by: Optional[str] = None) -> int:
    """Make entities one (the smallest id stays); returns its id."""
    if len(set(ids)) < 2:
        raise EntityEditError("a merge needs two entities or more")
    with Session(engine) as session, session.begin():
        kind, _ = entities_of(session, ids)
        model = KINDS[kind]
        keep = min(ids)
        rows = load_rows(session, kind, model.entity_id.in_(ids))
        pin(session, kind, rows, f"merge-{uuid.uuid4().hex[:16]}", "merge", by)
        session.execute(update(model.__table__).where(model.entity_id.in_(ids), model.entity_id != keep)
                        .values(entity_id=keep, updated_at=utcnow()))
        for entity_id in sorted(set(ids)):
            refresh(session, kind, entity_id)
    return keep


def split(engine: Engine, entity_id: int, row_ids: list[int], by: Optional[str] = None) -> int:
    """Move some rows of an entity to a new entity of their own; returns its id."""
    with Session(engine) as session, session.begin():
        kind, (entity,) = entities_of(session, [entity_id])
        model = KINDS[kind]
        rows = load_rows(session, kind, model.entity_id == entity_id)
        moving = [r for r in rows if r["id"] in set(row_ids)]
        staying = [r for r in rows if r["id"] not in set(row_ids)]
        if not moving or not staying or len(moving) != len(set(row_ids)):
            raise EntityEditError(f"a split needs some, not all, of the rows of entity {entity_id}")
        label = uuid.uuid4().hex[:16]
        pin(session, kind, staying, f"split-{label}-a", "split", by)
        pin(session, kind, moving, f"split-{label}-b", "split", by)
        now = utcnow()
        new = Entity(kind=kind, created_at=now, updated_at=now, **entity_values(kind, moving))
        session.add(new)
        session.flush()
        session.execute(update(model.__table__).where(model.id.in_([r["id"] for r in moving]))
                        .values(entity_id=new.id, updated_at=now))
        refresh(session, kind, entity_id)
        return new.id
