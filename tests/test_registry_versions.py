"""Near-duplicates (registry/versions.py): a lightly edited text is linked as
a version of the first document of its group; an unrelated one is not."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from registry import models as m
from registry.db import connect
from registry.store import write_document
from registry.versions import version_count
from test_registry import result

WORDS = ("школа учитель куратор семинар совещание методический план отчёт район область проведение "
         "результат обучение математика педагог директор вебинар конференция программа мониторинг").split()


def report(seed: int, words: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(1, 50)) for _ in range(words)) + "."


def edited(body: str, changes: int) -> str:
    words = body.split()
    for i in range(changes):
        words[10 + i * 17] = "исправлено"
    return " ".join(words)


@pytest.fixture()
def db(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")


def store(db, n: int, body: str) -> str:
    with Session(db) as session, session.begin():
        write_document(session, result(id=f"{n:064d}", source_path=f"in/{n}.txt", text=body))
    return f"{n:064d}"


def version_of(db, document_id: str):
    with Session(db) as session:
        return session.get(m.Document, document_id).version_of


def test_registry_versions_lightly_edited_text_is_a_version(db) -> None:
    first = store(db, 1, report(1))
    second = store(db, 2, edited(report(1), 2))  # 6 of 198 word 3-grams differ
    assert version_of(db, second) == first and version_of(db, first) is None


def test_registry_versions_third_version_joins_the_first_group(db) -> None:
    first = store(db, 1, report(1))
    store(db, 2, edited(report(1), 2))
    third = store(db, 3, edited(report(1), 1))
    assert version_of(db, third) == first
    with Session(db) as session:
        assert version_count(session, first) == 3


def test_registry_versions_unrelated_text_is_not_a_version(db) -> None:
    store(db, 1, report(1))
    other = store(db, 2, report(2))
    assert version_of(db, other) is None


def test_registry_versions_heavily_edited_text_is_not_a_version(db) -> None:
    store(db, 1, report(1))
    other = store(db, 2, edited(report(1), 11))  # about a sixth of the 3-grams differ
    assert version_of(db, other) is None


def test_registry_versions_migration_links_stored_near_duplicates(tmp_path) -> None:
    from alembic import command

    from registry.db import alembic_config, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as conn:
        for n, body in ((1, report(1)), (2, edited(report(1), 2)), (3, report(3))):
            conn.execute(text("INSERT INTO documents (id, source_path, text, status, conflicts, attempts, "
                              "created_at, updated_at) VALUES (:id, 'a', :t, 'done', 0, 1, :s, :s)"),
                         {"id": f"{n:064d}", "t": body, "s": f"2026-01-0{n}00:00:00.000000"})
    command.upgrade(alembic_config(engine), "head")
    with Session(engine) as session:
        linked = dict(session.execute(select(m.Document.id, m.Document.version_of)).all())
    assert linked == {f"{1:064d}": None, f"{2:064d}": f"{1:064d}", f"{3:064d}": None}
