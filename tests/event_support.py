"""What the event tests share: three invented documents (a report, a protocol and a news
item) and the event built from a text, checked to be grounded."""
from __future__ import annotations

from conftest import assert_grounded

from extractors import event
from extractors.base import stored_mentions
from schemas.records import Event

REPORT = (
    "Отчет о проведении круглого стола для школ с низкими результатами\n\n"
    "1. Наименование мероприятия (с указанием формата мероприятия).\n\n"
    "Круглый стол «Проект «500+»: первый год работы»\n(дистанционный).\n\n"
    "2. Дата и место проведения. Для дистанционных мероприятий — формат и ссылки.\n\n"
    "14 сентября 2022 года. Псков. **Видеотрансляция**\n(<https://example.org/live>).\n\n"
    "3. Цель мероприятия.\nПодвести итоги года. Приказ от 01.02.2022 № 5.\n")

PROTOCOL = (
    "ПРОТОКОЛ\n\nсовещания по вопросу «Итоги первого года работы школ «500+» в районе»\n\n"
    "17.03.2022\n\nг. Тверь\n\nВремя проведения: 14 ч. 30 мин.\n\n"
    "Форма проведения: в режиме ВКС на платформе «Сферум»\n\n"
    "Слушали:\n1. Орлову А.А.\n")

NEWS = (
    "В Озёрском районе состоялась\nпостер-сессия «Шаг за шагом»\n\n"
    "12 октября 2022 года на базе СОШ № 5 им. А.И. Смирнова состоялась постер-сессия "
    "«Шаг за шагом». Участниками стали кураторы проекта.\n")


def built(nlp, text) -> Event:
    doc = nlp(text)
    found = event.build(doc, stored_mentions(doc, "event"))
    assert_grounded(found, text)
    return found
