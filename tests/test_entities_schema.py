"""The entities table and the entity_id of people, schools and organisations
(migration 0006): migrated registries, reprocessing, tombstones."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from registry import models as m
from registry.db import alembic_config, connect, make_engine
from registry.entity_models import Entity
from test_registry import DOC_ID
from test_registry_feed import again, person, record, result, rows, tombstones, write


@pytest.fixture()
def db(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")


def test_entities_schema_migrations_have_one_head(db) -> None:
    assert ScriptDirectory.from_config(alembic_config(db)).get_heads() == ["0008"]


def test_entities_schema_migration_leaves_existing_rows_unlinked(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    command.upgrade(alembic_config(engine), "0005")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, source_path, status, conflicts, attempts, created_at, "
                          "updated_at) VALUES (:id, 'a.txt', 'done', 0, 1, '2026-01-01 00:00:00.000000', "
                          "'2026-01-01 00:00:00.000000')"), {"id": DOC_ID})
        conn.execute(text("INSERT INTO people (document_id, idx, record_key, warnings, conflicts, event_roles, "
                          "surname, review_state, created_at, updated_at) VALUES (:d, 0, '@1', '[]', '[]', '[]', "
                          "'Петров', 'machine', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"),
                     {"d": DOC_ID})
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT surname, entity_id, updated_at FROM people")).one() == (
            "Петров", None, "2026-01-01 00:00:00.000000")


def test_entities_schema_reprocess_keeps_a_rows_entity(db) -> None:
    write(db, result())
    with Session(db) as session, session.begin():
        entity = Entity(kind="person", name="Кузнецова Ирина Петровна", key="кузнецов|и", documents=1)
        session.add(entity)
        session.flush()
        session.execute(update(m.PersonRow).values(entity_id=entity.id))
        entity_id = entity.id
    before = rows(db)
    again(db, record())
    assert person(db).entity_id == entity_id and rows(db) == before


def test_entities_schema_deleted_entity_leaves_a_tombstone(db) -> None:
    with Session(db) as session, session.begin():
        session.add(Entity(kind="school", name="МБОУ «Ольховская ООШ»", key="ООШ||ольховский|", documents=1))
    with db.begin() as conn:
        entity_id = conn.execute(select(Entity.id)).scalar_one()
        conn.execute(text("DELETE FROM entities"))
    assert ("entities", str(entity_id)) in tombstones(db)


def test_entities_schema_downgrade_keeps_the_record_tables_triggers(tmp_path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'r.sqlite'}")
    command.downgrade(alembic_config(engine), "0005")
    with engine.connect() as conn:
        triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(people)"))}
    assert {"tombstone_people", "tombstone_schools", "tombstone_organizations"} <= triggers
    assert "tombstone_entities" not in triggers and "entity_id" not in columns
