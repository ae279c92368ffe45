"""event: the single event a document is about, or an empty event; its kind and title."""
from __future__ import annotations

import datetime as dt

import pytest
from event_support import NEWS, PROTOCOL, REPORT, built

from extractors.base import load_lexicon, stored_mentions
from extractors.event.lexicon import Lexicon
from schemas.mention_attrs import EventDateAttrs, EventKindAttrs, EventValueAttrs
from schemas.records import Event


@pytest.mark.parametrize("text,kind,title", [
    (REPORT, "круглый стол", "Проект «500+»: первый год работы"),
    (PROTOCOL, "совещание", "Итоги первого года работы школ «500+» в районе"),
    (NEWS, "постер-сессия", "Шаг за шагом"),
    ("ПРОТОКОЛ № 5\nзаседания педагогического совета\n\nот 28.12.2021\n\n"
     "Тема: «Антирисковая программа: промежуточные итоги»\n", "педагогический совет",
     "Антирисковая программа: промежуточные итоги"),
    ("Кураторы района прошли обучение\n\n3–5 ноября 2021 г. прошёл обучающий семинар для кураторов "
     "проекта «500+» «Куратор как партнёр школы».\n", "обучающий семинар", "Куратор как партнёр школы"),
])
def test_event_kind_and_title(nlp, text, kind, title):
    found = built(nlp, text)
    assert (found.kind, found.title) == (kind, title)
    assert found.provenance["kind"] and found.provenance["title"]


def test_event_kind_of_umbrella_event_is_skipped(nlp):
    text = ("Отчёт о проведении в рамках августовской конференции семинара для завучей\n\n"
            "Семинар «Управление изменениями» прошёл 20 августа 2021 года.\n")
    assert built(nlp, text).kind == "семинар"


@pytest.mark.parametrize("text", [
    "Информация по итогам мониторинга дорожной карты школ района\n\n"
    "В соответствии с приказом от 29.01.2021 № 106 район участвует в проекте.\n\n"
    "Участниками проекта стали две школы района.\n\n"
    "В марте проведены семинары, консультации, «круглые столы». 23 марта проведена консультация "
    "с руководителями.\n",
    "Информация о проведённых семинарах и консультациях для школ\n\nВ марте проведены встречи.\n",
    "Отчёт об участии школ в первом этапе проекта\n\nЦель проекта: повышение качества.\n\n"
    "1.\tУстановочное совещание.\tмарт\tПроведено.\n2.\tОнлайн семинар-совещание «Проект».\t"
    "22 марта 2021г.\tПроведено.\n",
    "",
])
def test_event_empty_without_a_single_event(nlp, text):
    found = built(nlp, text)
    assert found == Event()


def test_event_order_head_names_the_event_not_its_date(nlp):
    text = ("Отдел образования администрации района\n\nП Р И К А З\n\nот 03.10.2023\t\t\t№ 318\n"
            "г. Озёрск\n\nО проведении семинара-практикума для школ проекта\n\nПРИКАЗЫВАЮ:\n"
            "1. Провести 19 октября 2023 года на базе МБОУ «Лицей № 1» г. Озёрска муниципальный "
            "семинар-практикум «Урок для всех» в очном формате.\n")
    found = built(nlp, text)
    assert (found.kind, found.title, found.format) == ("семинар-практикум", "Урок для всех", "очный")
    assert found.date_start == dt.date(2023, 10, 19)
    assert found.place == "МБОУ «Лицей № 1» г. Озёрска"


def test_event_specific_kind_shares_title_and_date_with_its_head_noun(nlp):
    text = ("В гимназии № 4 состоялся семинар для кураторов\n\n5 апреля 2023 г. в МБОУ «Гимназия № 4» "
            "(г. Озёрск) состоялся обучающий семинар «Договориться о результате».\n")
    found = built(nlp, text)
    assert (found.kind, found.title) == ("семинар", "Договориться о результате")
    assert (found.date_start, found.place) == (dt.date(2023, 4, 5), "МБОУ «Гимназия № 4»")


@pytest.mark.seeds
def test_event_and_doctype_seeds_f1(seeds_dir, extractor):
    from pipeline.evaluate import evaluate_dirs, f1_by_field, table

    scores = f1_by_field(table(evaluate_dirs([seeds_dir], extractor)))
    for name in ("doc_type", "event.kind", "event.title", "event.format", "event.date_start",
                 "event.place"):
        assert scores[name] >= 0.8, name


@pytest.mark.parametrize("text,kind", [
    ("Выездной семинар для директоров\n2 марта 2024 г. прошёл выездной семинар.\n",
     "выездной семинар"),
    ("Отчёт о проведении выездного методического дня\n14 марта 2024 г. состоялся выездной "
     "методический день.\n", "выездной методический день"),
    ("Отчёт о проектной мастерской\n15 февраля 2024 г. прошла проектная мастерская.\n",
     "проектная мастерская"),
    ("Информация о летней школе\n1 июля 2024 г. открылась летняя школа для кураторов.\n",
     "летняя школа"),
    ("Стратегическая сессия для директоров\n2 октября 2023 г. прошла стратегическая сессия.\n",
     "стратегическая сессия"),
    ("Методический десант в Северном районе\n20 ноября 2023 г. работал методический десант.\n",
     "методический десант"),
    ("Образовательный интенсив для учителей\n1 ноября 2023 г. прошёл образовательный интенсив.\n",
     "образовательный интенсив"),
    ("Онлайн-совещание с кураторами\n5 мая 2023 г. состоялось онлайн-совещание.\n", "совещание"),
    ("Региональный семинар для кураторов\n4 мая 2023 г. прошёл региональный семинар.\n",
     "семинар"),
    ("Рабочее совещание с директорами\n4 мая 2023 г. прошло рабочее совещание.\n", "совещание"),
    ("Очередное заседание методического совета\n4 мая 2023 г. прошло очередное заседание.\n",
     "заседание"),
])
def test_event_kind_with_its_adjectives(nlp, text, kind):
    assert built(nlp, text).kind == kind


def test_event_school_type_is_no_event_kind(nlp):
    text = "Средняя общеобразовательная школа № 5 подвела итоги года\nШкола работает по плану.\n"
    assert built(nlp, text).kind is None


@pytest.mark.parametrize("text,title", [
    ("Стратегическая сессия\n2 октября 2023 г. прошла стратегическая сессия на тему «Точки роста».\n",
     "Точки роста"),
    ("Методический десант\n20 ноября 2023 г. прошёл методический десант под названием "
     "«Учим вместе».\n", "Учим вместе"),
    ("Отчёт о семинаре\n1 ноября 2023 г. прошёл семинар.\nТема: Формирующее оценивание на уроках\n",
     "Формирующее оценивание на уроках"),
])
def test_event_title_forms(nlp, text, title):
    assert built(nlp, text).title == title


@pytest.mark.parametrize("text,kind", [
    ("Кустовой семинар для учителей\n3 марта 2023 г. прошёл кустовой семинар.\n", "семинар"),
    ("Тематический семинар для учителей\n3 марта 2023 г. прошёл тематический семинар.\n",
     "тематический семинар"),
])
def test_event_scope_adjective_is_not_part_of_the_kind(nlp, text, kind):
    assert built(nlp, text).kind == kind


@pytest.mark.parametrize("text,kind", [
    ("ПРОТОКОЛ № 4\nвыездного заседания педагогического совета\nот 12.02.2024\n",
     "педагогический совет"),
    ("ПРОТОКОЛ № 4\nвыездного заседания рабочей группы\nот 12.02.2024\n", "выездное заседание"),
])
def test_event_qualified_container_kind_yields_to_the_named_body(nlp, text, kind):
    assert built(nlp, text).kind == kind


ORDER_EVENTS = [  # (text, kind, title): contests and olympiads an order holds
    ('Приказ от 05.03.2019 № 12\nОб областном конкурсе "Учитель-наставник - 2019"\n'
     '1. Утвердить положение об областном конкурсе "Учитель-наставник - 2019".',
     "конкурс", "Учитель-наставник - 2019"),
    ("Приказ от 11.09.2018 № 40\nОб областной олимпиаде школьников по праву\n"
     "1. Провести областную олимпиаду школьников по праву (далее - Олимпиада).",
     "олимпиада", None),
    ("1. Провести с 2 по 9 апреля 2019 года муниципальную выставку-конкурс рисунков «Мой край».\n"
     "2. Утвердить положение о выставке.", "выставка-конкурс", "Мой край"),
    ("О неделе открытых уроков по физике «Шаг вперёд»\nУчителя школ Озёрска проведут уроки.",
     "неделя открытых уроков", "Шаг вперёд"),
    ("16 октября 2019 года в школах Озёрского района прошел единый день открытых уроков "
     "по химии.", "единый день открытых уроков", None),
]


@pytest.mark.parametrize("text,kind,title", ORDER_EVENTS)
def test_event_contests_and_open_lesson_events(nlp, text, kind, title):
    found = built(nlp, text)
    assert (found.kind, found.title) == (kind, title)


def test_event_range_in_the_order_item_gives_both_dates(nlp):
    found = built(nlp, ORDER_EVENTS[2][0])
    assert (found.date_start, found.date_end) == (dt.date(2019, 4, 2), dt.date(2019, 4, 9))


def test_event_kind_the_text_says_was_held_wins(nlp):
    text = ('12 марта 2021 года Озёрское педагогическое собрание и методисты района провели '
            '"выездной" круглый стол на тему: «Школа и семья».')
    found = built(nlp, text)
    assert (found.kind, found.title) == ("круглый стол", "Школа и семья")


@pytest.mark.parametrize("text", [
    "Решение Районного Собрания МО «Озёрский район» от 01.02.2020 № 5\n"
    "Об утверждении положения о совете по образованию\nРешило:\n1. Утвердить положение.",
    "МИНИСТЕРСТВО ОБРАЗОВАНИЯ\nРЕШЕНИЕ КОЛЛЕГИИ\nот 14 ноября 2019 года N 6\n"
    "Об итогах года и задачах на следующий год",
])
def test_event_issuing_body_is_no_event(nlp, text):
    assert built(nlp, text).kind is None


def test_event_quote_naming_another_thing_is_no_title(nlp):
    text = ("Августовская конференция педагогов завершилась в районе.\n"
            "Тема конференции едина для всех: обсуждение инициативы \"Мы вместе\" и планов.")
    found = built(nlp, text)
    assert (found.kind, found.title) == ("августовская конференция", None)


@pytest.mark.parametrize("text,kind", [
    ("В Озёрске стартовало окружное совещание директоров школ.", "совещание"),
    ("Провести XII муниципальную научную конференцию «Шаги в науку» для школьников.",
     "конференция"),
    ("Районное методическое объединение учителей физики\n19 октября в школе состоялось "
     "методическое объединение учителей физики по теме «Опыты дома».", "методическое объединение"),
])
def test_event_kind_qualifiers_and_body_like_kinds(nlp, text, kind):
    assert built(nlp, text).kind == kind


def test_event_first_named_kind_breaks_a_tie(nlp):
    text = ("Директора школ приняли участие в стратегической сессии в Москве. "
            "Участники обсудили планы. В ходе стратегической сессии прошла встреча с министром.")
    assert built(nlp, text).kind == "стратегическая сессия"


def test_event_title_with_a_dropped_outer_quote(nlp):
    text = ("Семинар «Развитие проекта «Школа роста», в котором участвовали 40 директоров, "
            "прошёл в Озёрске.")
    assert built(nlp, text).title == "Развитие проекта «Школа роста»"


def test_event_lowercase_quoted_phrase_is_no_title(nlp):
    text = ("Вице-мэр на собрании директоров школ назвал школы, которые, по его словам, "
            "«в зоне внимания».")
    found = built(nlp, text)
    assert (found.kind, found.title) == ("собрание", None)


def test_event_order_title_after_a_long_heading_is_in_the_head(nlp):
    text = ("Постановление администрации области от 12.04.1999 № 210\n"
            "Администрация области\nПОСТАНОВЛЕНИЕ\nУтратило силу - Постановление\n"
            "администрации области\nот 01.02.2008 г. N 77\nот 12.04.1999 N 210\n"
            "Об учреждении премий победителям областного\nконкурса \"Классный руководитель\"\n"
            "В целях поддержки учителей постановляю:\n1. Учредить премии.")
    found = built(nlp, text)
    assert (found.kind, found.title) == ("конкурс", "Классный руководитель")


def test_event_title_on_the_next_wrapped_line(nlp):
    text = ("ПРИКАЗ\n10.03.2022 № 41\nг. Озёрск\nОб итогах муниципального этапа\n"
            "Всероссийского конкурса\nюных поэтов «Звонкое слово»\n"
            "9 марта 2022 года состоялся муниципальный этап конкурса.")
    found = built(nlp, text)
    assert (found.kind, found.title, found.date_start) == (
        "муниципальный этап конкурса", "Звонкое слово", dt.date(2022, 3, 9))


def test_event_kind_with_an_abbreviated_adjective(nlp):
    text = "Августовская пед.конференция завершилась в Озёрском районе."
    assert built(nlp, text).kind == "августовская педагогическая конференция"


def test_event_forms_of_one_kind_add_up_against_another(nlp):
    text = ("Августовская пед.конференция завершилась в районе\n"
            "Участники конференции обсудили планы.\n"
            "Конференция открылась пленарным заседанием. На заседании выступили директора.")
    assert built(nlp, text).kind == "августовская педагогическая конференция"


@pytest.mark.parametrize("text,kind", [
    ("ПРИКАЗ\n01.09.2021 № 300\nО проведении школьного этапа всероссийской олимпиады "
     "школьников\n1. Провести школьный этап олимпиады с 20 сентября по 25 октября 2021 года.",
     "школьный этап олимпиады"),
    # a stage in brackets is a line of the schedule, not the kind
    ("Приказ от 01.09.2021 № 12\nОб областной олимпиаде по праву\n1. Провести олимпиаду:\n"
     "первый (школьный) этап Олимпиады - октябрь 2021 года.", "олимпиада"),
])
def test_event_stage_of_a_contest(nlp, text, kind):
    assert built(nlp, text).kind == kind


def test_event_act_page_starting_at_its_operative_formula(nlp):
    text = ("____________\nУтратил силу на основании\nприказа министерства\n____________\n"
            "приказываю:\n1. Центру детского творчества провести конкурс.\n"
            "2. Утвердить положение о краевом конкурсе юных химиков.")
    assert built(nlp, text).kind == "конкурс"


def test_event_occasion_of_a_statement_is_no_event(nlp):
    text = ("Школа № 9 вошла в перечень школ с необъективными результатами. Теперь к ней внимание, "
            "как заявил министр на областном форуме «Качество и доверие», будет пристальным.")
    assert built(nlp, text).kind is None


def test_event_mentions_carry_typed_attrs(nlp):
    found = {m.label: m.attrs for m in stored_mentions(nlp(PROTOCOL), "event")}
    assert found["EVENT_KIND"] == EventKindAttrs(value="совещание", singular=True)
    assert found["EVENT_DATE_START"] == EventDateAttrs(value=dt.date(2022, 3, 17))
    assert found["EVENT_PLACE"] == EventValueAttrs(value="г. Тверь")


def test_event_lexicon_reads_every_key_of_its_data():
    keys = set(load_lexicon("event.json")) - {"_comment"}
    assert keys == set(Lexicon._fields)


@pytest.mark.parametrize("text", [
    "В Заречненской гимназии № 4 прошёл выездной семинар-практикум для кураторов.",
    "12 марта состоялось онлайн-совещание руководителей; затем прошла проектная мастерская.",
])
def test_event_kind_mentions_read_the_text_layer_words(nlp, text):
    from extractors.base import text_layer
    from extractors.event.kinds import kind_mentions
    layer_words = text_layer(nlp(text)).alnum_words
    from_layer = kind_mentions(text, layer_words)
    assert from_layer and from_layer == kind_mentions(text)
    assert all(text[m.start:m.stop] == m.text for m in from_layer)
