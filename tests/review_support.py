"""Shared set-up for the review app tests: a temporary SQLite registry with
one hand-built document (no models needed), a user, a logged-in TestClient."""
from __future__ import annotations

import datetime as dt
import re
import shutil

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
