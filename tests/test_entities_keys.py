"""registry.entity_keys: the normalised keys entities are linked by."""
from __future__ import annotations

import pytest

from registry.entity_keys import fold, organization_key, person_key, school_key, split_name

OLKHOVSKAYA = ("МБОУ «Ольховская ООШ»", "Ольховская основная общеобразовательная школа",
              "МБОУ «Ольховская основная общеобразовательная школа»", "Ольховской основной школы")


def test_entity_keys_fold_drops_quotes_and_yo() -> None:
    assert fold("«Семёнова»  —  ЁЛКА") == "семенова-елка"


@pytest.mark.parametrize("mention", OLKHOVSKAYA)
def test_entity_keys_school_variants_share_one_key(mention) -> None:
    assert school_key(mention) == school_key(OLKHOVSKAYA[0])


@pytest.mark.parametrize("mention", ["СОШ № 3", "средняя общеобразовательная школа № 3", "средней школы №3",
                                     "муниципального бюджетного общеобразовательного учреждения "
                                     "«Средняя общеобразовательная школа № 3»"])
def test_entity_keys_school_type_synonyms_are_one_type(mention) -> None:
    key = school_key(mention)
    assert (key.type, key.number, key.name) == ("СОШ", "3", "")


def test_entity_keys_school_locality_is_taken_apart_in_the_nominative() -> None:
    assert school_key("МБОУ СОШ №3 г.Мичуринска").locality == school_key("СОШ № 3 города Мичуринск").locality == "мичуринск"


def test_entity_keys_same_number_in_two_towns_differs() -> None:
    assert school_key("СОШ № 3 г. Тамбова") != school_key("СОШ № 3 г. Мичуринска")


def test_entity_keys_extracted_fields_win_over_the_mention() -> None:
    key = school_key("школа № 5", type="СОШ", number="5", locality="г. Курск")
    assert (key.type, key.number, key.locality) == ("СОШ", "5", "курск")


@pytest.mark.parametrize("written", ["Белогоров Д.А.", "Д.А. Белогоров", "Д. А. Белогоров"])
def test_entity_keys_initials_either_side_of_the_surname(written) -> None:
    key = person_key(**split_name(written))
    assert (key.surname, key.first_initial, key.patronymic_initial) == ("белогоров", "д", "а")


@pytest.mark.parametrize("written", ["Дмитрий Александрович Белогоров", "Белогоров Дмитрий Александрович",
                                     "Белогорову Дмитрию Александровичу"])
def test_entity_keys_full_names_in_any_order_and_case(written) -> None:
    key = person_key(**split_name(written))
    assert (key.surname, key.first_name, key.patronymic) == ("белогоров", "дмитрий", "александрович")


def test_entity_keys_feminine_surname_shares_the_masculine_key() -> None:
    assert person_key("Ивановой", "Ирины", "Петровны") == person_key("Иванова", "Ирина", "Петровна")


def test_entity_keys_different_first_initials_differ() -> None:
    assert person_key("Иванова", initials="И.И.") != person_key("Иванова", initials="А.И.")


def test_entity_keys_organization_legal_form_dropped() -> None:
    assert organization_key("ГАУ ДПО «Центр оценки качества образования»") == organization_key(
        "Центр оценки качества образования")
