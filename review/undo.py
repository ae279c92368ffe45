"""Undo of a librarian's last action on a document (accept, edit, reject or
add), as long as nobody has changed the same value since. The value goes back
to what it was, and so does its review state: pending if it had never been
reviewed, validated with the old value if it had. The undo is itself an audit
row (action ``undo``, new_json ``{"undone": <audit id>, "value": <restored>}``)."""
from __future__ import annotations

import copy
from typing import Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from registry.models import Document, Validation
from registry.review_models import ReviewAudit
from registry.rows import RECORD_SOURCES
from registry.validate import write_field
from review.changes import (ChangeError, Stale, audit, checked, record_by_key, save, unreject,
                            validate)
from review.docview import REJECTED
from review.versions import document_version

UNDOABLE = ("accept", "edit", "reject", "add")


def undone_ids(session: Session, doc_id: str) -> set[int]:
    rows = session.scalars(select(ReviewAudit.new_json).where(
        ReviewAudit.document_id == doc_id, ReviewAudit.action == "undo"))
    return {r["undone"] for r in rows if isinstance(r, dict) and "undone" in r}


def last_action(session: Session, doc_id: str, user: str) -> Optional[ReviewAudit]:
    """The user's latest action on the document that was not undone yet."""
    undone = undone_ids(session, doc_id)
    rows = session.scalars(select(ReviewAudit).where(
        ReviewAudit.document_id == doc_id, ReviewAudit.user_name == user,
        ReviewAudit.action.in_(UNDOABLE)).order_by(ReviewAudit.id.desc()).limit(200))
    return next((r for r in rows if r.id not in undone), None)


def clear_validation(session: Session, doc_id: str, table: str, key: str, field: Optional[str]) -> None:
    where = [Validation.document_id == doc_id, Validation.record_table == table,
             Validation.record_key == key]
    if field is not None:
        where.append(Validation.field == field)
    session.execute(delete(Validation).where(*where))


def reviewed_before(session: Session, row: ReviewAudit) -> bool:
    """Was this value reviewed before the action being undone?"""
    return session.scalar(select(func.count()).select_from(ReviewAudit).where(
        ReviewAudit.document_id == row.document_id, ReviewAudit.record_table == row.record_table,
        ReviewAudit.record_key == row.record_key, ReviewAudit.field == row.field,
        ReviewAudit.action.in_(UNDOABLE), ReviewAudit.id < row.id)) > 0


def undo_last(session: Session, doc: Document, user: str, version: Optional[str]) -> ReviewAudit:
    """Undo ``user``'s last action on ``doc``; returns the audit row undone."""
    if version != document_version(session, doc):
        raise Stale("Документ изменился с момента открытия страницы. Обновите страницу.")
    row = last_action(session, doc.id, user)
    if row is None:
        raise ChangeError("Отменять нечего: ваших изменений в этом документе нет.")
    later = session.scalar(select(func.max(ReviewAudit.id)).where(
        ReviewAudit.document_id == doc.id, ReviewAudit.record_table == row.record_table,
        ReviewAudit.record_key == row.record_key, ReviewAudit.action != "undo"))
    if later != row.id:
        raise Stale("После вашего действия эту запись изменил другой пользователь: отменить нельзя.")
    record_json = copy.deepcopy(doc.record_json or {})
    table, key, field = row.record_table, row.record_key, row.field
    if row.action == "add":
        source = record_json.get(RECORD_SOURCES[table]) or []
        target = record_by_key(record_json, table, key)
        record_json[RECORD_SOURCES[table]] = [r for r in source if r is not target]
        clear_validation(session, doc.id, table, key, None)
    elif field == REJECTED:
        unreject(session, doc.id, table, key, record_by_key(record_json, table, key))
    else:
        record = record_by_key(record_json, table, key)
        write_field(record_json, table, record, field, row.old_json)
        clear_validation(session, doc.id, table, key, field)
        if reviewed_before(session, row):
            validate(session, doc.id, table, key, field, row.old_json, user)
    audit(session, user, doc.id, "undo", table, key, field, row.new_json,
          {"undone": row.id, "value": None if row.action == "add" else row.old_json})
    checked(record_json)
    save(session, doc, record_json)
    return row

