"""What the queue's search box matches: every word of the query in any of its
forms (Гурьяновым finds Гурьянов, Смирновой finds Смирнова: pymorphy3's normal
forms and the nominative readings of a surname), in the document's search
text or, when a field is chosen, in that field of its records; and, without a
field, the query as a phrase in the documents' text, in any inflection
(registry.fulltext: FTS5 on SQLite, ``russian`` full-text search on
PostgreSQL), those documents first by relevance, each with a snippet."""
from __future__ import annotations

import functools
import re
from typing import Any, Optional

from markupsafe import Markup
from sqlalchemy import Boolean, ColumnElement, and_, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from extractors.people.names import surname_readings
from extractors.text.inflect import lemmas
from registry import fulltext
from registry.models import Document, EventRow, OrganizationRow, PersonRow, SchoolRow
from registry.review_models import ReviewDocument

WORD = re.compile(r"[А-Яа-яЁёA-Za-z0-9-]+")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
SPACES = re.compile(r"\s+")
MAX_WORDS = 8
SNIPPET_CONTEXT = 60       # characters shown either side of a phrase hit
SNIPPET_SCAN = 200_000     # characters of a document searched for its snippet
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
    in_text = [InText(found)] if (found := text_phrases(q, field)) else []
    if not CYRILLIC.search(q):  # numbers, file names: the text as typed
        return or_(whole, *in_text)
    each = [or_(*(contains(text, f) for f in forms(w))) for w in words]
    return or_(whole, and_(*each), *in_text)


def text_phrases(q: Optional[str], field: Optional[str]) -> list[tuple[str, ...]]:
    """The lemma phrases to look for in the documents' text (none when the
    search is limited to a field or the query has no words)."""
    return fulltext.phrases(q) if q and field not in SEARCH_FIELDS else []


class InText(ColumnElement[bool]):
    """``review_documents.document_id IN (documents holding a phrase, or whose
    version holds it)``, in the dialect's own full-text syntax (chosen when the
    statement is compiled)."""
    inherit_cache = False
    type = Boolean()
    _is_implicitly_boolean = True  # a condition already: no "= 1" where booleans are integers

    def __init__(self, found: list[tuple[str, ...]]) -> None:
        self.found = found


@compiles(InText)
def _in_text(element: InText, compiler: Any, **kw: Any) -> str:
    ids = fulltext.head_ids(compiler.dialect.name, element.found)
    return compiler.process(ReviewDocument.document_id.in_(ids), **kw)


def ranked(query: Any, session: Session, q: Optional[str], field: Optional[str]) -> Any:
    """``query`` (over review_documents) ordered with the documents whose text
    holds the phrase first, best first (bm25 / ts_rank); the caller's order after
    (so a document found through a version of it comes after those)."""
    found = text_phrases(q, field)
    if not found:
        return query
    hits = fulltext.hits(session.get_bind().dialect.name, found).subquery("text_hits")
    return (query.outerjoin(hits, hits.c.document_id == ReviewDocument.document_id)
            .order_by(hits.c.rank.is_(None), hits.c.rank))


def snippet(text: str, q: str) -> Optional[Markup]:
    """Where the phrase ``q`` is in ``text`` (the first place), as escaped HTML
    with the phrase in <mark>, SNIPPET_CONTEXT characters either side; None
    when it is not there."""
    found = fulltext.phrases(q)
    if not found:
        return None
    wanted = [set(options) for options in zip(*found)]
    words = list(fulltext.tokens(text[:SNIPPET_SCAN]))
    for i in range(len(words) - len(wanted) + 1):
        if all(words[i + k][0] in options for k, options in enumerate(wanted)):
            start, stop = words[i][1], words[i + len(wanted) - 1][2]
            left, right = max(start - SNIPPET_CONTEXT, 0), stop + SNIPPET_CONTEXT
            return Markup("{}{}<mark>{}</mark>{}{}").format(
                "…" if left else "", SPACES.sub(" ", text[left:start]), SPACES.sub(" ", text[start:stop]),
                SPACES.sub(" ", text[stop:right]), "…" if right < len(text) else "")
    return None


def snippets(session: Session, q: Optional[str], field: Optional[str], ids: list[str]
             ) -> dict[str, Markup]:
    """The snippet of each listed document whose text holds the phrase ``q``."""
    if not ids or not text_phrases(q, field):
        return {}
    rows = session.execute(select(Document.id, func.substr(Document.text, 1, SNIPPET_SCAN))
                           .where(Document.id.in_(ids), Document.text.is_not(None)))
    found = {doc_id: snippet(text, q) for doc_id, text in rows}
    return {doc_id: html for doc_id, html in found.items() if html is not None}
