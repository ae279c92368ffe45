"""What the queue's search box matches: every word of the query in any of its
forms (Гурьяновым finds Гурьянов, Смирновой finds Смирнова: pymorphy3's normal
forms and the nominative readings of a surname), in the document's search
text or, when a field is chosen, in that field of its records."""
from __future__ import annotations

import functools
import re
from typing import Any, Optional

from sqlalchemy import and_, or_, select

from extractors.people.names import surname_readings
from extractors.text.inflect import lemmas
from registry.models import EventRow, OrganizationRow, PersonRow, SchoolRow
from registry.review_models import ReviewDocument

WORD = re.compile(r"[А-Яа-яЁёA-Za-z0-9-]+")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
MAX_WORDS = 8
# the queue's «в поле» choices: name -> (label, record column)
SEARCH_FIELDS = {"surname": ("фамилия", PersonRow.surname), "school": ("школа", SchoolRow.mention),
                 "organization": ("организация", OrganizationRow.name),
                 "event": ("мероприятие", EventRow.title)}
FIELD_LABELS = {name: label for name, (label, _column) in SEARCH_FIELDS.items()}


@functools.lru_cache(maxsize=4096)
def forms(word: str) -> tuple[str, ...]:
    """Lower-case forms to look for: the word, its normal forms, a surname's nominatives."""
    found = {word.lower()}
    if CYRILLIC.search(word) and len(word) > 2:
        found |= {w.lower() for w in lemmas(word.lower())}
        found |= {r.nominative.lower() for r in surname_readings(word[:1].upper() + word[1:].lower())
                  if r.nominative}
    return tuple(sorted(f for f in found if f))


def escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: Any, text: str, capitalised: bool = False) -> Any:
    """``column`` contains ``text`` (and, for record columns, its capitalised
    form: SQLite's LIKE folds the case of Latin letters only)."""
    like = [column.like(f"%{escaped(text)}%", escape="\\")]
    if capitalised:
        like.append(column.like(f"%{escaped(text[:1].upper() + text[1:])}%", escape="\\"))
    return or_(*like)


def matches(q: str, field: Optional[str] = None) -> Any:
    """The condition on review_documents for the query ``q``."""
    words = WORD.findall(q)[:MAX_WORDS] or [q]
    if field in SEARCH_FIELDS:
        column = SEARCH_FIELDS[field][1]
        each = [or_(*(contains(column, f, True) for f in forms(w))) for w in words]
        table = column.class_
        return ReviewDocument.document_id.in_(select(table.document_id).where(and_(*each)))
    text = ReviewDocument.search_text
    whole = contains(text, q.lower())
    if not CYRILLIC.search(q):  # numbers, file names: the text as typed
        return whole
    each = [or_(*(contains(text, f) for f in forms(w))) for w in words]
    return or_(whole, and_(*each))
