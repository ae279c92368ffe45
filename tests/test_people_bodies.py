"""people: a person in brackets after a body answers for it (organisation = the body
in the nominative, no position), surname-only brackets included."""
from __future__ import annotations

import pytest
from test_people import by_surname, nlp, records  # noqa: F401  (nlp is a fixture)

BODIES = [
    ("2.Главному управлению образования Тверской области (Лодыгина Е.Е.) организовать конкурс.",
     "Лодыгина", "Главное управление образования Тверской области"),
    ("5.Контроль возложить на постоянную комиссию по образованию (Мезенцева Е.А.).",
     "Мезенцева", "постоянная комиссия по образованию"),
    ("1. Департаменту социального развития\nадминистрации города (Суворкин С.А.)\nобеспечить "
     "набор.", "Суворкин", "Департамент социального развития администрации города"),
    ("3. Управлению делами администрации области (Рябинину) выделить средства.", "Рябинин",
     "Управление делами администрации области"),
    ("3. Отделу образования (Шилов) обеспечить подвоз.", "Шилов", "Отдел образования"),
    ("4. Краевому государственному образовательному учреждению «Центр юных техников» "
     "(Глебова Н.Ю.) провести конкурс.", "Глебова", "Центр юных техников"),
]


@pytest.mark.parametrize("text,surname,organization", BODIES)
def test_people_bodies_bracketed_person_answers_for_body(nlp, text, surname, organization):
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization) == (None, organization)


def test_people_bodies_title_before_bracket_is_a_position(nlp):
    text = "2. Заместителю директора по УВР (Кошкина П.П.) составить расписание."
    person = by_surname(records(nlp, text))["Кошкина"]
    assert person.position == "заместитель директора по УВР"


def test_people_bodies_bracketed_surname_alone_is_no_person(nlp):
    assert records(nlp, "Об этом писал автор (Петров) в своей книге.") == []


SCHOOL_AFTER = [
    ("Высший балл получили Олег Рябинин, Пётр Сазонов из гимназии №12.",
     {"Рябинин": "гимназия №12", "Сазонов": "гимназия №12"}),
    ("Сто баллов у выпускницы Анны Зориной (школа №41).", {"Зорина": "школа №41"}),
    ("Пришёл Олег Рябинин из Москвы.", {"Рябинин": None}),
]


@pytest.mark.parametrize("text,organizations", SCHOOL_AFTER)
def test_people_bodies_school_right_after_name(nlp, text, organizations):
    found = by_surname(records(nlp, text))
    assert {s: found[s].organization for s in organizations} == organizations


def test_people_bodies_employer_only_apposition(nlp):
    text = "Победители конкурса:\n1 место – Журавлёва Марина, МБОУ Гимназия, рук. Ковалёва Т.А.;\n"
    person = by_surname(records(nlp, text))["Журавлёва"]
    assert (person.first_name, person.initials, person.organization) == (
        "Марина", "М.", "МБОУ Гимназия")


def test_people_bodies_school_namesake_is_no_person(nlp):
    text = ("Выступила директор средней школы имени генерал-майора П. Р. Лисицына Анна "
            "Рябцева.")
    assert "Лисицына" not in by_surname(records(nlp, text))


ORGANIZES = [
    ("2. Отделу образования (Шилова Н.Ю.) провести в мае районный конкурс чтецов.", ["organizer"]),
    ("2. Отделу образования (Шилова Н.Ю.) выделить средства на премии.", []),
]


@pytest.mark.parametrize("text,roles", ORGANIZES)
def test_people_bodies_body_told_to_hold_event_organizes(nlp, text, roles):
    assert by_surname(records(nlp, text))["Шилова"].event_roles == roles


def test_people_bodies_body_stops_at_previous_bracket_and_infinitive(nlp):
    text = "2. Управлению делами (Ломакину) выделить комитету по культуре (Рябинину) премии."
    found = by_surname(records(nlp, text))
    assert (found["Ломакин"].organization, found["Рябинин"].organization) == (
        "Управление делами", "комитет по культуре")


def test_people_bodies_person_after_school_namesake(nlp):
    text = ("В форуме приняли участие директор Озёрной средней школы имени генерал-майора "
            "П. Р. Лисицына Анна Рябцева и другие.")
    person = by_surname(records(nlp, text))["Рябцева"]
    assert (person.position, person.organization) == (
        "директор", "Озёрная средняя школа имени генерал-майора П. Р. Лисицына")
