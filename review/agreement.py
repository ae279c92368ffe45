"""Two reviewers per document (``reestr review --reviewers-per-document 2``)
and how often they agree, read from the audit trail (who decided what).

A document counts as validated once ``reviewers`` different librarians have
pressed «Документ проверен» since it was last validated (an edit after that
puts it back in review and the count starts again). Under this setting a
reviewer's «Документ проверен» accepts every value *they* have not decided
yet, each with its own audit row, so the second reviewer's view of every
value is on record, not only the first one's.

A reviewer's decision on a value is their last accept, edit or reject of it
that was not undone: the value kept as the machine read it, edited (to a
value), or rejected. Rejecting a whole record is a decision on the record
(«вся запись»): rejected, or kept by a reviewer who decided one of its fields.
Per field, over the values two reviewers both decided (the first two to
decide each value), the overview shows how many there are, how many got the
same decision (an edit only to the same value) and Cohen's kappa,
κ = (p_o − p_e) / (1 − p_e), with p_o that share and p_e the chance agreement
from each reviewer's counts of kept / edited / rejected (shown beside it).
The second reviewer sees the first one's decisions: this measures how often a
second look changes a value, not blind double annotation."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from registry.review_models import ReviewAudit
from review.docview import REJECTED
from review.fields import FIELD_LABELS, RECORD_FIELDS, TABLE_LABELS

DECISIONS = ("accept", "edit", "reject")
CATEGORIES = {"kept": "оставлено", "edited": "исправлено", "rejected": "отклонено"}
WHOLE_RECORD = "вся запись"
WHOLE_RECORDS = {table for table, _field in RECORD_FIELDS}  # tables whose records are rejected whole
Item = tuple[str, str, str, str]  # document, table, record key, field


@dataclass
class FieldAgreement:
    """Agreement on one field (table, field) over the values two reviewers decided."""
    table: str
    field: str
    values: int = 0
    agreed: int = 0
    first: Counter = field(default_factory=Counter)   # category -> values (first reviewer)
    second: Counter = field(default_factory=Counter)  # ... and the second

    @property
    def label(self) -> str:
        name = WHOLE_RECORD if self.field == REJECTED else FIELD_LABELS.get(self.field, self.field).lower()
        return f"{TABLE_LABELS.get(self.table, self.table)}: {name}"

    @property
    def share(self) -> float:
        return self.agreed / self.values if self.values else 0.0

    @property
    def kappa(self) -> Optional[float]:
        """Cohen's kappa, or None where chance agreement is already certain."""
        if not self.values:
            return None
        chance = sum(self.first[c] * self.second[c] for c in CATEGORIES) / self.values ** 2
        return None if chance >= 1 else (self.share - chance) / (1 - chance)

    def counts(self, which: Counter) -> str:
        return ", ".join(f"{label} {which[c]}" for c, label in CATEGORIES.items())


def undone(rows: Iterable[Any]) -> set[int]:
    return {r.new_json["undone"] for r in rows
            if r.action == "undo" and isinstance(r.new_json, dict) and "undone" in r.new_json}


def decisions(rows: list[Any]) -> tuple[dict[Item, dict[str, tuple[int, tuple]]], dict[Item, Any]]:
    """Per value: each user's (first decision id, last outcome), and the machine's value
    (the old value of the value's first decision). ``rows``: audit rows in id order."""
    skip = undone(rows)
    by_item: dict[Item, dict[str, tuple[int, tuple]]] = {}
    machine: dict[Item, Any] = {}

    def decide(item: Item, user: str, row_id: int, outcome: tuple) -> None:
        users = by_item.setdefault(item, {})
        users[user] = (users[user][0] if user in users else row_id, outcome)

    for r in rows:
        if r.action not in DECISIONS or r.id in skip:
            continue
        record = (r.document_id, r.record_table, r.record_key, REJECTED)
        if r.field == REJECTED:
            decide(record, r.user_name, r.id, ("rejected",))
            continue
        item = (r.document_id, r.record_table, r.record_key, r.field)
        machine.setdefault(item, r.old_json)
        decide(item, r.user_name, r.id, ("rejected",) if r.action == "reject" else ("value", r.new_json))
        if r.action != "reject" and r.record_table in WHOLE_RECORDS:  # takes the record back
            decide(record, r.user_name, r.id, ("kept",))
    return by_item, machine


def category(outcome: tuple, machine: Any) -> str:
    if outcome[0] in ("rejected", "kept"):
        return outcome[0]
    return "kept" if outcome[1] == machine else "edited"


def agreement(rows: list[Any]) -> list[FieldAgreement]:
    """Per (table, field), sorted by the table's and the field's Russian label."""
    by_item, machine = decisions(rows)
    out: dict[tuple[str, str], FieldAgreement] = {}
    for item, users in by_item.items():
        if len(users) < 2:
            continue
        (_, one), (_, two) = sorted(users.values(), key=lambda pair: pair[0])[:2]
        figure = out.setdefault((item[1], item[3]), FieldAgreement(item[1], item[3]))
        figure.values += 1
        figure.agreed += one == two
        figure.first[category(one, machine.get(item))] += 1
        figure.second[category(two, machine.get(item))] += 1
    return sorted(out.values(), key=lambda f: (TABLE_LABELS.get(f.table, f.table), f.field != REJECTED,
                                               f.label))


def figures(session: Session) -> list[FieldAgreement]:
    """Agreement over every document that two or more reviewers decided values of."""
    a = ReviewAudit
    shared = (select(a.document_id).where(a.action.in_(DECISIONS)).group_by(a.document_id)
              .having(func.count(distinct(a.user_name)) >= 2))
    rows = session.execute(select(a.id, a.document_id, a.user_name, a.action, a.record_table,
                                  a.record_key, a.field, a.old_json, a.new_json)
                           .where(a.document_id.in_(shared), a.action.in_((*DECISIONS, "undo")))
                           .order_by(a.id)).all()
    return agreement(rows)


def decided_by(session: Session, doc_id: str, user: str) -> set[tuple[str, str, str]]:
    """(table, key, field) of the values ``user`` has decided in the document (not undone)."""
    a = ReviewAudit
    rows = session.execute(select(a.id, a.action, a.record_table, a.record_key, a.field, a.new_json)
                           .where(a.document_id == doc_id, a.user_name == user,
                                  a.action.in_((*DECISIONS, "undo")))).all()
    skip = undone(rows)
    return {(r.record_table, r.record_key, r.field) for r in rows
            if r.action in DECISIONS and r.id not in skip}


def validators(session: Session, doc_id: str) -> set[str]:
    """Who has validated the document since it was last fully validated."""
    a = ReviewAudit
    found: set[str] = set()
    for user, new in session.execute(select(a.user_name, a.new_json).where(
            a.document_id == doc_id, a.action == "validate").order_by(a.id)):
        found = set() if new == "validated" else found | {user}
    return found
