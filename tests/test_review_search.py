"""The queue's search and filters: a surname in any case finds its document
(Гурьяновым finds Гурьянов), a chosen field narrows the search to it, and the
warning, conflict and reviewer filters; on SQLite and a real PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import models as m
from registry.review_models import ReviewDocument
from registry.store import write_document
from review.auth import add_user
from review_support import empty_registry, DOC_ID, PASSWORD, SOURCE, USER, logged_in, record, result

OTHER = "c" * 64


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    with Session(engine) as session, session.begin():
        write_document(session, result(record(surname="Гурьянов"), doc_id=DOC_ID))
        write_document(session, result(record(surname="Смирнова"), doc_id=OTHER,
                                        text=SOURCE + " Конец."))  # another text: another document
        # near-duplicates become versions, shown once in the queue; here both are searched
        session.get(m.Document, OTHER).version_of = None
        add_user(session, USER, PASSWORD)
    http, _csrf = logged_in(engine)
    yield http, engine
    engine.dispose()


def found(http, **params) -> set[str]:
    page = http.get("/queue", params=params).text
    return {d for d in (DOC_ID, OTHER) if f"/documents/{d}" in page}


@pytest.mark.parametrize("q, expected", [
    ("Гурьяновым", {DOC_ID}), ("гурьянова", {DOC_ID}), ("Смирновой", {OTHER}), ("Кузнецов", set()),
])
def test_review_search_finds_a_surname_in_any_case(client, q, expected) -> None:
    http, _engine = client
    assert found(http, q=q) == expected


def test_review_search_in_a_field_looks_only_there(client) -> None:
    http, _engine = client
    assert found(http, q="гурьяновым", field="surname") == {DOC_ID}
    assert found(http, q="гурьяновым", field="school") == set()


def test_review_search_filters_warnings_conflicts_and_reviewer(client) -> None:
    http, engine = client
    with Session(engine) as session, session.begin():
        session.get(ReviewDocument, DOC_ID).warnings = 2
        session.get(m.Document, OTHER).conflicts = 1
        session.get(ReviewDocument, OTHER).validated_by = "boris"
    assert found(http, warnings="1") == {DOC_ID}
    assert found(http, conflicts="1") == {OTHER}
    assert found(http, reviewer="boris") == {OTHER}
