"""The change feed on a real PostgreSQL server (tests/conftest_pg.py): stable
rows, tombstones from the triggers, export --since, and the same types as from
SQLite whatever the session's time zone."""
from __future__ import annotations

import datetime as dt
import json

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import export as export_module
from registry import models as m
from registry.db import connect
from registry.export import export_tables, parse_cursor
from registry.store import DocumentResult, add_validation, write_document
from schemas.records import Decision, DocumentInfo, ExtractionRecord, SpanRef

SOURCE = "Решили: провести семинар для учителей математики до 15 мая 2025 года. Ответственный: Петров П.П."
DOC_ID = "p" * 64
ZONE = "?options=-c%20timezone%3DAsia%2FVladivostok"  # a session zone far from UTC


@pytest.fixture()
def pg(pg_url):  # noqa: F811
    engine = connect(pg_url + ZONE)
    with engine.begin() as conn:
        names = ", ".join(m.Base.metadata.tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture()
def no_overlap(monkeypatch):
    monkeypatch.setattr(export_module, "OVERLAP", dt.timedelta(0))


def span(fragment: str) -> SpanRef:
    start = SOURCE.index(fragment)
    return SpanRef(start=start, stop=start + len(fragment), text=fragment, extractor="test")


def result(*fragments: str) -> DocumentResult:
    decisions = [Decision(text=f, deadline=dt.date(2025, 5, 15), spans=[span(f)]) for f in fragments]
    rec = ExtractionRecord(extractor_version="test-1", document=DocumentInfo(id="x"), decisions=decisions)
    return DocumentResult(id=DOC_ID, source_path="in/x.txt", status="done", text=SOURCE,
                          extractor_version="test-1", record_json=rec.model_dump(mode="json"))


BOTH = ("провести семинар", "Ответственный")


def write(engine, res: DocumentResult) -> None:
    with Session(engine) as session, session.begin():
        write_document(session, res, force=True)


def stamps(engine) -> dict:
    with engine.connect() as conn:
        return {(table, row_id): at for table in ("documents", "decisions", "spans")
                for row_id, at in conn.execute(text(f"SELECT id, updated_at FROM {table}"))}


def tombstones(engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        return [(d.table_name, d.row_id) for d in session.scalars(select(m.Deletion).order_by(m.Deletion.id))]


def test_registry_feed_pg_same_record_again_changes_no_row(pg) -> None:
    write(pg, result(*BOTH))
    before = stamps(pg)
    write(pg, result(*BOTH))
    assert stamps(pg) == before and len(before) == 5 and tombstones(pg) == []


def test_registry_feed_pg_lost_record_leaves_tombstones(pg) -> None:
    write(pg, result(*BOTH))
    with Session(pg) as session:
        lost = session.scalars(select(m.DecisionRow.id).where(m.DecisionRow.text == "Ответственный")).one()
    write(pg, result(BOTH[0]))
    assert ("decisions", str(lost)) in tombstones(pg)
    assert {table for table, _ in tombstones(pg)} == {"decisions", "spans"}


def test_registry_feed_pg_export_since_has_changes_and_tombstones(pg, tmp_path, no_overlap) -> None:
    write(pg, result(*BOTH))
    export_tables(pg, "jsonl", tmp_path / "full")
    cursor = json.loads((tmp_path / "full" / "manifest.json").read_text())["cursor"]
    write(pg, result(BOTH[0]))
    written = {p.stem: n for p, n in export_tables(pg, "jsonl", tmp_path / "delta", since=parse_cursor(cursor))}
    assert written["decisions"] == 0 and written["documents"] == 1
    deleted = [json.loads(line) for line in (tmp_path / "delta" / "deleted.jsonl").open(encoding="utf-8")]
    assert {d["table"] for d in deleted} == {"decisions", "spans"}
    assert all(d["deleted_at"].endswith("+00:00") for d in deleted)


def test_registry_feed_pg_timestamps_are_utc_whatever_the_session_zone(pg, tmp_path) -> None:
    with pg.connect() as conn:
        assert conn.exec_driver_sql("SHOW timezone").scalar() == "Asia/Vladivostok"
    write(pg, result(*BOTH))
    export_tables(pg, "jsonl", tmp_path / "out")
    line = json.loads((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8"))
    stamp = dt.datetime.fromisoformat(line["updated_at"])
    assert line["updated_at"].endswith("+00:00")
    assert abs(stamp - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_registry_feed_pg_parquet_schema_is_the_sqlite_one(pg, tmp_path) -> None:
    lite = connect(f"sqlite:///{tmp_path / 'r.sqlite'}")
    for engine, where in ((pg, "pg"), (lite, "lite")):
        write(engine, result(*BOTH))
        export_tables(engine, "parquet", tmp_path / where)
    for name in export_module.TABLES + ("deleted",):
        assert (pq.read_schema(tmp_path / "pg" / f"{name}.parquet")
                == pq.read_schema(tmp_path / "lite" / f"{name}.parquet")), name


def test_registry_feed_pg_validation_marks_the_record_and_validated_only_keeps_it(pg, tmp_path) -> None:
    write(pg, result(*BOTH))
    key = f"@{SOURCE.index('провести')}"
    with Session(pg) as session, session.begin():
        add_validation(session, DOC_ID, "decisions", key, "text", "провести семинар", "anna")
    written = {p.stem: n for p, n in export_tables(pg, "csv", tmp_path / "out", validated_only=True)}
    assert written["decisions"] == 1 and written["spans"] == 1
    with Session(pg) as session:
        row = session.scalars(select(m.DecisionRow).where(m.DecisionRow.record_key == key)).one()
    assert (row.review_state, row.reviewed_by) == ("validated", "anna")


def test_registry_feed_pg_same_text_from_two_files_is_one_document(pg) -> None:
    from dataclasses import replace

    first = replace(result(*BOTH), source_id="a" * 64, format="txt")
    second = replace(first, id="b" * 64, source_id="b" * 64, source_path="in/copy.txt",
                     text=SOURCE.replace(" ", "  "))
    with Session(pg) as session, session.begin():
        write_document(session, first)
        assert write_document(session, second) == "skipped"
    with Session(pg) as session:
        assert session.scalars(select(m.Document.id)).all() == [DOC_ID]
        assert sorted(session.scalars(select(m.DocumentSource.source_path))) == ["in/copy.txt", "in/x.txt"]


def test_registry_feed_pg_migration_keeps_validations_and_merges_copies(pg_url) -> None:  # noqa: F811
    from alembic import command
    from sqlalchemy import create_engine

    from registry.db import alembic_config, make_engine

    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS reestr_old")
        conn.exec_driver_sql("CREATE DATABASE reestr_old")
    admin.dispose()
    old = make_engine(pg_url.rsplit("/", 1)[0] + "/reestr_old")
    command.upgrade(alembic_config(old), "0002")
    with old.begin() as conn:
        for n, body in ((1, SOURCE), (2, SOURCE + "\n")):
            conn.execute(text("INSERT INTO documents (id, source_path, text, status, conflicts, attempts, "
                              "created_at, updated_at) VALUES (:id, :p, :t, 'done', 0, 1, now(), now())"),
                         {"id": str(n) * 64, "p": f"in/{n}.txt", "t": body})
        conn.execute(text("INSERT INTO decisions (document_id, idx, record_key, warnings, conflicts, text) "
                          "VALUES (:d, 0, '@8', '[]', '[]', 'провести')"), {"d": "1" * 64})
        conn.execute(text("INSERT INTO validations (document_id, record_table, record_key, field, value_json, "
                          "validated_by, validated_at) VALUES (:d, 'decisions', '@8', 'text', "
                          "'\"провести\"', 'anna', now())"), {"d": "1" * 64})
    command.upgrade(alembic_config(old), "head")
    with Session(old) as session:
        assert session.scalars(select(m.Document.id)).all() == ["1" * 64]
        assert session.scalars(select(m.DecisionRow.review_state)).all() == ["validated"]
        assert session.scalars(select(m.Validation.validated_by)).all() == ["anna"]
        assert len(session.scalars(select(m.DocumentSource)).all()) == 2
    old.dispose()
