"""registry.entity_incremental.link_new: a new document's rows join the
entities already there, without relinking (or rewriting) the rest."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from registry import models as m
from registry.entities import relink
from registry.entity_incremental import link_new
from registry.entity_models import Entity
from test_entities_relink import add_document, archive, db  # noqa: F401  (fixtures)


def row_of(db, model, document_id: str):
    with Session(db) as session:
        return session.scalars(select(model).where(model.document_id == document_id).order_by(model.id)).all()


def entity(db, entity_id: int) -> Entity:
    with Session(db) as session:
        return session.get(Entity, entity_id)


def stamps(db) -> dict:
    with db.connect() as conn:
        return {(t, i): at for t in ("people", "schools") for i, at in conn.execute(text(f"SELECT id, updated_at FROM {t}"))}


def test_entities_incremental_new_document_joins_existing_entities(archive) -> None:
    relink(archive)
    document_id = add_document(archive, 3, "Ивановская область", dt.date(2025, 9, 1),
                               people=[dict(surname="Белогоров", initials="Д. А.")],
                               schools=[dict(mention="Ольховской основной школы")])
    link_new(archive)
    (person,) = row_of(archive, m.PersonRow, document_id)
    (school,) = row_of(archive, m.SchoolRow, document_id)
    assert row_of(archive, m.PersonRow, f"{1:064x}")[0].entity_id == person.entity_id
    assert row_of(archive, m.SchoolRow, f"{1:064x}")[0].entity_id == school.entity_id
    assert (entity(archive, person.entity_id).documents, entity(archive, person.entity_id).last_seen) == (
        3, dt.date(2025, 9, 1))


def test_entities_incremental_leaves_other_rows_alone(archive) -> None:
    relink(archive)
    before = stamps(archive)
    add_document(archive, 3, "Ивановская область", dt.date(2025, 9, 1),
                 people=[dict(surname="Белогоров", initials="Д. А.")])
    link_new(archive)
    after = stamps(archive)
    assert {key: at for key, at in after.items() if key in before} == before


def test_entities_incremental_school_in_a_new_town_is_a_new_entity(archive) -> None:
    relink(archive)
    document_id = add_document(archive, 3, "Тамбовская область", dt.date(2025, 9, 1),
                               schools=[dict(mention="МБОУ СОШ № 3 г. Кирсанова")])
    summaries = {s.kind: s for s in link_new(archive)}
    (school,) = row_of(archive, m.SchoolRow, document_id)
    assert summaries["school"].created == 1 and entity(archive, school.entity_id).locality == "кирсанов"


def test_entities_incremental_nothing_new_writes_nothing(archive) -> None:
    relink(archive)
    before = stamps(archive)
    summaries = link_new(archive)
    assert stamps(archive) == before and sum(s.relinked_rows + s.created for s in summaries) == 0


def test_entities_incremental_links_a_large_first_batch(archive) -> None:
    """Hundreds of new schools and people at once (a first ingest of a big
    folder): the candidate lookup must not become one condition per row, which
    SQLite refuses beyond an expression depth of 1000."""
    relink(archive)
    letters = "БВГДЖЗКЛМНПРСТФХЦЧШЩ"
    names = [a + b + c for a in letters for b in "аоуие" for c in letters][:900]
    document_id = add_document(
        archive, 3, "Ивановская область", dt.date(2025, 9, 1),
        people=[dict(surname=f"{n.capitalize()}ов", initials="А. Б.") for n in names[:400]],
        schools=[dict(mention=f"МБОУ «{n.capitalize()}ская СОШ № {i}»", number=str(i), name=f"{n.capitalize()}ская",
                      type="СОШ") for i, n in enumerate(names, start=100)])
    summaries = {s.kind: s for s in link_new(archive)}
    assert summaries["school"].rows == 900 and summaries["person"].rows == 400
    assert all(r.entity_id is not None for r in row_of(archive, m.SchoolRow, document_id))
