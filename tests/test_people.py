"""people family: name shapes, nominative surnames with gender, titles and
employers bound to a person, event roles, one record per person."""
from __future__ import annotations

import pytest
from conftest import assert_grounded

import extractors.people as people
from extractors.base import stored_mentions

PEOPLE_FAMILIES = ("layout", "ner", "people")


@pytest.fixture(scope="module")
def nlp():
    """The real components people reads from (layout, ner) and people itself, so these
    tests do not depend on the state of unrelated families."""
    from pipeline.nlp import build_nlp

    return build_nlp(PEOPLE_FAMILIES)


def records(nlp, text: str):
    doc = nlp(text)
    found = people.build(doc, stored_mentions(doc, "people"))
    for person in found:
        assert assert_grounded(person, text) >= 1
    return found


def by_surname(found) -> dict:
    return {p.surname: p for p in found}


NAME_SHAPES = [
    ("Итоги встречи подвела Лапина О.К.", ("Лапина", "О.К.", None, None)),
    ("С приветствием выступил Р.Т. Гусейнов.", ("Гусейнов", "Р.Т.", None, None)),
    ("Доклад сделала Глебова Е. А.", ("Глебова", "Е.А.", None, None)),
    ("Семинар провела Карпенко-Лозовая М.Д.", ("Карпенко-Лозовая", "М.Д.", None, None)),
    ("Отчёт подписал И.И.Тарасов.", ("Тарасов", "И.И.", None, None)),
    ("Опытом поделился Кулёмин Б.Ф.", ("Кулёмин", "Б.Ф.", None, None)),
    ("Вступительное слово произнесла Мельникова Дарья Олеговна.",
     ("Мельникова", "Д.О.", "Дарья", "Олеговна")),
    ("Вступительное слово произнёс Аркадий Семёнович Мошкин.",
     ("Мошкин", "А.С.", "Аркадий", "Семёнович")),
]


@pytest.mark.parametrize("text,expected", NAME_SHAPES)
def test_people_name_shapes(nlp, text, expected):
    (person,) = records(nlp, text)
    assert (person.surname, person.initials, person.first_name, person.patronymic) == expected


NOMINATIVE = [
    ("Слушали: Воронцову Л.П., директора МБОУ «Ракитинская СОШ».", "Воронцова", "femn"),
    ("Слушали: Воронцова Л.П., директора МБОУ «Ракитинская СОШ».", "Воронцов", "masc"),
    ("Совещание прошло вместе с куратором Белозёровой Н.Г.", "Белозёрова", "femn"),
    ("На фото: момент выступления Н.Г. Белозёрова на секции.", "Белозёров", "masc"),
    ("Заслушали Ковальскую Т.М. о ходе работ.", "Ковальская", "femn"),
    ("Информацию Левитского Р.О. приняли к сведению.", "Левитский", "masc"),
    ("Благодарность объявили Зотовой А.Р., которая подготовила площадку.", "Зотова", "femn"),
    ("Слушали: Шостак Н.Е., которая рассказала о плане.", "Шостак", "femn"),
    ("Совместно с Кравчуком О.Г. подготовлен план.", "Кравчук", "masc"),
    ("Слушали Ткачука Андрея Петровича о графике.", "Ткачук", "masc"),
]


@pytest.mark.parametrize("text,surname,gender", NOMINATIVE)
def test_people_nominative_with_gender(nlp, text, surname, gender):
    (person,) = records(nlp, text)
    assert (person.surname, person.gender) == (surname, gender)


INDECLINABLE = ["Шостак", "Кравец", "Бондаренко", "Долгих", "Кукушкин-Гюго"]


@pytest.mark.parametrize("surname", INDECLINABLE)
def test_people_indeclinable_surnames_stay(nlp, surname):
    (person,) = records(nlp, f"Слушали: {surname} В.В., учителя истории, о проекте.")
    assert person.surname == surname


def test_people_list_in_table_cell(nlp):
    text = ("1.\tКонсультации для школ\tапрель\t<ul style=\"list-style-type: none\"> • Ильина А.А., "
            "Пестов К.М.; • Горина Е.Н.\n")
    found = records(nlp, text)
    assert {(p.surname, p.initials) for p in found} == {
        ("Ильина", "А.А."), ("Пестов", "К.М."), ("Горина", "Е.Н.")}
    assert all(p.event_roles == ["participant"] for p in found)


TITLES = [
    ("Председательствовал: Рыбаков Г.С., директор ГАУ ДПО «Институт развития образования», "
     "региональный координатор проекта.",
     "Рыбаков", "директор", "ГАУ ДПО «Институт развития образования»"),
    ("Затем выступила директор МБОУ «Ольховская СОШ» Фадеева Л.Р.",
     "Фадеева", "директор", "МБОУ «Ольховская СОШ»"),
    ("Н.Н. Юдина, заместитель директора по УВР СОШ № 14, куратор-наставник, представила опыт.",
     "Юдина", "заместитель директора по УВР", "СОШ № 14"),
    ("Слушали: Гаврилову Т.А., заместителя директора МБОУ «Лесная ООШ».",
     "Гаврилова", "заместитель директора", "МБОУ «Лесная ООШ»"),
    ("Вместе с куратором Шемякиной В.В. (учитель математики МАОУ СОШ № 7 г. Твери) прошла встреча.",
     "Шемякина", "учитель математики", "МАОУ СОШ № 7 г. Твери"),
    ("Отчёт представила Сафина Р.Р., проректор по научной работе Уральского института "
     "развития образования.",
     "Сафина", "проректор по научной работе", "Уральский институт развития образования"),
    ("Выступила Тихонова Е.В., начальник отдела общего образования министерства образования "
     "Тверской области.",
     "Тихонова", "начальник отдела общего образования", "министерство образования Тверской области"),
    ("Слово взяла Орлова С.Д., заместитель начальника управления образования.",
     "Орлова", "заместитель начальника управления образования", None),
    ("Выступил Ильин А.Г., доцент кафедры управления образованием ГАУ ДПО «Институт развития "
     "образования».",
     "Ильин", "доцент кафедры управления образованием", "ГАУ ДПО «Институт развития образования»"),
    ("Сводку подготовила Пестова Е.Н., ведущий специалист управления образования.",
     "Пестова", "ведущий специалист", "управление образования"),
    ("Слушали Корепанову Анну Владимировну, муниципального координатора проекта «500+».",
     "Корепанова", "муниципальный координатор проекта «500+»", None),
    ("Выступила Шутова Д.А., ведущий специалист отдела общего образования управления образования.",
     "Шутова", "ведущий специалист отдела общего образования", "управление образования"),
    ("Слушали Чупрову А.С., главного специалиста управления образования.",
     "Чупрова", "главный специалист", "управление образования"),
    ("Выступил Жанказиев Т.А., начальник отдела сопровождения ШНОР института.",
     "Жанказиев", "начальник отдела сопровождения ШНОР", None),
    ("Слушали Гейкера А.С., директора МБОУ ООШ с. Омми, о работе.",
     "Гейкер", "директор", "МБОУ ООШ с. Омми"),
]


@pytest.mark.parametrize("text,surname,position,organization", TITLES)
def test_people_position_and_organization(nlp, text, surname, position, organization):
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization) == (position, organization)
    assert text[person.provenance["position"][0].start:person.provenance["position"][0].stop]


ROLES = [
    ("Председательствовал: Рыбаков Г.С., директор школы.", "Рыбаков", {"chair"}),
    ("Присутствовали:\n- Лебедева И.В., учитель;\n- Мохов С.С., директор.\n", "Мохов",
     {"participant"}),
    ("Слушали:\n1. Журавлёву Е.К. о плане работы.\n", "Журавлёва", {"speaker"}),
    ("Секретарь: Пахомова Д.Ю.\n", "Пахомова", {"author"}),
    ("Модератор – Ильин Т.Р.\n", "Ильин", {"moderator"}),
    ("Секция работала весь день, ведущая: Коваль Н.Е.; обсуждали планы.", "Коваль", {"moderator"}),
    ("Открыла семинар Е.А. Соболева, которая напомнила о сроках.", "Соболева", {"speaker"}),
    ("Свой опыт представил Дьяков П.П., директор школы.", "Дьяков", {"speaker"}),
    ("С куратором Никоновой В.Ю. школа составила план.", "Никонова", {"curator"}),
    ("Карпова Н.А., муниципальный координатор, подготовила сводку.", "Карпова",
     {"coordinator"}),
    ("Организатор семинара Гущина Е.М. подготовила площадку.", "Гущина", {"organizer"}),
    ("В совещании приняла участие Ершова Т.П., начальник отдела.", "Ершова", {"participant"}),
    ("Модераторами секций выступили методисты Зуева Е.К. и Пак Д.С.", "Зуева", {"moderator"}),
    ("Кураторами назначены директор школы № 2 Лаврова О.Н. и Дроздов Т.Т.", "Дроздов", {"curator"}),
    ("Решили: план утвердить.\n\nДиректор школы\t\t\t\tВ.Н. Садовникова\n", "Садовникова",
     {"author"}),
    ("Отчёт направлен в министерство.\nИсполнитель: Лукина Анна Сергеевна, методист\n", "Лукина",
     {"author"}),
    ("Модерировала вебинар методист центра Н.В. Клёнова.", "Клёнова", {"moderator"}),
    ("Секцию «Школьный климат» провёл педагог-психолог Р.Р. Лебедев.", "Лебедев", {"moderator"}),
    ("Ведущий педагогического совета – Марков Г.М., руководитель службы.", "Марков",
     {"moderator"}),
    ("Кураторы: Дроздова-Ланская О.В.; Трофимов М.И.; Белоусова Е.Д.\n", "Белоусова", {"curator"}),
    ("Затем слово получила учитель начальных классов Ларионова О.В.", "Ларионова", {"speaker"}),
    ("Отдельно отметим работу Ивана Сергеевича Котова.", "Котов", set()),
]


@pytest.mark.parametrize("text,surname,roles", ROLES)
def test_people_event_roles(nlp, text, surname, roles):
    person = by_surname(records(nlp, text))[surname]
    assert set(person.event_roles) == roles


def test_people_attendee_then_heard_gets_both_roles(nlp):
    text = ("Принимали участие:\n- Сорокина Л.Л., директор МБОУ «Ивановская СОШ»;\n\n"
            "Слушали:\n1. Сорокину Л.Л. о ходе проекта.\n")
    (person,) = records(nlp, text)
    assert (person.surname, set(person.event_roles)) == ("Сорокина", {"participant", "speaker"})
    assert len(person.spans) == 2


def test_people_project_participant_is_no_event_role(nlp):
    text = "Павлова И.И., заместитель директора СОШ № 4, участница проекта в 2022 году."
    (person,) = records(nlp, text)
    assert "speaker" not in person.event_roles and "participant" not in person.event_roles


def test_people_caption_role_over_name_lines(nlp):
    text = ("Фото с семинара: выступление директора и ведущих.\n\n"
            "Сомова Е.Г., методист центра\n\nГромов Ю.А., куратор проекта\n")
    found = by_surname(records(nlp, text))
    assert "moderator" in found["Сомова"].event_roles
    assert set(found["Громов"].event_roles) == {"moderator", "curator"}
    assert found["Громов"].position == "куратор проекта"


def test_people_merge_orders_and_cases(nlp):
    text = ("Директор школы Шувалов К.Е. открыл встречу. Затем прошло выступление К.Е. Шувалова "
            "о планах. В конце Шувалов поблагодарил гостей.")
    (person,) = records(nlp, text)
    assert (person.surname, person.initials, person.gender) == ("Шувалов", "К.Е.", "masc")
    assert len(person.spans) >= 2


def test_people_conflicting_initials_merge_with_warning(nlp):
    text = ("Итоги подвела Ракова И.Н., начальник отдела.\n\n"
            "На фото: Ракова И.М., начальник отдела министерства образования.\n")
    (person,) = records(nlp, text)
    assert person.initials == "И.Н."
    assert person.warnings and "И.М." in person.warnings[0]
    assert len(person.spans) == 2


def test_people_different_people_same_stem_stay_apart(nlp):
    text = "Состав группы: Зубцова Е.Ю., Зубцов Е.Н., Маркин П.П."
    found = records(nlp, text)
    assert {(p.surname, p.initials) for p in found} == {
        ("Зубцова", "Е.Ю."), ("Зубцов", "Е.Н."), ("Маркин", "П.П.")}


FALSE_POSITIVES = [
    "Данные загружены в ИС МЭДК в срок.",
    "Семинар прошёл на базе СОШ № 3 им. П.Е. Ракитина.",
    "Школа имени Героя Советского Союза П.Т. Кравченко приняла гостей.",
    "В мероприятии участвовали МБОУ СОШ и МКОУ ООШ района.",
    "Уважаемая Татьяна Юрьевна! Направляем отчёт.",
    "Площадка: г. Заволжье, ул. Братьев Захаровых.",
    "Адрес школы: ул. Ленина И.И. не указан.",
]


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_people_false_positives_rejected(nlp, text):
    assert records(nlp, text) == []


def test_people_attendee_caption_over_name_lines(nlp):
    text = ("Присутствовали (4 человека):\nГришин М.В., главный специалист;\nКотова Н.А.;\n"
            "Баранов С.С., директор МОУ «Раменская ООШ».\n")
    found = records(nlp, text)
    assert {p.surname for p in found} == {"Гришин", "Котова", "Баранов"}
    assert all("participant" in p.event_roles for p in found)


def test_people_role_noun_before_curated_school_gives_no_title(nlp):
    text = "12 мая куратор МБОУ «Ключевская СОШ» Садыкова Л.Ф. провела консультацию."
    (person,) = records(nlp, text)
    assert "curator" in person.event_roles
    assert (person.position, person.organization) == (None, None)


def test_people_coordinated_name_takes_first_case(nlp):
    text = "Информацию Лазаревой О.В. и Пахомова Д.Ю. принять к сведению."
    found = by_surname(records(nlp, text))
    assert found["Пахомов"].gender == "masc" and found["Лазарева"].gender == "femn"


def test_people_oblique_surname_merges_with_nominative(nlp):
    text = ("Закрепить Котову Н.А. и Шульгу Д.П. за школами.\n"
            "Шульга Д.П. предложил единый протокол.\n")
    found = by_surname(records(nlp, text))
    assert "Шульгу" not in found
    assert len(found["Шульга"].spans) == 2


def test_people_bare_first_name_and_patronymic_join_the_person(nlp):
    text = ("Стажировку организовала директор школы Тетерина Лариса Фёдоровна.\n"
            "Открывая встречу, Лариса Фёдоровна подчеркнула важность работы с учителем.\n")
    (person,) = records(nlp, text)
    assert (person.surname, person.first_name, person.patronymic) == (
        "Тетерина", "Лариса", "Фёдоровна")
    assert "speaker" in person.event_roles and len(person.spans) == 2


EPONYMS = [
    ("Рассмотрев ходатайство о присвоении школе имени ее первого директора Анны Степановны "
     "Волковой, заслуженного учителя РСФСР, решила:", "первый директор"),
    ("Рассмотрев ходатайство о присвоении школе №2 имени Анны Степановны Волковой, "
     "инженера Заречного комбината, решила:", "инженер"),
]


@pytest.mark.parametrize("text,position", EPONYMS)
def test_people_described_eponym_is_a_person(nlp, text, position):
    """A name after «имени» that the text describes in apposition is a person of its own."""
    assert by_surname(records(nlp, text))["Волкова"].position == position


def test_people_bare_eponym_is_no_person(nlp):
    text = "Учащиеся школы имени Анны Степановны Волковой выступили на конкурсе."
    assert "Волкова" not in by_surname(records(nlp, text))
