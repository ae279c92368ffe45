"""Batched writes: many files in one transaction give exactly the rows the
one-document-at-a-time path gives, and a batch that cannot be written falls
back to storing its files one by one."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from test_registry import COUNT_KEY, SOURCE, record, result

from ingest import storing
from ingest.report import Summary
from ingest.tasks import FileOutcome, FileTask
from registry import models as m
from registry.batch import write_documents, write_sources
from registry.db import connect
from registry.store import SourceResult, add_validation, write_document

SKIP = {"id", "created_at", "updated_at", "record_id", "person_id"}  # differ between two databases


def snapshot(db) -> dict[str, list[tuple]]:
    """Every table's rows without surrogate ids and timestamps, sorted."""
    out = {}
    with db.connect() as conn:
        for name, table in m.Base.metadata.tables.items():
            columns = [c.name for c in table.columns if c.name not in SKIP]
            rows = conn.execute(text(f"SELECT {', '.join(columns)} FROM {name}")).all()
            out[name] = sorted((tuple(map(repr, row)) for row in rows))
    return out


def results(n: int) -> list:
    docs = []
    for i in range(n):
        rec = record(surname=["Кузнецова", "Петрова", "Сидорова"][i % 3], count=40 + i,
                     with_person=i % 2 == 0)
        docs.append(result(rec, id=f"{i:064d}", source_id=f"s{i:063d}", source_path=f"in/{i}.txt",
                           text=f"{SOURCE}\nЛист {i}."))  # one text each: one document each
    docs.append(result(id="q" * 64, source_path="in/bad.zip", status="quarantined", reason="zip_bomb",
                       record_json=None, text=None))
    return docs


@pytest.fixture()
def two_dbs(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'one.sqlite'}"), connect(f"sqlite:///{tmp_path / 'many.sqlite'}")


def test_batch_writes_the_same_rows_as_one_by_one(two_dbs) -> None:
    one, many = two_dbs
    docs = results(5)
    for doc in docs:
        with Session(one) as session, session.begin():
            write_document(session, doc)
    with Session(many) as session, session.begin():
        assert write_documents(session, docs) == ["written"] * len(docs)
    before = snapshot(many)
    assert before == snapshot(one)
    assert len(before["spans"]) > len(docs) and len(before["person_mentions"]) == 3


def test_batch_person_mentions_and_spans_point_at_their_own_rows(two_dbs) -> None:
    _, many = two_dbs
    with Session(many) as session, session.begin():
        write_documents(session, results(4))
    with many.connect() as conn:
        wrong = conn.execute(text(
            "SELECT count(*) FROM spans s LEFT JOIN counts c ON s.record_id = c.id "
            "WHERE s.record_table = 'counts' AND (c.id IS NULL OR c.document_id != s.document_id "
            "OR c.record_key != s.record_key)")).scalar()
        mentions = conn.execute(text(
            "SELECT count(*) FROM person_mentions pm JOIN people p ON pm.person_id = p.id "
            "WHERE p.document_id != pm.document_id")).scalar()
    assert wrong == 0 and mentions == 0


def test_batch_record_ids_continue_after_rows_already_stored(two_dbs) -> None:
    """Record ids are numbered by the writer on SQLite: after earlier batches and a
    document written on its own, every span still points at its own record."""
    _, db = two_dbs
    docs = results(7)
    with Session(db) as session, session.begin():
        write_documents(session, docs[:3])
    with Session(db) as session, session.begin():
        write_document(session, docs[3])
    with Session(db) as session, session.begin():
        write_documents(session, docs[4:])
    with db.connect() as conn:
        for table in m.RECORD_TABLES.values():
            name = table.__tablename__
            rows, distinct = conn.execute(text(f"SELECT count(*), count(DISTINCT id) FROM {name}")).one()
            wrong = conn.execute(text(
                f"SELECT count(*) FROM spans s LEFT JOIN {name} r ON s.record_id = r.id "
                f"WHERE s.record_table = '{name}' AND (r.id IS NULL OR r.document_id != s.document_id "
                "OR r.record_key != s.record_key)")).scalar()
            assert rows == distinct and wrong == 0, name
        linked = conn.execute(text("SELECT count(DISTINCT record_table) FROM spans "
                                   "WHERE record_id IS NOT NULL")).scalar()
    assert linked >= 3  # the check above covered several tables, not none


def test_batch_known_documents_take_the_careful_path(two_dbs) -> None:
    _, db = two_dbs
    docs = results(2)
    with Session(db) as session, session.begin():
        write_document(session, docs[0])
        add_validation(session, docs[0].id, "counts", COUNT_KEY, "value", 99)
    rewritten = result(record(count=7), id=docs[0].id, extractor_version="test-2")
    with Session(db) as session, session.begin():
        outcomes = write_documents(session, [docs[0], rewritten, docs[1]])
    assert outcomes == ["skipped", "written", "written"]
    with Session(db) as session:
        values = session.scalars(select(m.CountRow.value).where(m.CountRow.document_id == docs[0].id))
        assert list(values) == [99]  # the validated value wins over the machine's 7


def test_batch_sources_new_and_known(two_dbs) -> None:
    _, db = two_dbs
    first = SourceResult(id="a" * 64, path="in/a.txt", size=3, status="failed", extractor_version="v")
    with Session(db) as session, session.begin():
        write_sources(session, [first])
    again = SourceResult(id="a" * 64, path="in/a.txt", size=3, status="done", extractor_version="v")
    new = SourceResult(id="b" * 64, path="in/b.txt", size=4, status="done", extractor_version="v")
    with Session(db) as session, session.begin():
        write_sources(session, [again, new])
    with Session(db) as session:
        rows = {s.id[0]: (s.status, s.attempts) for s in session.scalars(select(m.Source))}
    assert rows == {"a": ("done", 2), "b": ("done", 1)}


def test_store_batch_falls_back_to_one_file_at_a_time(tmp_path, monkeypatch) -> None:
    db = connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    docs = results(3)[:3]
    batch = [(FileTask(d.source_path, d.source_id, 10), FileOutcome(FileTask(d.source_path, d.source_id, 10),
                                                                     [d], 0.1)) for d in docs]

    def busy(*_args, **_kw):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(storing, "write_documents", busy)
    summary = Summary(files=3)
    storing.store_batch(db, batch, summary)
    assert summary.statuses == {"done": 3}
    with Session(db) as session:
        assert session.scalar(select(m.Document.id).where(m.Document.id == docs[2].id)) == docs[2].id
        assert len(list(session.scalars(select(m.Source)))) == 3


def test_ingest_batches_fill_by_documents(monkeypatch) -> None:
    monkeypatch.setattr(storing, "BATCH_DOCUMENTS", 4)
    monkeypatch.setattr(storing, "BATCH_SECONDS", 3600.0)
    batch = storing.Batch()
    archive = FileTask("in/x.zip", "x" * 64, 1)
    batch.add(archive, FileOutcome(archive, results(3)[:3], 0.1))  # three archive members
    assert not batch.full()
    plain = FileTask("in/y.txt", "y" * 64, 1)
    batch.add(plain, FileOutcome(plain, results(1)[:1], 0.1))
    assert batch.full() and [task for task, _ in batch.take()] == [archive, plain]
    assert batch.documents == 0 and not batch.items


def test_ingest_batches_fill_by_time(monkeypatch) -> None:
    monkeypatch.setattr(storing, "BATCH_SECONDS", 0.0)
    batch = storing.Batch()
    task = FileTask("in/y.txt", "y" * 64, 1)
    batch.add(task, FileOutcome(task, results(1)[:1], 0.1))
    assert batch.full()


def test_writer_stores_batches_in_its_thread_and_counts_files(tmp_path) -> None:
    db = connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    docs = results(4)[:4]
    items = [(FileTask(d.source_path, d.source_id, 10), FileOutcome(FileTask(d.source_path, d.source_id, 10),
                                                                     [d], 0.1)) for d in docs]
    summary = Summary(files=4)
    writer = storing.Writer(db, summary)
    writer.put(items[:3])
    writer.put(items[3:])
    writer.close()
    assert writer.stored() == 4 and summary.statuses == {"done": 4}
    with Session(db) as session:
        assert len(list(session.scalars(select(m.Document.id)))) == 4


def test_writer_error_reaches_the_main_thread(tmp_path, monkeypatch) -> None:
    db = connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")

    def broken(*_args, **_kw):
        raise ValueError("a bug in the writer")

    monkeypatch.setattr(storing, "store_batch", broken)
    writer = storing.Writer(db, Summary())
    doc = results(1)[0]
    task = FileTask(doc.source_path, doc.source_id, 10)
    writer.put([(task, FileOutcome(task, [doc], 0.1))])
    with pytest.raises(ValueError, match="a bug in the writer"):
        writer.close()
    assert writer.stored() == 0


def test_batch_stores_a_workers_json_text_as_sent(two_dbs) -> None:
    from_dicts, from_text = two_dbs
    docs = results(3)
    as_text = [replace(d, record_json=None, record_text=json.dumps(d.record_json, ensure_ascii=False))
               if d.record_json is not None else d for d in docs]
    with Session(from_dicts) as session, session.begin():
        write_documents(session, docs)
    with Session(from_text) as session, session.begin():
        write_documents(session, as_text)
    tables = {name: rows for name, rows in snapshot(from_text).items() if name != "documents"}
    assert tables == {name: rows for name, rows in snapshot(from_dicts).items() if name != "documents"}
    with from_text.connect() as conn:
        stored = dict(conn.execute(text("SELECT id, record_json FROM documents")).all())
    sent = {d.id: d.record_text for d in as_text}
    assert all(stored[key] == sent[key] for key in sent if sent[key] is not None)
    with Session(from_text) as session:
        parsed = {d.id: d.record_json for d in session.scalars(select(m.Document))}
    assert parsed == {d.id: d.record_json for d in docs}
