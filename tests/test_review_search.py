"""The queue's search and filters: a surname in any case finds its document
(Гурьяновым finds Гурьянов), a phrase finds the documents whose text holds it
in any inflection (ranked, with an escaped snippet), a chosen field narrows
the search to it, and the warning, conflict and reviewer filters; on SQLite
and a real PostgreSQL."""
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
OTHER_TEXT = ("Отчёт о работе методического объединения учителей начальных классов.\n"
              "Директоров школ пригласили, а совещание перенесли на пятницу.\n"
              "Совещание директоров провела Смирнова О.В.")


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    with Session(engine) as session, session.begin():
        write_document(session, result(record(surname="Гурьянов"), doc_id=DOC_ID))
        write_document(session, result(record(surname="Тихонравова"), doc_id=OTHER,
                                        text=OTHER_TEXT))  # another text: another document
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
    ("Гурьяновым", {DOC_ID}), ("гурьянова", {DOC_ID}), ("Тихонравовой", {OTHER}), ("Кузнецов", set()),
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


def snippet_of(http, doc_id: str, **params) -> str:
    """The snippet shown under the document's title in the queue ('' if none)."""
    page = http.get("/queue", params=params).text
    row = page[page.index(f"/documents/{doc_id}"):]
    row = row[:row.index("</td>")]
    return row[row.index('class="snippet"'):] if 'class="snippet"' in row else ""


def order(http, **params) -> list[str]:
    page = http.get("/queue", params=params).text
    return sorted((d for d in (DOC_ID, OTHER) if f"/documents/{d}" in page),
                  key=lambda d: page.index(f"/documents/{d}"))


def test_review_search_finds_a_phrase_of_the_text_in_another_case(client) -> None:
    http, _engine = client
    assert found(http, q="методическим объединением") == {OTHER}


def test_review_search_words_apart_are_not_a_phrase(client) -> None:
    http, _engine = client
    assert found(http, q="совещание перенесли") == {OTHER}
    assert found(http, q="пригласили совещание") == set()  # «пригласили, а совещание»


def test_review_search_puts_the_best_text_match_first(client) -> None:
    http, engine = client
    best = "f" * 64  # last by id: without ranking it would come last among equals
    with Session(engine) as session, session.begin():
        write_document(session, result(record(), doc_id=best, text=(
            "Итоги совещания директоров. Совещание директоров решило: совещания директоров проводить "
            "ежемесячно.")))
        session.get(m.Document, best).version_of = None
    page = http.get("/queue", params={"q": "совещанию директоров"}).text
    shown = [page.index(f"/documents/{d}") for d in (best, DOC_ID, OTHER)]
    assert shown[0] == min(shown)  # .index raises if one of the three is missing


def test_review_search_finds_the_document_a_matching_version_belongs_to(client) -> None:
    http, engine = client
    version = "d" * 64
    with Session(engine) as session, session.begin():
        write_document(session, result(record(), doc_id=version, text=SOURCE + "\nВыступил Зардунов."))
        session.get(m.Document, version).version_of = DOC_ID
    page = http.get("/queue", params={"q": "Зардуновым"}).text
    assert f"/documents/{DOC_ID}" in page and f"/documents/{version}" not in page


def test_review_search_snippet_marks_the_phrase(client) -> None:
    http, _engine = client
    assert "<mark>совещания директоров</mark>" in snippet_of(http, DOC_ID, q="совещание директоров")


def test_review_search_snippet_is_escaped(client) -> None:
    http, _engine = client
    shown = snippet_of(http, DOC_ID, q="обновить планы")
    assert "<mark>обновить планы</mark>" in shown and "&lt;script&gt;" in shown and "<script>" not in shown


def test_review_search_snippet_only_for_a_text_match(client) -> None:
    http, _engine = client
    assert found(http, q="Гурьяновым") == {DOC_ID} and snippet_of(http, DOC_ID, q="Гурьяновым") == ""


def test_review_search_keeps_the_query_in_the_pager_links(client) -> None:
    http, engine = client
    from review.queue import PAGE_SIZE
    with Session(engine) as session, session.begin():
        for n in range(PAGE_SIZE):
            body = f"Справка {n} о совещании директоров: участвовали {n + 1} руководителей {n * 7}."
            write_document(session, result(record(), doc_id=f"{n:064d}", text=body))
            session.get(m.Document, f"{n:064d}").version_of = None
    page = http.get("/queue", params={"q": "совещание директоров", "warnings": ""}).text
    assert 'rel="next" href="/queue?q=' in page


@pytest.mark.parametrize("q", ['"', "*", "NEAR(совещание директоров)", "-совещание", "совещ*",
                               "' OR 1=1 --", 'совещание" OR "', "^директоров", "search_text:школа",
                               "AND OR NOT", "(", "%", "\\", "директоров\" школ"])
def test_review_search_syntax_queries_never_fail(client, q) -> None:
    http, _engine = client
    response = http.get("/queue", params={"q": q})
    assert response.status_code == 200 and "Очередь документов" in response.text
