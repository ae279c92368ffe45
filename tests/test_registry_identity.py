"""One document per text: the same text in other bytes (encodings, an archive
member, other line breaks) is one document listing every source; migration
0004 merges the documents an older registry kept twice, validations intact."""
from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from registry import models as m
from registry.batch import write_documents
from registry.db import connect
from registry.identity import text_key
from registry.store import write_document
from test_registry import DOC_ID, SOURCE, record, result

REPORT = ("Справка о проведении семинара для кураторов школ Энского района.\n"
          "Семинар состоялся 12 марта 2025 года, в нём участвовали 35 педагогов.\n")


@pytest.fixture()
def db(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")


def count(db, model) -> int:
    with Session(db) as session:
        return session.scalar(select(func.count()).select_from(model))


def sources(db) -> list[tuple]:
    with Session(db) as session:
        return [(s.document_id, s.member_id, s.source_path, s.container_path) for s in
                session.scalars(select(m.DocumentSource).order_by(m.DocumentSource.id))]


def copy(n: int, **changes):
    values = dict(id=f"{n:064d}", source_id=f"{n:064d}", source_path=f"in/{n}.txt")
    values.update(changes)
    return result(**values)


def test_registry_identity_text_key_ignores_whitespace_only() -> None:
    assert text_key("Решили:\r\n  провести\tсеминар") == text_key("Решили: провести семинар\n")
    assert text_key("Решили: провести семинар") != text_key("Решили: провести вебинар")


def test_registry_identity_same_text_other_bytes_is_one_document(db) -> None:
    with Session(db) as session, session.begin():
        assert write_document(session, copy(1)) == "written"
        assert write_document(session, copy(2, text=SOURCE.replace("\n", "\r\n"))) == "skipped"
    assert count(db, m.Document) == 1
    assert [(doc, path) for doc, _, path, _ in sources(db)] == [(f"{1:064d}", "in/1.txt"),
                                                               (f"{1:064d}", "in/2.txt")]


def test_registry_identity_batch_with_two_copies_stores_one_document(db) -> None:
    with Session(db) as session, session.begin():
        outcomes = write_documents(session, [copy(1), copy(2, container_path="a.zip/1.txt")])
    assert outcomes == ["written", "skipped"] and count(db, m.Document) == 1
    assert [member for _, member, _, _ in sources(db)] == [f"{1:064d}", f"{2:064d}"]


def test_registry_identity_listing_a_source_again_adds_nothing(db) -> None:
    for _ in range(2):
        with Session(db) as session, session.begin():
            write_documents(session, [copy(1), copy(2)])
    assert len(sources(db)) == 2


def test_registry_identity_copy_with_a_newer_extractor_rewrites_the_document(db) -> None:
    with Session(db) as session, session.begin():
        write_document(session, copy(1))
    newer = record(count=7)
    newer.extractor_version = "test-2"
    with Session(db) as session, session.begin():
        assert write_document(session, copy(2, extractor_version="test-2",
                                            record_json=newer.model_dump(mode="json"))) == "written"
    with Session(db) as session:
        doc = session.scalars(select(m.Document)).one()
        assert (doc.id, doc.extractor_version) == (f"{1:064d}", "test-2")
        assert session.scalars(select(m.CountRow.value)).all() == [7]


def test_registry_identity_ingest_of_three_encodings_and_a_zip_member(db, tmp_path) -> None:
    from ingest.runner import Options, ingest

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "utf8.txt").write_text(REPORT, encoding="utf-8")
    (inbox / "win.txt").write_bytes(REPORT.replace("\n", "\r\n").encode("cp1251"))
    (inbox / "koi.txt").write_bytes(REPORT.encode("koi8-r"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2025/report.txt", REPORT.encode("cp1251"))
    (inbox / "pack.zip").write_bytes(buffer.getvalue())
    summary = ingest(db, [inbox], Options(workers=1))
    assert summary.file_statuses["done"] == 4
    assert count(db, m.Document) == 1
    listed = sorted((path.rsplit("/", 1)[-1], container) for _, _, path, container in sources(db))
    assert listed == [("koi.txt", None), ("pack.zip", "pack.zip/2025/report.txt"), ("utf8.txt", None),
                      ("win.txt", None)]


def old_registry(tmp_path):
    """A registry at revision 0003 holding one text twice (as ingest by bytes
    did), the second copy validated by a librarian."""
    from alembic import command

    from registry.db import alembic_config, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    command.upgrade(alembic_config(engine), "0003")
    stamp = "2026-01-01 00:00:00.000000"
    with engine.begin() as conn:
        for n, body in ((1, SOURCE), (2, SOURCE.replace("\n", "\r\n")), (3, "Другой текст.")):
            conn.execute(text("INSERT INTO documents (id, source_path, text, status, conflicts, attempts, "
                              "created_at, updated_at) VALUES (:id, :p, :t, 'done', 0, 1, :s, :s)"),
                         {"id": f"{n:064d}", "p": f"in/{n}.txt", "t": body, "s": stamp})
        conn.execute(text("INSERT INTO validations (document_id, record_table, record_key, field, "
                          "value_json, validated_by, validated_at) VALUES (:d, 'people', '@0', 'surname', "
                          "'\"Кузнецова\"', 'anna', :s)"), {"d": f"{2:064d}", "s": stamp})
    return engine


def test_registry_identity_migration_merges_copies_keeping_validations(tmp_path) -> None:
    engine = old_registry(tmp_path)
    engine.dispose()
    migrated = connect(str(engine.url))
    with Session(migrated) as session:
        ids = session.scalars(select(m.Document.id).order_by(m.Document.id)).all()
        validation = session.scalars(select(m.Validation)).one()
        gone = session.scalars(select(m.Deletion.row_id).where(m.Deletion.table_name == "documents")).all()
    assert ids == [f"{2:064d}", f"{3:064d}"]  # the validated copy is kept
    assert (validation.document_id, validation.validated_by) == (f"{2:064d}", "anna")
    assert gone == [f"{1:064d}"]
    assert sorted(path for doc, _, path, _ in sources(migrated) if doc == f"{2:064d}") == ["in/1.txt", "in/2.txt"]


def test_registry_identity_migrated_registry_refuses_a_second_copy(tmp_path) -> None:
    engine = old_registry(tmp_path)
    engine.dispose()
    migrated = connect(str(engine.url))
    with pytest.raises(Exception, match="UNIQUE"):
        with migrated.begin() as conn:
            conn.execute(text("UPDATE documents SET text_sha256 = (SELECT text_sha256 FROM documents "
                              "WHERE id = :a) WHERE id = :b"), {"a": f"{2:064d}", "b": f"{3:064d}"})


def test_registry_identity_doc_id_of_the_fixture_is_unchanged(db) -> None:
    with Session(db) as session, session.begin():
        write_document(session, result())
    with Session(db) as session:
        assert session.get(m.Document, DOC_ID).text_sha256 == text_key(SOURCE)
