"""people: hyphenated names as Turkic, Caucasian and Siberian names are written —
a patronymic with a hyphen (``Кара-ооловна``), a father's name with ``оглы``/``кызы``
apart or hyphenated, double surnames, a surname with a lower-case second part
(``Кара-оол``) — are one person, in the nominative."""
from __future__ import annotations

import pytest
from conftest import assert_grounded

import extractors.people as people
from extractors.base import stored_mentions

PEOPLE_FAMILIES = ("layout", "ner", "people")


@pytest.fixture(scope="module")
def nlp():
    from pipeline.nlp import build_nlp

    return build_nlp(PEOPLE_FAMILIES)


def one_person(nlp, text: str):
    doc = nlp(text)
    found = people.build(doc, stored_mentions(doc, "people"))
    assert len(found) == 1, [p.surname for p in found]
    assert assert_grounded(found[0], text) >= 1
    return found[0]


def name(person) -> tuple:
    return person.surname, person.first_name, person.patronymic, person.gender


@pytest.mark.parametrize("text, expected", [
    ("На семинаре выступила Айдана Кара-ооловна Донгак, методист.",
     ("Донгак", "Айдана", "Кара-ооловна", "femn")),
    ("Благодарность объявить Айдане Кара-ооловне Донгак, учителю.",
     ("Донгак", "Айдана", "Кара-ооловна", "femn")),
    ("Ответственный: Ооржак Начын Сарыг-оолович, завуч.",
     ("Ооржак", "Начын", "Сарыг-оолович", "masc")),
    ("Поручить Ооржаку Начыну Сарыг-ооловичу подготовить отчёт.",
     ("Ооржак", "Начын", "Сарыг-оолович", "masc")),
])
def test_people_hyphenated_patronymic_read_whole_in_the_nominative(nlp, text, expected):
    assert name(one_person(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Доклад сделал Гасанов Эльдар Рауф оглы, учитель химии.",
     ("Гасанов", "Эльдар", "Рауф оглы", "masc")),
    ("Доклад сделал Гасанов Эльдар Рауф-оглы, учитель химии.",
     ("Гасанов", "Эльдар", "Рауф-оглы", "masc")),
    ("Мастер-класс провела Севда Рамиз кызы Гасанова.",
     ("Гасанова", "Севда", "Рамиз кызы", "femn")),
    ("Мастер-класс провела Гасанова Севда Рамиз-кызы.",
     ("Гасанова", "Севда", "Рамиз-кызы", "femn")),
])
def test_people_particle_patronymic_kept_as_written(nlp, text, expected):
    assert name(one_person(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Слово предоставили Эльдару Рауф оглы Гасанову, учителю химии.",
     ("Гасанов", "Эльдар", "Рауф оглы", "masc")),
    ("Заслушали информацию Гасанова Эльдара Рауф оглы.",
     ("Гасанов", "Эльдар", "Рауф оглы", "masc")),
    ("Поручить Гасановой Севде Рамиз-кызы подготовить отчёт.",
     ("Гасанова", "Севда", "Рамиз-кызы", "femn")),
])
def test_people_particle_patronymic_case_shown_by_the_first_name(nlp, text, expected):
    assert name(one_person(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Грамотой наградить Соколову-Вербину Анну Павловну, учителя музыки.",
     ("Соколова-Вербина", "Анна", "Павловна", "femn")),
    ("Поздравляем Соколова-Вербина Илью Павловича с юбилеем.",
     ("Соколов-Вербин", "Илья", "Павлович", "masc")),
    ("Итоги подвела Соколова-Вербина А.П., директор.", ("Соколова-Вербина", None, None, "femn")),
])
def test_people_double_surname_in_the_nominative(nlp, text, expected):
    assert name(one_person(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Контроль возложить на А.Б. Сарыг-оол.", ("Сарыг-оол", "А.Б.")),
    ("Выступил Сарыг-оол А.Б., методист.", ("Сарыг-оол", "А.Б.")),
    ("Сарыг-оол Айдыс Начынович провёл мастер-класс.", ("Сарыг-оол", "А.Н.")),
])
def test_people_surname_with_a_lower_case_part_read_whole(nlp, text, expected):
    person = one_person(nlp, text)
    assert (person.surname, person.initials) == expected


@pytest.mark.parametrize("text, cut", [
    ("В группу вошли: Донгак Айдана Кара-ооловна, методист.", "Кара"),
    ("Итоги подвела Соколова-Вербина, директор.", "Соколова"),
])
def test_people_ner_span_ending_inside_a_hyphenated_word_takes_the_word(text, cut):
    from extractors.people.ner_names import whole_word_end

    stop = text.index(cut) + len(cut)
    whole = text.index(",", stop)
    assert whole_word_end(text, stop) == whole
    assert whole_word_end(text, whole) == whole


@pytest.mark.parametrize("text, surname", [
    ("На семинаре выступила Айдана Кара-ооловна Хомушку, методист.", "Хомушку"),
    ("Итоги подвёл Начын Сарыг-оолович Хомушку.", "Хомушку"),
    ("Наградить Шульгу Анну Петровну грамотой.", "Шульга"),
])
def test_people_surname_undeclined_where_the_given_names_show_another_case(nlp, text, surname):
    """A surname ending like an oblique case (``-у``) is read as written when the first name
    and patronymic are in a case no declined reading of it has."""
    assert one_person(nlp, text).surname == surname
