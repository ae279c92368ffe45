"""The batch runner end to end through the CLI, with the real pipeline in
worker processes: idempotence, archives, statuses, retry, reprocess, export,
and a run killed with SIGKILL that a rerun finishes."""
from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from ingest.report import NoProgress, Summary
from ingest.runner import Options, plan
from registry.db import connect

REESTR = [sys.executable, "-m", "reestr"]
TEMPLATES = [
    "Протокол совещания руководителей школ {n} от {d} марта 2025 года.\n"
    "Председательствовал: Соловьёв Андрей Викторович, начальник управления образования.\n"
    "Решили: подготовить планы перехода школ в эффективный режим работы.",
    "Информационная справка. {d} апреля 2025 года в МБОУ СОШ № {n} прошёл семинар для "
    "педагогов школ с низкими результатами обучения. Участвовали 35 учителей.",
    "Отчёт о реализации проекта «500+» в муниципалитете {n}. В {d} школах назначены "
    "кураторы, проведено 12 выездов.",
]
ORPHAN_QUERIES = [
    f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)"
    for table in ("events", "dates", "people", "person_mentions", "schools", "organizations",
                  "counts", "decisions", "action_items", "spans", "validations")
] + ["SELECT count(*) FROM person_mentions WHERE person_id NOT IN (SELECT id FROM people)",
     "SELECT count(*) FROM documents d WHERE d.status = 'done' AND NOT EXISTS "
     "(SELECT 1 FROM events e WHERE e.document_id = d.id)"]


def text_file(folder: Path, i: int, encoding: str = "utf-8") -> Path:
    path = folder / f"doc{i:03d}.txt"
    path.write_bytes(TEMPLATES[i % len(TEMPLATES)].format(n=i + 1, d=i % 27 + 1).encode(encoding))
    return path


def text_folder(tmp_path: Path, total: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(total):
        text_file(folder, i)
    return folder


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body.encode("utf-8"))
    return buffer.getvalue()


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([*REESTR, *args], capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def orphans(db: Path) -> list[int]:
    return [query(db, sql)[0][0] for sql in ORPHAN_QUERIES]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A mixed folder ingested once: 4 texts (one cp1251), a copy, junk and a zip of two."""
    folder = tmp_path_factory.mktemp("inbox")
    for i in range(4):
        text_file(folder, i, "cp1251" if i == 3 else "utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "copy.txt").write_bytes((folder / "doc000.txt").read_bytes())
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "pack.zip").write_bytes(zip_bytes({
        "a/first.txt": TEMPLATES[0].format(n=91, d=5), "second.txt": TEMPLATES[1].format(n=92, d=6)}))
    db = tmp_path_factory.mktemp("db") / "registry.sqlite"
    first = cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--workers", "1", "--no-progress")
    return folder, db, first


def test_ingest_stores_each_document_once(batch) -> None:
    _, db, _ = batch
    rows = query(db, "SELECT status, count(*) FROM documents GROUP BY status ORDER BY status")
    assert rows == [("done", 6), ("quarantined", 1)]


def test_ingest_archive_members_become_documents(batch) -> None:
    _, db, _ = batch
    rows = query(db, "SELECT container_path FROM documents WHERE container_path IS NOT NULL "
                     "ORDER BY container_path")
    assert [r[0].rsplit("/", 1)[-1] for r in rows] == ["first.txt", "second.txt"]


def test_ingest_keeps_detected_encoding(batch) -> None:
    _, db, _ = batch
    assert query(db, "SELECT encoding FROM documents WHERE source_path LIKE '%doc003.txt'") == [("cp1251",)]


def test_ingest_summary_reports_statuses_and_slowest(batch) -> None:
    _, _, first = batch
    assert "done 6" in first.stderr and "quarantined 1" in first.stderr
    assert "slowest files:" in first.stderr


def test_ingest_second_run_adds_nothing(batch) -> None:
    folder, db, _ = batch
    before = query(db, "SELECT id, updated_at FROM documents ORDER BY id")
    again = cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT id, updated_at FROM documents ORDER BY id") == before
    assert "7 files, 7 skipped" in again.stderr


def test_ingest_status_lists_quarantined_with_reason(batch) -> None:
    _, db, _ = batch
    out = cli("status", "--db", f"sqlite:///{db}").stdout
    assert "documents: done 6, quarantined 1" in out
    assert any("junk.bin" in line and "unsupported" in line for line in out.splitlines())


def test_ingest_records_are_stored_and_orphan_free(batch) -> None:
    _, db, _ = batch
    assert query(db, "SELECT count(*) FROM decisions")[0][0] >= 1
    assert query(db, "SELECT count(*) FROM spans")[0][0] > 0
    assert orphans(db) == [0] * len(ORPHAN_QUERIES)


def test_ingest_retry_reruns_failed_sources(batch) -> None:
    folder, db, _ = batch
    target = str(folder / "doc001.txt")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sources SET status = 'failed' WHERE path = ?", (target,))
        conn.execute("UPDATE documents SET status = 'failed', reason = 'db_busy' WHERE source_path = ?",
                     (target,))
    done = cli("retry", "--db", f"sqlite:///{db}", "--no-progress")
    assert "done 1" in done.stderr
    assert query(db, f"SELECT status, reason FROM documents WHERE source_path = '{target}'") == [("done", None)]


def test_ingest_reprocess_rewrites_from_stored_text(batch) -> None:
    _, db, _ = batch
    attempts = query(db, "SELECT sum(attempts) FROM documents WHERE status = 'done'")[0][0]
    done = cli("reprocess", "--db", f"sqlite:///{db}", "--no-progress")
    assert "done 6" in done.stderr
    # a document whose records come out the same is not written again (registry/sync.py)
    assert attempts <= query(db, "SELECT sum(attempts) FROM documents WHERE status = 'done'")[0][0] <= attempts + 6
    assert orphans(db) == [0] * len(ORPHAN_QUERIES)


def test_ingest_export_writes_tables(batch, tmp_path) -> None:
    _, db, _ = batch
    cli("export", "--db", f"sqlite:///{db}", "--format", "csv", "--out", str(tmp_path))
    assert (tmp_path / "documents.csv").is_file() and (tmp_path / "decisions.csv").is_file()


def wait_for_documents(db: Path, count: int, process: subprocess.Popen, limit_s: float = 120) -> int:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                found = query(db, "SELECT count(*) FROM documents")[0][0]
            except sqlite3.OperationalError:  # tables not created yet, or busy
                found = 0
            if found >= count:
                return found
        time.sleep(0.02)
    raise AssertionError("the batch did not get going")


def test_ingest_sigkill_then_rerun_finishes_batch(tmp_path) -> None:
    total = 60
    folder = text_folder(tmp_path, total)
    db = tmp_path / "killed.sqlite"
    args = [*REESTR, "ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        wait_for_documents(db, 5, process)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    written = query(db, "SELECT count(*) FROM documents")[0][0]
    assert 5 <= written < total
    assert orphans(db) == [0] * len(ORPHAN_QUERIES)
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT status, count(*) FROM documents GROUP BY status") == [("done", total)]
    assert query(db, "SELECT count(*) FROM sources WHERE status = 'done'") == [(total,)]
    assert orphans(db) == [0] * len(ORPHAN_QUERIES)
    assert query(db, "PRAGMA foreign_key_check") == []


def test_ingest_timeout_quarantines_then_retry_quarantined_finishes(tmp_path) -> None:
    folder = text_folder(tmp_path, 1)
    db = tmp_path / "slow.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--timeout", "0.001", "--no-progress")
    assert query(db, "SELECT status, reason FROM documents") == [("quarantined", "timeout")]
    cli("retry", "--db", f"sqlite:///{db}", "--no-progress")  # failed only: nothing to do
    assert query(db, "SELECT status FROM documents") == [("quarantined",)]
    cli("retry", "--db", f"sqlite:///{db}", "--quarantined", "--no-progress")
    assert query(db, "SELECT status, reason FROM documents") == [("done", None)]


def test_ingest_unreadable_file_is_reported_not_fatal(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    present, gone = text_file(folder, 0), folder / "vanished.txt"
    summary = Summary(files=2)
    engine = connect(f"sqlite:///{tmp_path / 'r.sqlite'}")
    tasks = list(plan(engine, [gone, present], Options(), summary, NoProgress()))
    assert [t.path for t in tasks] == [str(present)]
    assert summary.statuses["failed"] == 1 and "vanished.txt" in summary.unreadable[0]


def test_ingest_leaves_out_its_own_sqlite_files(tmp_path) -> None:
    from ingest.runner import inputs

    engine = connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    with engine.begin() as conn:  # the WAL file exists while a connection is open
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x)")
        found = {p.name for p in inputs(engine, [tmp_path])}
    assert (tmp_path / "registry.sqlite").exists() and found == set()


class LockAfterFirstBatch:
    """Wraps the batch store: once the first batch is stored, another
    connection takes the database's write lock and keeps it."""

    def __init__(self, db: Path, store) -> None:
        self.db, self.store, self.holder = db, store, None

    def __call__(self, *args, **kwargs) -> None:
        self.store(*args, **kwargs)
        if self.holder is None:
            self.holder = sqlite3.connect(self.db, isolation_level=None, check_same_thread=False)
            self.holder.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if self.holder is not None:
            self.holder.execute("ROLLBACK")
            self.holder.close()


def test_ingest_database_locked_mid_batch_leaves_whole_documents_and_a_rerun_finishes(
        tmp_path, monkeypatch) -> None:
    import registry.db as registry_db
    from ingest import storing
    from ingest.runner import ingest

    total = 8
    folder = text_folder(tmp_path, total)
    db = tmp_path / "locked.sqlite"
    monkeypatch.setattr(registry_db, "SQLITE_BUSY_MS", 50)
    monkeypatch.setattr(registry_db, "SQLITE_PRAGMAS", tuple(
        "PRAGMA busy_timeout=50" if p.startswith("PRAGMA busy_timeout") else p
        for p in registry_db.SQLITE_PRAGMAS))
    monkeypatch.setattr(storing, "BATCH_DOCUMENTS", 2)
    monkeypatch.setattr(storing, "WRITE_ATTEMPTS", 2)
    monkeypatch.setattr(storing, "WRITE_BACKOFF_S", 0.01)
    engine = connect(f"sqlite:///{db}")
    lock = LockAfterFirstBatch(db, storing.store_batch)
    monkeypatch.setattr(storing, "store_batch", lock)
    try:
        summary = ingest(engine, [folder], Options(workers=1))
    finally:
        lock.release()
    monkeypatch.setattr(storing, "store_batch", lock.store)
    stored = query(db, "SELECT count(*) FROM documents")[0][0]
    assert lock.holder is not None and 0 < stored < total
    assert summary.statuses["done"] == stored and summary.statuses["failed"] == total - stored
    assert len(summary.unwritten) == total - stored
    assert query(db, "SELECT count(*) FROM sources")[0][0] == stored  # every stored file is whole
    assert orphans(db) == [0] * len(ORPHAN_QUERIES)
    again = ingest(engine, [folder], Options(workers=1))
    assert again.statuses["done"] == total - stored and again.skipped == stored
    assert query(db, "SELECT count(*) FROM documents WHERE status = 'done'") == [(total,)]
    assert orphans(db) == [0] * len(ORPHAN_QUERIES)
