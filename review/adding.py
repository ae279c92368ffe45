"""Adding what the extraction missed, from a selection in the text: a new
record (a person's surname put into the nominative, a school's type and
number read from its mention), or one more mention of a record already there
(chosen by the librarian, or found: the same surname and initials)."""
from __future__ import annotations

import copy
import re
from typing import Any, Optional

from pydantic import ValidationError
from sqlalchemy.orm import Session

from extractors.people.names import fold, surname_readings
from registry.models import Document
from registry.rows import RECORD_SOURCES, keyed_records
from review.changes import (REVIEW_EXTRACTOR, ChangeError, audit, checked, record_by_key, save,
                            validate)
from review.docview import REJECTED
from review.fields import ADDABLE, EDITABLE, MODELS, ValueRejected, check_stored, parse_value
from schemas.records import SpanRef

NUMBER = re.compile(r"\d+")
INITIAL = re.compile(r"^[А-ЯЁ]\.$")
NAME_PARTS = re.compile(r"[А-ЯЁ]\.|[А-ЯЁа-яё-]+")
# words in a school mention -> its type (first match wins)
SCHOOL_TYPE_WORDS = (("интернат", "школа-интернат"), ("лице", "лицей"), ("гимнази", "гимназия"),
                     ("сош", "СОШ"), ("средн", "СОШ"), ("оош", "ООШ"), ("основн", "ООШ"),
                     ("нош", "НОШ"), ("начальн", "НОШ"))


def name_parts(text: str) -> dict[str, Optional[str]]:
    """Surname, initials or first name / patronymic from a selected name."""
    parts = NAME_PARTS.findall(text)
    initials = [p for p in parts if INITIAL.match(p)]
    words = [p for p in parts if not INITIAL.match(p)]
    if not words:
        raise ChangeError("В выделении нет фамилии.")
    if initials:
        return {"surname": words[0], "initials": "".join(initials)}
    names = dict(zip(("surname", "first_name", "patronymic"), words))
    if len(words) >= 2:
        names["initials"] = "".join(w[0] + "." for w in words[1:3])
    return names


def school_type(text: str) -> str:
    lowered = text.lower()
    return next((kind for word, kind in SCHOOL_TYPE_WORDS if word in lowered), "школа")


def nominative_surname(written: str, people: list[dict[str, Any]]) -> str:
    """The surname in the nominative (Залетаеву -> Залетаева): the reading
    naming a person already in the document if there is one, else the first
    certain one; a surname already in the nominative is kept."""
    readings = surname_readings(written)
    if not readings or any(r.case == "nomn" for r in readings):
        return written
    known = {fold(p.get("surname") or "") for p in people}
    for reading in readings:
        if reading.nominative and fold(reading.nominative) in known:
            return reading.nominative
    certain = [r for r in readings if r.certain and r.nominative]
    return (certain or [r for r in readings if r.nominative] or [None])[0].nominative or written


def same_person(record_json: dict[str, Any], table: str, values: dict[str, Any]) -> Optional[str]:
    """The key of a person already in the document with this surname and initials."""
    if table != "people":
        return None
    for t, key, record in keyed_records(record_json):
        if (t == table and not record.get(REJECTED)
                and fold(record.get("surname") or "") == fold(values.get("surname") or "")
                and (record.get("initials") or None) == (values.get("initials") or None)):
            return key
    return None


def add_mention(session: Session, doc: Document, user: str, table: str, key: str,
                ref: SpanRef) -> str:
    """One more place in the text where an existing record is mentioned."""
    record_json = copy.deepcopy(doc.record_json or {})
    record = record_by_key(record_json, table, key)
    if any((s.get("start"), s.get("stop")) == (ref.start, ref.stop) for s in record.get("spans") or []):
        raise ChangeError("Это упоминание уже отмечено у этой записи.")
    record.setdefault("spans", []).append(ref.model_dump(mode="json"))
    audit(session, user, doc.id, "add", table, key, "_mention", None, {"mention": ref.text})
    checked(record_json)
    save(session, doc, record_json)
    return key


def new_values(table: str, text: str, value: Optional[str],
               existing: Optional[list[dict[str, Any]]] = None) -> dict[str, Any]:
    """Field values of a record added from the selected text; a typed ``value``
    replaces the selection as the source of the main field (e.g. a normalised
    date); a selected surname is put into the nominative."""
    typed = (value or "").strip() or text
    if table == "people":
        values: dict[str, Any] = name_parts(typed)
        if not (value or "").strip():
            values["surname"] = nominative_surname(values["surname"], existing or [])
    elif table == "schools":
        number = NUMBER.search(typed)
        values = {"mention": typed, "type": school_type(typed), "number": number and number.group()}
    elif table == "counts":
        number = NUMBER.search(typed)
        if number is None:
            raise ChangeError("В выделении нет числа.")
        values = {"value": int(number.group()), "evidence": text}
    elif table == "dates":
        try:
            values = {"value": parse_value(table, "value", typed)}
        except ValueRejected as exc:
            raise ChangeError(str(exc)) from exc
    else:
        values = {ADDABLE[table]: typed}
    return {k: v for k, v in values.items() if v is not None}


def add(session: Session, doc: Document, user: str, table: str, start: int, stop: int,
        text: str, value: Optional[str] = None, attach: Optional[str] = None) -> str:
    """Add a missed value, or a missed mention of a record already there
    (``attach``: its key; found by itself for the same person); returns the
    record's key."""
    if table not in ADDABLE:
        raise ChangeError("Этот тип значения нельзя добавить.")
    source = doc.text or ""
    if not (0 <= start < stop <= len(source)) or source[start:stop] != text:
        raise ChangeError("Выделенный текст не совпадает с текстом документа.")
    ref = SpanRef(start=start, stop=stop, text=text, extractor=REVIEW_EXTRACTOR)
    existing = [r for t, _k, r in keyed_records(doc.record_json or {})
                if t == table and not r.get(REJECTED)]
    values = new_values(table, text, value, existing)
    attach = attach or same_person(doc.record_json or {}, table, values)
    if attach:
        return add_mention(session, doc, user, table, attach, ref)
    try:
        for name, v in values.items():
            check_stored(table, name, v)
    except ValueRejected as exc:
        raise ChangeError(str(exc)) from exc
    try:
        model = MODELS[table](spans=[ref], provenance={ADDABLE[table]: [ref]}, **values)
    except ValidationError as exc:
        raise ChangeError("Недопустимое значение: " + exc.errors()[0]["msg"]) from exc
    record = model.model_dump(mode="json")
    record_json = copy.deepcopy(doc.record_json or {})
    record_json.setdefault(RECORD_SOURCES[table], []).append(record)
    key = next(k for t, k, r in keyed_records(record_json) if r is record)
    given = {name: record[name] for name in EDITABLE[table] if record.get(name) not in (None, [])}
    for name, v in given.items():
        validate(session, doc.id, table, key, name, v, user)
    audit(session, user, doc.id, "add", table, key, "_record", None, given)
    checked(record_json)
    save(session, doc, record_json)
    return key


