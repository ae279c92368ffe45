"""counts family: where a count's statement is: a noun before the number or left out
(elided, subsets, ranges), flattened tables, evidence and provenance spans, repeated
statements and hard-wrapped text."""
from __future__ import annotations

import pytest
from conftest import assert_grounded
from counts_support import built, check, counts_pipeline, pairs


@pytest.fixture(scope="module")
def counts_nlp():
    return counts_pipeline()


# 3. the noun before the number, or left out
NOUN_ELSEWHERE = [
    ("Педагогов — 47.", {(47, "teachers")}),
    ("Педагогических работников — 47.", {(47, "teachers")}),
    ("Муниципальных образований – 12.", {(12, "municipalities")}),
    ("Приняли участие 38 педагогических и 5 руководящих работников.",
     {(38, "participants"), (5, "participants")}),
    ("В районе 38 педагогических и 5 руководящих работников.", {(38, "teachers"), (5, "directors")}),
    ("В регионе 7 ШНОР, в районе – 2 ШНОР.", {(7, "schools"), (2, "schools")}),
    ("Участников: 52.", {(52, "participants")}),
    ("Школ-участниц – 5.", {(5, "schools")}),
    ("Педагоги — 47, обучающиеся — 210.", {(47, "teachers"), (210, "students")}),
    ("Присутствовали – 25.", {(25, "participants")}),
    ("Всего присутствующих: 31.", {(31, "participants")}),
    ("В проекте 14 школ, из них 4 сельские.", {(14, "schools"), (4, "schools")}),
    ("На совещании были 15 директоров. Из них 9 – впервые.", {(15, "directors"), (9, "directors")}),
    ("Приняли участие 34 человека, ещё 12 подключились онлайн.",
     {(34, "participants"), (12, "participants")}),
    ("Очно присутствовали 34 человека. Ещё 12 подключились дистанционно.",
     {(34, "participants"), (12, "participants")}),
    ("Ещё 15 присоединились к трансляции позже.", {(15, "participants")}),
    ("Подключились 45 человек, ещё трое присоединились позже.",
     {(45, "participants"), (3, "participants")}),
    ("Приняли участие 6 школ района, в том числе 2 – из сельской местности.",
     {(6, "schools"), (2, "schools")}),
    ("Для первой школы выбраны три консультации, для второй – две.", {(3, "other"), (2, "other")}),
    ("Число ШНОР в крае сократилось с 14 до 9.", {(14, "schools"), (9, "schools")}),
    ("Количество слушателей выросло с 45 до 60 человек.",
     {(45, "participants"), (60, "participants")}),
    ("Экзамен в форме ОГЭ сдавали 205 выпускников, 4 – в форме ГВЭ.",
     {(205, "students"), (4, "students")}),
    ("На курсах 30 педагогов. Четверо из них – молодые специалисты.",
     {(30, "teachers"), (4, "teachers")}),
    ("Нарушения выявлены у 7 из 16 организаций.", {(7, "other"), (16, "other")}),
    ("Успешно сданы 5 предметов из 12-ти.", {(5, "other"), (12, "other")}),
]

# 5. tables flattened to lines
TABLES = [
    ("Количество участников\n86\n", {(86, "participants")}),
    ("Количество школ-участниц:\n7\n", {(7, "schools")}),
    ("Количество участников | 86 |", {(86, "participants")}),
    ("| Количество участников | Количество школ |\n|---|---|\n| 86 | 12 |",
     {(86, "participants"), (12, "schools")}),
    ("Количество участников\tКоличество школ\n86\t12\n", {(86, "participants"), (12, "schools")}),
    ("Количество участников (чел.)\n86\n", {(86, "participants")}),
    ("Показатель\t2022 год\t2023 год\nКоличество выпускников, чел.\t152\t129\n",
     {(152, "students"), (129, "students")}),
    ("Учителя\t45\t41\n", {(45, "teachers"), (41, "teachers")}),
    ("| № | Категория | Всего | Доля, % |\n|---|---|---|---|\n| 1 | Педагогические работники | 64 | 59 |\n",
     {(64, "teachers")}),
    ("Количество выпускников |\n152 |\n129 |\nСроки |\n", {(152, "students"), (129, "students")}),
]


@pytest.mark.parametrize("text, expected", NOUN_ELSEWHERE)
def test_counts_noun_before_number_or_elided(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text, expected", TABLES)
def test_counts_flattened_tables(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


def test_counts_subset_is_no_larger_than_its_whole(counts_nlp):
    text = "В проекте 4 школы, из них 9 уже работают по программам."
    assert pairs(built(counts_nlp, text)) == {(4, "schools")}


def test_counts_number_before_an_uncounted_noun_takes_no_elided_noun(counts_nlp):
    text = "В проекте 20 школ, из них 3 класса с углублённым изучением."
    assert pairs(built(counts_nlp, text)) == {(20, "schools")}


def test_counts_range_after_from_count_is_no_subset(counts_nlp):
    text = "Из 12 школ района в рейтинг вошли школы с 3 по 7 места."
    assert pairs(built(counts_nlp, text)) == {(12, "schools")}


def test_counts_elided_evidence_keeps_the_reporting_verb(counts_nlp):
    text = "Из 30 мероприятий выполнено 22 (двадцать два), остальные частично."
    evidence = {c.value: c.evidence for c in built(counts_nlp, text)}
    assert evidence[22].startswith("выполнено 22 (двадцать два)")


def test_counts_elided_noun_points_at_the_named_noun(counts_nlp):
    text = "В проекте 14 школ, из них 4 сельские."
    records = {c.value: c for c in built(counts_nlp, text)}
    assert records[4].provenance["what"][0].text == "школ"
    assert records[4].provenance["value"][0].text == "4"


EVIDENCE = [
    ("Приняли участие в педсовете 41 человек (Ишимский район).",
     "Приняли участие в педсовете 41 человек"),
    ("В совещании участвовали 9 директоров школ и 9 кураторов.", "9 кураторов"),
    ("Количество просмотров трансляции (<https://vk.com/v1>) – 214.",
     "Количество просмотров трансляции (<https://vk.com/v1>) – 214"),
    ("Семинар 20 мая 2022 года прошёл в 5 школах.", "прошёл в 5 школах"),
]


@pytest.mark.parametrize("text, evidence", EVIDENCE)
def test_counts_evidence_is_short_fragment(counts_nlp, text, evidence):
    records = built(counts_nlp, text)
    assert evidence in [c.evidence for c in records]
    for c in records:
        (ev,) = c.provenance["evidence"]
        assert text[ev.start:ev.stop] == c.evidence


def test_counts_provenance_points_at_number_and_noun(counts_nlp):
    text = "Собралось около сорока участников."
    (record,) = built(counts_nlp, text)
    assert record.provenance["value"][0].text == "сорока"
    assert record.provenance["what"][0].text == "участников"
    assert record.spans[0].text == "около сорока участников"
    assert record.unit == "участник"


def test_counts_repeated_statement_is_one_record(counts_nlp):
    text = "Приняли участие 43 человека. Итого: 43 человека."
    (record,) = built(counts_nlp, text)
    assert len(record.spans) == 2
    assert_grounded(record, text)


def test_counts_figures_given_item_by_item_stay_apart(counts_nlp):
    text = "Свыше 85 баллов получили в гимназиях №5 (2 человека), 9 (2 человека) и 14."
    records = built(counts_nlp, text)
    assert [(c.value, c.what) for c in records] == [(2, "students"), (2, "students")]
    assert_grounded(records, text)


WRAPPED = [
    ("В семинаре приняли участие 120\nпедагогов из школ района.", (120, "participants"),
     "120\nпедагогов"),
    ("Учредить  пять   премий  победителям.", (5, "other"), "пять   премий"),
    ("По итогам приняли участие 120педагогов.", (120, "participants"), "120педагогов"),
]


@pytest.mark.parametrize("text, pair, span", WRAPPED)
def test_counts_hard_wrapped_and_spaced_text_keeps_source_spans(counts_nlp, text, pair, span):
    (record,) = built(counts_nlp, text)
    assert (record.value, record.what) == pair
    assert record.spans[0].text == span
    assert_grounded(record, text)


def test_counts_each_table_cell_is_its_own_figure(counts_nlp):
    text = "Категория\t2022\t2023\nРуководители ОО\t9\t9\n"
    records = built(counts_nlp, text)
    assert [(c.value, c.what) for c in records] == [(9, "directors"), (9, "directors")]
    assert_grounded(records, text)


def test_counts_whole_after_from_restates_an_earlier_count(counts_nlp):
    text = "В проекте 14 общеобразовательных организаций. Отчёты сдали 9 школ из 14."
    assert sorted((c.value, c.what) for c in built(counts_nlp, text)) == \
        [(9, "schools"), (14, "schools")]
