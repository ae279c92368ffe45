"""reestr browse: the SQLite registry served read-only by Datasette, with canned queries."""
from __future__ import annotations

import asyncio
import hashlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from reestr.cli import main
from registry.browse import BrowseError, datasette, registry_file
from registry.db import connect
from test_registry import result, write

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def registry(tmp_path) -> Path:
    """A registry with one document: a meeting, Кузнецова, a decision due 2025-04-01."""
    path = tmp_path / "registry.sqlite"
    engine = connect(f"sqlite:///{path}")
    write(engine, result())
    with engine.begin() as conn:  # the review app's credentials, which must not be served
        conn.execute(text("INSERT INTO review_users (name, password_hash, created_at) "
                          "VALUES ('ann', 'scrypt$secret', '2025-01-01')"))
    engine.dispose()
    return path


def get(ds, path: str) -> httpx.Response:
    return asyncio.run(ds.client.get(path))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_browse_serves_canned_query_json_over_http(registry) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "reestr", "browse", "--db", str(registry),
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/registry/decisions_by_deadline.json?since=2025-01-01&until=&_shape=array"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(url, timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "reestr browse did not start in 60 s"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert response.status_code == 200
    assert [(row["deadline"], row["decision"]) for row in response.json()] == [
        ("2025-04-01", "обновить планы работы школ")]


def test_browse_canned_query_bounds_deadlines(registry) -> None:
    rows = get(datasette(registry), "/registry/decisions_by_deadline.json?since=&until=2025-03-01&_shape=array").json()
    assert rows == []


def test_browse_person_roles_finds_a_surname(registry) -> None:
    rows = get(datasette(registry), "/registry/person_roles.json?surname=Кузн&_shape=array").json()
    assert [(row["surname"], row["event_roles"]) for row in rows] == [("Кузнецова", '["chair"]')]


def test_browse_database_refuses_writes(registry) -> None:
    before = digest(registry)
    ds = datasette(registry)
    with pytest.raises(PermissionError):
        asyncio.run(ds.get_database("registry").execute_write("DELETE FROM people"))
    assert digest(registry) == before


def test_browse_arbitrary_sql_is_refused(registry) -> None:
    response = get(datasette(registry), "/registry.json?sql=select+password_hash+from+review_users")
    assert response.status_code == 403


def test_browse_credentials_table_is_not_served(registry) -> None:
    assert get(datasette(registry), "/registry/review_users.json").status_code == 403


def test_browse_database_file_is_not_downloadable(registry) -> None:
    assert get(datasette(registry), "/registry.db").status_code in (403, 404)


def test_browse_refuses_a_file_that_is_not_a_registry(tmp_path) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_text("не база", encoding="utf-8")
    with pytest.raises(BrowseError, match="not a SQLite registry"):
        registry_file(other)
    assert other.read_text(encoding="utf-8") == "не база"


def test_browse_refuses_a_postgresql_url() -> None:
    outcome = CliRunner().invoke(main, ["browse", "--db", "postgresql+psycopg://u@127.0.0.1:1/reestr"])
    assert outcome.exit_code == 1
    assert outcome.output.strip().splitlines() == [
        "reestr: browse serves a SQLite registry file; postgresql is not supported "
        "(export it with: reestr export --db URL)"]
