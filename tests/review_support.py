"""Shared set-up for the review app tests: a temporary SQLite registry with
one hand-built document (no models needed), a user, a logged-in TestClient."""
from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from registry.db import connect, make_engine
from registry.store import DocumentResult, write_document
from review.app import create_app
from review.auth import add_user
from schemas.records import (Count, DateFact, DocumentInfo, Event, ExtractionRecord, Organization,
                             Person, Place, SpanRef)

SOURCE = ("Протокол совещания директоров школ Энской области от 14 марта 2025 года.\n"
          "Председательствовал: Смирнова Ольга Викторовна, начальник управления образования.\n"
          "Выступил Петров А.С., директор МБОУ «СОШ № 12» г. Энска.\n"
          "В совещании участвовали 35 руководителей, в том числе из Лицея № 3.\n"
          "Решили: до 1 апреля 2025 года обновить планы. <script>alert(1)</script>")
DOC_ID = "a" * 64
USER, PASSWORD = "librarian", "correct horse battery"


def ref(fragment: str, extractor: str = "test", confidence: float = 1.0, after: str = "") -> SpanRef:
    start = SOURCE.index(fragment, SOURCE.index(after) if after else 0)
    return SpanRef(start=start, stop=start + len(fragment), text=fragment, extractor=extractor,
                   confidence=confidence)


def record(surname: str = "Смирнова") -> ExtractionRecord:
    return ExtractionRecord(
        extractor_version="test-1",
        document=DocumentInfo(id="t", doc_type="protocol", doc_type_spans=[ref("Протокол")]),
        event=Event(kind="совещание", date_start=dt.date(2025, 3, 14), spans=[ref("совещания")]),
        region=Place(name="Энская область", spans=[ref("Энской области")]),
        dates=[DateFact(value=dt.date(2025, 3, 14), spans=[ref("14 марта 2025 года")]),
               DateFact(value=dt.date(2025, 1, 4), confidence=0.4, role="deadline",
                        spans=[ref("1 апреля 2025 года")])],
        people=[Person(surname=surname, first_name="Ольга", patronymic="Викторовна",
                       initials="О.В.", position="начальник управления образования",
                       spans=[ref("Смирнова Ольга Викторовна")],
                       provenance={"position": [ref("начальник управления образования")]}),
                Person(surname="Петров", initials="А.С.", position="директор", confidence=0.7,
                       spans=[ref("Петров А.С.")], provenance={"position": [ref("директор", after="Петров")]})],
        organizations=[Organization(name="управление образования", spans=[ref("управления образования")])],
        counts=[Count(value=35, what="directors", evidence="35 руководителей",
                      spans=[ref("35 руководителей")])])


def result(rec: ExtractionRecord, doc_id: str = DOC_ID, text: str = SOURCE) -> DocumentResult:
    return DocumentResult(id=doc_id, source_path="in/protocol.txt", status="done", text=text,
                          format="txt", extractor_version=rec.extractor_version,
                          record_json=rec.model_dump(mode="json"))


def make_registry(path):
    engine = connect(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        write_document(session, result(record()))
        add_user(session, USER, PASSWORD)
    return engine


def copy_registry(template, path):
    """A fresh registry from a migrated template file (migrating takes a second)."""
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


def empty_registry(request, tmp_path):
    """An empty registry for a test parametrised over "sqlite" and "postgresql": a new SQLite
    file, or the session's PostgreSQL server with every table emptied."""
    from sqlalchemy import text

    from registry import models as m

    if request.param == "sqlite":
        return connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    engine = connect(request.getfixturevalue("pg_url"))
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(m.Base.metadata.tables)} RESTART IDENTITY CASCADE"))
    return engine


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def login(client: TestClient, name: str = USER, password: str = PASSWORD):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                       follow_redirects=False)


def logged_in(engine, **options) -> tuple[TestClient, str]:
    client = TestClient(create_app(engine, sync_interval=0, **options))
    assert login(client).status_code == 303
    return client, csrf_of(client.get("/queue").text)


@contextlib.contextmanager
def serving(app):
    """The app on a real uvicorn server on a free loopback port, in a thread."""
    import uvicorn

    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield "http://127.0.0.1:%d" % sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


def http_client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=httpx.Timeout(20.0), follow_redirects=False)


def live_login(url: str, name: str = USER, password: str = PASSWORD) -> tuple[httpx.Client, str]:
    client = http_client(url)
    assert login(client, name, password).status_code == 303
    return client, csrf_of(client.get("/queue").text)


def slow_body(url: str, path: str, cookie: str, csrf: str) -> socket.socket:
    """A POST that announces 100 bytes of body and sends 4, then keeps the socket open."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    sock.sendall((f"POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: reestr_session={cookie}\r\n"
                  f"X-CSRF-Token: {csrf}\r\nAccept: application/json\r\n"
                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
                  "a=bc").encode())
    return sock


def field_version(html: str, dom_id: str) -> str:
    """The version the page shows for one field (its data-version attribute)."""
    match = re.search(rf'id="{re.escape(dom_id)}"[^>]*data-version="([^"]+)"', html)
    assert match, f"no version for {dom_id}"
    return match.group(1)


@contextlib.contextmanager
def cli_server(db_url: str):
    """``reestr review --db URL`` in its own process on a free loopback port,
    as a librarian would start it."""
    reestr = Path(sys.executable).parent / "reestr"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(reestr), "review", "--db", db_url, "--port", str(port)],
                               cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read()
            try:
                httpx.get(url + "/login", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "reestr review did not start"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


# Fixtures of the review tests that work on one seeded document: a registry is
# built once per session and copied for each test (a test file imports these).
@pytest.fixture(scope="session")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "registry.sqlite"
    make_registry(path).dispose()  # closing the last connection checkpoints the WAL
    return path


@pytest.fixture()
def engine(template, tmp_path):
    return copy_registry(template, tmp_path / "registry.sqlite")


@pytest.fixture()
def client(engine):
    return logged_in(engine)
