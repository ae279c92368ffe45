"""decisions: who is responsible for a decision and by when (in brackets, attribute
lines, dashes, table rows, inherited by sub-items), in the nominative."""
from __future__ import annotations

import datetime as dt

import pytest

from test_decisions import decided


RESPONSIBLE = [
    ("Кураторам подготовить информацию для координатора.", "кураторы"),
    ("Рекомендовать муниципальным координаторам оказывать поддержку школам.",
     "муниципальные координаторы"),
    ("При выходе из программы в 2025 году школам-участникам проекта сохранить наставников.",
     "школы-участники проекта"),
    ("В работе наставников учитывать итоги мониторинга.", "наставники"),
    ("Принять информацию к сведению.", None),
    ("Управлению образования обеспечить контроль исполнения.", "Управление образования"),
    ("Руководителям ОО обеспечить участие педагогов.", "руководители ОО"),
    ("Заместителю директора по УВР Соколовой Е.А. внести изменения в план.",
     "заместитель директора по УВР Соколова Е.А."),
    ("Кураторам Белову П.С. и Зайцевой О.Н. провести повторные выезды.",
     "кураторы Белов П.С. и Зайцева О.Н."),
    ("Школам – участникам проекта до 1 марта провести педсоветы.", "школы – участники проекта"),
    ("МБУ «Методический центр» подготовить сборник практик.", "МБУ «Методический центр»"),
    ("Контроль за исполнением решения возложить на заместителя начальника управления Лисину Т.Г.",
     "заместитель начальника управления Лисина Т.Г."),
    ("Кураторам совместно с руководителями школ провести анализ.", "кураторы"),
    ("Учителям-предметникам продолжить индивидуальную работу.", "учителя-предметники"),
    ("Информацию Соболевой Г.Р. принять к сведению.", None),
    ("Органам местного самоуправления, осуществляющим управление в сфере образования, обеспечить "
     "контроль.", "органы местного самоуправления, осуществляющие управление в сфере образования"),
    ("Кураторам, совместно с директорами, провести анализ.", "кураторы"),
]


@pytest.mark.parametrize("item,expected", RESPONSIBLE)
def test_decisions_responsible_in_nominative(nlp, item, expected):
    found = decided(nlp, f"Решили:\n1. {item}\n")
    assert len(found) == 1
    assert found[0].responsible == expected
    if expected is not None:
        assert found[0].provenance["responsible"]


def test_decisions_responsible_of_a_proposal_after_the_infinitive(nlp):
    text = "Предложила взять записи вебинаров и другим школам, которые не участвуют в проекте."
    found = decided(nlp, text)
    assert found[0].responsible == "другие школы, которые не участвуют в проекте"


DEADLINES = [
    ("Кураторам подготовить информацию в срок до 14.03.2022.", dt.date(2022, 3, 14)),
    ("Школам загрузить документы до 1 декабря 2023 года.", dt.date(2023, 12, 1)),
    ("Следующее совещание провести 16 ноября 2022 года.", dt.date(2022, 11, 16)),
    ("Кураторам провести визиты в период с 7 по 11 октября 2024 года.", dt.date(2024, 10, 11)),
    ("Кураторам ежеквартально направлять отчёты.", None),
    ("Продолжить работу по программе (протокол № 3 от 29.12.2021).", None),
]


@pytest.mark.parametrize("item,expected", DEADLINES)
def test_decisions_deadline(nlp, item, expected):
    found = decided(nlp, f"Решили:\n1. {item}\n")
    assert found[0].deadline == expected


@pytest.mark.parametrize("item,word", [
    ("Кураторам постоянно вести мониторинг.", "постоянно"),
    ("Школам в течение 2023-2024 учебного года проводить открытые уроки.", "в течение"),
])
def test_decisions_open_deadline_kept_as_warning(nlp, item, word):
    found = decided(nlp, f"Решили:\n1. {item}\n")
    assert found[0].deadline is None
    assert found[0].warnings and word in found[0].warnings[0]
    assert found[0].provenance["deadline"][0].text.startswith(word)


def test_decisions_attribute_lines_give_responsible_and_deadline(nlp):
    text = ("РЕШИЛИ:\n1. Обеспечить выполнение антирисковых программ.\n"
            "Ответственные: Руководители ОО, Котова Н.А.\nСрок: до 22.12.2023.\n"
            "2. Провести выезды кураторов в школы.\nОтветственный: Орлов Д.Ю.\n")
    found = decided(nlp, text)
    assert [d.text for d in found] == ["Обеспечить выполнение антирисковых программ.",
                                       "Провести выезды кураторов в школы."]
    assert [d.responsible for d in found] == ["руководители ОО, Котова Н.А.", "Орлов Д.Ю."]
    assert found[0].deadline == dt.date(2023, 12, 22)


def test_decisions_inline_attributes_leave_the_text(nlp):
    text = "Решили:\n1. Обеспечить мониторинг загрузки документов. Ответственный: Шогенова А.Б. Срок: еженедельно.\n"
    found = decided(nlp, text)
    assert found[0].text == "Обеспечить мониторинг загрузки документов."
    assert found[0].responsible == "Шогенова А.Б."
    assert found[0].deadline is None and found[0].warnings


def test_decisions_table_rows(nlp):
    text = ("РЕШИЛИ:\n№\tРешение\tОтветственный\tСрок\n"
            "1.\tИнформацию принять к сведению.\t–\t–\n"
            "2.\tРассмотреть вопрос о втором кураторе.\tЧупрова А.С.\tдо 06.05.2022\n")
    found = decided(nlp, text)
    assert [d.text for d in found] == ["Информацию принять к сведению.",
                                       "Рассмотреть вопрос о втором кураторе."]
    assert (found[0].responsible, found[1].responsible) == (None, "Чупрова А.С.")
    assert found[1].deadline == dt.date(2022, 5, 6)


def test_decisions_sub_items_inherit_their_parent(nlp):
    text = ("ПРИКАЗЫВАЮ:\n1. Утвердить список школ.\n2. Муниципальному координатору Новиковой О.П.:\n"
            "2.1. организовать работу кураторов;\n2.2. ежемесячно представлять информацию.\n"
            "3. Кураторам провести выезды.\n")
    found = decided(nlp, text)
    assert [d.text for d in found] == ["Утвердить список школ.", "организовать работу кураторов",
                                       "ежемесячно представлять информацию.", "Кураторам провести выезды."]
    assert [d.responsible for d in found] == [None, "муниципальный координатор Новикова О.П.",
                                              "муниципальный координатор Новикова О.П.", "кураторы"]


def test_decisions_unknown_surname_in_nominative(nlp):
    found = decided(nlp, "Решили:\n1. Куратору Ситниковой Е.Е. организовать взаимопосещение уроков.\n")
    assert found[0].responsible == "куратор Ситникова Е.Е."
