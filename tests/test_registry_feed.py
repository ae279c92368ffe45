"""The change feed on SQLite: stable rows, review state per record row,
tombstones, export --since with its manifest, the same types in every format."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from registry import export as export_module
from registry import models as m
from registry.db import connect
from registry.export import export_tables, parse_cursor
from registry.reprocess import reprocess
from registry.store import add_validation
from test_registry import DOC_ID, PERSON_KEY, FakeExtractor, record, write
from test_registry import result as made

STAMPED = ("events", "dates", "people", "schools", "organizations", "counts", "decisions",
           "action_items", "spans", "person_mentions")


@pytest.fixture()
def db(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")


@pytest.fixture()
def no_overlap(monkeypatch):
    """Exports here run right after the writes: no overlap window."""
    monkeypatch.setattr(export_module, "OVERLAP", dt.timedelta(0))


def result():
    """The document as the current extractor version wrote it (so reprocessing
    it with the same record finds nothing to change)."""
    from pipeline.version import EXTRACTOR_VERSION

    return made(extractor_version=EXTRACTOR_VERSION)


def rows(db) -> dict[tuple[str, int], str]:
    """(table, id) -> updated_at of every stamped row, and the document's."""
    found = {}
    with db.connect() as conn:
        for table in STAMPED + ("documents",):
            for row_id, at in conn.execute(text(f"SELECT id, updated_at FROM {table}")):
                found[(table, row_id)] = at
    return found


def tombstones(db) -> list[tuple[str, str]]:
    with Session(db) as session:
        return [(d.table_name, d.row_id) for d in session.scalars(select(m.Deletion).order_by(m.Deletion.id))]


def again(db, rec) -> None:
    reprocess(db, FakeExtractor(rec), [DOC_ID])


def person(db) -> m.PersonRow:
    with Session(db) as session:
        return session.scalars(select(m.PersonRow)).one()


def validate(db, table: str, key: str, field: str, value, user: str = "anna") -> None:
    with Session(db) as session, session.begin():
        add_validation(session, DOC_ID, table, key, field, value, user)


def test_registry_feed_reprocess_that_changes_nothing_changes_no_row(db) -> None:
    write(db, result())
    before = rows(db)
    again(db, record())
    assert rows(db) == before and len(before) > 10
    assert tombstones(db) == []


def test_registry_feed_changed_value_updates_that_row_alone(db) -> None:
    write(db, result())
    before = rows(db)
    again(db, record(count=43))
    after = rows(db)
    changed = {key for key in before if after.get(key) != before[key]}
    assert {table for table, _ in changed} == {"counts", "documents"}
    assert set(after) == set(before) and tombstones(db) == []


def test_registry_feed_lost_record_leaves_tombstones(db) -> None:
    write(db, result())
    person_id = person(db).id
    again(db, record(with_person=False))
    gone = tombstones(db)
    assert ("people", str(person_id)) in gone
    assert {table for table, _ in gone} == {"people", "person_mentions", "spans"}


def test_registry_feed_new_record_row_is_stamped_machine(db) -> None:
    write(db, result())
    row = person(db)
    assert (row.review_state, row.reviewed_by, row.reviewed_at) == ("machine", None, None)
    assert row.created_at == row.updated_at


def test_registry_feed_validation_marks_only_its_record_validated(db) -> None:
    write(db, result())
    before = rows(db)
    validate(db, "people", PERSON_KEY, "surname", "Кузнецова")
    row = person(db)
    assert (row.review_state, row.reviewed_by) == ("validated", "anna") and row.reviewed_at is not None
    changed = {key for key, at in rows(db).items() if before[key] != at}
    assert changed == {("people", row.id)}


def test_registry_feed_rejection_marks_the_record_rejected(db) -> None:
    write(db, result())
    validate(db, "people", PERSON_KEY, "surname", "Кузнецова")
    validate(db, "people", PERSON_KEY, "_rejected", True, user="boris")
    assert (person(db).review_state, person(db).reviewed_by) == ("rejected", "boris")


def test_registry_feed_review_state_survives_reprocess_untouched(db) -> None:
    write(db, result())
    validate(db, "people", PERSON_KEY, "surname", "Кузнецова")
    before = rows(db)
    again(db, record())
    assert person(db).review_state == "validated" and rows(db) == before


def read_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_registry_feed_export_since_writes_only_changed_rows(db, tmp_path, no_overlap) -> None:
    write(db, result())
    export_tables(db, "csv", tmp_path / "full")
    cursor = json.loads((tmp_path / "full" / "manifest.json").read_text())["cursor"]
    again(db, record(count=43))
    written = {p.stem: n for p, n in export_tables(db, "csv", tmp_path / "delta", since=parse_cursor(cursor))}
    assert {name for name, n in written.items() if n} == {"counts", "documents"}
    assert read_csv(tmp_path / "delta" / "counts.csv")["value"].tolist() == ["43"]


def test_registry_feed_export_since_lists_deleted_rows(db, tmp_path, no_overlap) -> None:
    write(db, result())
    person_id = person(db).id
    export_tables(db, "csv", tmp_path / "full")
    cursor = json.loads((tmp_path / "full" / "manifest.json").read_text())["cursor"]
    again(db, record(with_person=False))
    export_tables(db, "csv", tmp_path / "delta", since=parse_cursor(cursor))
    deleted = read_csv(tmp_path / "delta" / "deleted.csv")
    assert ["people", str(person_id)] in deleted[["table", "id"]].values.tolist()


def test_registry_feed_full_export_has_no_tombstones(db, tmp_path) -> None:
    write(db, result())
    again(db, record(with_person=False))
    written = {p.stem: n for p, n in export_tables(db, "csv", tmp_path / "out")}
    assert written["deleted"] == 0 and tombstones(db)


def test_registry_feed_manifest_counts_every_file(db, tmp_path) -> None:
    write(db, result())
    written = export_tables(db, "jsonl", tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert {name: f["rows"] for name, f in manifest["files"].items()} == {p.name: n for p, n in written}
    assert all(sum(1 for _ in p.open(encoding="utf-8")) == n for p, n in written)
    from alembic.script import ScriptDirectory

    from registry.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert manifest["schema_version"] == head and parse_cursor(manifest["cursor"]).tzinfo is not None


def test_registry_feed_validated_only_leaves_machine_values_out(db, tmp_path) -> None:
    write(db, result())
    validate(db, "people", PERSON_KEY, "surname", "Кузнецова")
    written = {p.stem: n for p, n in export_tables(db, "csv", tmp_path / "out", validated_only=True)}
    assert written["people"] == 1 and written["counts"] == 0 and written["person_mentions"] == 1
    spans = read_csv(tmp_path / "out" / "spans.csv")
    assert set(spans["record_table"]) == {"people", "documents"}


def test_registry_feed_validated_only_since_drops_a_rejected_record(db, tmp_path, no_overlap) -> None:
    write(db, result())
    validate(db, "people", PERSON_KEY, "surname", "Кузнецова")
    export_tables(db, "csv", tmp_path / "full", validated_only=True)
    cursor = json.loads((tmp_path / "full" / "manifest.json").read_text())["cursor"]
    validate(db, "people", PERSON_KEY, "_rejected", True)
    export_tables(db, "csv", tmp_path / "delta", since=parse_cursor(cursor), validated_only=True)
    deleted = read_csv(tmp_path / "delta" / "deleted.csv")
    assert ["people", str(person(db).id)] in deleted[["table", "id"]].values.tolist()
    assert read_csv(tmp_path / "delta" / "people.csv").empty


def test_registry_feed_parquet_keeps_types_of_empty_columns(db, tmp_path) -> None:
    write(db, result())
    export_tables(db, "parquet", tmp_path / "out")
    people = pq.read_schema(tmp_path / "out" / "people.parquet")
    actions = pq.read_schema(tmp_path / "out" / "action_items.parquet")  # no rows at all
    assert str(people.field("reviewed_at").type) == "timestamp[us, tz=UTC]"
    assert str(actions.field("date_start").type) == "date32[day]"
    assert str(people.field("event_roles").type) == "string"


def test_registry_feed_csv_timestamps_are_utc_with_zone(db, tmp_path) -> None:
    write(db, result())
    export_tables(db, "csv", tmp_path / "out")
    stamp = read_csv(tmp_path / "out" / "documents.csv")["updated_at"][0]
    assert stamp.endswith("+00:00") and dt.datetime.fromisoformat(stamp).utcoffset() == dt.timedelta(0)


def test_registry_feed_json_values_are_json_text(db, tmp_path) -> None:
    write(db, result())
    validate(db, "people", PERSON_KEY, "surname", "Кузнецова")
    export_tables(db, "jsonl", tmp_path / "out")
    line = json.loads((tmp_path / "out" / "validations.jsonl").read_text(encoding="utf-8"))
    assert line["value_json"] == '"Кузнецова"'


def test_registry_feed_excel_csv_has_bom_semicolons_and_cyrillic(db, tmp_path) -> None:
    write(db, result())
    export_tables(db, "csv", tmp_path / "out", excel=True)
    raw = (tmp_path / "out" / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    header, first = raw.decode("utf-8-sig").split("\r\n")[:2]
    names, values = header.split(";"), first.split(";")
    assert {"id", "surname", "confidence"} <= set(names) and values[names.index("surname")] == "Кузнецова"
    assert "," in values[names.index("confidence")]  # decimal comma


@pytest.mark.parametrize("value, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+7 912 000", "'+7 912 000"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tскрыто", "'\tскрыто"),
    ("Кузнецова", "Кузнецова"),
    (-3, "-3"),
    (-0.5, "-0,5"),
])
def test_registry_feed_excel_cell_quotes_formula_like_text_only(value, shown) -> None:
    from registry.export_formats import as_text, excel_cell

    assert excel_cell(value) == shown
    assert as_text(value) == str(value)  # the plain csv keeps the stored text


def test_registry_feed_cli_rejects_a_bad_cursor(db, tmp_path) -> None:
    from reestr.cli import main

    url = str(db.url)
    out = CliRunner().invoke(main, ["export", "--db", url, "--out", str(tmp_path / "o"), "--since", "yesterday"])
    assert out.exit_code == 2 and "not a cursor" in out.output
    assert not (tmp_path / "o").exists()


def test_registry_feed_cli_writes_manifest_with_cursor(db, tmp_path) -> None:
    from reestr.cli import main

    write(db, result())
    out = CliRunner().invoke(main, ["export", "--db", str(db.url), "--out", str(tmp_path / "o"),
                                    "--format", "csv", "--excel"])
    assert out.exit_code == 0, out.output
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["excel"] is True and manifest["files"]["people.csv"]["rows"] == 1


def test_registry_feed_migration_fills_review_state_from_validations(tmp_path) -> None:
    from alembic import command

    from registry.db import alembic_config, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, source_path, status, conflicts, attempts, created_at, "
                          "updated_at) VALUES (:id, 'a.txt', 'done', 0, 1, '2026-01-01 00:00:00.000000', "
                          "'2026-01-01 00:00:00.000000')"), {"id": DOC_ID})
        for n, key in enumerate(("@1", "@2", "@3")):
            conn.execute(text("INSERT INTO people (document_id, idx, record_key, warnings, conflicts, event_roles, "
                              "surname) "
                              "VALUES (:d, :n, :k, '[]', '[]', '[]', 'Петров')"), {"d": DOC_ID, "n": n, "k": key})
        conn.execute(text("INSERT INTO validations (document_id, record_table, record_key, field, value_json, "
                          "validated_by, validated_at) VALUES (:d, 'people', '@1', 'surname', '\"Петров\"', "
                          "'anna', '2026-02-01 10:00:00.000000'), (:d, 'people', '@2', '_rejected', 'true', "
                          "'boris', '2026-02-02 10:00:00.000000')"), {"d": DOC_ID})
    command.upgrade(alembic_config(engine), "head")
    with Session(engine) as session:
        people = session.scalars(select(m.PersonRow).order_by(m.PersonRow.record_key)).all()
        assert session.scalar(select(m.Validation.validated_by).where(m.Validation.record_key == "@1")) == "anna"
    assert [(p.review_state, p.reviewed_by) for p in people] == [
        ("validated", "anna"), ("rejected", "boris"), ("machine", None)]
    assert people[0].reviewed_at == dt.datetime(2026, 2, 1, 10, 0) and people[2].updated_at is not None


def test_registry_feed_migrated_registry_tombstones_deletions(tmp_path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'r.sqlite'}")
    write(engine, result())
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    gone = tombstones(engine)
    assert ("documents", DOC_ID) in gone and {t for t, _ in gone} >= {"people", "spans", "counts"}


def test_registry_feed_review_edit_through_sync_records_writes_one_row(db) -> None:
    """What the review app's write path does: edit one value in the record
    JSON, record the validation, sync the rows."""
    import copy

    from registry.sync import sync_records

    write(db, result())
    before = rows(db)
    with Session(db) as session, session.begin():
        doc = session.get(m.Document, DOC_ID)
        changed = copy.deepcopy(doc.record_json)
        changed["people"][0]["position"] = "министр"
        add_validation(session, DOC_ID, "people", PERSON_KEY, "position", "министр", "anna")
        doc.record_json = changed
        sync_records(session, DOC_ID, changed)
    after = rows(db)
    assert {key for key in before if after[key] != before[key]} == {("people", person(db).id),
                                                                    ("documents", DOC_ID)}
    assert (person(db).position, person(db).review_state) == ("министр", "validated")
    assert tombstones(db) == []
