"""event: the event's start and end dates (fields, protocol date lines, datelines, ranges)."""
from __future__ import annotations

import datetime as dt

import pytest
from event_support import NEWS, PROTOCOL, REPORT, built


@pytest.mark.parametrize("text,start,end", [
    (REPORT, dt.date(2022, 9, 14), None),
    (PROTOCOL, dt.date(2022, 3, 17), None),
    (NEWS, dt.date(2022, 10, 12), None),
    ("ПРОТОКОЛ № 2\nзаседания рабочей группы\n\nг. Городец          14 октября 2022 г.\n",
     dt.date(2022, 10, 14), None),
    ("Отчёт о проведении методической недели\n\n1. Наименование мероприятия.\n"
     "Методическая неделя «Учитель».\n\n2. Дата и место проведения.\n"
     "С 14 по 18 марта 2022 года, г. Тимашевск.\n", dt.date(2022, 3, 14), dt.date(2022, 3, 18)),
])
def test_event_dates(nlp, text, start, end):
    found = built(nlp, text)
    assert (found.date_start, found.date_end) == (start, end)


def test_event_date_avoids_reference_dates(nlp):
    text = ("Отчёт о проведении семинара\n\nВ соответствии с приказом от 29.01.2021 № 106 "
            "проведён семинар «Старт».\n\nСеминар «Старт» состоялся 9 марта 2021 года.\n")
    assert built(nlp, text).date_start == dt.date(2021, 3, 9)


def test_event_protocol_date_line_with_number(nlp):
    text = ("ПРОТОКОЛ\nзаседания методического объединения кураторов\n\n"
            "№ 1                    от 19 сентября 2024 года\n")
    found = built(nlp, text)
    assert (found.kind, found.date_start) == ("заседание", dt.date(2024, 9, 19))


def test_event_number_in_headline_is_not_a_reference_date(nlp):
    text = ("Методический день в школе № 7\n\n10 ноября 2022 года в МАОУ СОШ № 7 г. Тобольска прошёл "
            "методический день для учителей.\n")
    found = built(nlp, text)
    assert (found.date_start, found.place) == (dt.date(2022, 11, 10), "МАОУ СОШ № 7 г. Тобольска")


@pytest.mark.parametrize("text,start", [
    ("Педагоги обменялись опытом\n17.05.2023\nСегодня в МБОУ «СОШ № 8» прошёл семинар "
     "для учителей химии.\n", dt.date(2023, 5, 17)),
    ("Кураторы подвели итоги\n17 мая 2023 г.\nСегодня на базе гимназии № 3 состоялось совещание "
     "кураторов.\n", dt.date(2023, 5, 17)),
])
def test_event_dateline_of_a_today_news_item(nlp, text, start):
    assert built(nlp, text).date_start == start


def test_event_dateline_needs_today(nlp):
    text = ("Педагоги обменялись опытом\n17.05.2023\nВ МБОУ «СОШ № 8» прошёл семинар "
            "для учителей химии.\n")
    assert built(nlp, text).date_start is None


@pytest.mark.parametrize("text,start,end", [
    ("Новости 2023 года\nВ четверг, 7 декабря, в районе прошёл выездной семинар для директоров.\n",
     dt.date(2023, 12, 7), None),
    ("Итоги 2025 года\nВ минувшую пятницу, 14 марта, прошёл круглый стол для педагогов.\n",
     dt.date(2025, 3, 14), None),
    ("Информация о проведении летней школы\n26–28 июня 2024 года в г. Липецке прошла летняя школа "
     "для управленческих команд.\n", dt.date(2024, 6, 26), dt.date(2024, 6, 28)),
])
def test_event_weekday_and_multi_day_dates(nlp, text, start, end):
    found = built(nlp, text)
    assert (found.date_start, found.date_end) == (start, end)


def test_event_dateline_with_a_clock_time(nlp):
    text = "Педагоги обменялись опытом\n17.05.2023 10:35\nСегодня в МБОУ «СОШ № 8» прошёл семинар.\n"
    assert built(nlp, text).date_start == dt.date(2023, 5, 17)


def test_event_the_only_range_dates_a_week_far_from_its_name(nlp):
    text = ("О неделе открытых уроков по химии «Опыт»\n\nОткрытый урок - форма работы учителя.\n\n"
            "В период с 11.03.по 15.03.2019 г. 9 учителей дадут уроки для коллег.")
    found = built(nlp, text)
    assert (found.date_start, found.date_end) == (dt.date(2019, 3, 11), dt.date(2019, 3, 15))


def test_event_sitting_that_adopted_the_decision(nlp):
    text = ("ОЗЁРСКИЙ ГОРОДСКОЙ СОВЕТ\nIV сессия XX созыва\nРЕШЕНИЕ\n"
            "от 14 мая 2003 г. N XX/IV-15\nг. Озёрск\nО школах города\n1. Открыть школу.")
    found = built(nlp, text)
    assert (found.kind, found.date_start, found.place) == ("сессия", dt.date(2003, 5, 14),
                                                           "г. Озёрск")
