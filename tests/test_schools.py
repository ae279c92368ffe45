"""schools family: SCHOOL mentions and one School record per distinct school."""
from __future__ import annotations

import pytest
from conftest import assert_grounded

import extractors.schools as schools
from extractors.base import stored_mentions
from schemas.mention_attrs import SchoolAttrs


def records(nlp, text: str):
    doc = nlp(text)
    found = schools.build(doc, stored_mentions(doc, "schools"))
    for school in found:
        assert_grounded(school, text)
    return found


def summary(found) -> set[tuple]:
    return {(s.type, s.number, s.name, s.locality) for s in found}


ONE_SCHOOL = [
    ("Директор МБОУ «Вязовская ООШ» выступила с докладом.", ("ООШ", None, "Вязовская", None)),
    ("Куратор из МАОУ СОШ № 17 г. Твери посетил школу.", ("СОШ", "17", None, "г. Тверь")),
    ("Опыт МБОУ «СОШ п. Заречный» был представлен.", ("СОШ", None, None, "п. Заречный")),
    ("Приказ по МБОУ г. Пензы «Основная общеобразовательная школа № 8» издан.",
     ("ООШ", "8", None, "г. Пенза")),
    ("Команда МБОУ «Ключевская средняя общеобразовательная школа» обсудила план.",
     ("СОШ", None, "Ключевская", None)),
    ("В МКОУ «Берёзовская начальная общеобразовательная школа» прошёл урок.",
     ("НОШ", None, "Берёзовская", None)),
    ("Учителя Лицея № 4 провели мастер-класс.", ("лицей", "4", None, None)),
    ("Педагоги гимназии № 12 г. Липецка поделились опытом.", ("гимназия", "12", None, "г. Липецк")),
    ("Выступил директор МАОУ «Гимназия № 3».", ("гимназия", "3", None, None)),
    ("Воспитанники школы-интерната № 2 приняли участие.", ("школа-интернат", "2", None, None)),
    ("Семинар в МБОУ СОШ с. Михайловка собрал педагогов.", ("СОШ", None, None, "с. Михайловка")),
    ("Слушали директора школы № 45 о результатах.", ("школа", "45", None, None)),
    ("Директор МКОУ СОШ пгт Новая Заря выступил.", ("СОШ", None, None, "пгт Новая Заря")),
    ("Учителя СОШ № 9 г. Нижнего Новгорода приехали.", ("СОШ", "9", None, "г. Нижний Новгород")),
    ("Визит в МОУ СШ № 6 «Центр образования» г. Углича.", ("СОШ", "6", None, "г. Углич")),
]


@pytest.mark.parametrize("text,expected", ONE_SCHOOL)
def test_schools_one_school_fields(nlp, text, expected):
    found = records(nlp, text)
    assert summary(found) == {expected}


def test_schools_honorific_is_part_of_the_name(nlp):
    text = "Встреча прошла в МБОУ «Дубровская СОШ им. П. С. Орлова» 5 мая."
    (school,) = records(nlp, text)
    assert (school.name, school.honorific) == ("Дубровская им. П. С. Орлова", "им. П. С. Орлова")


def test_schools_honorific_with_title_and_locality(nlp):
    (school,) = records(nlp, "Визит в МОБУ СОШ им. Героя России П.Н. Сидорова с. Кедровка прошёл.")
    assert (school.honorific, school.locality) == ("им. Героя России П.Н. Сидорова", "с. Кедровка")


def test_schools_honorific_after_number(nlp):
    (school,) = records(nlp, "На базе СОШ № 8 им. В.А. Титова состоялся семинар.")
    assert (school.number, school.name) == ("8", "им. В.А. Титова")


ENUMERATIONS = [
    ("Средние школы №№ 4, 9, 21 вошли в проект.", "СОШ", ["4", "9", "21"]),
    ("Руководители Основных школ №№ 3, 6 выступили.", "ООШ", ["3", "6"]),
    ("Проверка прошла в Средних школах №№ 11, 12.", "СОШ", ["11", "12"]),
    ("Отчитались МБОУ СОШ № 2,8,16.", "СОШ", ["2", "8", "16"]),
    ("Приехали кураторы из школ №№ 5, 14, 30.", "школа", ["5", "14", "30"]),
]


@pytest.mark.parametrize("text,kind,numbers", ENUMERATIONS)
def test_schools_enumeration_expands(nlp, text, kind, numbers):
    found = records(nlp, text)
    assert sorted((s.type, s.number) for s in found) == sorted((kind, n) for n in numbers)
    assert all(s.spans[0].text == found[0].spans[0].text for s in found)


def test_schools_genitive_name_is_nominative_and_merged(nlp):
    text = ("Директор МБОУ «Липовская ООШ» выступил. "
            "Фото директора МБОУ «Липовской ООШ» прилагается.")
    (school,) = records(nlp, text)
    assert school.name == "Липовская"
    assert school.mention == "МБОУ «Липовская ООШ»"
    assert len(school.spans) == 2


def test_schools_short_and_full_mention_are_one_school(nlp):
    text = "Семинар прошёл в СОШ № 7 им. А.И. Лебедева. Заместитель директора СОШ №7 выступила."
    (school,) = records(nlp, text)
    assert school.mention == "СОШ № 7 им. А.И. Лебедева"
    assert len(school.spans) == 2


def test_schools_generic_mention_joins_typed_school(nlp):
    text = ("Кураторами стали учителя школ №№ 4, 40. "
            "Кураторы из Средних школ №№ 4, 40 провели визиты.")
    found = records(nlp, text)
    assert sorted((s.type, s.number) for s in found) == [("СОШ", "4"), ("СОШ", "40")]


def test_schools_same_number_in_two_towns_are_two_schools(nlp):
    text = "Опытом поделились МБОУ СОШ № 1 г. Ржева и МБОУ СОШ № 1 г. Торжка. СОШ № 1 г. Ржева лидирует."
    found = records(nlp, text)
    assert sorted(s.locality for s in found) == ["г. Ржев", "г. Торжок"]


def test_schools_unlocated_mention_joins_located_school(nlp):
    text = "Куратор из МАОУ СОШ № 21 г. Калуги приехал. Педагоги СОШ № 21 провели уроки."
    (school,) = records(nlp, text)
    assert school.locality == "г. Калуга" and len(school.spans) == 2


def test_schools_legal_form_recorded(nlp):
    (school,) = records(nlp, "Директор МКОУ «Озёрная СОШ» выступила.")
    assert school.legal_form == "МКОУ"


def test_schools_quoted_name_identifies_unnumbered_school(nlp):
    (school,) = records(nlp, "Директор МБОУ «Лицей «Эрудит»» выступил.")
    assert (school.type, school.number, school.name) == ("лицей", None, "Эрудит")


def test_schools_locality_after_closing_quote(nlp):
    (school,) = records(nlp, "В проект включена МОУ «СОШ № 5» г. Кашина.")
    assert (school.number, school.locality) == ("5", "г. Кашин")


NOT_SCHOOLS = [
    "Руководители школ обсудили план.",
    "Школы-участницы проекта подготовили отчёты.",
    "Школьные кураторы посетили занятия.",
    "Студенты колледжа № 3 и техникума № 1 пришли на встречу.",
    "Детский сад № 15 провёл праздник.",
    "Методисты ЦДО провели консультации.",
    "Изданы приказы по школе № 112 от 3 марта.",
    "Учителя начальной школы провели открытые уроки.",
    "Каждая СОШ подготовила план.",
]


@pytest.mark.parametrize("text", NOT_SCHOOLS)
def test_schools_not_a_school(nlp, text):
    assert records(nlp, text) == []


def test_schools_spans_are_grounded(nlp):
    text = "В МАОУ СОШ № 33 г. Калуги и в МБОУ «Сосновская ООШ» прошли визиты."
    doc = nlp(text)
    mentions = stored_mentions(doc, "schools")
    assert mentions and all(text[m.start:m.stop] == m.text for m in mentions)
    assert assert_grounded(schools.build(doc, mentions), text) >= 2


@pytest.mark.seeds
def test_schools_seed_documents_match_gold(nlp, seeds_dir):
    """Every school of the reference documents, no more, with its type (scorer's keys)."""
    from pipeline.gold import find_pairs, load_gold
    from pipeline.scoring import school_key

    for text_path, gold_path in find_pairs(seeds_dir):
        text = text_path.read_text(encoding="utf-8")
        found = records(nlp, text)
        predicted = sorted((school_key(s.model_dump()), s.type) for s in found)
        expected = sorted((school_key(s), s["type"]) for s in load_gold(gold_path)["schools"])
        assert predicted == expected, text_path.name


NUMBER_FORMS = [
    ("Семинар прошёл в лицее 212 и гимназии 47.", [("лицей", "212"), ("гимназия", "47")]),
    ("Лучшие результаты у учеников 63-й гимназии.", [("гимназия", "63")]),
    ("Елена Сомова (41-го лицей) заняла второе место.", [("лицей", "41")]),
    ("Директор средней общеобразовательной школы N 27 выступил.", [("СОШ", "27")]),
    ("Проверены средние школы NN 3, 8 района.", [("СОШ", "3"), ("СОШ", "8")]),
    ("Отчёт МБОУ СОШ с УИОП № 91 принят.", [("СОШ", "91")]),
    ("Педагоги МАОУ «Центр образования № 38» провели уроки.", [("other", "38")]),
    ("Руководители ГБОУ №№ 1207, 1342 выступили.", [("other", "1207"), ("other", "1342")]),
    ("Пересдачи в школах № 5, 11 (3 человека), 19 назначены.",
     [("школа", "5"), ("школа", "11"), ("школа", "19")]),
    ("Выпускники вечерней школы № 9 сдали экзамен.", [("other", "9")]),
    ("ГБОУ ЦО № 1420 провёл день открытых дверей.", [("other", "1420")]),
]


@pytest.mark.parametrize("text,expected", NUMBER_FORMS)
def test_schools_number_forms(nlp, text, expected):
    found = records(nlp, text)
    assert sorted((s.type, s.number) for s in found) == sorted(expected)


NOT_A_NUMBERED_SCHOOL = [
    "В школе 5 учителей математики.",
    "Из 3-х школ приехали кураторы.",
    "Уроки в школе 12.05.2021 отменены.",
    "Центр образования «Точка роста» открыт в районе.",
    "Педагоги МБОУ ДО «ЦДТ» провели занятие.",
]


@pytest.mark.parametrize("text", NOT_A_NUMBERED_SCHOOL)
def test_schools_number_without_school(nlp, text):
    assert [(s.type, s.number) for s in records(nlp, text) if s.number] == []


NUMBER_LISTS = [
    ("Министр перечислил номера школ: 14,28,36. Работа продолжится.", ["14", "28", "36"]),
    ("«Школы, которым нужна помощь, такие: 7, 19 и 44», — сказал он.", ["7", "19", "44"]),
]


@pytest.mark.parametrize("text,expected", NUMBER_LISTS)
def test_schools_announced_number_list(nlp, text, expected):
    assert sorted(s.number for s in records(nlp, text)) == sorted(expected)


NOT_SCHOOL_LISTS = [
    "Количество школ по годам: 12, 14, 15.",
    "В школах района результаты такие: 45, 50 баллов.",
    "Школы открыли в годы: 1998, 2004.",
    "Результаты школ: 45, 50 и 62 балла.",
]


@pytest.mark.parametrize("text", NOT_SCHOOL_LISTS)
def test_schools_number_list_not_schools(nlp, text):
    assert records(nlp, text) == []


def test_schools_adjective_enumeration_expands(nlp):
    found = records(nlp, "Учителя Ольховской, Сосновской и Лиственской школ приехали.")
    assert sorted(s.name for s in found) == ["Лиственская", "Ольховская", "Сосновская"]


BARE_LEGAL = [
    ("Участвовали МАОУ Лицей и МБОУ СОШ № 4.", ("лицей", None, None)),
    ("Директор МОУ ВСОШ выступил.", ("other", None, None)),
    ("Чтецы из МАОУ «ТМЛ» победили.", ("other", None, "ТМЛ")),
]


@pytest.mark.parametrize("text,expected", BARE_LEGAL)
def test_schools_legal_form_with_bare_type(nlp, text, expected):
    found = records(nlp, text)
    assert expected in {(s.type, s.number, s.name) for s in found}


def test_schools_genitive_name_in_quotes_with_city(nlp):
    (school,) = records(nlp, 'Реорганизовать МОУ "Гимназия искусств города Вольска".')
    assert (school.type, school.name, school.locality) == ("гимназия", "искусств", "г. Вольск")


def test_schools_specific_type_wins_over_generic(nlp):
    text = "Средняя школа № 81 вошла в список. Директор Уральской школы № 81 не согласен."
    (school,) = records(nlp, text)
    assert (school.type, school.number) == ("СОШ", "81")


DESCRIBED = [
    ("Открыть Озёрскую областную специальную школу для глухих и слабослышащих детей.",
     ("школа", "Озёрскую областную специальную школу для глухих и слабослышащих детей")),
    ("Ученики Ключевской краевой школы-интерната для слабовидящих обучающихся приехали.",
     ("школа-интернат", "Ключевской краевой школы-интерната для слабовидящих обучающихся")),
    ("Образовательный комплекс Копейска открылся в сентябре.",
     ("other", "Образовательный комплекс Копейска")),
]


@pytest.mark.parametrize("text,expected", DESCRIBED)
def test_schools_described_school(nlp, text, expected):
    assert [(s.type, s.mention) for s in records(nlp, text)] == [expected]


def test_schools_two_described_schools_stay_two(nlp):
    text = ("Закрыть Северную краевую школу для слепых учащихся и открыть "
            "Южную краевую школу для глухих учащихся.")
    assert len(records(nlp, text)) == 2


def test_schools_generic_special_school_is_not_a_school(nlp):
    assert records(nlp, "В крае нет специальной школы для слепых детей.") == []


def test_schools_settlement_abbreviation_with_two_letters(nlp):
    (school,) = records(nlp, "Директор Средней школы № 3 р.п. Ольховка выступил.")
    assert (school.number, school.locality) == ("3", "р.п. Ольховка")


@pytest.mark.parametrize("text", ["Данные передал ГБОУ «РЦОИ» в срок.",
                                  "Занятия ведёт МБОУ ДО «ДЮСШ» района."])
def test_schools_quoted_abbreviation_of_another_institution(nlp, text):
    assert records(nlp, text) == []


@pytest.mark.parametrize("text,expected", [
    ("Учащиеся МБОУ СОШ № 4 г. Ключевска победили.",
     [SchoolAttrs(type="СОШ", number="4", locality="г. Ключевск", legal_form="МБОУ")]),
    ("Средние школы №№ 2, 7 участвовали.",
     [SchoolAttrs(type="СОШ", number="2"), SchoolAttrs(type="СОШ", number="7")]),
    ("Назовите номера школ: 12, 19 и 43.",
     [SchoolAttrs(type="школа", number=n) for n in ("12", "19", "43")]),
])
def test_schools_mentions_carry_typed_attrs(nlp, text, expected):
    found = [m.attrs for m in stored_mentions(nlp(text), "schools")]
    assert found == expected


@pytest.mark.parametrize("items", [
    ("МБОУ", "МАОУ", "МОУ", "ГБОУ ОО"),
    ("гимназии", "школе", "лицее"),
])
def test_schools_alternation_is_the_same_whatever_the_item_order(items):
    from itertools import permutations
    from extractors.schools.patterns import alternation
    built = {alternation(order) for order in permutations(items)}
    assert len(built) == 1
    first = built.pop().split("|")[0].replace(r"\s+", " ")
    assert first == max(items, key=len)


WRAPPED = [
    "На совещании директор назвал номера школ, которым нужна помощь в первую очередь: "
    "14, 27, 38, 52, 61, а остальным поможем позже.",
    "Опытом работы поделились учителя МАОУ «Лицей прикладных наук» и гимназии № 8, "
    "а также педагоги школ № 4, 13, 25 и 31.",
    "Грамоты за первое место в районном конкурсе получили лицея 117 и гимназии 46, "
    "а дипломы вручены педагогам Центра образования № 59.",
]


@pytest.mark.parametrize("text", WRAPPED)
@pytest.mark.parametrize("width", [40, 60])
def test_schools_hard_wrapped_text_gives_the_same_schools(nlp, text, width):
    import textwrap

    wrapped = textwrap.fill(text, width=width)
    assert "\n" in wrapped
    assert summary(records(nlp, wrapped)) == summary(records(nlp, text))
    assert len(records(nlp, text)) >= 3


@pytest.mark.parametrize("text", [
    "Номера школ:\n1. Итоги работы школ за год\n2. Разное: 14, 27",
    "Положение о работе гимназии\n1. Общие положения.",  # a list item, not «гимназии 1»
])
def test_schools_line_structure_is_not_read_across(nlp, text):
    assert {s.number for s in records(nlp, text)} == set()


def test_schools_number_list_on_the_line_after_its_colon(nlp):
    text = "Глава района назвал номера школ, которым нужна помощь:\n14, 27, 38.\nОстальным позже."
    assert {s.number for s in records(nlp, text)} == {"14", "27", "38"}


def test_type_words_class_written_quick_to_compile_matches_the_same():
    """``[а-яё]`` of the type words is written as a branch that compiles quickly; under
    IGNORECASE it takes the same characters (the BMP holds every one re folds into them)."""
    import re

    from extractors.schools.lexicon import BRANCH, quick_to_compile

    assert quick_to_compile(r"школ[а-яё]*\[а-яё]") == rf"школ{BRANCH}*\[а-яё]"
    mixed, branch = re.compile("[а-яё]", re.IGNORECASE), re.compile(BRANCH, re.IGNORECASE)
    assert all(bool(mixed.fullmatch(c)) == bool(branch.fullmatch(c))
               for c in map(chr, range(0x10000)) if not "\ud800" <= c <= "\udfff")


@pytest.mark.parametrize("written, cls", [("LETTER", "[А-ЯЁа-яё]"), ("OPEN_QUOTE", "[«\"“„]"),
                                          ("CLOSE_QUOTE", "[»\"”“]")])
def test_quick_to_compile_classes_take_the_same_characters(written, cls):
    """The composed pattern's letter and quote classes, written as a two-run class or'ed
    with a one-character repeat, take the same characters as the one class."""
    import re

    from extractors.schools import patterns

    one, quick = re.compile(cls), re.compile(getattr(patterns, written))
    assert all(bool(one.fullmatch(c)) == bool(quick.fullmatch(c))
               for c in map(chr, range(0x10000)) if not "\ud800" <= c <= "\udfff")


def test_type_words_first_letter_check_is_a_necessary_condition():
    """The lookahead before the type words takes each type pattern's first letter (in any
    case) and is left out when a pattern does not open with one letter taken once."""
    import re

    from extractors.schools.lexicon import Lexicon
    from extractors.schools.patterns import first_letter_check

    check = re.compile(first_letter_check(Lexicon.load().types), re.IGNORECASE)
    for pattern, _ in Lexicon.load().types:
        assert check.match(pattern[0]) and check.match(pattern[0].swapcase())
    assert first_letter_check([("ab|cd", "x")]) == ""
    assert first_letter_check([("а?б", "x")]) == ""
    assert first_letter_check([("(?:аб)", "x")]) == ""
