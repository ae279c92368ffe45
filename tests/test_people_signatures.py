"""people: signature blocks of orders and approved plans (title lines over the name,
names in capitals, signature gaps, approval stamps) and gender kept across mentions."""
from __future__ import annotations

import pytest
from test_people import by_surname, nlp, records  # noqa: F401  (nlp is a fixture)

ORDER = "1. Утвердить положение о смотре.\n2. Контроль оставляю за собой.\n"

SIGNATURE_TITLES = [
    (ORDER + "Министр\nП.Р. Кольцов", "Кольцов", "министр", None),
    (ORDER + "Министр образования\nПравительства Тверской области\nЕ.Д. Сомова",
     "Сомова", "министр образования", "Правительство Тверской области"),
    (ORDER + "Начальник\nуправления образования Г.Л. Ракитина", "Ракитина",
     "начальник управления образования", None),
    (ORDER + "Глава администрации\nЛесновского района\nО.Е. Пряхин", "Пряхин",
     "глава администрации Лесновского района", None),
    (ORDER + 'Глава муниципального района\n"Озёрный район"\nТ.Т.Мелехов', "Мелехов",
     'глава муниципального района "Озёрный район"', None),
    (ORDER + "Председатель районной Думы Л.С.Грибов", "Грибов",
     "председатель районной Думы", None),
]


@pytest.mark.parametrize("text,surname,position,organization", SIGNATURE_TITLES)
def test_people_signature_title(nlp, text, surname, position, organization):
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization, person.event_roles) == (
        position, organization, ["author"])


CAPS_AND_GAPS = [
    (ORDER + "Глава города\nК.Н.ОСИНЦЕВ", "Осинцев", "глава города"),
    (ORDER + "Глава города Лесногорска   Д.Д. Хорьков", "Хорьков", "глава города Лесногорска"),
]


@pytest.mark.parametrize("text,surname,position", CAPS_AND_GAPS)
def test_people_signature_name_forms(nlp, text, surname, position):
    (person,) = records(nlp, text)
    assert (person.surname, person.position) == (surname, position)


APPROVED = [
    ("УТВЕРЖДАЮ\nДиректор МБОУ СОШ № 4\n______ Н.А. Гладких\nПлан мероприятий\n", "Гладких"),
    ("План работы.\n\nУтверждаю:\nДиректор МОУ ВСОШ\nЗотова Е.Е.\nМероприятия\n", "Зотова"),
]


@pytest.mark.parametrize("text,surname", APPROVED)
def test_people_approval_stamp_makes_author(nlp, text, surname):
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.event_roles) == ("директор", ["author"])


def test_people_title_lines_need_a_signature(nlp):
    text = ("Директор школы\nН.А. Гладких\nпровела педсовет и рассказала о планах на год.\n"
            "Учителя обсудили расписание.\nРодители задали вопросы.\nВстреча длилась час.\n"
            "Следующая встреча пройдёт в мае.\n")
    person = by_surname(records(nlp, text))["Гладких"]
    assert "author" not in person.event_roles


GENDER_ACROSS = [
    ("4. Контроль возложить на начальника МКУ «Центр» Т.Р. Вахрушева.\nВахрушев Т.Р.",
     "Вахрушев"),
    ("Доклад сделал Д.П. Лапшина.\nЛапшина Д.П., учитель.", "Лапшина"),
]


@pytest.mark.parametrize("text,surname", GENDER_ACROSS)
def test_people_gender_from_the_only_form_another_mention_allows(nlp, text, surname):
    (person,) = records(nlp, text)
    assert person.surname == surname


def test_people_signature_after_dotted_line(nlp):
    text = "УТВЕРЖДАЮ\nдиректор МБОУ СОШ № 8\n……..Т.И.Шаповалова\nПлан-график\nмероприятий\n"
    person = by_surname(records(nlp, text))["Шаповалова"]
    assert (person.position, person.organization, person.event_roles) == (
        "директор", "МБОУ СОШ № 8", ["author"])


def test_people_executor_line_under_signature_is_no_author(nlp):
    text = ORDER + "Начальник\nуправления образования Г.Л. Ракитина\nСавельев П.П.\n"
    found = by_surname(records(nlp, text))
    assert (found["Ракитина"].event_roles, found["Савельев"].event_roles) == (["author"], [])
