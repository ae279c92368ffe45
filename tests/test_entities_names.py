"""Entity display names (registry/entity_names.py) on SQLite and a real
PostgreSQL: invented schools, people and organisations written in oblique cases
across several documents get their canonical nominative name, the same name
whatever order the rows come in, and ``relink`` puts it on an existing registry
whose entity still has a name as written."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import models as m
from registry.entities import relink
from registry.entity_models import Entity
from registry.entity_names import organization_name, person_name, school_name
from review_support import empty_registry
from test_entities_relink import add_document

REGION = "Энская область"
# An invented school as five documents write it (as the extractor stores them:
# a mention as written; the fields in the nominative, or none for rows written by hand).
KLENOVOBOR = [dict(mention="Кленовоборской основной общеобразовательной школы"),
              dict(mention="МБОУ «Кленовоборская ООШ»", type="ООШ", name="Кленовоборская"),
              dict(mention="Кленовоборской ООШ", type="ООШ", name="Кленовоборская"),
              dict(mention="Кленовоборской основной школе"),
              dict(mention="муниципального бюджетного общеобразовательного учреждения "
                           "«Кленовоборская основная общеобразовательная школа»")]
NUMBERED = [dict(mention="средней общеобразовательной школы № 14 г. Зареченска"),
            dict(mention="МБОУ СОШ № 14 г. Зареченска"),
            dict(mention="СОШ № 14 г. Зареченска", type="СОШ", number="14", locality="г. Зареченск")]


@pytest.fixture(params=["sqlite", "postgresql"])
def registry(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    yield engine
    engine.dispose()


def add_documents(engine, people=(), schools=(), organizations=()) -> None:
    """One document per row given, in one region (so the rows can be one entity)."""
    rows = [("people", r) for r in people] + [("schools", r) for r in schools] + [
        ("organizations", r) for r in organizations]
    for number, (table, row) in enumerate(rows, start=1):
        if table == "organizations":
            document_id = add_document(engine, number, REGION, dt.date(2025, 1, number))
            with Session(engine) as session, session.begin():
                session.add(m.OrganizationRow(document_id=document_id, idx=0, record_key="@o0", **row))
        else:
            add_document(engine, number, REGION, dt.date(2025, 1, number), **{table: [row]})


def names(engine, kind: str) -> list[str]:
    with Session(engine) as session:
        return sorted(session.scalars(select(Entity.name).where(Entity.kind == kind)))


def test_entities_names_school_in_oblique_cases_is_named_in_the_nominative(registry) -> None:
    add_documents(registry, schools=KLENOVOBOR)
    relink(registry)
    assert names(registry, "school") == ["Кленовоборская ООШ"]


def test_entities_names_numbered_school_has_its_number_and_town_in_the_nominative(registry) -> None:
    add_documents(registry, schools=NUMBERED)
    relink(registry)
    assert names(registry, "school") == ["СОШ № 14 г. Зареченск"]


def test_entities_names_person_is_named_by_the_fullest_variant(registry) -> None:
    add_documents(registry, people=[dict(surname="Ветлугин", initials="Е.Р."),
                                    dict(surname="Ветлугин", initials="Е. Р."),
                                    dict(surname="Ветлугин", first_name="Евграф", patronymic="Ростиславович")])
    relink(registry)
    assert names(registry, "person") == ["Ветлугин Евграф Ростиславович"]


def test_entities_names_person_known_by_initials_is_surname_and_initials(registry) -> None:
    add_documents(registry, people=[dict(surname="Ветлугина", initials="Е.Р."),
                                    dict(surname="Ветлугина", first_name="Е.", patronymic="Р.")])
    relink(registry)
    assert names(registry, "person") == ["Ветлугина Е.Р."]


def test_entities_names_organization_takes_its_most_frequent_nominative_name(registry) -> None:
    add_documents(registry, organizations=[dict(name="Институт развития образования Энской области"),
                                           dict(name="ГАУ ДПО «Институт развития образования Энской области»"),
                                           dict(name="Институт развития образования Энской области")])
    relink(registry)
    assert names(registry, "organization") == ["Институт развития образования Энской области"]


def test_entities_names_relink_renames_an_entity_named_as_written(registry) -> None:
    add_documents(registry, schools=KLENOVOBOR)
    relink(registry)
    with Session(registry) as session, session.begin():  # a registry linked before display names were canonical
        session.execute(update(Entity).values(name="Кленовоборской основной общеобразовательной школы"))
    relink(registry)
    assert names(registry, "school") == ["Кленовоборская ООШ"]


def rows_of(variants: list[dict]) -> list[dict]:
    return [dict(row, id=i) for i, row in enumerate(variants)]


def test_entities_names_school_name_does_not_depend_on_row_order() -> None:
    rows = rows_of([dict(mention="Кленоборской ООШ", type="ООШ", name="Кленоборская"),  # a typo, as often
                    dict(mention="Кленовоборской ООШ", type="ООШ", name="Кленовоборская")])
    assert school_name(rows) == school_name(rows[::-1]) == "Кленовоборская ООШ"


def test_entities_names_person_name_does_not_depend_on_row_order() -> None:
    rows = rows_of([dict(surname="Ветлугин", first_name="Евграф", patronymic="Ростиславович"),
                    dict(surname="Ветлугин", first_name="Евграф", patronymic="Ростиславовичь")])
    assert person_name(rows, "Е.Р.")[0] == person_name(rows[::-1], "Е.Р.")[0]


def test_entities_names_organization_name_does_not_depend_on_row_order() -> None:
    rows = rows_of([dict(name="Центр оценки качества"), dict(name="Центр оценки качеств")])
    assert organization_name(rows) == organization_name(rows[::-1])


@pytest.mark.parametrize("rows, expected", [
    ([dict(mention="МБОУ «Гимназия им. Н.И. Ветлугина»", type="гимназия", name="им. Н.И. Ветлугина",
           honorific="им. Н.И. Ветлугина")], "Гимназия им. Н.И. Ветлугина"),
    ([dict(mention="МКОУ «Кленовоборская СОШ им. Е.Р. Ветлугина»", type="СОШ",
           name="Кленовоборская им. Е.Р. Ветлугина", honorific="им. Е.Р. Ветлугина")],
     "Кленовоборская СОШ им. Е.Р. Ветлугина"),
    ([dict(mention="Лицей «Созвездие»", type="лицей", name="Созвездие")], "Лицей «Созвездие»"),
    ([dict(mention="лицея № 2 г. Зареченска", type="лицей", number="2", locality="г. Зареченск")],
     "Лицей № 2 г. Зареченск"),
])
def test_entities_names_school_parts_are_in_the_usual_order(rows, expected) -> None:
    assert school_name(rows_of(rows)) == expected
