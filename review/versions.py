"""What a librarian's page was made from, so a change made against an older
state is refused (409) instead of silently overwriting someone else's.

A field's version digests its current value, whether its record is rejected,
its stored validation and the last audit row touching it (or its whole
record); the document's version digests its review status, its last audit row
and when its record JSON was last written. Both are short hex strings the
page carries in data-version attributes and hidden form fields."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import Document, Validation
from registry.review_models import ReviewAudit, ReviewDocument
from review.docview import REJECTED

RECORD_LEVEL = (REJECTED, "_record")


def digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Marks:
    """The review marks of one document: last action and last audit id per
    (table, key, field), and the validated values."""
    states: dict[tuple[str, str, str], str] = field(default_factory=dict)
    last_audit: dict[tuple[str, str, str], int] = field(default_factory=dict)
    validated: dict[tuple[str, str, str], Any] = field(default_factory=dict)

    def version(self, table: str, key: str, name: str, value: Any, rejected: bool) -> str:
        last = max([self.last_audit.get((table, key, n), 0) for n in (name, *RECORD_LEVEL)])
        marks = [self.validated.get((table, key, n)) for n in (name, REJECTED)]
        return digest(value, rejected, marks, last)


def marks(session: Session, doc_id: str, table: Optional[str] = None,
          key: Optional[str] = None) -> Marks:
    """Marks of a document (or of one of its records); plain column reads,
    no ORM objects: this runs inside every change's write transaction."""
    found = Marks()
    v, a = Validation, ReviewAudit
    v_where = [v.document_id == doc_id]
    a_where = [a.document_id == doc_id, a.action != "validate"]
    if table is not None:
        v_where += [v.record_table == table, v.record_key == key]
        a_where += [a.record_table == table, a.record_key == key]
    for t, k, name, value in session.execute(
            select(v.record_table, v.record_key, v.field, v.value_json).where(*v_where)):
        found.states[(t, k, name)] = "accept"
        found.validated[(t, k, name)] = value
    for t, k, name, action, new, audit_id in session.execute(
            select(a.record_table, a.record_key, a.field, a.action, a.new_json, a.id)
            .where(*a_where).order_by(a.id)):
        found.last_audit[(t, k, name)] = audit_id
        if action == "add":
            for added in (new or {}):
                found.states[(t, k, added)] = "add"
        elif action == "undo":  # back to validated with the old value, or to pending
            if (t, k, name) in found.validated:
                found.states[(t, k, name)] = "accept"
            else:
                found.states.pop((t, k, name), None)
        else:
            found.states[(t, k, name)] = action
    return found


def document_version(session: Session, doc: Document, status: Optional[str] = None,
                     last: Optional[int] = None) -> str:
    """``status`` and ``last`` (audit id), when the caller has read them already."""
    if last is None:
        last = session.scalar(select(func.max(ReviewAudit.id)).where(ReviewAudit.document_id == doc.id))
    if status is None:
        status = session.scalar(select(ReviewDocument.status)
                                .where(ReviewDocument.document_id == doc.id))
    return digest(status, last or 0, doc.updated_at)
