"""people: job titles in the document's own words, nominative, not cut and not
swallowing the employer; titles of neighbouring names kept apart."""
from __future__ import annotations

import pytest
from test_people import by_surname, nlp, records  # noqa: F401  (nlp is a fixture)

TITLES = [
    ("Выступил директор департамента государственной политики в сфере общего образования "
     "Министерства просвещения России Павел Орлов.", "Орлов",
     "директор департамента государственной политики в сфере общего образования",
     "Министерство просвещения России"),
    ("Контроль возложить на первого заместителя главы района Жукова Б.Б.", "Жуков",
     "первый заместитель главы района", None),
    ("Выступил руководитель Федеральной службы по надзору в сфере образования Н.Н. Зубов.",
     "Зубов", "руководитель", "Федеральная служба по надзору в сфере образования"),
    ("Выступила Тарасова Нина Павловна, учитель физики МБОУ СОШ №3, муниципальный тьютор.",
     "Тарасова", "учитель физики, муниципальный тьютор", "МБОУ СОШ №3"),
]


@pytest.mark.parametrize("text,surname,position,organization", TITLES)
def test_people_titles_whole_and_split(nlp, text, surname, position, organization):
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization) == (position, organization)


def test_people_titles_of_neighbours_stay_apart(nlp):
    text = ("С приветствием выступил глава района В.В.Ярцев, председатель районного Совета "
            "депутатов Л.В.Юдина.")
    found = by_surname(records(nlp, text))
    assert (found["Ярцев"].position, found["Юдина"].position) == (
        "глава района", "председатель районного Совета депутатов")


OFFICE_OR_CHAIR = [
    ("Выступил председатель районного Совета депутатов О.О. Лыков.", "Лыков", False),
    ("Итоги подвёл председатель жюри О.О. Лыков.", "Лыков", True),
]


@pytest.mark.parametrize("text,surname,chair", OFFICE_OR_CHAIR)
def test_people_titles_office_is_no_chair_role(nlp, text, surname, chair):
    person = by_surname(records(nlp, text))[surname]
    assert ("chair" in person.event_roles) == chair


PLURAL_TITLE = [
    ("На уроках, подготовленных учителями физики Громовой А.А., Зиминой Б.Б. и Котовой В.В., "
     "присутствовали родители.", {"Громова": "учитель физики", "Зимина": "учитель физики",
                                   "Котова": "учитель физики"}),
    ("Опыт представили методисты ИРО Громова А.А. и Зимин Б.Б.",
     {"Громова": "методист", "Зимин": "методист"}),
    ("Выступили директор школы Громова А.А. и Зимин Б.Б.",
     {"Громова": "директор школы", "Зимин": None}),
]


@pytest.mark.parametrize("text,positions", PLURAL_TITLE)
def test_people_plural_title_covers_the_listed_names(nlp, text, positions):
    found = by_surname(records(nlp, text))
    assert {s: found[s].position for s in positions} == positions


ROLE_ONLY = [
    ("Группу вели координаторы Олег Ветлугин и Нина Сомова.", "Ветлугин", None),
    ("Слово получила куратор проекта Сомова Н.Н.", "Сомова", "куратор проекта"),
]


@pytest.mark.parametrize("text,surname,position", ROLE_ONLY)
def test_people_role_noun_alone_is_no_position(nlp, text, surname, position):
    assert by_surname(records(nlp, text))[surname].position == position


WRAPPED = [
    ("Итоги подвела Горелова Нина\nПетровна, учитель химии МБОУ гимназии №7,\nмуниципальный "
     "тьютор.", "Горелова", "учитель химии, муниципальный тьютор", "МБОУ гимназия №7",
     ["speaker"]),
    ("На встрече выступил Вице-губернатор Олег Зябликов.", "Зябликов", "вице-губернатор", None,
     ["speaker"]),
]


@pytest.mark.parametrize("text,surname,position,organization,roles", WRAPPED)
def test_people_titles_over_wrapped_lines(nlp, text, surname, position, organization, roles):
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization, person.event_roles) == (
        position, organization, roles)


CASE_FROM_CONTEXT = [
    ("Заместителю директора Ерёмину А.А. подготовить отчёт.", "Ерёмин"),
    ("Контроль возложить на заместителя директора Ерёмину А.А.", "Ерёмина"),
    ("Наградить Почётной грамотой Ерёмина А.А. за работу.", "Ерёмин"),
    ("Назначить Ерёмину А.А. ответственной.", "Ерёмина"),
]


@pytest.mark.parametrize("text,surname", CASE_FROM_CONTEXT)
def test_people_title_and_verb_decide_the_surname_case(nlp, text, surname):
    (person,) = records(nlp, text)
    assert person.surname == surname


RARE_FIRST_NAMES = [
    ("Группы вели координаторы Роман Вершинин и Алла Гладилина.", "Вершинин", "Р."),
    ("2 место – Смирнова Виктория, МАОУ «Лицей №3»;\n3 место – Ласточкина Елизавета, МБОУ СОШ №7.",
     "Ласточкина", "Е."),
]


@pytest.mark.parametrize("text,surname,initials", RARE_FIRST_NAMES)
def test_people_first_name_shapes_natasha_finds(nlp, text, surname, initials):
    assert by_surname(records(nlp, text))[surname].initials == initials


def test_people_our_school_is_no_organisation(nlp):
    person = by_surname(records(nlp, "Учитель физики нашей школы Зотова Е.Е. дала урок."))["Зотова"]
    assert (person.position, person.organization) == ("учитель физики", None)


@pytest.mark.parametrize("title, expected", [
    ("заместителя  директора\nпо УВР", "заместитель  директора\nпо УВР"),
    ("Тьюторам МБОУ «СОШ № 7»", "Тьютор МБОУ «СОШ № 7»"),
    ("муниципального координатора проекта «Точка»", "муниципальный координатор проекта «Точка»"),
    ("ведущим методистом", "ведущий методист"),
])
def test_people_titles_nominative_through_the_shared_inflection_keeps_spacing(title, expected):
    from extractors.people.text import nominative_words

    assert nominative_words(title) == expected


ACTING = [
    ("Выступили: Кудрявцева Н.П., и.о. заместителя директора по ВР, учитель химии "
     "МБОУ «Лицей № 12».", "Кудрявцева",
     "и.о. заместителя директора по ВР, учитель химии", "МБОУ «Лицей № 12»"),
    ("Контроль возложить на и.о. начальника управления образования Сомова Г.Г.", "Сомов",
     "и.о. начальника управления образования", None),
    ("Доклад сделал исполняющий обязанности директора МАОУ СОШ №4 Пчелкин А.Д.", "Пчелкин",
     "исполняющий обязанности директора", "МАОУ СОШ №4"),
    ("Выступил врио главы Заречного района Ф.Ф. Жбанов.", "Жбанов",
     "врио главы Заречного района", None),
    ("И.о. начальника отдела образования                Р.Р. Будыкин", "Будыкин",
     "и.о. начальника отдела образования", None),
]


@pytest.mark.parametrize("text,surname,position,organization", ACTING)
def test_people_titles_acting_prefix_kept(nlp, text, surname, position, organization):
    """An acting title keeps its prefix and the office after it in the genitive."""
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization) == (position, organization)


EPONYM_TAIL = [
    ("Выступила Кудрявцева Н.П., учитель химии МБОУ «Лицей № 12» им. Героя Советского Союза "
     "Н.А. Лосева.", "МБОУ «Лицей № 12» им. Героя Советского Союза Н.А. Лосева"),
    ("Выступила Кудрявцева Н.П., учитель химии МБОУ «Лицей № 12» имени В.В. Маяковского "
     "о проекте.", "МБОУ «Лицей № 12» имени В.В. Маяковского"),
    ("Выступила Кудрявцева Н.П., учитель химии МБОУ «Лицей № 12», и Жбанов Ф.Ф.",
     "МБОУ «Лицей № 12»"),
]


@pytest.mark.parametrize("text,organization", EPONYM_TAIL)
def test_people_titles_employer_keeps_its_eponym(nlp, text, organization):
    """``им.``/``имени`` after a quoted name carries the employer on to its eponym."""
    assert by_surname(records(nlp, text))["Кудрявцева"].organization == organization


LOCATED_EMPLOYER = [
    ("Контроль возложить на первого заместителя главы в Администрации Заречного района "
     "Сомовой Г.Г.", "Сомова", "первый заместитель главы", "Администрация Заречного района"),
    ("Выступил Пчелкин А.Д., советник в Министерстве образования Тверской области.",
     "Пчелкин", "советник", "Министерство образования Тверской области"),
    ("Выступил Пчелкин А.Д., учитель в школе с 1990 года.", "Пчелкин", "учитель", None),
    ("Выступил Пчелкин А.Д., учитель истории в 2010 году.", "Пчелкин", "учитель истории", None),
]


@pytest.mark.parametrize("text,surname,position,organization", LOCATED_EMPLOYER)
def test_people_titles_office_held_in_a_body(nlp, text, surname, position, organization):
    """``… в Правительстве …`` after a title is the employer; a bare noun or a year is not."""
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization) == (position, organization)


STAFF_TITLES = [
    ("Выступила Петрова А.А., педагог-библиотекарь МБОУ СОШ №3.", "Петрова",
     "педагог-библиотекарь", "МБОУ СОШ №3"),
    ("Грамоту вручить Волковой С.И., ведущему инженеру МКУ «Центр обеспечения».", "Волкова",
     "ведущий инженер", "МКУ «Центр обеспечения»"),
    ("Выступил Климов О.О., тренер-преподаватель МБУ ДО «Спортивная школа №2».", "Климов",
     "тренер-преподаватель", "МБУ ДО «Спортивная школа №2»"),
]


@pytest.mark.parametrize("text,surname,position,organization", STAFF_TITLES)
def test_people_titles_staff_titles_beyond_teaching(nlp, text, surname, position, organization):
    """Engineers, librarians, coaches are job titles too (``ведущему инженеру`` is no
    ``ведущий``, a moderator)."""
    person = by_surname(records(nlp, text))[surname]
    assert (person.position, person.organization) == (position, organization)


ANAPHORIC_BODY = [
    ("По словам руководителя ведомства Петра Зимина, проверки продолжатся.", "руководитель"),
    ("Выступил глава ведомства Пётр Зимин.", "глава"),
    ("Выступил глава района Пётр Зимин.", "глава района"),
]


@pytest.mark.parametrize("text,position", ANAPHORIC_BODY)
def test_people_titles_end_before_an_anaphoric_body(nlp, text, position):
    """``ведомства`` only points back to a body named elsewhere: no part of the title."""
    assert by_surname(records(nlp, text))["Зимин"].position == position


PARTICIPLE_TITLES = [
    ("Председательствовал: Лыкова Е.В., заведующий отделом образования.",
     "заведующий отделом образования", None),
    ("Первый день открыла заведующий отделом образования Заречного района Марина "
     "Геннадьевна Лыкова.", "заведующий отделом образования Заречного района", None),
    ("Грамоту вручить Лыковой Е.В., заведующей кафедрой педагогики ГАУ ДПО «Заречный ИРО».",
     "заведующая кафедрой педагогики", "ГАУ ДПО «Заречный ИРО»"),
    ("С докладом выступила заведующий кафедрой ГАУ ДПО ЗИРО Лыкова Е.В.",
     "заведующий кафедрой", "ГАУ ДПО ЗИРО"),
]


@pytest.mark.parametrize("text,position,organization", PARTICIPLE_TITLES)
def test_people_titles_participle_head(nlp, text, position, organization):
    """``заведующий`` is a participle (lemma ``заведовать``) yet a title, in any case; the
    noun it governs in the instrumental stays in the title."""
    person = by_surname(records(nlp, text))["Лыкова"]
    assert (person.position, person.organization) == (position, organization)


HONORARY = [
    ("Выступила Волкова А.С., заслуженный учитель Российской Федерации, директор МБОУ СОШ №5.",
     "директор", "МБОУ СОШ №5"),
    ("Выступила Волкова А.С., почётный работник общего образования.", None, None),
]


@pytest.mark.parametrize("text,position,organization", HONORARY)
def test_people_titles_honorary_title_is_no_position(nlp, text, position, organization):
    """``заслуженный учитель``, ``почётный работник`` are awards; the post after them counts."""
    person = by_surname(records(nlp, text))["Волкова"]
    assert (person.position, person.organization) == (position, organization)


INDUSTRY_EMPLOYERS = [
    ("Выступил Зорин П.П., главный инженер Заречного машиностроительного завода.",
     "главный инженер", "Заречный машиностроительный завод"),
    ("Выступил Зорин П.П., директор предприятия «Северный хлеб».", "директор",
     "предприятие «Северный хлеб»"),
]


@pytest.mark.parametrize("text,position,organization", INDUSTRY_EMPLOYERS)
def test_people_titles_industry_employer_split_off(nlp, text, position, organization):
    """A plant, factory or enterprise after a title is the employer, as a school is."""
    person = by_surname(records(nlp, text))["Зорин"]
    assert (person.position, person.organization) == (position, organization)
