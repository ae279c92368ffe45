"""``reestr ingest`` and ``reestr reprocess`` link the new rows to entities
themselves (reestr/linking.py, registry.entity_incremental.link_new), through
the real entry point and the real pipeline on a SQLite registry: a second
batch joins the entities of the first without touching its rows, ``--no-link``
skips linking, and a linking error keeps the batch's documents and says so."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from reestr.cli import main
from registry.db import connect
from registry.models import Document, PersonRow, SchoolRow

FIRST = ("Протокол совещания руководителей школ Энской области\n\n"
         "г. Энск, 12 февраля 2025 года\n\n"
         "Выступил Белогоров Дмитрий Александрович, директор МБОУ «Ольховская основная "
         "общеобразовательная школа», рассказал о работе с учителями.\n\n"
         "Решили: подготовить отчёт до 30 марта 2025 года.\n")
SECOND = ("Информация о семинаре для кураторов Энской области\n\n"
          "Семинар прошёл 14 апреля 2025 года в МБОУ «Ольховская ООШ». Опытом поделился директор школы "
          "Белогоров Д.А. В семинаре приняли участие 25 педагогов.\n")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def reestr(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def rows(db: Path, model) -> list:
    with Session(connect(f"sqlite:///{db}")) as session:
        return list(session.execute(select(model.document_id, model.entity_id, model.updated_at).order_by(model.id)))


def test_ingest_entities_links_the_batch(tmp_path) -> None:
    db = tmp_path / "registry.sqlite"
    result = reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress")
    assert result.exit_code == 0 and "entities: 2 new rows linked" in result.stderr
    assert [r.entity_id is not None for r in rows(db, PersonRow) + rows(db, SchoolRow)] == [True, True]


def test_ingest_entities_second_batch_joins_existing_entities(tmp_path) -> None:
    db = tmp_path / "registry.sqlite"
    reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress")
    before = rows(db, PersonRow) + rows(db, SchoolRow)
    reestr("ingest", write(tmp_path / "in2", "b.txt", SECOND), "--db", db, "--no-progress")
    (person_1, person_2), (school_1, school_2) = rows(db, PersonRow), rows(db, SchoolRow)
    assert (person_1.entity_id, school_1.entity_id) == (person_2.entity_id, school_2.entity_id)
    assert [person_1, school_1] == before  # the first batch's rows are not rewritten


def test_ingest_entities_no_link_leaves_rows_for_later(tmp_path) -> None:
    db = tmp_path / "registry.sqlite"
    result = reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress", "--no-link")
    assert result.exit_code == 0 and "entities:" not in result.stderr
    assert [r.entity_id for r in rows(db, PersonRow) + rows(db, SchoolRow)] == [None, None]


def test_ingest_entities_reprocess_links_rows_left_unlinked(tmp_path) -> None:
    db = tmp_path / "registry.sqlite"
    reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress", "--no-link")
    result = reestr("reprocess", "--db", db, "--no-progress")
    assert result.exit_code == 0 and None not in [r.entity_id for r in rows(db, PersonRow) + rows(db, SchoolRow)]


def test_ingest_entities_reprocess_no_link_links_nothing(tmp_path) -> None:
    db = tmp_path / "registry.sqlite"
    reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress", "--no-link")
    result = reestr("reprocess", "--db", db, "--no-progress", "--no-link")
    assert result.exit_code == 0 and [r.entity_id for r in rows(db, PersonRow)] == [None]


def test_ingest_entities_link_error_keeps_the_documents(tmp_path) -> None:
    db = tmp_path / "registry.sqlite"
    reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress", "--no-link")
    with sqlite3.connect(db) as conn:  # the database refuses to link people, and only that
        conn.execute("CREATE TRIGGER no_links BEFORE UPDATE OF entity_id ON people "
                     "BEGIN SELECT RAISE(ABORT, 'people are read-only here'); END")
    result = reestr("ingest", write(tmp_path / "in2", "b.txt", SECOND), "--db", db, "--no-progress")
    assert result.exit_code == 4
    assert "linking entities failed; the documents are stored" in result.stderr
    assert "people are read-only here" in result.stderr
    with Session(connect(f"sqlite:///{db}")) as session:
        assert sorted(session.scalars(select(Document.status))) == ["done", "done"]


def test_ingest_entities_other_link_error_exits_1(tmp_path, monkeypatch) -> None:
    import registry.entity_incremental

    def broken(engine):
        raise ValueError("the linker's model is broken")

    monkeypatch.setattr(registry.entity_incremental, "link_new", broken)
    db = tmp_path / "registry.sqlite"
    result = reestr("ingest", write(tmp_path / "in", "a.txt", FIRST), "--db", db, "--no-progress")
    assert result.exit_code == 1 and "ValueError: the linker's model is broken" in result.stderr
    assert len(rows(db, PersonRow)) == 1
