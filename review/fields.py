"""What the review page shows and edits for each record table: field labels,
kinds (text, date, number, choice), which fields a rejection turns into a
rejection of the whole record, and parsing of a typed value: checked against
the registry column it ends up in (its type and length; text at most 10,000
characters, no control characters), so a bad value is a Russian message and
never a database error."""
from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Optional

from pydantic import BaseModel

from registry.models import Base
from review.ru import VALUE_LABELS, parse_date
from schemas import records as r

MODELS: dict[str, type[BaseModel]] = {
    "events": r.Event, "people": r.Person, "schools": r.School, "dates": r.DateFact,
    "organizations": r.Organization, "counts": r.Count, "decisions": r.Decision,
    "action_items": r.ActionItem,
}
TABLE_LABELS = {"events": "Мероприятие", "people": "Люди", "schools": "Школы", "dates": "Даты",
                "organizations": "Организации", "counts": "Количества", "decisions": "Решения",
                "action_items": "План мероприятий"}
RECORD_LABELS = {"events": "мероприятие", "people": "человек", "schools": "школа", "dates": "дата",
                 "organizations": "организация", "counts": "количество", "decisions": "решение",
                 "action_items": "пункт плана"}
EDITABLE: dict[str, tuple[str, ...]] = {
    "events": ("kind", "title", "format", "date_start", "date_end", "place", "region", "municipality"),
    "people": ("surname", "initials", "first_name", "patronymic", "gender", "position",
               "organization", "event_roles"),
    "schools": ("mention", "type", "legal_form", "number", "name", "locality"),
    "dates": ("value", "role"),
    "organizations": ("name", "abbreviation"),
    "counts": ("value", "what", "evidence"),
    "decisions": ("text", "responsible", "deadline"),
    "action_items": ("n", "text", "period", "date_start", "date_end", "completion"),
}
# shown (and editable) even when empty: the extraction often leaves them out
ALWAYS_SHOWN = {("people", "gender"), ("people", "event_roles"), ("schools", "legal_form"),
                ("action_items", "completion")}
FIELD_LABELS = {
    "surname": "Фамилия", "initials": "Инициалы", "first_name": "Имя", "patronymic": "Отчество",
    "position": "Должность", "organization": "Организация", "mention": "Упоминание", "type": "Тип",
    "number": "Номер", "name": "Название", "locality": "Населённый пункт", "value": "Значение",
    "role": "Роль", "what": "Что считается", "evidence": "Текст", "text": "Текст",
    "responsible": "Ответственный", "deadline": "Срок", "kind": "Вид", "title": "Название",
    "format": "Формат", "date_start": "Начало", "date_end": "Окончание", "place": "Место",
    "region": "Регион", "municipality": "Муниципалитет", "abbreviation": "Сокращение", "n": "№",
    "period": "Период", "_record": "Упоминание", "gender": "Пол", "event_roles": "Роли",
    "legal_form": "Правовая форма", "completion": "Отметка о выполнении",
}
# Fields that cannot be empty: rejecting one of them rejects the whole record.
RECORD_FIELDS = {("people", "surname"), ("schools", "mention"), ("schools", "type"),
                 ("dates", "value"), ("dates", "role"), ("organizations", "name"),
                 ("counts", "value"), ("counts", "what"), ("counts", "evidence"),
                 ("decisions", "text"), ("action_items", "text")}
PLACE_FIELDS = ("region", "municipality")
# Tables a librarian can add a missed value to, with the field the selection fills.
ADDABLE = {"people": "surname", "schools": "mention", "dates": "value",
           "organizations": "name", "counts": "value", "decisions": "text"}


MAX_TEXT = 10_000
MAX_INT = 2 ** 31 - 1          # PostgreSQL integer
INTEGER = re.compile(r"[0-9]{1,10}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab and newlines are fine


class ValueRejected(ValueError):
    """A typed value that does not fit the field; the message is for the librarian."""


@dataclass(frozen=True)
class FieldKind:
    kind: Literal["text", "date", "int", "choice", "list"]
    choices: tuple[str, ...] = ()


def unwrap(annotation: Any) -> Any:
    """Optional[X] -> X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


@functools.lru_cache(maxsize=None)
def field_kind(table: str, name: str) -> FieldKind:
    if name in PLACE_FIELDS and table == "events":
        return FieldKind("text")
    annotation = unwrap(MODELS[table].model_fields[name].annotation)
    if typing.get_origin(annotation) is list:
        item = typing.get_args(annotation)[0]
        return FieldKind("list", tuple(typing.get_args(item)) if typing.get_origin(item) is Literal else ())
    if typing.get_origin(annotation) is Literal:
        return FieldKind("choice", tuple(typing.get_args(annotation)))
    if annotation is int:
        return FieldKind("int")
    if annotation is dt.date:
        return FieldKind("date")
    return FieldKind("text")


@functools.lru_cache(maxsize=None)
def max_length(table: str, name: str) -> int:
    """Characters the registry column holds (String(n)), at most MAX_TEXT."""
    column = Base.metadata.tables[table].columns.get(name)
    length = getattr(column.type, "length", None) if column is not None else None
    return min(length or MAX_TEXT, MAX_TEXT)


def check_stored(table: str, name: str, value: Any) -> Any:
    """``value`` if it fits the field's column; ValueRejected otherwise."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if not 0 <= value <= MAX_INT:
            raise ValueRejected(f"Введите целое число от 0 до {MAX_INT}.")
        return value
    text = str(value)
    if CONTROL.search(text):
        raise ValueRejected("Значение содержит недопустимые символы (управляющие коды).")
    limit = max_length(table, name)
    if len(text) > limit:
        raise ValueRejected(f"Слишком длинное значение: должно быть не длиннее {limit} символов.")
    return value


def is_editable(table: str, name: str) -> bool:
    return name in EDITABLE.get(table, ())


def parse_value(table: str, name: str, raw: Optional[str]) -> Any:
    """The JSON value for a typed string; raises ValueRejected with a Russian message."""
    text = (raw or "").strip()
    kind = field_kind(table, name)
    if kind.kind == "list":
        check_stored(table, name, text)
        return [choice(table, name, kind, item.strip()) for item in text.split(",") if item.strip()]
    if not text:
        if (table, name) in RECORD_FIELDS:
            raise ValueRejected("Это поле не может быть пустым; чтобы убрать запись, отклоните её.")
        return None
    check_stored(table, name, text)
    if kind.kind == "date":
        value = parse_date(text)
        if value is None:
            raise ValueRejected("Дата не распознана: введите, например, 25.02.2022 или 25 февраля 2022.")
        return value.isoformat()
    if kind.kind == "int":
        if not INTEGER.fullmatch(text):
            raise ValueRejected(f"Введите целое число от 0 до {MAX_INT}.")
        return check_stored(table, name, int(text))
    if kind.kind == "choice":
        return choice(table, name, kind, text)
    return text


def choice(table: str, name: str, kind: FieldKind, text: str) -> str:
    """The code of a choice typed as its code or its Russian label."""
    if text in kind.choices or not kind.choices:
        return text
    labels = VALUE_LABELS.get((table, name), {})
    by_label = {label.lower(): code for code, label in labels.items()}
    if text.lower() in by_label:
        return by_label[text.lower()]
    raise ValueRejected("Выберите одно из значений: "
                        + ", ".join(labels.get(c, c) for c in kind.choices) + ".")
