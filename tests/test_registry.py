"""The registry database on SQLite: schema, one-transaction writes, validations,
reprocess and export. Records are built by hand from an invented snippet so
these tests need no models and run in seconds."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry import fulltext
from registry import models as m
from registry.db import connect
from registry.export import TABLES, export_tables
from registry.reprocess import reprocess
from registry.store import DocumentResult, add_validation, write_document
from schemas.records import (Count, Decision, DocumentInfo, Event, ExtractionRecord, Person, Place,
                             SpanRef)

SOURCE = ("Протокол совещания кураторов Энской области от 12 февраля 2025 года.\n"
          "Председательствовал: Кузнецова Ирина Петровна, заместитель министра.\n"
          "Присутствовали 42 руководителя школ.\n"
          "Решили: обновить планы работы школ до 1 апреля 2025 года.")
DOC_ID = "d" * 64
PERSON_KEY = f"@{SOURCE.index('Кузнецова')}"
COUNT_KEY = f"@{SOURCE.index('42 руководителя')}"


def ref(fragment: str, extractor: str = "test") -> SpanRef:
    start = SOURCE.index(fragment)
    return SpanRef(start=start, stop=start + len(fragment), text=fragment, extractor=extractor)


def record(surname: str = "Кузнецова", count: int = 42, with_person: bool = True) -> ExtractionRecord:
    person = Person(surname=surname, first_name="Ирина", patronymic="Петровна", event_roles=["chair"],
                    spans=[ref("Кузнецова Ирина Петровна")],
                    provenance={"position": [ref("заместитель министра")]})
    return ExtractionRecord(
        extractor_version="test-1", document=DocumentInfo(id="t", doc_type="protocol",
                                                          doc_type_spans=[ref("Протокол")]),
        event=Event(kind="совещание", date_start=dt.date(2025, 2, 12), spans=[ref("совещания")]),
        region=Place(name="Энская область", spans=[ref("Энской области")]),
        people=[person] if with_person else [],
        counts=[Count(value=count, what="directors", evidence="42 руководителя",
                      spans=[ref("42 руководителя")])],
        decisions=[Decision(text="обновить планы работы школ", deadline=dt.date(2025, 4, 1),
                            spans=[ref("обновить планы работы школ")])])


def result(rec: ExtractionRecord | None = None, **changes) -> DocumentResult:
    rec = rec or record()
    values = dict(id=DOC_ID, source_path="in/p1.txt", status="done", text=SOURCE, format="txt",
                  extractor_version=rec.extractor_version, record_json=rec.model_dump(mode="json"))
    values.update(changes)
    return DocumentResult(**values)


class FakeExtractor:
    """Returns a prepared record, like pipeline.run.Extractor would for SOURCE."""

    def __init__(self, rec: ExtractionRecord) -> None:
        self.rec = rec

    def extract_text(self, text: str, **_: object) -> ExtractionRecord:
        assert text == SOURCE
        return self.rec


@pytest.fixture()
def db(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")


def write(db, res: DocumentResult, **kw) -> str:
    with Session(db) as session, session.begin():
        return write_document(session, res, **kw)


def counts(db) -> Counter:
    with Session(db) as session:
        return Counter({name: session.scalar(select(func.count()).select_from(table))
                        for name, table in m.Base.metadata.tables.items()})


def test_registry_migration_matches_models(db) -> None:
    with db.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": fulltext.include_name}),
                                m.Base.metadata) == []


def test_registry_sqlite_uses_wal_and_busy_timeout(db) -> None:
    with db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_registry_document_writes_records_and_grounded_spans(db) -> None:
    assert write(db, result()) == "written"
    with Session(db) as session:
        spans = session.scalars(select(m.SpanRow)).all()
        person = session.scalars(select(m.PersonRow)).one()
        event = session.scalars(select(m.EventRow)).one()
        mention = session.scalars(select(m.PersonMention)).one()
    assert all(SOURCE[s.start:s.stop] == s.text for s in spans)
    assert {(s.record_table, s.field) for s in spans} >= {("people", "position"), ("events", "region"),
                                                        ("documents", "doc_type")}
    assert (person.surname, person.event_roles, person.record_key) == ("Кузнецова", ["chair"], PERSON_KEY)
    assert (event.region, event.date_start, event.doc_type) == ("Энская область", dt.date(2025, 2, 12),
                                                              "protocol")
    assert mention.person_id == person.id and mention.text == "Кузнецова Ирина Петровна"


def test_registry_same_document_twice_is_skipped(db) -> None:
    write(db, result())
    before = counts(db)
    assert write(db, result()) == "skipped"
    assert counts(db) == before and before["documents"] == 1


def test_registry_new_extractor_version_replaces_records(db) -> None:
    write(db, result())
    before = counts(db)
    newer = record()
    newer.extractor_version = "test-2"
    assert write(db, result(newer)) == "written"
    assert counts(db) == before


def test_registry_failed_write_leaves_no_partial_document(db) -> None:
    with pytest.raises(RuntimeError):
        with Session(db) as session, session.begin():
            write_document(session, result())
            raise RuntimeError("the process dies here")
    assert sum(counts(db).values()) - counts(db)["alembic_version"] == 0


def test_registry_done_document_is_not_replaced_by_a_failure(db) -> None:
    write(db, result())
    newer = result(status="failed", reason="extraction_error", error="boom", record_json=None,
                   extractor_version="test-2")
    assert write(db, newer) == "kept"
    with Session(db) as session:
        doc = session.get(m.Document, DOC_ID)
    assert (doc.status, doc.extractor_version, doc.attempts) == ("done", "test-1", 2)


def test_registry_reprocess_keeps_validated_value_and_flags_conflict(db) -> None:
    write(db, result())
    with Session(db) as session, session.begin():
        add_validation(session, DOC_ID, "people", PERSON_KEY, "surname", "Кузнецова-Ли", "reviewer")
    reprocess(db, FakeExtractor(record(surname="Кузнец")), [DOC_ID])
    with Session(db) as session:
        person = session.scalars(select(m.PersonRow)).one()
        doc = session.get(m.Document, DOC_ID)
    assert person.surname == "Кузнецова-Ли"
    assert person.conflicts == [{"field": "surname", "machine": "Кузнец", "validated": "Кузнецова-Ли"}]
    assert doc.conflicts == 1 and doc.record_json["people"][0]["surname"] == "Кузнецова-Ли"
    assert any(w.startswith("conflict: surname") for w in doc.record_json["people"][0]["warnings"])


def test_registry_reprocess_agreeing_value_has_no_conflict(db) -> None:
    write(db, result())
    with Session(db) as session, session.begin():
        add_validation(session, DOC_ID, "counts", COUNT_KEY, "value", 42)
    reprocess(db, FakeExtractor(record()), [DOC_ID])
    with Session(db) as session:
        count = session.scalars(select(m.CountRow)).one()
    assert (count.value, count.conflicts) == (42, [])


def test_registry_reprocess_keeps_validated_record_the_extractor_lost(db) -> None:
    write(db, result())
    with Session(db) as session, session.begin():
        add_validation(session, DOC_ID, "people", PERSON_KEY, "position", "заместитель министра")
    reprocess(db, FakeExtractor(record(with_person=False)), [DOC_ID])
    with Session(db) as session:
        people = session.scalars(select(m.PersonRow)).all()
    assert [p.surname for p in people] == ["Кузнецова"]
    assert any("no longer finds" in w for w in people[0].warnings)


def test_registry_validated_region_survives_reprocess(db) -> None:
    write(db, result())
    with Session(db) as session, session.begin():
        add_validation(session, DOC_ID, "events", "event", "region", "Энская обл.")
    reprocess(db, FakeExtractor(record()), [DOC_ID])
    with Session(db) as session:
        event = session.scalars(select(m.EventRow)).one()
    assert event.region == "Энская обл." and event.conflicts[0]["machine"] == "Энская область"


def test_registry_foreign_keys_reject_orphans(db) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        with db.begin() as conn:
            conn.execute(text("INSERT INTO counts (document_id, idx, record_key, warnings, conflicts) "
                              "VALUES ('missing', 0, '#0', '[]', '[]')"))


@pytest.mark.parametrize("fmt, reader", [
    ("csv", pd.read_csv),
    ("parquet", pd.read_parquet),
    ("jsonl", lambda p: pd.read_json(p, lines=True)),
])
def test_registry_export_one_file_per_table(db, tmp_path, fmt, reader) -> None:
    write(db, result())
    written = dict(export_tables(db, fmt, tmp_path / "out"))
    assert sorted(p.stem for p in written) == sorted(TABLES + ("deleted",))
    people = reader(tmp_path / "out" / f"people.{fmt}")
    assert people.loc[0, "surname"] == "Кузнецова"
    assert json.loads(people.loc[0, "event_roles"]) == ["chair"]
    assert written[tmp_path / "out" / f"spans.{fmt}"] == counts(db)["spans"]


def test_registry_reprocess_outdated_only_selects_other_versions(db) -> None:
    from pipeline.version import EXTRACTOR_VERSION
    from registry.reprocess import reprocessable

    write(db, result())  # extracted by "test-1"
    current = record()
    current.extractor_version = EXTRACTOR_VERSION
    write(db, result(current, id="e" * 64, text=SOURCE + "\nПриложение."))  # another text
    assert reprocessable(db, outdated_only=True) == [DOC_ID]
    assert reprocessable(db) == [DOC_ID, "e" * 64]


def test_registry_json_columns_hold_readable_utf8(db) -> None:
    write(db, result())
    with db.connect() as conn:
        stored = conn.execute(text("SELECT record_json FROM documents")).scalar()
        warnings = conn.execute(text("SELECT DISTINCT warnings FROM counts")).scalars().all()
    assert "Кузнецова" in stored and "\\u041a" not in stored
    assert json.loads(stored)["people"][0]["surname"] == "Кузнецова"
    assert warnings == ["[]"]
