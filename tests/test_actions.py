"""actions: rows of tabular plans (tab- or pipe-separated), clean values, period dates."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import assert_grounded

from extractors import actions
from extractors.base import stored_mentions

HEADER = "№ п.п\tОписание действий\tСроки\tОтметка о выполнении\n"


def rows(nlp, text):
    doc = nlp(text)
    items = actions.build(doc, stored_mentions(doc, "actions"))
    assert_grounded(items, text)
    return items


def test_actions_rows_with_header(nlp):
    text = ("План работы:\n\n" + HEADER
            + "1.\tСоздание рабочей группы.\tмарт 2021г.\tГруппа создана.\n"
            + "2.\tАнкетирование педагогов.\tапрель 2021г.\tПроведено.\n")
    found = rows(nlp, text)
    assert [(a.n, a.text, a.period, a.completion) for a in found] == [
        ("1.", "Создание рабочей группы.", "март 2021г.", "Группа создана."),
        ("2.", "Анкетирование педагогов.", "апрель 2021г.", "Проведено.")]


@pytest.mark.parametrize("number", ["8..", "23", "2.4."])
def test_actions_row_numbers_as_written(nlp, number):
    text = HEADER + f"{number}\tСеминар для кураторов.\tмай\tПроведён.\n1.\tВстреча.\tиюнь\tДа.\n"
    assert rows(nlp, text)[0].n == number


def test_actions_cell_continued_on_next_line(nlp):
    text = (HEADER + "14.\tВыездные консультации директоров школ,\tмарт 2021г.\tПроведены.\n\n"
            "\tметодических объединений с наставниками.\t\t\n"
            "15.\tСеминар.\tапрель 2021г.\tПроведён.\n")
    found = rows(nlp, text)
    assert found[0].text == "Выездные консультации директоров школ, методических объединений с наставниками."
    assert len(found[0].provenance["text"]) == 2


def test_actions_hyphenated_word_rejoined_across_lines(nlp):
    text = (HEADER + "1.\tУчастие в семинаре.\tмарт\tГруппа «Управление Qualita-\n"
            "\t\t\tменеджмент».\n2.\tВстреча.\tапрель\tДа.\n")
    assert rows(nlp, text)[0].completion == "Группа «Управление Qualita-менеджмент»."


def test_actions_artefacts_never_leak(nlp):
    text = (HEADER + "[bookmark: _GoBack]5.\tПосещение школ, встречи с руководителями: "
            "<ul style=\"list-style-type: none\"> • Иванова И.И.; • Петров П.П. \tеженедельно\t"
            "Работа с линиями: <ul style=\"x\"> • Сидорова А.А.; • Орлов Б.Б.\n"
            "6.\tВстреча.\tмай\tПроведена.\n")
    first = rows(nlp, text)[0]
    assert first.n == "5."
    assert first.text == "Посещение школ, встречи с руководителями"
    assert first.completion == "Работа с линиями: Сидорова А.А.; Орлов Б.Б."
    for value in (first.text, first.completion, first.period):
        assert "<" not in value and "•" not in value and "bookmark" not in value


PERIODS = [
    ("15.03.2021г.", dt.date(2021, 3, 15), None),
    ("до 06.03.2021г.", None, dt.date(2021, 3, 6)),
    ("10.03.2021-15.03.2021", dt.date(2021, 3, 10), dt.date(2021, 3, 15)),
    ("с 20.03.2021г. - по 30.03.2021г.", dt.date(2021, 3, 20), dt.date(2021, 3, 30)),
    ("1 марта 2021г.", dt.date(2021, 3, 1), None),
    ("март-апрель 2021г.", None, None),
    ("февраль-апрель", None, None),
    ("не реже 1 раза в неделю", None, None),
]


@pytest.mark.parametrize("period,start,end", PERIODS)
def test_actions_period_dates(nlp, period, start, end):
    text = HEADER + f"1.\tСеминар.\t{period}\tПроведён.\n2.\tВстреча.\tмай 2021г.\tДа.\n"
    first = rows(nlp, text)[0]
    assert first.period == period
    assert (first.date_start, first.date_end) == (start, end)


def test_actions_table_without_header(nlp):
    text = ("Проведены мероприятия:\n1.\tСовещание директоров.\t12.01.2022\tПроведено.\n"
            "2.\tСеминар кураторов.\t19.01.2022\tПроведён.\n")
    found = rows(nlp, text)
    assert [a.text for a in found] == ["Совещание директоров.", "Семинар кураторов."]
    assert found[1].date_start == dt.date(2022, 1, 19)


def test_actions_header_gives_column_roles(nlp):
    text = ("№\tСрок\tМероприятие\tОтветственный\n1.\tянварь\tСовещание.\tИванов И.И.\n"
            "2.\tфевраль\tСеминар.\tПетров П.П.\n")
    found = rows(nlp, text)
    assert [(a.text, a.period, a.completion) for a in found] == [
        ("Совещание.", "январь", None), ("Семинар.", "февраль", None)]


def test_actions_markdown_table(nlp):
    text = ("| № | Мероприятие | Срок | Отметка о выполнении |\n|---|---|---|---|\n"
            "| 1 | Анализ рисковых профилей. | 10.03.2021 | Выполнено. |\n"
            "| 2 | Разработка программ. | до 30.04.2021 | Выполнено. |\n")
    found = rows(nlp, text)
    assert [(a.n, a.text) for a in found] == [("1", "Анализ рисковых профилей."),
                                            ("2", "Разработка программ.")]
    assert found[1].date_end == dt.date(2021, 4, 30)


@pytest.mark.parametrize("text", [
    "1. Принять информацию к сведению.\n2. Кураторам подготовить отчёт.\n",
    "Школа\tУчастники\nСОШ № 1\t15\n",
    HEADER + "1.\tЕдинственная строка.\tмарт\tДа.\n",
])
def test_actions_not_a_plan_table(nlp, text):
    assert rows(nlp, text) == []


@pytest.mark.seeds
def test_actions_seeds_f1(seeds_dir, extractor):
    from pipeline.evaluate import evaluate_dirs, f1_by_field, table

    scores = f1_by_field(table(evaluate_dirs([seeds_dir], extractor)))
    assert scores["actions"] >= 0.9
    assert min(scores["actions.date_start"], scores["actions.date_end"]) >= 0.9


def test_actions_row_attrs_hold_period_dates_as_values(nlp):
    text = HEADER + "1.\tСеминар наставников.\tс 01.03.2024 по 15.03.2024\tПроведён.\n" \
        + "2.\tВстреча.\tиюнь\tДа.\n"
    doc = nlp(text)
    first = stored_mentions(doc, "actions")[0].attrs
    assert (first.date_start, first.date_end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 15))
    assert text[slice(*first.date_end_span)] == "15.03.2024"
    assert [text[s:e] for s, e in first.columns["text"]] == ["Семинар наставников."]
