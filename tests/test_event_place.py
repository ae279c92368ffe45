"""event: the event's place (fields, settlement lines, venues, towns)."""
from __future__ import annotations

import pytest
from event_support import NEWS, PROTOCOL, REPORT, built


@pytest.mark.parametrize("text,place", [
    (REPORT, "Псков"),
    (PROTOCOL, "г. Тверь"),
    (NEWS, "СОШ № 5 им. А.И. Смирнова"),
    ("ПРОТОКОЛ № 2\nзаседания рабочей группы\n\nг. Городец          14 октября 2022 г.\n",
     "г. Городец"),
    ("Отчёт о проведении семинара\n\n2. Дата и место проведения.\n"
     "16.11.2022, г. Тула, ГАУ ДПО ТО «Институт».\n", "г. Тула"),
    ("Новости\n\nСеминар для учителей\n\n9 февраля 2023 года на базе гимназии № 2 прошёл семинар "
     "«Неуспешность».\n", "гимназия № 2"),
    ("Новости\n\nКруглый стол для директоров\n\n21 декабря в актовом зале МАОУ «Гимназия № 3» "
     "г. Кудымкара в очном формате прошёл круглый стол «Школа».\n", "МАОУ «Гимназия № 3» г. Кудымкара"),
])
def test_event_place(nlp, text, place):
    assert built(nlp, text).place == place


def test_event_venue_adjective_in_nominative(nlp):
    text = ("Кураторы прошли обучение\n\n3 ноября 2021 г. на базе МБОУ Озёрской СОШ прошёл "
            "обучающий семинар «Куратор».\n")
    assert built(nlp, text).place == "МБОУ Озёрская СОШ"


def test_event_town_in_the_nominative_and_field_time(nlp):
    text = ("Новости\n\n18 апреля 2024 года в г. Уфе прошла конференция «Школа: от рисков к результатам».\n"
            "Время: 14.00\n")
    found = built(nlp, text)
    assert (found.place, found.time) == ("г. Уфа", "14:00")


@pytest.mark.parametrize("text,place", [
    ("Новости\n\nС 5 по 7 декабря 2023 года в Вельске прошла стажировка «Школа успеха».\n", "Вельск"),
    ("Новости\n\n5 декабря 2023 года в Кузбассе прошла стажировка «Школа успеха».\n", None),
    ("Новости\n\n5 декабря 2023 года в Мае прошла стажировка «Школа успеха» для кураторов.\n", None),
])
def test_event_bare_town_only_when_known_and_not_a_region(nlp, text, place):
    assert built(nlp, text).place == place


@pytest.mark.parametrize("text,place", [
    ("ПРОТОКОЛ № 3\nзаседания муниципальной рабочей группы\nг. Новый Уренгой\n14.03.2023\n"
     "Присутствовали: 12 человек.\n", "г. Новый Уренгой"),
    ("Семинар для учителей\n14 марта 2023 г. на базе МБОУ «Средняя школа № 19» г. Мурома прошёл "
     "семинар для учителей.\n", "МБОУ «Средняя школа № 19» г. Мурома"),
    ("Семинар для завучей\n3 марта 2023 г. прошёл семинар. Участники собрались в актовом зале "
     "МАОУ «Гимназия № 18».\n", "МАОУ «Гимназия № 18»"),
])
def test_event_place_from_settlement_line_or_venue(nlp, text, place):
    assert built(nlp, text).place == place


def test_event_venue_only_in_the_sentence_after_the_event_paragraph(nlp):
    text = ("Семинар для завучей\n3 марта 2023 г. прошёл семинар.\n\n"
            "Весной уроки пройдут в актовом зале МАОУ «Гимназия № 18».\n")
    assert built(nlp, text).place is None


@pytest.mark.parametrize("text,place", [
    ("В Центре непрерывного образования в Ольховке прошел методический семинар для завучей.",
     "Центр непрерывного образования в Ольховке"),
    ("14 марта в Озёрской СШ №2 прошло районное заседание учителей физики.", "Озёрская СШ №2"),
    ("В Озёрске прошло августовское совещание.\nАвгустовское совещание прошло в ДК «Заря», "
     "где работала выставка.", "ДК «Заря»"),
    ("Директора школ приняли участие в стратегической сессии в Москве.", "Москва"),
])
def test_event_venue_the_event_was_held_in(nlp, text, place):
    assert built(nlp, text).place == place


def test_event_district_is_no_venue(nlp):
    text = "В Озёрском районе прошёл семинар для учителей истории."
    assert built(nlp, text).place is None


@pytest.mark.parametrize("text,place", [
    ("В районном доме культуры прошла августовская конференция педагогов.",
     "районный дом культуры"),
    # a lowercase phrase that names no institution is no venue
    ("В этом году прошла августовская конференция педагогов.", None),
])
def test_event_generic_venue_as_a_last_resort(nlp, text, place):
    assert built(nlp, text).place == place


def test_event_unnamed_host_school_is_no_place(nlp):
    text = "3 декабря в нашей школе прошло методическое объединение учителей географии."
    assert built(nlp, text).place is None
