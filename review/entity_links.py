"""Which entity each person, school and organisation record of a document
belongs to (``entity_id`` on its row, registry/entities.py), for the links
from the document page's record cards to the entity pages (review/cards.py)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.entity_models import ENTITY_TABLES, Entity
from registry.models import OrganizationRow, PersonRow, SchoolRow

MODELS = {"people": PersonRow, "schools": SchoolRow, "organizations": OrganizationRow}


@dataclass(frozen=True)
class EntityLink:
    entity_id: int
    kind: str  # school, person, organization
    name: str  # the entity's display name


def of_document(session: Session, document_id: str) -> dict[tuple[str, str], EntityLink]:
    """(table, record key) -> the entity of that record, for the records that have one."""
    found: dict[tuple[str, str], EntityLink] = {}
    for table, model in MODELS.items():
        query = (select(model.record_key, Entity.id, Entity.name)
                 .join(Entity, Entity.id == model.entity_id)
                 .where(model.document_id == document_id))
        for key, entity_id, name in session.execute(query):
            found[(table, key)] = EntityLink(entity_id, ENTITY_TABLES[table], name or "")
    return found
