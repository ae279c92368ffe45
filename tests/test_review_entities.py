"""The librarian's entity pages over HTTP (review/entities_page.py), on SQLite and
a real PostgreSQL: the list with its kind filter and name search, an entity's
names as written, its timeline, the people of a school and the schools of a
person, and merge and split (audited, CSRF-checked, kept by relink and reprocess).

Three invented documents: two name one school and one director in different
words (the linker makes them one school and one person); the third names a
namesake of the director in another region (another person, until a librarian
merges them)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry.entities import relink
from registry.entity_models import Entity, EntityPin
from registry.models import PersonRow, SchoolRow
from registry.reprocess import reprocess
from registry.store import DocumentResult, write_document
from review.auth import add_user
from review_support import PASSWORD, USER, empty_registry, logged_in
from schemas.records import DocumentInfo, Event, ExtractionRecord, Organization, Person, Place, School, SpanRef

SCHOOL_A = "МБОУ «Ольховская ООШ»"
SCHOOL_B = "Ольховской основной общеобразовательной школы"
TEXTS = {
    "1" * 64: ("Протокол совещания директоров Энской области от 10 февраля 2025 года.\n"
               f"Выступил Белогоров Д.А., директор {SCHOOL_A}.\n"
               f"Присутствовала Кравцова Н.П., учитель {SCHOOL_A}.\n"
               "Организатор: Центр <script>alert(1)</script> развития."),
    "2" * 64: ("Семинар для кураторов прошёл 20 мая 2025 года в Энском районе.\n"
               f"О работе {SCHOOL_B} рассказал её директор Дмитрий Александрович Белогоров.\n"
               "Участники обсудили планы на новый учебный год и обменялись опытом."),
    "3" * 64: ("Информация о вебинаре 3 сентября 2025 года для учителей Тамбовской области.\n"
               "Вёл вебинар Белогоров Д.А., методист, рассказавший о наставничестве.\n"
               "Записи вебинара доступны всем слушателям курса повышения квалификации."),
}
DOC_A, DOC_B, DOC_C = TEXTS


def ref(text: str, fragment: str, after: str = "") -> SpanRef:
    start = text.index(fragment, text.index(after) if after else 0)
    return SpanRef(start=start, stop=start + len(fragment), text=fragment, extractor="test")


def record(doc_id: str) -> ExtractionRecord:
    text = TEXTS[doc_id]

    def r(fragment: str, after: str = "") -> list[SpanRef]:
        return [ref(text, fragment, after)]

    if doc_id == DOC_A:
        people = [Person(surname="Белогоров", initials="Д.А.", position="директор", organization=SCHOOL_A,
                         event_roles=["speaker"], spans=r("Белогоров Д.А."),
                         provenance={"organization": r(SCHOOL_A)}),
                  Person(surname="Кравцова", initials="Н.П.", position="учитель", organization=SCHOOL_A,
                         spans=r("Кравцова Н.П."), provenance={"organization": r(SCHOOL_A, "Кравцова")})]
        schools = [School(mention=SCHOOL_A, type="ООШ", name="Ольховская", spans=r(SCHOOL_A) + r(SCHOOL_A, "Кравцова"))]
        orgs = [Organization(name="Центр <script>alert(1)</script> развития",
                             spans=r("Центр <script>alert(1)</script> развития"))]
        event, region, day = Event(kind="совещание", spans=r("совещания")), "Энская область", dt.date(2025, 2, 10)
    elif doc_id == DOC_B:
        people = [Person(surname="Белогоров", first_name="Дмитрий", patronymic="Александрович", position="директор",
                         organization=SCHOOL_B, spans=r("Дмитрий Александрович Белогоров"))]
        schools = [School(mention=SCHOOL_B, type="ООШ", spans=r(SCHOOL_B))]
        orgs = []
        event, region, day = Event(kind="семинар", spans=r("Семинар")), "Энская область", dt.date(2025, 5, 20)
    else:
        people = [Person(surname="Белогоров", initials="Д.А.", position="методист", spans=r("Белогоров Д.А."))]
        schools, orgs = [], []
        event, region, day = Event(kind="вебинар", spans=r("вебинаре")), "Тамбовская область", dt.date(2025, 9, 3)
    event.date_start = day
    return ExtractionRecord(extractor_version="test-1",
                            document=DocumentInfo(id=doc_id, doc_type="protocol"),
                            event=event, region=Place(name=region, spans=r(region.split()[0][:4])),
                            people=people, schools=schools, organizations=orgs)


def result(doc_id: str) -> DocumentResult:
    rec = record(doc_id)
    return DocumentResult(id=doc_id, source_path=f"in/{doc_id[0]}.txt", status="done", text=TEXTS[doc_id],
                          format="txt", extractor_version=rec.extractor_version, record_json=rec.model_dump(mode="json"))


class SameAgain:
    """An extractor that reads each text as the first time."""

    def extract_text(self, text: str, **_: object) -> ExtractionRecord:
        return record(next(d for d, t in TEXTS.items() if t == text))


@pytest.fixture(params=["sqlite", "postgresql"])
def registry(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    with Session(engine) as session, session.begin():
        for doc_id in TEXTS:
            write_document(session, result(doc_id))
        add_user(session, USER, PASSWORD)
    relink(engine)
    yield engine
    engine.dispose()


@pytest.fixture()
def client(registry):
    http, csrf = logged_in(registry)
    return http, csrf, registry


def entity_of(engine, model, doc_id: str, surname: str | None = None) -> int:
    with Session(engine) as session:
        query = select(model.entity_id).where(model.document_id == doc_id)
        if surname:
            query = query.where(model.surname == surname)
        return session.scalars(query).first()


def section(html: str, name: str) -> str:
    return re.search(rf'<section[^>]*id="{name}".*?</section>', html, re.S).group(0)


def test_review_entities_list_filters_by_kind(client) -> None:
    http, _, _ = client
    page = http.get("/entities", params={"kind": "school"}).text
    assert "Ольховск" in page and "Белогоров" not in page


def test_review_entities_list_searches_names(client) -> None:
    http, _, engine = client
    page = http.get("/entities", params={"q": "белогоров"}).text
    assert set(re.findall(r'href="/entities/(\d+)"', page)) == {
        str(entity_of(engine, PersonRow, DOC_A, "Белогоров")), str(entity_of(engine, PersonRow, DOC_C))}


def test_review_entities_list_is_in_the_navigation(client) -> None:
    http, _, _ = client
    assert '<a href="/entities">Сущности</a>' in http.get("/queue").text


def test_review_entities_page_needs_login(registry) -> None:
    from fastapi.testclient import TestClient

    from review.app import create_app

    response = TestClient(create_app(registry, sync_interval=0)).get("/entities/1", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")


def test_review_entities_page_shows_every_name_as_written(client) -> None:
    http, _, engine = client
    page = http.get(f"/entities/{entity_of(engine, PersonRow, DOC_A, 'Белогоров')}").text
    names = re.findall(r'<span class="written">([^<]+)</span>', section(page, "names"))
    assert sorted(names) == ["Белогоров Д.А.", "Дмитрий Александрович Белогоров"]


def test_review_entities_page_links_each_mention_to_its_document(client) -> None:
    http, _, engine = client
    page = http.get(f"/entities/{entity_of(engine, SchoolRow, DOC_A)}").text
    assert set(re.findall(r'href="/documents/(\w+)"', section(page, "mentions"))) == {DOC_A, DOC_B}


def test_review_entities_timeline_is_in_date_order(client) -> None:
    http, _, engine = client
    timeline = section(http.get(f"/entities/{entity_of(engine, PersonRow, DOC_B)}").text, "timeline")
    assert re.findall(r'href="/documents/(\w+)"', timeline) == [DOC_A, DOC_B]
    assert timeline.index("10 февраля 2025 г.") < timeline.index("20 мая 2025 г.")


def test_review_entities_school_shows_its_people_with_positions(client) -> None:
    http, _, engine = client
    ties = section(http.get(f"/entities/{entity_of(engine, SchoolRow, DOC_A)}").text, "ties")
    rows = [re.sub(r"<[^>]+>|\s+", " ", row).split() for row in re.findall(r"<tr>(.*?)</tr>", ties, re.S)[1:]]
    assert sorted(rows) == [["Белогоров", "Дмитрий", "Александрович", "директор", "выступающий", "2"],
                            ["Кравцова", "Н.П.", "учитель", "—", "1"]]


def test_review_entities_person_shows_the_schools_they_worked_with(client) -> None:
    http, _, engine = client
    ties = section(http.get(f"/entities/{entity_of(engine, PersonRow, DOC_A, 'Белогоров')}").text, "ties")
    school = entity_of(engine, SchoolRow, DOC_A)
    assert re.findall(r'href="/entities/(\d+)"', ties) == [str(school)] and "директор" in ties


def test_review_entities_page_escapes_names(client) -> None:
    http, _, engine = client
    with Session(engine) as session:
        org = session.scalar(select(Entity.id).where(Entity.kind == "organization"))
    page = http.get(f"/entities/{org}").text
    assert "<script>alert" not in page and "Центр &lt;script&gt;alert(1)&lt;/script&gt; развития" in page


def test_review_entities_unknown_entity_is_not_found(client) -> None:
    http, _, _ = client
    response = http.get("/entities/999999")
    assert response.status_code == 404 and "Сущность не найдена" in response.text


def test_review_entities_merge_is_done_and_audited(client) -> None:
    http, csrf, engine = client
    first, namesake = entity_of(engine, PersonRow, DOC_A, "Белогоров"), entity_of(engine, PersonRow, DOC_C)
    response = http.post(f"/entities/{namesake}/merge", data={"csrf_token": csrf, "target": str(first)},
                         follow_redirects=False)
    kept = min(first, namesake)
    assert (response.status_code, response.headers["location"]) == (303, f"/entities/{kept}?done=merged")
    assert entity_of(engine, PersonRow, DOC_C) == entity_of(engine, PersonRow, DOC_B) == kept
    with Session(engine) as session:
        pins = session.execute(select(EntityPin.action, EntityPin.pinned_by)).all()
    assert sorted(pins) == [("merge", USER)] * 3


def test_review_entities_merge_shows_in_the_journal(client) -> None:
    http, csrf, engine = client
    first, namesake = entity_of(engine, PersonRow, DOC_A, "Белогоров"), entity_of(engine, PersonRow, DOC_C)
    page = http.post(f"/entities/{first}/merge", data={"csrf_token": csrf, "target_id": str(namesake)}).text
    assert section(page, "journal").count("объединение") == 3 and USER in section(page, "journal")


def test_review_entities_split_is_done_and_audited(client) -> None:
    http, csrf, engine = client
    person = entity_of(engine, PersonRow, DOC_A, "Белогоров")
    with Session(engine) as session:
        moving = session.scalar(select(PersonRow.id).where(PersonRow.document_id == DOC_B))
    response = http.post(f"/entities/{person}/split", data={"csrf_token": csrf, "row": str(moving)},
                         follow_redirects=False)
    new = entity_of(engine, PersonRow, DOC_B)
    assert new != person and response.headers["location"] == f"/entities/{new}?done=split"
    with Session(engine) as session:
        assert sorted(session.execute(select(EntityPin.action, EntityPin.pinned_by)).all()) == [("split", USER)] * 2


def test_review_entities_split_of_every_mention_is_refused(client) -> None:
    http, csrf, engine = client
    person = entity_of(engine, PersonRow, DOC_A, "Белогоров")
    with Session(engine) as session:
        rows = session.scalars(select(PersonRow.id).where(PersonRow.entity_id == person)).all()
    response = http.post(f"/entities/{person}/split", data={"csrf_token": csrf, "row": [str(r) for r in rows]})
    assert response.status_code == 400 and entity_of(engine, PersonRow, DOC_B) == person


def test_review_entities_merge_without_csrf_is_refused(client) -> None:
    http, _, engine = client
    first, namesake = entity_of(engine, PersonRow, DOC_A, "Белогоров"), entity_of(engine, PersonRow, DOC_C)
    response = http.post(f"/entities/{namesake}/merge", data={"target": str(first)})
    with Session(engine) as session:
        pins = session.scalar(select(func.count()).select_from(EntityPin))
    assert response.status_code == 403 and pins == 0 and entity_of(engine, PersonRow, DOC_C) == namesake


def test_review_entities_merge_of_different_kinds_is_refused(client) -> None:
    http, csrf, engine = client
    person, school = entity_of(engine, PersonRow, DOC_A, "Белогоров"), entity_of(engine, SchoolRow, DOC_A)
    response = http.post(f"/entities/{person}/merge", data={"csrf_token": csrf, "target": str(school)})
    assert response.status_code == 400 and "одного вида" in response.text


def test_review_entities_merge_survives_relink_and_reprocess(client) -> None:
    http, csrf, engine = client
    first, namesake = entity_of(engine, PersonRow, DOC_A, "Белогоров"), entity_of(engine, PersonRow, DOC_C)
    http.post(f"/entities/{namesake}/merge", data={"csrf_token": csrf, "target": str(first)})
    reprocess(engine, SameAgain(), list(TEXTS))
    relink(engine)
    kept = entity_of(engine, PersonRow, DOC_A, "Белогоров")
    timeline = section(http.get(f"/entities/{kept}").text, "timeline")
    assert re.findall(r'href="/documents/(\w+)"', timeline) == [DOC_A, DOC_B, DOC_C]


def test_review_entities_split_survives_relink(client) -> None:
    http, csrf, engine = client
    person = entity_of(engine, PersonRow, DOC_A, "Белогоров")
    with Session(engine) as session:
        moving = session.scalar(select(PersonRow.id).where(PersonRow.document_id == DOC_B))
    http.post(f"/entities/{person}/split", data={"csrf_token": csrf, "row": str(moving)})
    relink(engine)
    timeline = section(http.get(f"/entities/{entity_of(engine, PersonRow, DOC_B)}").text, "timeline")
    assert re.findall(r'href="/documents/(\w+)"', timeline) == [DOC_B]


def test_review_entities_split_without_csrf_is_refused(client) -> None:
    http, _, engine = client
    person = entity_of(engine, PersonRow, DOC_A, "Белогоров")
    with Session(engine) as session:
        moving = session.scalar(select(PersonRow.id).where(PersonRow.document_id == DOC_B))
    response = http.post(f"/entities/{person}/split", data={"csrf_token": "forged", "row": str(moving)})
    assert response.status_code == 403 and entity_of(engine, PersonRow, DOC_B) == person


def test_review_entities_merge_needs_a_login(registry) -> None:
    from fastapi.testclient import TestClient

    from review.app import create_app

    first, namesake = entity_of(registry, PersonRow, DOC_A, "Белогоров"), entity_of(registry, PersonRow, DOC_C)
    response = TestClient(create_app(registry, sync_interval=0)).post(
        f"/entities/{namesake}/merge", data={"target": str(first)})
    assert response.status_code == 401 and entity_of(registry, PersonRow, DOC_C) == namesake
