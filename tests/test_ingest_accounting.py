"""Every input file ends in exactly one state that `reestr status` shows:
empty files, archives with nothing readable, archives with some members
quarantined (taken up by `retry --quarantined`) and files that could not be
stored on a busy database (taken up by `retry`)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import fixtures_build as fb
import fixtures_doc as fbd
from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from test_ingest import TEMPLATES, cli, query, text_folder

GIF = b"GIF89a" + bytes(64)


def ingest_cli(folder: Path, db: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reestr", "ingest", str(folder), "--db", f"sqlite:///{db}",
                           "--no-progress"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def test_ingest_accounting_each_empty_file_has_its_own_state(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("empty.txt", "empty.zip", "blank.docx"):
        (folder / name).write_bytes(b"")
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    rows = query(db, "SELECT source_path, status, reason FROM documents ORDER BY source_path")
    assert [(Path(p).name, s, r) for p, s, r in rows] == [
        ("blank.docx", "quarantined", "corrupt"), ("empty.txt", "quarantined", "no_text"),
        ("empty.zip", "quarantined", "corrupt")]
    status = cli("status", "--db", f"sqlite:///{db}").stdout
    assert all(name in status for name in ("empty.txt", "empty.zip", "blank.docx"))


def test_ingest_accounting_archive_with_nothing_readable_is_quarantined_and_listed(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "junk.zip").write_bytes(fb.zip_bytes([("logo.gif", GIF), ("empty.txt", b"")]))
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT status, reason FROM sources") == [("quarantined", "unsupported")]
    lines = cli("status", "--db", f"sqlite:///{db}").stdout.splitlines()
    archive = [line for line in lines if line.rstrip().endswith(")") and "junk.zip  " in line]
    assert len(archive) == 1 and "no member of the archive could be read" in archive[0]


def test_ingest_accounting_retry_quarantined_takes_up_partly_quarantined_archives(tmp_path) -> None:
    """A .doc member quarantined because no converter was on PATH; the archive
    is done with a reason, and `retry --quarantined` reads the member again."""
    folder = tmp_path / "in"
    folder.mkdir()
    word = fbd.word97_doc(TEMPLATES[0].format(n=7, d=3))
    (folder / "pack.zip").write_bytes(fb.zip_bytes([("a.txt", TEMPLATES[1].format(n=5, d=2).encode()),
                                                    ("b.doc", word)]))
    db = tmp_path / "r.sqlite"
    done = ingest_cli(folder, db, PATH=str(tmp_path / "no-converters"))
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT status, reason FROM sources") == [("done", "members_quarantined")]
    assert "members_quarantined" in cli("status", "--db", f"sqlite:///{db}").stdout
    cli("retry", "--db", f"sqlite:///{db}", "--no-progress")  # failed only: the archive stays
    assert query(db, "SELECT status, reason FROM sources") == [("done", "members_quarantined")]
    cli("retry", "--db", f"sqlite:///{db}", "--quarantined", "--no-progress")
    assert query(db, "SELECT status, reason FROM sources") == [("done", None)]
    assert query(db, "SELECT status, count(*) FROM documents GROUP BY status") == [("done", 2)]


class LockDuringSecondBatch:
    """Wraps the batch store: another connection holds the write lock while
    the second batch is stored, and lets it go afterwards."""

    def __init__(self, db: Path, store) -> None:
        self.db, self.store, self.calls = db, store, 0

    def __call__(self, *args, **kwargs) -> None:
        self.calls += 1
        if self.calls != 2:
            return self.store(*args, **kwargs)
        holder = sqlite3.connect(self.db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            return self.store(*args, **kwargs)
        finally:
            holder.execute("ROLLBACK")
            holder.close()


def test_ingest_accounting_retry_takes_up_files_a_busy_database_could_not_store(
        tmp_path, monkeypatch) -> None:
    import registry.db as registry_db
    from ingest import storing
    from ingest.runner import Options, ingest
    from registry.db import connect

    total = 6
    folder = text_folder(tmp_path, total)
    db = tmp_path / "busy.sqlite"
    monkeypatch.setattr(registry_db, "SQLITE_PRAGMAS", tuple(
        "PRAGMA busy_timeout=50" if p.startswith("PRAGMA busy_timeout") else p
        for p in registry_db.SQLITE_PRAGMAS))
    monkeypatch.setattr(storing, "BATCH_DOCUMENTS", 2)
    monkeypatch.setattr(storing, "WRITE_ATTEMPTS", 2)
    monkeypatch.setattr(storing, "WRITE_BACKOFF_S", 0.01)
    monkeypatch.setattr(storing, "store_batch", LockDuringSecondBatch(db, storing.store_batch))
    summary = ingest(connect(f"sqlite:///{db}"), [folder], Options(workers=1))
    busy = len(summary.unwritten)
    assert busy > 0 and summary.marked_busy == busy
    assert query(db, "SELECT count(*) FROM sources WHERE status = 'failed' AND reason = 'db_busy'") == [(busy,)]
    assert "db_busy" in cli("status", "--db", f"sqlite:///{db}").stdout
    done = cli("retry", "--db", f"sqlite:///{db}", "--no-progress")
    assert f"done {busy}" in done.stderr
    assert query(db, "SELECT status, count(*) FROM sources GROUP BY status") == [("done", total)]
    assert query(db, "SELECT count(*) FROM documents WHERE status = 'done'") == [(total,)]


def same_text_lines(db: Path) -> tuple[str, list[str]]:
    out = cli("status", "--db", f"sqlite:///{db}").stdout.splitlines()
    count = next(line for line in out if line.startswith("same text as a stored document:"))
    return count, [line for line in out if line.startswith("duplicate")]


def test_ingest_accounting_same_text_in_another_encoding_is_listed_as_duplicate(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = TEMPLATES[0].format(n=7, d=3)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b-cp1251.txt").write_bytes(text.encode("cp1251"))
    (folder / "other.txt").write_text(TEMPLATES[1].format(n=5, d=2), encoding="utf-8")
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT count(*) FROM documents") == [(2,)]
    count, lines = same_text_lines(db)
    assert count.startswith("same text as a stored document: 1 ")
    assert len(lines) == 1 and "same_text" in lines[0]
    first, second = folder / "a.txt", folder / "b-cp1251.txt"   # stored first: either, by the workers
    assert (lines[0].endswith(f"{second}  same text as {first}")
            or lines[0].endswith(f"{first}  same text as {second}"))


def test_ingest_accounting_archive_member_with_a_stored_text_is_listed_as_duplicate(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = TEMPLATES[2].format(n=4, d=9)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "pack.zip").write_bytes(fb.zip_bytes([("copy.txt", text.encode("cp1251"))]))
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    _, lines = same_text_lines(db)
    assert len(lines) == 1
    member, plain = f"{folder / 'pack.zip'} :: pack.zip/copy.txt", str(folder / "a.txt")
    assert (lines[0].endswith(f"{member}  same text as {plain}")
            or lines[0].endswith(f"{plain}  same text as {member}"))


def test_ingest_accounting_registry_without_copies_counts_none(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEMPLATES[0].format(n=1, d=2), encoding="utf-8")
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    count, lines = same_text_lines(db)
    assert count.startswith("same text as a stored document: 0 ") and lines == []


def listed_paths(db: Path) -> list[tuple[str, str | None]]:
    return query(db, "SELECT source_path, container_path FROM document_sources "
                     "ORDER BY source_path, container_path")


def test_ingest_accounting_same_bytes_at_two_paths_in_one_run_both_listed(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = TEMPLATES[0].format(n=3, d=4).encode()
    (folder / "a.txt").write_bytes(data)
    (folder / "b.txt").write_bytes(data)
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT count(*) FROM documents") == [(1,)]
    assert query(db, "SELECT count(*), min(path) FROM sources") == [(1, str(folder / "a.txt"))]
    assert listed_paths(db) == [(str(folder / "a.txt"), None), (str(folder / "b.txt"), None)]
    _, lines = same_text_lines(db)
    assert [line.split() for line in lines] == [
        ["duplicate", "same_text", str(folder / "b.txt"), "same", "text", "as", str(folder / "a.txt")]]


def test_ingest_accounting_copy_added_in_a_later_run_is_listed(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = TEMPLATES[1].format(n=8, d=1).encode()
    (folder / "a.txt").write_bytes(data)
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    (folder / "sub").mkdir()
    (folder / "sub" / "copy.txt").write_bytes(data)
    second = cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert str(folder / "sub" / "copy.txt") in second.stdout + second.stderr
    assert listed_paths(db) == [(str(folder / "a.txt"), None), (str(folder / "sub" / "copy.txt"), None)]
    count, lines = same_text_lines(db)
    assert count.startswith("same text as a stored document: 1 ")
    assert lines[0].endswith(f"{folder / 'sub' / 'copy.txt'}  same text as {folder / 'a.txt'}")


def test_ingest_accounting_rerun_lists_no_copy_twice(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = TEMPLATES[2].format(n=2, d=2).encode()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(data)
    (folder / "pack.zip").write_bytes(fb.zip_bytes([("m.txt", TEMPLATES[0].format(n=6, d=6).encode())]))
    (folder / "pack-copy.zip").write_bytes((folder / "pack.zip").read_bytes())
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    tables = "SELECT (SELECT count(*) FROM document_sources), (SELECT count(*) FROM sources), " \
             "(SELECT count(*) FROM documents)"
    before = query(db, tables)
    assert before == [(5, 2, 2)]
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    cli("ingest", str(folder / "b.txt"), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, tables) == before


def test_ingest_accounting_copied_archive_lists_its_members_under_its_own_name(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    members = [("x.txt", TEMPLATES[0].format(n=1, d=9).encode()), ("y.txt", TEMPLATES[1].format(n=2, d=8).encode())]
    (folder / "pack.zip").write_bytes(fb.zip_bytes(members))
    (folder / "same.zip").write_bytes((folder / "pack.zip").read_bytes())
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT count(*) FROM documents") == [(2,)]
    assert listed_paths(db) == [(str(folder / "pack.zip"), "pack.zip/x.txt"),
                                (str(folder / "pack.zip"), "pack.zip/y.txt"),
                                (str(folder / "same.zip"), "same.zip/x.txt"),
                                (str(folder / "same.zip"), "same.zip/y.txt")]
    _, lines = same_text_lines(db)
    assert sorted(line.split()[2:] for line in lines) == [
        [str(folder / "same.zip"), "::", f"same.zip/{name}", "same", "text", "as",
         str(folder / "pack.zip"), "::", f"pack.zip/{name}"] for name in ("x.txt", "y.txt")]


def test_ingest_accounting_archive_member_with_a_files_bytes_is_listed(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = TEMPLATES[2].format(n=5, d=5).encode()
    (folder / "a.txt").write_bytes(data)
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    (folder / "pack.zip").write_bytes(fb.zip_bytes([("a.txt", data)]))
    cli("ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress")
    assert query(db, "SELECT count(*) FROM documents") == [(1,)]
    assert listed_paths(db) == [(str(folder / "a.txt"), None), (str(folder / "pack.zip"), "pack.zip/a.txt")]
    _, lines = same_text_lines(db)
    assert [line.split()[2:5] for line in lines] == [[str(folder / "pack.zip"), "::", "pack.zip/a.txt"]]


def test_ingest_accounting_copies_on_postgresql_listed_once(pg_url, tmp_path) -> None:  # noqa: F811
    from sqlalchemy import text

    from registry import models as m
    from registry.db import connect

    engine = connect(pg_url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(m.Base.metadata.tables)} RESTART IDENTITY CASCADE"))
    folder = tmp_path / "in"
    folder.mkdir()
    data = TEMPLATES[0].format(n=9, d=9).encode()
    (folder / "a.txt").write_bytes(data)
    (folder / "b.txt").write_bytes(data)
    for _ in range(2):
        cli("ingest", str(folder), "--db", pg_url, "--no-progress")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT source_path FROM document_sources ORDER BY source_path")).all()
    engine.dispose()
    assert [row[0] for row in rows] == [str(folder / "a.txt"), str(folder / "b.txt")]
    status = cli("status", "--db", pg_url).stdout.splitlines()
    assert [line.split()[2] for line in status if line.startswith("duplicate")] == [str(folder / "b.txt")]
