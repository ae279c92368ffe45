"""registry.entities.relink on a real SQLite registry: rows tied to entities,
stable ids, rejected records left out, entities no row needs deleted."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from registry import models as m
from registry.db import connect
from registry.entities import relink
from registry.entity_models import Entity


@pytest.fixture()
def db(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")


def add_document(db, number: int, region: str, when: dt.date, people=(), schools=()) -> str:
    document_id = f"{number:064x}"
    with Session(db) as session, session.begin():
        session.add(m.Document(id=document_id, source_path=f"in/{number}.txt", status="done", text=f"текст {number}"))
        session.flush()
        session.add(m.EventRow(document_id=document_id, idx=0, record_key="event", region=region, date_start=when))
        for idx, person in enumerate(people):
            session.add(m.PersonRow(document_id=document_id, idx=idx, record_key=f"@p{idx}", **person))
        for idx, school in enumerate(schools):
            session.add(m.SchoolRow(document_id=document_id, idx=idx, record_key=f"@s{idx}", **school))
    return document_id


@pytest.fixture()
def archive(db):
    add_document(db, 1, "Ивановская область", dt.date(2025, 2, 1),
                 people=[dict(surname="Белогоров", initials="Д.А.", position="учитель")],
                 schools=[dict(mention="МБОУ «Ольховская ООШ»", type="ООШ"), dict(mention="МБОУ СОШ № 3 г. Тамбова")])
    add_document(db, 2, "Ивановская область", dt.date(2025, 5, 1),
                 people=[dict(surname="Белогоров", first_name="Дмитрий", patronymic="Александрович",
                              position="директор")],
                 schools=[dict(mention="Ольховская основная общеобразовательная школа", type="ООШ"),
                          dict(mention="МБОУ СОШ № 3 г. Мичуринска")])
    return db


def entity_ids(db, model) -> list:
    with Session(db) as session:
        return list(session.scalars(select(model.entity_id).order_by(model.id)))


def entities(db, kind: str) -> list[Entity]:
    with Session(db) as session:
        return list(session.scalars(select(Entity).where(Entity.kind == kind).order_by(Entity.id)))


def test_entities_relink_ties_name_variants_to_one_entity(archive) -> None:
    relink(archive)
    first, second = entity_ids(archive, m.PersonRow)
    assert first is not None and first == second


def test_entities_relink_keeps_towns_apart(archive) -> None:
    relink(archive)
    saranskaya_1, tambov, saranskaya_2, michurinsk = entity_ids(archive, m.SchoolRow)
    assert saranskaya_1 == saranskaya_2 and len({saranskaya_1, tambov, michurinsk}) == 3


def test_entities_relink_entity_has_span_of_dates_and_latest_position(archive) -> None:
    relink(archive)
    (person,) = entities(archive, "person")
    assert (person.name, person.documents, person.first_seen, person.last_seen, person.position) == (
        "Белогоров Дмитрий Александрович", 2, dt.date(2025, 2, 1), dt.date(2025, 5, 1), "директор")


def test_entities_relink_twice_changes_no_row(archive) -> None:
    relink(archive)
    with archive.connect() as conn:
        before = [tuple(r) for t in ("entities", "people", "schools")
                  for r in conn.execute(text(f"SELECT id, entity_id, updated_at FROM {t}" if t != "entities"
                                             else "SELECT id, key, updated_at FROM entities"))]
    summaries = relink(archive)
    with archive.connect() as conn:
        after = [tuple(r) for t in ("entities", "people", "schools")
                 for r in conn.execute(text(f"SELECT id, entity_id, updated_at FROM {t}" if t != "entities"
                                            else "SELECT id, key, updated_at FROM entities"))]
    assert after == before and sum(s.created + s.deleted + s.relinked_rows for s in summaries) == 0


def test_entities_relink_rejected_record_has_no_entity(archive) -> None:
    with archive.begin() as conn:
        conn.execute(update(m.PersonRow.__table__).where(m.PersonRow.surname == "Белогоров",
                                                         m.PersonRow.initials == "Д.А.").values(review_state="rejected"))
    relink(archive)
    assert entity_ids(archive, m.PersonRow)[0] is None and entities(archive, "person")[0].documents == 1


def test_entities_relink_deletes_an_entity_no_row_needs(archive) -> None:
    relink(archive)
    with archive.begin() as conn:
        conn.execute(text("DELETE FROM schools WHERE mention LIKE '%Мичуринска%'"))
    relink(archive)
    assert [e.locality for e in entities(archive, "school") if e.number == "3"] == ["тамбов"]


def test_entities_relink_export_writes_the_entities(archive, tmp_path) -> None:
    import pandas as pd

    from registry.export import export_tables

    relink(archive)
    export_tables(archive, "csv", tmp_path / "out")
    exported = pd.read_csv(tmp_path / "out" / "entities.csv", dtype=str, keep_default_na=False)
    people = pd.read_csv(tmp_path / "out" / "people.csv", dtype=str, keep_default_na=False)
    assert sorted(exported["kind"]) == ["person", "school", "school", "school"]
    assert set(people["entity_id"]) <= set(exported["id"])


def test_entities_relink_validated_only_export_leaves_machine_entities_out(archive, tmp_path) -> None:
    import pandas as pd

    from registry.export import export_tables

    relink(archive)
    with archive.begin() as conn:
        conn.execute(update(m.PersonRow.__table__).values(review_state="validated"))
    export_tables(archive, "csv", tmp_path / "out", validated_only=True)
    exported = pd.read_csv(tmp_path / "out" / "entities.csv", dtype=str, keep_default_na=False)
    assert list(exported["kind"]) == ["person"]
