"""counts family: numbers about the event or project and what they count (values,
kinds, what is no count); where a statement's parts are is tests/test_counts_statements.py."""
from __future__ import annotations

import json

import pytest
from conftest import assert_grounded
from counts_support import built, check, counts_pipeline, pairs


@pytest.fixture(scope="module")
def counts_nlp():
    return counts_pipeline()


COUNTS = [
    ("На вебинаре присутствовали 52 человека из разных районов.", {(52, "participants")}),
    ("Количество просмотров трансляции (<https://vk.com/video-12_34>) – 214.", {(214, "views")}),
    # attendance is participants whoever attended (the real documents' gold convention)
    ("В совещании участвовали 9 директоров школ и 7 кураторов.",
     {(9, "participants"), (7, "participants")}),
    ("В школе работают 9 директоров кружков и 7 кураторов.", {(9, "directors"), (7, "curators")}),
    ("В проект вошли 14 школ, из них 5 школ сельские.", {(14, "schools"), (5, "schools")}),
    ("Подключились представители 23 муниципальных образований края.", {(23, "municipalities")}),
    ("Отчёты сдали 7 муниципальных районов.", {(7, "municipalities")}),
    ("В проекте участвуют 12 СОШ и 3 ООШ района.", {(12, "schools"), (3, "schools")}),
    ("Обучение прошли 64 классных руководителя.", {(64, "teachers")}),
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
    ("Подключились 31 слушатель и 6 руководителей.", {(31, "participants"), (6, "participants")}),
    ("В проекте участвуют 4 школы района, за которыми закреплены пять кураторов.",
     {(4, "schools"), (5, "curators")}),
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

# 1. counts of other things in report and monitoring prose
OTHER_COUNTS = [
    ("В ИС МЭДК загружено 46 документов.", {(46, "other")}),
    ("Кураторами проведено 19 консультаций.", {(19, "other")}),
    ("Из 84 запланированных мероприятий выполнено 23.", {(84, "other"), (23, "other")}),
    ("Школами подготовлено 12 планов.", {(12, "other")}),
    ("На доработку возвращено 18 программ.", {(18, "other")}),
    ("Из 30 мероприятий выполнено 22 (двадцать два), остальные частично.",
     {(30, "other"), (22, "other")}),
    ("По итогам мониторинга выполнено 17 (семнадцать).", {(17, "other")}),
    ("Поступило 5 заявок, одобрено 3 (три).", {(5, "other"), (3, "other")}),
    ("Методистов — 6, координаторов — 4.", {(6, "other"), (4, "other")}),
    ("На собрании присутствовали 120 родителей.", {(120, "other")}),
    ("Выступили 3 представителя муниципалитетов.", {(3, "other")}),
    ("Загружено 12 протоколов и 4 справки, разработано 6 дорожных карт.",
     {(12, "other"), (4, "other"), (6, "other")}),
    ("На доработку возвращены 3 из 5 программ.", {(3, "other"), (5, "other")}),
    ("На конференции работали 6 секций, выступили 8 спикеров.", {(6, "other"), (8, "other")}),
    ("Для лицея выбраны четыре рисковых направления, для гимназии – три.",
     {(4, "other"), (3, "other")}),
    ("Награждены 5 победителей и 12 призёров, помогали 9 волонтёров.",
     {(5, "other"), (12, "other"), (9, "other")}),
]

# 2. collective numerals and "из N <noun> четверо"
COLLECTIVE = [
    ("Из 20 учителей четверо прошли курсы.", {(20, "teachers"), (4, "teachers")}),
    ("На семинар пришли пятеро педагогов.", {(5, "teachers")}),
    ("Двое педагогов выступили с докладами.", {(2, "teachers")}),
    ("В работе приняли участие семеро кураторов.", {(7, "participants")}),
    ("Десятеро учителей прошли курсы.", {(10, "teachers")}),
    ("Из 12 школ две вышли из проекта.", {(12, "schools"), (2, "schools")}),
    ("Из пяти гимназий обе городские вошли в рейтинг.", {(5, "schools"), (2, "schools")}),
    ("Четыре из шести гимназий улучшили результаты.", {(4, "schools"), (6, "schools")}),
]

# 4. approximate participants
QUALIFIED = [
    ("Приняли участие не менее 40 человек.", {(40, "participants")}),
    ("На семинаре присутствовало свыше ста участников.", {(100, "participants")}),
    ("Вебинар собрал порядка 60-ти участников.", {(60, "participants")}),
    ("Участвовали около 200 человек.", {(200, "participants")}),
    ("Подключилось более 70 педагогов.", {(70, "participants")}),
    ("Участников — более 50.", {(50, "participants")}),
    ("Количество просмотров – около 300.", {(300, "views")}),
    ("Охвачено не менее 300 обучающихся.", {(300, "students")}),
    ("Количество участников составило 52.", {(52, "participants")}),
    ("Число просмотров превысило 1 200.", {(1200, "views")}),
    ("На форум собрались более полутора тысяч педагогов.", {(1500, "participants")}),
    ("Запись набрала свыше 2,5 тыс. просмотров.", {(2500, "views")}),
    ("Форум собрал более тысячи участников.", {(1000, "participants")}),
    ("Пришло более сотни гостей.", {(100, "participants")}),
]

NOT_COUNTS_NEW = [
    "Голосовали: «за» – 12, «против» – 0, «воздержались» – 0.",
    "Голосовали: за – 15, против – нет, воздержались – 1.",
    "Итоги голосования: «за» – 10 человек, «против» – 0 человек.",
    "Каждый второй учитель прошёл диагностику.",
    "Планируется охватить не менее 300 обучающихся.",
    "В семинаре примут участие не менее 50 педагогов.",
    "Открытые уроки\tдо 15.10.2022\tПосещено не менее 2 уроков",
    "План – 12, факт – 10.",
    "Целевой показатель – 40 человек.",
    "Обе школы вошли в проект.",
    "В школе обучаются 58 человек, работают 11 педагогов.",
    "Количество участников\n2022\n",
    "Участников – не менее 40, планируется расширение.",
    "Планируемое количество участников: 100.",
    "Работа выполнена в течение 10 (десяти) рабочих дней.",
    "Выделено 5 (пять) тысяч рублей.",
    "Оценка 5 (пять) выставлена за работу.",
    "Присутствовали: 1. Иванов И.И., 2. Петров П.П.",
    "Ещё 2 года назад школа была в списке.",
    "3. 0сновные мероприятия проведены в срок.",
    "Средний балл вырос на 1,5 по сравнению с прошлым годом.",
    "Гимназия № 3\t45\t44\n",
    "Учителя\t2021\t2022\n",
    "Тысячи педагогов посмотрели выступление.",
    "Консультации идут с 10 до 12 часов.",
    "Доля выпускников, %\t12\t14\n",
    "Организация и проведение ГИА-11 в районе.",
]

# 6. what the sentence says the counted people are
KINDS = [
    ("В семинаре приняли участие более 150 управленцев края.", {(150, "participants")}),
    ("В форуме приняли участие более четырёхсот представителей родительских комитетов.",
     {(400, "participants")}),
    ("Форум собрал 90 сотрудников школ района.", {(90, "participants")}),
    ("В совещании приняли участие 80 учителей и директоров.", {(80, "participants")}),
    ("Двойки получили учащиеся гимназии №7 (3 человека).", {(3, "students")}),
    ("Шесть человек получили 100 баллов.", {(6, "students")}),
    ("Анкету заполнили 120 человек, средний балл удовлетворённости высокий.",
     {(120, "participants")}),
    ("В финал конкурса вышли 10 конкурсантов.", {(10, "participants")}),
    ("В 2022 году ЕГЭ сдавали 48 чел.", {(48, "students")}),
    ("Участниками стали директора и кураторы школ – всего 18 человек.", {(18, "participants")}),
    ("Присутствовали: директора, кураторы, методисты – 21 человек.", {(21, "participants")}),
    ("Допущены к экзаменам 64 одиннадцатиклассника, из них 2 экстерна.",
     {(64, "students"), (2, "students")}),
    ("Средний балл 61.4. Семь выпускников набрали 100 баллов.", {(7, "students")}),
]


# 7. the sentence runs on past an abbreviation («г.», «им.», «пос.») and initials
SENTENCE_PAST_ABBREVIATIONS = [
    ("Учителя из г. Липовска – всего 14 человек.", {(14, "teachers")}),
    ("Анкету заполнили учителя школ г. Липовска — 31 человек.", {(31, "teachers")}),
    ("Обучающиеся школ г. Липовска в количестве 40 человек.", {(40, "students")}),
    ("Курсы прошли учителя пос. Озёрного – 12 человек.", {(12, "teachers")}),
    ("Директора школ им. А.С. Пушкина и кураторы – всего 18 человек.", {(18, "participants")}),
]


@pytest.mark.parametrize("text, expected", COUNTS)
def test_counts_value_and_what(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text, expected", OTHER_COUNTS)
def test_counts_other_things_in_report_prose(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text, expected", COLLECTIVE)
def test_counts_collective_numerals(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text, expected", QUALIFIED)
def test_counts_approximate_numbers(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text, expected", KINDS)
def test_counts_kind_from_attendance_group_and_sentence(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text, expected", SENTENCE_PAST_ABBREVIATIONS)
def test_counts_kind_read_from_the_whole_sentence_past_abbreviations(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("text", NOT_COUNTS + NOT_COUNTS_NEW)
def test_counts_not_counts(counts_nlp, text):
    assert built(counts_nlp, text) == []


def test_counts_voters_are_no_count(counts_nlp):
    text = "Из 30 присутствующих 12 проголосовали за."
    assert pairs(built(counts_nlp, text)) == {(30, "participants")}


def test_counts_place_of_a_part_is_no_count(counts_nlp):
    text = "Доля неуспевающих в трёх из четырёх школ снизилась."
    assert pairs(built(counts_nlp, text)) == {(4, "schools")}


def test_counts_decision_items_count_what_they_fix_but_not_targets(counts_nlp):
    text = ("Присутствовали: 14 человек.\n"
            "Решили:\n1. Учредить пять премий победителям конкурса.\n"
            "2. Провести не менее 4 семинаров до конца года.\n")
    assert pairs(built(counts_nlp, text)) == {(14, "participants"), (5, "other")}


def test_counts_same_number_of_other_nouns_are_two_statements(counts_nlp):
    text = "ЕГЭ сдавали 90 выпускников. Математику сдавали 90 человек."
    records = built(counts_nlp, text)
    assert sorted(c.unit for c in records) == ["выпускник", "человек"]
    assert {(c.value, c.what) for c in records} == {(90, "students")}


@pytest.mark.seeds
def test_counts_seeds_match_gold(counts_nlp, seeds_dir):
    for text_path in sorted(seeds_dir.glob("*.txt")):
        gold = json.loads((seeds_dir / "gold" / f"{text_path.stem}.json").read_text("utf-8"))
        text = text_path.read_text("utf-8")
        records = built(counts_nlp, text)
        expected = sorted((c["value"], c["what"]) for c in gold["counts"])
        assert sorted((c.value, c.what) for c in records) == expected, text_path.stem
        assert_grounded(records, text)


def count_mentions(nlp, text):
    from extractors.base import stored_mentions

    return [m for m in stored_mentions(nlp(text), "counts") if m.label == "COUNT"]


def test_counts_mentions_carry_typed_attrs(counts_nlp):
    from schemas.mention_attrs import CountAttrs

    text = "На семинаре в Берёзовке присутствовали 52 человека."
    (m,) = count_mentions(counts_nlp, text)
    a = m.attrs
    assert isinstance(a, CountAttrs)
    assert (a.value, a.what, a.unit, a.itemised, a.borrowed) == (52, "participants", "человек",
                                                                 False, False)
    assert (text[slice(*a.number)], text[slice(*a.noun)]) == ("52", "человека")
    assert a.evidence[0] <= m.start and a.evidence[1] >= m.stop


FLAGGED = [  # (text, number, itemised, borrowed)
    ("В проект вошли 14 школ, из них 5 сельские.", "5", False, True),
    ("В проект вошли 14 школ, из них 5 сельские.", "14", False, False),
    ("Показатель\t2022 год\t2023 год\nКоличество выпускников, чел.\t152\t129\n", "129", True, False),
]


@pytest.mark.parametrize("text, number, itemised, borrowed", FLAGGED)
def test_counts_typed_attrs_flag_itemised_and_borrowed(counts_nlp, text, number, itemised,
                                                         borrowed):
    found = {text[slice(*m.attrs.number)]: m.attrs for m in count_mentions(counts_nlp, text)}
    assert (found[number].itemised, found[number].borrowed) == (itemised, borrowed)


NOUN_FORMS = [  # a counted noun in any form (the lexeme's, a suppletive plural, hyphenated)
    ("Людей — 30.", {(30, "participants")}),
    ("Детей — 45.", {(45, "students")}),
    ("Учителей-предметников — 12.", {(12, "teachers")}),
    ("Число детей составило 61.", {(61, "students")}),
]


@pytest.mark.parametrize("text, expected", NOUN_FORMS)
def test_counts_noun_before_its_number_in_any_form(counts_nlp, text, expected):
    check(counts_nlp, text, expected)


@pytest.mark.parametrize("module, name, cls", [("numbers", "THOUSANDS_GAP", "[ \u00a0\u202f]"),
                                               ("rows", "RULE_ROW", r"[\s|:\-–—+]*")])
def test_counts_quick_to_compile_classes_take_the_same_characters(module, name, cls):
    """A class written as a Latin-1 class or'ed with a one-character repeat takes the same
    characters as the one class (and runs of them)."""
    import importlib
    import re

    quick, one = getattr(importlib.import_module(f"extractors.counts.{module}"), name), re.compile(cls)
    chars = [c for c in map(chr, range(0x10000)) if not "\ud800" <= c <= "\udfff"]
    assert all(bool(one.fullmatch(c)) == bool(quick.fullmatch(c)) for c in chars)
    assert bool(one.fullmatch(" -|–")) == bool(quick.fullmatch(" -|–"))
