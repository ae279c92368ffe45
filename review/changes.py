"""Every change a librarian makes: accept, edit or reject a value, add a
missed one from a text selection, mark a document validated.

A change is applied at once to the document's record JSON (the record tables
are rewritten from it, as the registry does), stored in ``validations`` under
the registry's own keys so ``reestr reprocess`` keeps it, and written to the
audit trail with who, when, old and new value.

Every change runs in ``writing``: one transaction that first locks the
document (a row lock on PostgreSQL; on SQLite a write as the first statement,
which takes the database's write lock before anything is read), then reads
the stored state and checks the version the librarian's page was made from
(review.versions). A stale change raises ``Stale`` with the current value."""
from __future__ import annotations

import contextlib
import copy
import re
import threading
from typing import Any, Iterator, Optional

from pydantic import ValidationError
from sqlalchemy import JSON, Engine, delete, select, text
from sqlalchemy.orm import Session

from registry.models import Document, Validation, utcnow
from registry.review_models import ReviewAudit, ReviewDocument
from registry.rows import RECORD_SOURCES, keyed_records
from registry.store import add_validation
from registry.sync import sync_records
from registry.validate import read_field, write_field
from review import agreement
from review.docview import REJECTED, display
from review.fields import (EDITABLE, RECORD_FIELDS, ValueRejected, field_kind, is_editable,
                           parse_value)
from review.queue import refresh
from review.versions import document_version, marks
from schemas.records import ExtractionRecord

REVIEW_EXTRACTOR = "review"
DOC_ID = re.compile(r"^[0-9a-f]{64}$")
# SQLite has one writer at a time: writers of this process queue here, in order,
# rather than polling the database lock with the busy handler's growing sleeps
SQLITE_WRITER = threading.Lock()


class ChangeError(ValueError):
    """A change that cannot be made; the message is for the librarian."""


class NotFound(ChangeError):
    """No such document (or it has no text or records)."""


class Stale(ChangeError):
    """The change was made against an older state: ``current`` is the stored
    value now (``display`` as the page shows it), ``version`` its version."""

    def __init__(self, message: str, current: Any = None, display: str = "",
                 version: str = "") -> None:
        super().__init__(message)
        self.current, self.display, self.version = current, display, version


def load(session: Session, doc_id: str) -> Document:
    doc = session.get(Document, doc_id) if DOC_ID.match(doc_id) else None
    if doc is None or doc.text is None or doc.record_json is None:
        raise NotFound("Документ не найден.")
    return doc


def lock(session: Session, doc_id: str) -> None:
    """Serialise writers of one document until the transaction ends."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE review_documents SET status = status WHERE document_id = :id"),
                        {"id": doc_id})
    else:
        session.execute(select(Document.id).where(Document.id == doc_id).with_for_update())


@contextlib.contextmanager
def writing(engine: Engine, doc_id: str) -> Iterator[tuple[Session, Document]]:
    """One write transaction on a locked document, committed on success."""
    if not DOC_ID.match(doc_id):
        raise NotFound("Документ не найден.")
    queue = SQLITE_WRITER if engine.dialect.name == "sqlite" else contextlib.nullcontext()
    with queue, Session(engine, expire_on_commit=False) as session, session.begin():
        lock(session, doc_id)
        yield session, load(session, doc_id)


def record_by_key(record_json: dict[str, Any], table: str, key: str) -> dict[str, Any]:
    for t, k, record in keyed_records(record_json):
        if (t, k) == (table, key):
            return record
    raise ChangeError("Запись не найдена: документ мог быть обработан заново, обновите страницу.")


def checked(record_json: dict[str, Any]) -> None:
    try:
        clean_record(record_json)
    except ValidationError as exc:
        raise ChangeError("Недопустимое значение: " + exc.errors()[0]["msg"]) from exc


def clean_record(record_json: dict[str, Any]) -> ExtractionRecord:
    """The record without rejected records and emptied places, validated."""
    data = copy.deepcopy(record_json)
    for source in RECORD_SOURCES.values():
        if isinstance(data.get(source), list):
            data[source] = [r for r in data[source] if not r.get(REJECTED)]
    for place in ("region", "municipality"):
        if isinstance(data.get(place), dict) and not data[place].get("name"):
            data[place] = None
    return ExtractionRecord.model_validate(data)


def audit(session: Session, user: str, doc_id: str, action: str, table: str, key: str,
          field: str, old: Any, new: Any) -> None:
    session.add(ReviewAudit(at=utcnow(), user_name=user, document_id=doc_id, action=action,
                            record_table=table, record_key=key, field=field,
                            old_json=old, new_json=new))


def validate(session: Session, doc_id: str, table: str, key: str, field: str, value: Any,
             user: str) -> None:
    add_validation(session, doc_id, table, key, field, JSON.NULL if value is None else value, user)


def save(session: Session, doc: Document, record_json: dict[str, Any]) -> None:
    """Store the changed record JSON and bring the record tables in line with
    it (registry.sync: only the rows that differ change)."""
    doc.record_json = record_json
    session.flush()
    sync_records(session, doc.id, record_json)
    session.flush()
    row = refresh(session, doc)
    if row.status in ("new", "validated"):  # an edit after validation needs another look
        row.status = "in_review"


def unreject(session: Session, doc_id: str, table: str, key: str, record: dict[str, Any]) -> None:
    record.pop(REJECTED, None)
    session.execute(delete(Validation).where(
        Validation.document_id == doc_id, Validation.record_table == table,
        Validation.record_key == key, Validation.field == REJECTED))


def check_version(session: Session, doc: Document, table: str, key: str, field: str,
                  record: dict[str, Any], value: Any, version: Optional[str]) -> None:
    current = marks(session, doc.id, table, key).version(table, key, field, value,
                                                         bool(record.get(REJECTED)))
    if version != current:
        shown = display(value, field_kind(table, field), table, field)
        raise Stale(f"Значение уже изменено другим пользователем (или документ обработан заново): "
                    f"сейчас «{shown}». Проверьте его и повторите действие.", value, shown, current)


def change(session: Session, doc: Document, user: str, action: str, table: str, key: str,
           field: str, raw: Optional[str] = None, version: Optional[str] = None) -> None:
    """Accept, edit or reject one value; ``version``: the one the page showed."""
    if action not in ("accept", "edit", "reject"):
        raise ChangeError("Неизвестное действие.")
    if not is_editable(table, field):
        raise ChangeError("Это поле нельзя изменить.")
    record_json = copy.deepcopy(doc.record_json or {})
    record = record_by_key(record_json, table, key)
    old = read_field(record_json, table, record, field)
    check_version(session, doc, table, key, field, record, old, version)
    if action == "edit" and record.get(REJECTED):
        raise ChangeError("Запись отклонена. Чтобы изменить её, сначала верните её: "
                          "«Принять» (✓) на любом её поле.")
    if action == "reject" and (table, field) in RECORD_FIELDS:
        record[REJECTED] = True
        validate(session, doc.id, table, key, REJECTED, True, user)
        audit(session, user, doc.id, action, table, key, REJECTED, old, True)  # the rejected value
    else:
        try:
            new = old if action == "accept" else None if action == "reject" else parse_value(table, field, raw)
        except ValueRejected as exc:
            raise ChangeError(str(exc)) from exc
        if action != "reject":
            unreject(session, doc.id, table, key, record)
        write_field(record_json, table, record, field, new)
        validate(session, doc.id, table, key, field, new, user)
        audit(session, user, doc.id, action, table, key, field, old, new)
    checked(record_json)
    save(session, doc, record_json)


def pending_values(session: Session, doc: Document, table: Optional[str] = None,
                   key: Optional[str] = None, user: Optional[str] = None) -> list[tuple[str, str, str, Any]]:
    """(table, key, field, value) of every value nobody (or, when given, ``user``)
    has decided yet (of one table, or of one record, when given)."""
    if user is None:
        done = {(v.record_table, v.record_key, v.field) for v in session.scalars(
            select(Validation).where(Validation.document_id == doc.id))}
    else:
        done = agreement.decided_by(session, doc.id, user)
    found = []
    record_json = doc.record_json or {}
    for t, k, record in keyed_records(record_json):
        if record.get(REJECTED) or (table, key) not in ((None, None), (t, None), (t, k)):
            continue
        for name in EDITABLE[t]:
            value = read_field(record_json, t, record, name)
            if value is not None and value != [] and (t, k, name) not in done:
                found.append((t, k, name, value))
    return found


def accept_pending(session: Session, doc: Document, user: str, table: Optional[str] = None,
                   key: Optional[str] = None, mine: bool = False) -> int:
    """Validate every value nobody (``mine``: ``user``) has decided yet (of the
    document, a table or a record), each with its own audit row."""
    if table is not None and table not in EDITABLE:
        raise ChangeError("Неизвестный раздел.")
    pending = pending_values(session, doc, table, key, user if mine else None)
    for table, key, name, value in pending:
        validate(session, doc.id, table, key, name, value, user)
        audit(session, user, doc.id, "accept", table, key, name, value, value)
    return len(pending)


def accept_all(session: Session, doc: Document, user: str, table: str, key: Optional[str],
               version: Optional[str]) -> int:
    """«Принять всё» of a record (``key``) or of a whole section (``key`` None);
    refused (Stale) when the document changed since the page showing ``version``."""
    if version != document_version(session, doc):
        raise Stale("Документ изменился с момента открытия страницы. Обновите страницу.")
    accepted = accept_pending(session, doc, user, table, key)
    row = session.get(ReviewDocument, doc.id) or refresh(session, doc)
    if accepted and row.status == "new":
        row.status = "in_review"
    return accepted


def mark_validated(session: Session, doc: Document, user: str, version: Optional[str] = None,
                   reviewers: int = 1) -> int:
    """Accept the untouched values and mark the document validated; refused
    (Stale) when the document changed since the page showing ``version``.
    With ``reviewers`` > 1 (review.agreement) the values are those ``user`` has
    not decided, and the document stays in review until that many different
    reviewers have validated it. Returns how many values were accepted."""
    if version != document_version(session, doc):
        raise Stale("Документ изменился с момента открытия страницы (другой пользователь или "
                    "повторная обработка). Обновите страницу и проверьте изменения.")
    row = session.get(ReviewDocument, doc.id) or refresh(session, doc)
    accepted = accept_pending(session, doc, user, mine=reviewers > 1)
    done = len(agreement.validators(session, doc.id) | {user}) >= reviewers
    status = "validated" if done else "in_review"
    audit(session, user, doc.id, "validate", "documents", doc.id, "status", row.status, status)
    row.status = status
    if done:
        row.validated_by, row.validated_at = user, utcnow()
    return accepted
