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

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from sqlalchemy import Text, distinct, func, select, type_coerce
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
    """Ids of the audit rows an ``undo`` row among ``rows`` took back."""
    return {r.new_json["undone"] for r in rows
            if r.action == "undo" and isinstance(r.new_json, dict) and "undone" in r.new_json}


Row = tuple[int, str, str, str, str, str, str, Any, Any]  # id, document, user, action, table, key, field, old, new


def decisions(rows: Iterable[Row], skip: set[int]
              ) -> tuple[dict[Item, dict[str, tuple[int, tuple]]], dict[Item, Any]]:
    """Per value: each user's (first decision id, last outcome), and the machine's value
    (the old value of the value's first decision). ``rows``: decisions in id order;
    ``skip``: ids of those undone."""
    by_item: dict[Item, dict[str, tuple[int, tuple]]] = {}
    machine: dict[Item, Any] = {}
    rejected, kept = ("rejected",), ("kept",)
    for row_id, doc, user, action, table, key, name, old, new in rows:
        if row_id in skip or action not in DECISIONS:
            continue
        record = (doc, table, key, REJECTED)
        if name == REJECTED:
            found = [(record, rejected)]
        else:
            item = (doc, table, key, name)
            machine.setdefault(item, old)
            found = [(item, rejected if action == "reject" else ("value", new))]
            if action != "reject" and table in WHOLE_RECORDS:  # takes the record back
                found.append((record, kept))
        for target, outcome in found:
            users = by_item.setdefault(target, {})
            first = users.get(user)
            users[user] = (first[0] if first else row_id, outcome)
    return by_item, machine


def category(outcome: tuple, machine: Any) -> str:
    if outcome[0] in ("rejected", "kept"):
        return outcome[0]
    return "kept" if outcome[1] == machine else "edited"


def agreement(rows: Iterable[Any], skip: Optional[set[int]] = None) -> list[FieldAgreement]:
    """Per (table, field), sorted by the table's and the field's Russian label.
    ``rows``: audit rows in id order, as objects with the audit's attribute names
    (undo rows among them) or, with ``skip`` (ids undone) given, as ``Row`` tuples."""
    if skip is None:
        rows = list(rows)
        skip = undone(rows)
        rows = [(r.id, r.document_id, r.user_name, r.action, r.record_table, r.record_key, r.field,
                 r.old_json, r.new_json) for r in rows]
    by_item, machine = decisions(rows, skip)
    out: dict[tuple[str, str], FieldAgreement] = {}
    for item, users in by_item.items():
        if len(users) < 2:
            continue
        (_, one), (_, two) = list(users.values())[:2]  # users in the order of their first decision
        figure = out.get((item[1], item[3]))
        if figure is None:
            figure = out[(item[1], item[3])] = FieldAgreement(item[1], item[3])
        figure.values += 1
        figure.agreed += one == two
        figure.first[category(one, machine.get(item))] += 1
        figure.second[category(two, machine.get(item))] += 1
    return sorted(out.values(), key=lambda f: (TABLE_LABELS.get(f.table, f.table), f.field != REJECTED,
                                               f.label))


def figures(session: Session) -> list[FieldAgreement]:
    """Agreement over every document that two or more reviewers decided values of.
    Values come as the stored JSON text where the driver leaves it so (SQLite):
    equal values are equal texts, and only undo rows are decoded."""
    a = ReviewAudit
    shared = (select(a.document_id).where(a.action.in_(DECISIONS)).group_by(a.document_id)
              .having(func.count(distinct(a.user_name)) >= 2))
    rows = session.execute(select(a.id, a.document_id, a.user_name, a.action, a.record_table,
                                  a.record_key, a.field, type_coerce(a.old_json, Text),
                                  type_coerce(a.new_json, Text))
                           .where(a.document_id.in_(shared), a.action.in_((*DECISIONS, "undo")))
                           .order_by(a.id)).all()
    skip = set()
    for row in rows:
        if row[3] == "undo":
            new = json.loads(row[8]) if isinstance(row[8], str) else row[8]
            if isinstance(new, dict) and "undone" in new:
                skip.add(new["undone"])
    return agreement(rows, skip)


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
