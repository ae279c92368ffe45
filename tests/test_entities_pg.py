"""Entities on a real PostgreSQL server (tests/conftest_pg.py): relink, its
stable rows, incremental linking and the entities' tombstones."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import models as m
from registry.db import connect
from registry.entities import relink
from registry.entity_incremental import link_new
from test_entities_relink import add_document, entity_ids


@pytest.fixture()
def pg(pg_url):  # noqa: F811
    engine = connect(pg_url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(m.Base.metadata.tables)} RESTART IDENTITY CASCADE"))
    add_document(engine, 1, "Ивановская область", dt.date(2025, 2, 1),
                 people=[dict(surname="Белогоров", initials="Д.А.")], schools=[dict(mention="МБОУ «Ольховская ООШ»")])
    add_document(engine, 2, "Ивановская область", dt.date(2025, 5, 1),
                 people=[dict(surname="Белогоров", first_name="Дмитрий", patronymic="Александрович")],
                 schools=[dict(mention="Ольховская основная общеобразовательная школа")])
    return engine


def snapshot(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for t in ("people", "schools", "entities")
                for r in conn.execute(text(f"SELECT id, updated_at FROM {t} ORDER BY id"))]


def test_entities_pg_relink_ties_variants_and_is_stable(pg) -> None:
    relink(pg)
    before = snapshot(pg)
    relink(pg)
    people, schools = entity_ids(pg, m.PersonRow), entity_ids(pg, m.SchoolRow)
    assert len(set(people)) == 1 and len(set(schools)) == 1 and None not in people + schools
    assert snapshot(pg) == before


def test_entities_pg_link_new_joins_the_existing_entity(pg) -> None:
    relink(pg)
    add_document(pg, 3, "Ивановская область", dt.date(2025, 9, 1), people=[dict(surname="Белогоров", initials="Д. А.")])
    link_new(pg)
    assert len(set(entity_ids(pg, m.PersonRow))) == 1


def test_entities_pg_deleted_entity_leaves_a_tombstone(pg) -> None:
    relink(pg)
    with pg.begin() as conn:
        conn.execute(text("DELETE FROM schools"))
    relink(pg)
    with pg.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM deletions WHERE table_name = 'entities'")).scalar() == 1
