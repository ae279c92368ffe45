"""Russian wording of the page: labels, statuses, dates in Russian form."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")
MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                     "сентябрь", "октябрь", "ноябрь", "декабрь")
MONTHS_SHORT = ("янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.",
                "нояб.", "дек.")
MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
               "октябр", "ноябр", "декабр")
STATUS_LABELS = {"new": "новый", "in_review": "на проверке", "validated": "проверен"}
DOC_TYPE_LABELS = {"protocol": "протокол", "report": "отчёт", "news": "новость",
                   "info": "информация", "plan": "план", "other": "другое"}
ACTION_LABELS = {"accept": "принято", "edit": "исправлено", "reject": "отклонено",
                 "add": "добавлено", "validate": "документ проверен", "undo": "отменено"}
# machine values of choice fields, as the page shows them: (table, field) -> value -> label
VALUE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("dates", "role"): {"date": "дата события", "range_start": "начало периода",
                        "range_end": "конец периода", "deadline": "срок", "reference": "ссылка на дату"},
    ("counts", "what"): {"participants": "участники", "views": "просмотры", "schools": "школы",
                         "curators": "кураторы", "directors": "директора", "teachers": "учителя",
                         "students": "обучающиеся", "municipalities": "муниципалитеты",
                         "other": "другое"},
    ("people", "gender"): {"masc": "мужской", "femn": "женский"},
    ("people", "event_roles"): {"speaker": "выступающий", "chair": "председатель",
                                "moderator": "модератор", "participant": "участник",
                                "curator": "куратор", "coordinator": "координатор",
                                "organizer": "организатор", "author": "автор"},
    ("schools", "type"): {"other": "другой тип"},
}
FIELD_STATE_LABELS = {"pending": "ждёт проверки", "empty": "не указано", "accept": "принято", "edit": "исправлено",
                      "reject": "отклонено", "add": "добавлено"}

NUMERIC_DATE = re.compile(r"^\s*(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\s*(?:г\.?)?\s*$")
ISO_DATE = re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\s*$")
WORD_DATE = re.compile(r"^\s*(?P<d>\d{1,2})\s+(?P<month>[а-яё]+)\s+(?P<y>\d{4})\s*(?:г(?:\.|ода)?)?\s*$",
                       re.IGNORECASE)


def ru_date(value: Any) -> str:
    """«25 февраля 2022 г.» for a date or an ISO string; other values as they are."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return f"{ru_date(value.date())}, {value:%H:%M} UTC"
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."
    return "" if value is None else str(value)


def ru_month(value: dt.date, short: bool = False) -> str:
    names = MONTHS_SHORT if short else MONTHS_NOMINATIVE
    return f"{names[value.month - 1]} {value.year}"


def month_number(word: str) -> Optional[int]:
    word = word.lower()
    for number, stem in sorted(enumerate(MONTH_STEMS, 1), key=lambda item: -len(item[1])):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return None


def parse_date(text: str) -> Optional[dt.date]:
    """ISO, дд.мм.гггг or «25 февраля 2022 г.»; None when it is none of them."""
    for pattern in (ISO_DATE, NUMERIC_DATE):
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    match = WORD_DATE.match(text)
    month = month_number(match["month"]) if match else None
    if match and month:
        try:
            return dt.date(int(match["y"]), month, int(match["d"]))
        except ValueError:
            return None
    return None


def plural(count: int, one: str, few: str, many: str) -> str:
    tail = count % 100
    if 11 <= tail <= 14:
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(count % 10, many)


def value_label(table: str, field: str, value: Any) -> str:
    """A stored value in Russian: choice codes by their label, ISO dates as dates."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(value_label(table, field, v) for v in value)
    labels = VALUE_LABELS.get((table, field))
    if labels and value in labels:
        return labels[value]
    if isinstance(value, str) and ISO_DATE.match(value):
        return ru_date(value)
    return str(value)


def audit_value(value: Any, labels: Optional[dict[str, str]] = None, table: str = "",
                field: str = "") -> str:
    """An old or new value of the audit trail as a reader sees it."""
    if value is None:
        return "—"
    if value is True:
        return "запись отклонена" if field == "_rejected" else "да"
    if isinstance(value, str) and table == "documents":
        return STATUS_LABELS.get(value, value)
    if isinstance(value, dict) and "undone" in value:  # an undo: the value put back
        return audit_value(value.get("value"), labels, table, field)
    if isinstance(value, dict):
        names = labels or {}
        return "; ".join(f"{names.get(k, k).lower()}: {value_label(table, k, v)}"
                         for k, v in value.items() if v is not None)
    return value_label(table, field, value)
