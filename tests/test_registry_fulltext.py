"""The documents' full-text index (registry.fulltext, migration 0008): a phrase
in any inflection, only adjacent words, kept in step with stored, rewritten and
deleted documents, filled for registries made before it; on SQLite (FTS5) and
a real PostgreSQL server (tsvector, ``russian``)."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import fulltext
from registry import models as m
from registry.batch import write_documents
from registry.db import alembic_config, make_engine
from registry.results import DocumentResult
from registry.store import write_document
from review_support import empty_registry

MEETING = "Протокол. На совещании директоров школ Энского района выступил Зардунов."
APART = "Директоров школ пригласили, а совещание перенесли на пятницу."
OTHER = "Отчёт о курсах повышения квалификации учителей математики."


def doc_id(n: int) -> str:
    return f"{n:064d}"


def result(n: int, body: str, status: str = "done") -> DocumentResult:
    return DocumentResult(id=doc_id(n), source_path=f"in/{n}.txt", status=status, text=body,
                          format="txt", extractor_version="test-1", record_json=None)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    yield engine
    engine.dispose()


def store(engine, *results: DocumentResult, force: bool = False) -> None:
    with Session(engine) as session, session.begin():
        for one in results:
            write_document(session, one, force=force)


def found(engine, query: str) -> list[str]:
    with engine.connect() as conn:
        phrases = fulltext.phrases(query)
        if not phrases:
            return []
        hits = fulltext.hits(engine.dialect.name, phrases).order_by(text("rank"))
        return [row.document_id for row in conn.execute(hits)]


def lemma_rows(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(fulltext.lemma_rows.c.id, fulltext.lemma_rows.c.document_id)
                            .order_by(fulltext.lemma_rows.c.id)).all()


def fts_consistent(engine) -> bool:
    """SQLite: FTS5's own check that its index matches document_fulltext (raises if not)."""
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(text(f"INSERT INTO {fulltext.FTS}({fulltext.FTS}, rank) VALUES ('integrity-check', 1)"))
    return True


def test_registry_fulltext_finds_a_phrase_in_another_case(db) -> None:
    store(db, result(1, MEETING), result(2, OTHER))
    assert found(db, "совещание директоров") == [doc_id(1)]


def test_registry_fulltext_finds_a_surname_in_another_case(db) -> None:
    store(db, result(1, MEETING), result(2, OTHER))
    assert found(db, "Зардуновым") == [doc_id(1)]


def test_registry_fulltext_words_apart_are_not_a_phrase(db) -> None:
    store(db, result(1, APART))
    assert found(db, "директоров школ") == [doc_id(1)]
    assert found(db, "совещание директоров") == []


def test_registry_fulltext_ranks_more_occurrences_first(db) -> None:
    store(db, result(1, MEETING + " " + OTHER),
          result(2, "Совещание директоров. Итоги совещания директоров. Решения совещания директоров."))
    assert found(db, "совещания директоров") == [doc_id(2), doc_id(1)]


def test_registry_fulltext_batch_writer_indexes_new_documents(db) -> None:
    with Session(db) as session, session.begin():
        write_documents(session, [result(1, MEETING), result(2, OTHER)])
    assert found(db, "курсы повышения квалификации") == [doc_id(2)]


def test_registry_fulltext_deleted_document_leaves_the_index(db) -> None:
    store(db, result(1, MEETING), result(2, MEETING + " Приложение."))
    with db.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = :id"), {"id": doc_id(1)})
    assert found(db, "совещание директоров") == [doc_id(2)]
    assert [row.document_id for row in lemma_rows(db)] == [doc_id(2)] and fts_consistent(db)


def test_registry_fulltext_rewritten_text_replaces_the_old_one(db) -> None:
    store(db, result(1, MEETING))
    store(db, result(1, OTHER), force=True)
    assert found(db, "совещание директоров") == []
    assert found(db, "учителей математики") == [doc_id(1)] and fts_consistent(db)


def test_registry_fulltext_reprocessing_keeps_the_row_of_an_unchanged_text(db) -> None:
    store(db, result(1, MEETING))
    before = lemma_rows(db)
    store(db, result(1, MEETING), force=True)  # what reestr reprocess does: the stored text again
    assert lemma_rows(db) == before
    assert found(db, "совещание директоров") == [doc_id(1)]


@pytest.mark.parametrize("query", ['"', '*', 'NEAR(совещание директоров)', '-совещание', 'совещ*',
                                   "' OR 1=1 --", 'совещание" OR "', '^директоров', 'lemmas:школа',
                                   'AND OR NOT', '(', ')'])
def test_registry_fulltext_syntax_in_a_query_is_only_words(db, query) -> None:
    store(db, result(1, MEETING))
    assert found(db, query) in ([], [doc_id(1)])


def old_registry(url: str):
    """A registry at revision 0007 (before full-text search) with two stored documents."""
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "0007")
    with engine.begin() as conn:
        for n, body in ((1, MEETING), (2, OTHER)):
            conn.execute(text("INSERT INTO documents (id, source_path, text, status, conflicts, attempts, "
                              "created_at, updated_at) VALUES (:id, 'a.txt', :t, 'done', 0, 1, :s, :s)"),
                         {"id": doc_id(n), "t": body, "s": "2026-01-01 00:00:00"})
    command.upgrade(alembic_config(engine), "head")
    return engine


def test_registry_fulltext_migration_fills_an_old_sqlite_registry(tmp_path) -> None:
    engine = old_registry(f"sqlite:///{tmp_path / 'old.sqlite'}")
    assert found(engine, "Зардунова") == [doc_id(1)]
    assert len(lemma_rows(engine)) == 2


def test_registry_fulltext_migration_fills_an_old_postgresql_registry(pg_url) -> None:  # noqa: F811
    server = create_engine(make_url(pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS reestr_fulltext_old"))
        conn.execute(text("CREATE DATABASE reestr_fulltext_old"))
    engine = old_registry(make_url(pg_url).set(database="reestr_fulltext_old").render_as_string(False))
    try:
        assert found(engine, "Зардунова") == [doc_id(1)]
        assert len(lemma_rows(engine)) == 2
    finally:
        engine.dispose()
        with server.connect() as conn:
            conn.execute(text("DROP DATABASE reestr_fulltext_old"))
        server.dispose()


def test_registry_fulltext_migration_downgrade_drops_the_index(tmp_path) -> None:
    engine = old_registry(f"sqlite:///{tmp_path / 'old.sqlite'}")
    command.downgrade(alembic_config(engine), "0007")
    with engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
    assert not {n for n in names if n.startswith(fulltext.TABLE)}
    with Session(engine) as session:
        assert session.scalar(select(m.Document.text).where(m.Document.id == doc_id(1))) == MEETING
