"""registry.entity_link: which rows are one school or one person (Splink, DuckDB),
measured on a generated archive with known entities (tests/entity_archive.py)."""
from __future__ import annotations

import pytest

from entity_archive import archive, pairwise
from registry.entity_link import clusters, person_frame, school_frame


@pytest.fixture(scope="module")
def generated():
    return archive(seed=7)


def test_entity_link_schools_precision_and_recall_at_least_095(generated) -> None:
    schools, _ = generated
    precision, recall = pairwise(schools, clusters(school_frame(schools), "school"))
    assert precision >= 0.95 and recall >= 0.95


def test_entity_link_people_precision_and_recall_at_least_095(generated) -> None:
    _, people = generated
    precision, recall = pairwise(people, clusters(person_frame(people), "person"))
    assert precision >= 0.95 and recall >= 0.95


def test_entity_link_same_number_in_two_towns_is_two_schools() -> None:
    rows = [dict(id=1, mention="МБОУ СОШ № 3 г. Тамбова", region="Тамбовская область"),
            dict(id=2, mention="средней школы № 3 города Тамбова", region="Тамбовская область"),
            dict(id=3, mention="МБОУ СОШ № 3 г. Мичуринска", region="Тамбовская область")]
    found = clusters(school_frame(rows), "school")
    assert found[1] == found[2] != found[3]


def test_entity_link_school_name_variants_are_one_school() -> None:
    rows = [dict(id=1, mention="МБОУ «Ольховская ООШ»", region="Ивановская область"),
            dict(id=2, mention="Ольховская основная общеобразовательная школа", region="Ивановская область"),
            dict(id=3, mention="МБОУ «Ольховская основная общеобразовательная школа»", region="Ивановская область")]
    assert len(set(clusters(school_frame(rows), "school").values())) == 1


def test_entity_link_initials_namesakes_in_two_regions_are_two_people() -> None:
    rows = [dict(id=1, surname="Иванова", initials="И.И.", region="Тамбовская область"),
            dict(id=2, surname="Иванова", initials="И. И.", region="Костромская область")]
    found = clusters(person_frame(rows), "person")
    assert found[1] != found[2]


def test_entity_link_full_name_ties_two_regions() -> None:
    rows = [dict(id=1, surname="Иванова", first_name="Ирина", patronymic="Ивановна", region="Тамбовская область"),
            dict(id=2, surname="Ивановой", first_name="Ирины", patronymic="Ивановны", region="Костромская область")]
    found = clusters(person_frame(rows), "person")
    assert found[1] == found[2]


def test_entity_link_name_forms_of_one_person_are_one() -> None:
    rows = [dict(id=1, surname="Белогоров", initials="Д.А.", region="Ивановская область"),
            dict(id=2, surname="Белогоров", initials="Д. А.", region="Ивановская область"),
            dict(id=3, surname="Белогоров", first_name="Дмитрий", patronymic="Александрович",
                 region="Ивановская область")]
    assert len(set(clusters(person_frame(rows), "person").values())) == 1


def test_entity_link_empty_frame_has_no_clusters() -> None:
    assert clusters(school_frame([]), "school") == {}
