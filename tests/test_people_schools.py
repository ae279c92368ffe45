"""people: teachers of the one school a text names work there; with two schools
nothing is guessed."""
from __future__ import annotations

import pytest

import extractors.people as people
from extractors.base import stored_mentions
from test_people import by_surname

FAMILIES = ("layout", "ner", "dates", "geo", "schools", "organizations", "people")


@pytest.fixture(scope="module")
def full_nlp():
    from pipeline.nlp import build_nlp

    return build_nlp(FAMILIES)


def found(nlp, text):
    doc = nlp(text)
    return by_surname(people.build(doc, stored_mentions(doc, "people")))


ONE_SCHOOL = [
    ("В Липовской СШ №2 прошёл день открытых уроков. Уроки дали учителя физики Громова А.А. "
     "и Зимин Б.Б.", "Зимин", "учитель физики", "Липовская СШ №2"),
    ("Педагоги МБОУ СОШ №14 г. Тарска провели семинар. Опытом поделилась заместитель директора "
     "по УВР Котова В.В.", "Котова", "заместитель директора по УВР", "МБОУ СОШ №14 г. Тарска"),
]


@pytest.mark.parametrize("text,surname,position,organization", ONE_SCHOOL)
def test_people_schools_teacher_of_the_only_school(full_nlp, text, surname, position, organization):
    person = found(full_nlp, text)[surname]
    assert (person.position, person.organization) == (position, organization)


NO_GUESS = [
    ("Семинар прошёл в МБОУ СОШ №3 и МБОУ СОШ №5. Выступила учитель химии Котова В.В.", "Котова"),
    ("Совещание в МБОУ СОШ №3. Выступил директор департамента образования Котов В.В.", "Котов"),
]


@pytest.mark.parametrize("text,surname", NO_GUESS)
def test_people_schools_no_guess_without_one_school_post(full_nlp, text, surname):
    assert found(full_nlp, text)[surname].organization is None


def test_people_schools_type_word_of_the_school_in_nominative(full_nlp):
    text = "В гимназии №3 г. Озёрска прошёл семинар. Мастер-класс провела учитель химии Левина М.А."
    assert found(full_nlp, text)["Левина"].organization == "гимназия №3 г. Озёрска"
