"""Full-text search over the documents' text, by lemmas.

``document_fulltext`` holds one row per document with text: the lemmas of its
words in order, one per word, so a phrase query on lemmas finds every
inflected form of the phrase (``совещание директоров`` finds ``совещании
директоров школ``, ``Зардуновым`` finds ``Зардунов``). A word's lemma is
pymorphy3's normal form (a dictionary surname's too: ``Смирновой`` ->
``смирнов``); a word the dictionary does not know that reads as a surname of a
regular declension class is keyed by that class (``Зардунова``, ``Зардуновым``
-> ``зардунов``), since pymorphy3 guesses a different lemma for each form.

On SQLite an external-content FTS5 table (``document_fulltext_fts``) indexes
the lemma strings, kept in step by triggers on ``document_fulltext``; on
PostgreSQL a generated ``tsvector`` column (``russian`` configuration) with a
GIN index. Rows go with their document (``ON DELETE CASCADE``); the registry's
document writers call ``index`` when a document's text is new or changed.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import Any, Iterable, Optional

from sqlalchemy import (Column, Connection, Integer, MetaData, String, Table, Text, delete, func,
                        insert, literal_column, select)
from sqlalchemy.orm import Session

from registry.models import Document

TABLE = "document_fulltext"
FTS = "document_fulltext_fts"
CONFIG = "russian"
WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
CYRILLIC = re.compile(r"[а-яё]")
MAX_CHARS = 1_000_000        # text beyond this is not indexed (a document is at most 8 MiB)
MAX_QUERY_WORDS = 8
MAX_ALTERNATIVES = 4         # lemmas tried per query word
MAX_PHRASES = 32             # lemma phrases tried per query (products of the alternatives)
FILL_BATCH = 200

metadata = MetaData()
lemma_rows = Table(TABLE, metadata,
                   Column("id", Integer, primary_key=True, autoincrement=True),
                   Column("document_id", String(64), nullable=False, unique=True),
                   Column("lemmas", Text, nullable=False))
SCHEMA_TABLES = frozenset({TABLE, FTS} | {f"{FTS}_{part}" for part in ("data", "idx", "content",
                                                                         "docsize", "config")})


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The one lemma a word form is indexed under (lower case, ё as е)."""
    from extractors.people.names import surname_readings
    from extractors.text.morph import parses

    folded = fold(word)
    if not CYRILLIC.search(folded):
        return folded
    found = parses(folded)
    for parse in found:
        if "Surn" in parse.tag:
            return fold(parse.normal_form)
    known = [parse for parse in found if parse.is_known]
    if known:
        return fold(known[0].normal_form)
    keys = [r.key for r in surname_readings(folded[:1].upper() + folded[1:]) if r.certain]
    if keys:
        return fold(keys[0])
    return fold(found[0].normal_form) if found else folded


@functools.lru_cache(maxsize=4096)
def alternatives(word: str) -> tuple[str, ...]:
    """Lemmas a query word may be indexed under: its own, then its other
    dictionary readings' (``стали``: стать, сталь), at most MAX_ALTERNATIVES."""
    from extractors.text.morph import parses

    found = [lemma(word)]
    if CYRILLIC.search(fold(word)):
        found += [fold(p.normal_form) for p in parses(fold(word)) if p.is_known]
    unique = list(dict.fromkeys(f for f in found if WORD.fullmatch(f)))
    return tuple(unique[:MAX_ALTERNATIVES])


def tokens(text: str) -> Iterable[tuple[str, int, int]]:
    """(lemma, start, stop) of every word of ``text`` (up to MAX_CHARS)."""
    for match in WORD.finditer(text, 0, MAX_CHARS):
        yield lemma(match.group()), match.start(), match.end()


def lemma_string(text: str) -> str:
    return " ".join(t for t, _start, _stop in tokens(text))


def phrases(query: str) -> list[tuple[str, ...]]:
    """The lemma phrases a query stands for: each word by any of its
    alternatives, in order; fewer alternatives where the product would pass
    MAX_PHRASES. Only lemma words come out: no quote, operator or wildcard
    of the query reaches the full-text engine."""
    words = WORD.findall(query)[:MAX_QUERY_WORDS]
    options = [list(alternatives(w)) for w in words]
    while options and _product(options) > MAX_PHRASES:
        longest = max(options, key=len)
        longest.pop()
    return [tuple(p) for p in itertools.product(*options)] if options else []


def _product(options: list[list[str]]) -> int:
    total = 1
    for option in options:
        total *= len(option)
    return total


def index(session: Session, documents: Iterable[tuple[str, Optional[str]]]) -> None:
    """(Re)index documents given as (id, text); a document without text is removed."""
    documents = list(documents)
    if not documents:
        return
    ids = [doc_id for doc_id, _text in documents]
    session.execute(delete(lemma_rows).where(lemma_rows.c.document_id.in_(ids)))
    rows = [{"document_id": doc_id, "lemmas": lemma_string(text)} for doc_id, text in documents if text]
    if rows:
        session.execute(insert(lemma_rows), rows)


def fill(connection: Connection) -> int:
    """Index every document with text that has no row yet (migration 0008)."""
    done, last = 0, ""
    while True:
        batch = connection.execute(
            select(Document.id, Document.text).where(Document.text.is_not(None), Document.id > last,
                                                     Document.id.not_in(select(lemma_rows.c.document_id)))
            .order_by(Document.id).limit(FILL_BATCH)).all()
        if not batch:
            return done
        connection.execute(insert(lemma_rows), [{"document_id": doc_id, "lemmas": lemma_string(text)}
                                                for doc_id, text in batch])
        done += len(batch)
        last = batch[-1][0]


def fts_query(found: list[tuple[str, ...]]) -> str:
    """An FTS5 MATCH expression: any of the phrases (each a quoted string of lemmas)."""
    return " OR ".join('"' + " ".join(p) + '"' for p in found)


def hits(dialect: str, found: list[tuple[str, ...]]) -> Any:
    """SELECT document_id, rank of the documents holding any of the phrases
    (best first by ascending rank: bm25 on SQLite, minus ts_rank on PostgreSQL)."""
    if dialect == "sqlite":
        fts = Table(FTS, MetaData(), Column("rowid", Integer))
        return (select(lemma_rows.c.document_id, literal_column(f"bm25({FTS})").label("rank"))
                .select_from(fts.join(lemma_rows, lemma_rows.c.id == fts.c.rowid))
                .where(literal_column(FTS).op("MATCH")(fts_query(found))))
    tsv = literal_column(f"{TABLE}.tsv")
    config = literal_column(f"'{CONFIG}'::regconfig")
    query = None
    for phrase in found:
        one = func.phraseto_tsquery(config, " ".join(phrase))
        query = one if query is None else query.op("||")(one)
    return (select(lemma_rows.c.document_id, (-func.ts_rank(tsv, query)).label("rank"))
            .where(tsv.op("@@")(query)))


def head_ids(dialect: str, found: list[tuple[str, ...]]) -> Any:
    """SELECT the ids of the documents holding any of the phrases, a
    near-duplicate by the document it is a version of (the one the queue
    shows; registry.versions)."""
    ids = hits(dialect, found).with_only_columns(lemma_rows.c.document_id)
    return select(func.coalesce(Document.version_of, Document.id)).where(Document.id.in_(ids))


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic's ``include_name``: the full-text tables are made by hand in
    migration 0008 (FTS5 is a virtual table; the tsvector a generated column),
    so a comparison of the models with the database leaves them out."""
    return not (type_ == "table" and name in SCHEMA_TABLES)
