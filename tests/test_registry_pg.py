"""The registry on a real PostgreSQL server (tests/conftest_pg.py starts one):
migrations, one-transaction writes, the local runner and the Dask engine."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import fulltext
from registry import models as m
from registry.db import connect
from registry.store import DocumentResult, write_document
from schemas.records import Decision, DocumentInfo, ExtractionRecord, SpanRef

SOURCE = "Решили: провести семинар для учителей математики до 15 мая 2025 года."
TEXTS = [
    "Протокол заседания методического совета № {n} от {d} мая 2025 года. Решили: утвердить "
    "план работы с педагогами школ с низкими результатами.",
    "Справка о проведении вебинара для кураторов школ района {n}. Вебинар состоялся {d} июня "
    "2025 года, его посмотрели 120 человек.",
]


@pytest.fixture()
def pg(pg_url):  # noqa: F811
    engine = connect(pg_url)
    with engine.begin() as conn:
        names = ", ".join(m.Base.metadata.tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return engine


def decision_record() -> ExtractionRecord:
    start = SOURCE.index("провести")
    span = SpanRef(start=start, stop=start + 25, text=SOURCE[start:start + 25], extractor="test")
    return ExtractionRecord(extractor_version="test-1", document=DocumentInfo(id="x"),
                            decisions=[Decision(text=span.text, deadline=dt.date(2025, 5, 15),
                                                spans=[span])])


def result() -> DocumentResult:
    rec = decision_record()
    return DocumentResult(id="p" * 64, source_path="in/x.txt", status="done", text=SOURCE,
                          extractor_version="test-1", record_json=rec.model_dump(mode="json"))


def count(engine, model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_registry_pg_migration_matches_models(pg) -> None:
    with pg.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": fulltext.include_name}),
                                m.Base.metadata) == []


def test_registry_pg_document_and_records_in_one_transaction(pg) -> None:
    with Session(pg) as session, session.begin():
        assert write_document(session, result()) == "written"
    with Session(pg) as session:
        decision = session.scalars(select(m.DecisionRow)).one()
        doc = session.get(m.Document, "p" * 64)
    assert decision.deadline == dt.date(2025, 5, 15)
    assert doc.record_json["decisions"][0]["text"] == decision.text


def test_registry_pg_rollback_leaves_nothing(pg) -> None:
    with pytest.raises(RuntimeError):
        with Session(pg) as session, session.begin():
            write_document(session, result())
            raise RuntimeError("crash between records and commit")
    assert count(pg, m.Document) == 0 and count(pg, m.DecisionRow) == 0 and count(pg, m.SpanRow) == 0


def make_inbox(folder: Path, total: int) -> Path:
    folder.mkdir()
    for i in range(total):
        (folder / f"n{i:02d}.txt").write_text(TEXTS[i % 2].format(n=i + 1, d=i % 28 + 1), encoding="utf-8")
    return folder


def test_registry_pg_local_runner(pg, tmp_path) -> None:
    from ingest.runner import Options, ingest

    summary = ingest(pg, [make_inbox(tmp_path / "in", 4)], Options(workers=1))
    assert summary.statuses["done"] == 4 and count(pg, m.Document) == 4
    assert count(pg, m.EventRow) == 4


@pytest.mark.parametrize("daemon", [False, True], ids=["own-worker-pool", "daemonic-dask-workers"])
def test_registry_pg_dask_engine(pg, tmp_path, daemon) -> None:
    import dask
    from distributed import Client, LocalCluster

    from ingest.dask_engine import extractor_loads
    from ingest.runner import Options, ingest

    inbox = make_inbox(tmp_path / "in", 6)
    with dask.config.set({"distributed.worker.daemon": daemon}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                         memory_limit="2GiB") as cluster:
        summary = ingest(pg, [inbox], Options(engine="dask", scheduler=cluster.scheduler_address))
        with Client(cluster) as client:
            loads = client.run(extractor_loads)
    assert summary.statuses["done"] == 6 and count(pg, m.Document) == 6
    assert len(loads) == 2 and max(loads.values()) == 1  # models loaded at most once per worker
    assert count(pg, m.EventRow) == 6


def test_registry_pg_dask_engine_enforces_the_time_limit(pg, tmp_path) -> None:
    import dask
    from distributed import LocalCluster

    from ingest.runner import Options, ingest

    inbox = make_inbox(tmp_path / "in", 2)
    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                         memory_limit="2GiB") as cluster:
        summary = ingest(pg, [inbox], Options(engine="dask", scheduler=cluster.scheduler_address,
                                              timeout=0.001))
    assert summary.statuses["quarantined"] == 2
    with Session(pg) as session:
        assert set(session.scalars(select(m.Document.reason))) == {"timeout"}
