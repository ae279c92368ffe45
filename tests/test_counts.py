"""counts family: numbers about the event or project, what they count, evidence."""
from __future__ import annotations

import json

import pytest
from conftest import assert_grounded

import extractors.counts as counts
from extractors.base import stored_mentions


def built(nlp, text):
    doc = nlp(text)
    return counts.build(doc, stored_mentions(doc, "counts"))


def pairs(records) -> set[tuple[int, str]]:
    return {(c.value, c.what) for c in records}


COUNTS = [
    ("На вебинаре присутствовали 52 человека из разных районов.", {(52, "participants")}),
    ("Количество просмотров трансляции (<https://vk.com/video-12_34>) – 214.", {(214, "views")}),
    ("В совещании участвовали 9 директоров школ и 9 кураторов.",
     {(9, "directors"), (9, "curators")}),
    ("В проект вошли 14 школ, из них 5 школ сельские.", {(14, "schools"), (5, "schools")}),
    ("Подключились представители 23 муниципальных образований края.", {(23, "municipalities")}),
    ("Отчёты сдали 7 муниципальных районов.", {(7, "municipalities")}),
    ("В проекте работают две школы округа.", {(2, "schools")}),
    ("Участниками проекта стали три гимназии.", {(3, "schools")}),
    ("На курсах обучались двадцать пять педагогов.", {(25, "teachers")}),
    ("Собралось около сорока участников.", {(40, "participants")}),
    ("Онлайн-трансляцию смотрели более 100 человек.", {(100, "participants")}),
    ("Обучение прошли в количестве 45 человек.", {(45, "participants")}),
    ("Участниками семинара стали 120 педагогов.", {(120, "teachers")}),
    ("Диагностику прошли обучающихся — 350.", {(350, "students")}),
    ("Работу проверили 18 учителей-предметников.", {(18, "teachers")}),
    ("Диагностику прошли 230 учащихся.", {(230, "students")}),
    ("Охвачено 12 ОО района.", {(12, "schools")}),
    ("В мероприятии участвовали 4 общеобразовательные организации.", {(4, "schools")}),
    ("Подключились 31 слушатель и 6 руководителей.", {(31, "participants"), (6, "directors")}),
    ("Запись вебинара посмотрели 1 250 раз.", {(1250, "views")}),
    ("Трансляцию посмотрели 271 человек.", {(271, "views")}),
    ("Кураторами назначены пять педагогов.", {(5, "curators")}),
    ("Кураторы провели 27 выездов и 11 консультаций.", {(27, "other"), (11, "other")}),
    ("Участие приняли 8 школ-участниц проекта.", {(8, "schools")}),
    ("В 5-ти школах прошли педсоветы.", {(5, "schools")}),
    ("В проект вошли 6 (шесть) общеобразовательных организаций.", {(6, "schools")}),
    ("Присутствовали 45 чел. из 12 ОО.", {(45, "participants"), (12, "schools")}),
    ("Кураторами школ утверждены семь опытных и молодых педагогических работников.",
     {(7, "curators")}),
    ("В проект вошли три общеобразова-\nтельные организации округа.", {(3, "schools")}),
    ("Присутствовали: кураторы школ проекта (4 человека), директора (6 человек).",
     {(4, "curators"), (6, "directors")}),
    ("Присутствовали (11 человек).", {(11, "participants")}),
    ("Кол-во участников – 64.", {(64, "participants")}),
    ("Количество участников\t86", {(86, "participants")}),
    ("Запись набрала более 3 тысяч просмотров.", {(3000, "views")}),
    ("Педагогов – 25, обучающихся – 300.", {(25, "teachers"), (300, "students")}),
]

NOT_COUNTS = [
    "Средние школы №№ 4, 9, 21 и СОШ № 17 вошли в проект.",
    "Совещание 14 мая 2022 года, приказ от 01.02.2022 № 115.",
    "Охват анкетированием 100 % (100%) педагогов.",
    "Анкетирование учащихся 7, 10- х классов и 5-8 классов.",
    "Начало в 14 ч. 30 мин.",
    "Телефон 8 (3822) 45-67-89.",
    "Заседание проводится один раз в две недели.",
    "Посещения не реже 1 раза в неделю, затем раз в 3-4 недели.",
    "1. Школы проекта получили методички.",
    "В 2021 году школ стало больше.",
    "Количество школ – 2021 год.",
    "Это одно мероприятие из многих.",
    "Доля составила 1.5 балла.",
    "Посетить не менее 3 уроков в каждой школе.",
]


@pytest.mark.parametrize("text, expected", COUNTS)
def test_counts_value_and_what(nlp, text, expected):
    records = built(nlp, text)
    assert pairs(records) == expected
    assert assert_grounded(records, text) >= 4 * len(records)


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_counts_not_counts(nlp, text):
    assert built(nlp, text) == []


EVIDENCE = [
    ("Приняли участие в педсовете 41 человек (Ишимский район).",
     "Приняли участие в педсовете 41 человек"),
    ("В совещании участвовали 9 директоров школ и 9 кураторов.", "9 кураторов"),
    ("Количество просмотров трансляции (<https://vk.com/v1>) – 214.",
     "Количество просмотров трансляции (<https://vk.com/v1>) – 214"),
    ("Семинар 20 мая 2022 года прошёл в 5 школах.", "прошёл в 5 школах"),
]


@pytest.mark.parametrize("text, evidence", EVIDENCE)
def test_counts_evidence_is_short_fragment(nlp, text, evidence):
    records = built(nlp, text)
    assert evidence in [c.evidence for c in records]
    for c in records:
        (ev,) = c.provenance["evidence"]
        assert text[ev.start:ev.stop] == c.evidence


def test_counts_decisions_section_holds_plans_not_counts(nlp):
    text = ("Присутствовали: 14 человек.\n"
            "Решили:\n1. Провести 4 семинара для 60 учителей до конца года.\n")
    assert pairs(built(nlp, text)) == {(14, "participants")}


def test_counts_provenance_points_at_number_and_noun(nlp):
    text = "Собралось около сорока участников."
    (record,) = built(nlp, text)
    assert record.provenance["value"][0].text == "сорока"
    assert record.provenance["what"][0].text == "участников"
    assert record.spans[0].text == "около сорока участников"
    assert record.unit == "участник"


def test_counts_repeated_statement_is_one_record(nlp):
    text = "Приняли участие 43 человека. Итого: 43 человека."
    (record,) = built(nlp, text)
    assert len(record.spans) == 2
    assert_grounded(record, text)


@pytest.mark.seeds
def test_counts_seeds_match_gold(nlp, seeds_dir):
    for text_path in sorted(seeds_dir.glob("*.txt")):
        gold = json.loads((seeds_dir / "gold" / f"{text_path.stem}.json").read_text("utf-8"))
        text = text_path.read_text("utf-8")
        records = built(nlp, text)
        expected = sorted((c["value"], c["what"]) for c in gold["counts"])
        assert sorted((c.value, c.what) for c in records) == expected, text_path.stem
        assert_grounded(records, text)
