"""Links from a document's record cards to their entity pages (review/cards.py,
review/entity_links.py), over HTTP on SQLite and a real PostgreSQL.

Two invented documents: the first is linked (its person, school and
organisation have an ``entity_id``); the second was stored after linking, so
its records have none yet."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry.entities import relink
from registry.entity_models import Entity
from registry.models import OrganizationRow, PersonRow, SchoolRow
from registry.store import DocumentResult, write_document
from review.auth import add_user
from review_support import PASSWORD, USER, empty_registry, field_version, logged_in
from schemas.records import DocumentInfo, Event, ExtractionRecord, Organization, Person, School, SpanRef

LINKED, UNLINKED = "4" * 64, "5" * 64
TEXTS = {
    LINKED: ("Совещание прошло 12 марта 2025 года. Выступил Ветлугин Е.Р., директор "
             "Кленовоборской основной общеобразовательной школы. Организатор: Центр непрерывного образования."),
    UNLINKED: ("Семинар прошёл 2 апреля 2025 года. Выступила Заречная А.Б., учитель "
               "МБОУ «Осинниковская ООШ». Организатор: Дом учителя."),
}
PERSON = {LINKED: "Ветлугин Е.Р.", UNLINKED: "Заречная А.Б."}
SCHOOL = {LINKED: ("Кленовоборской основной общеобразовательной школы", "Кленовоборская"),
          UNLINKED: ("МБОУ «Осинниковская ООШ»", "Осинниковская")}
ORGANIZATION = {LINKED: "Центр непрерывного образования", UNLINKED: "Дом учителя"}
JSON_HEADERS = {"Accept": "application/json"}
MODELS = {"people": PersonRow, "schools": SchoolRow, "organizations": OrganizationRow}
LINK = re.compile(r'<article class="record k-(\w+)[^"]*" id="[^"]*" data-table="\w+" data-key="([^"]+)"[^>]*>'
                  r'<header>.*?</header>', re.S)


def ref(text: str, fragment: str) -> list[SpanRef]:
    start = text.index(fragment)
    return [SpanRef(start=start, stop=start + len(fragment), text=fragment, extractor="test")]


def result(doc_id: str) -> DocumentResult:
    text = TEXTS[doc_id]
    surname, initials = PERSON[doc_id].split()
    mention, name = SCHOOL[doc_id]
    record = ExtractionRecord(
        extractor_version="test-1", document=DocumentInfo(id=doc_id, doc_type="protocol"),
        event=Event(kind="совещание", date_start=dt.date(2025, 3, 12), spans=ref(text, text.split()[0])),
        people=[Person(surname=surname, initials=initials, position="директор", spans=ref(text, PERSON[doc_id]))],
        schools=[School(mention=mention, type="ООШ", name=name, spans=ref(text, mention))],
        organizations=[Organization(name=ORGANIZATION[doc_id], spans=ref(text, ORGANIZATION[doc_id]))])
    return DocumentResult(id=doc_id, source_path=f"in/{doc_id[0]}.txt", status="done", text=text, format="txt",
                          extractor_version=record.extractor_version, record_json=record.model_dump(mode="json"))


@pytest.fixture(params=["sqlite", "postgresql"])
def registry(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    with Session(engine) as session, session.begin():
        write_document(session, result(LINKED))
        add_user(session, USER, PASSWORD)
    relink(engine)
    with Session(engine) as session, session.begin():
        write_document(session, result(UNLINKED))
    yield engine
    engine.dispose()


@pytest.fixture()
def client(registry):
    http, csrf = logged_in(registry)
    return http, csrf, registry


def entity_ids(engine, doc_id: str) -> dict[str, int]:
    """table -> the entity id of that table's one record in the document."""
    with Session(engine) as session:
        return {table: session.scalar(select(model.entity_id).where(model.document_id == doc_id))
                for table, model in MODELS.items()}


def card_links(html: str) -> dict[str, list[tuple[str, str]]]:
    """table -> the (href, aria-label) of the entity links in each of its cards' headers."""
    found: dict[str, list[tuple[str, str]]] = {}
    for card in LINK.finditer(html):
        found.setdefault(card.group(1), []).extend(
            re.findall(r'<a class="record-entity" href="([^"]+)" aria-label="([^"]+)"', card.group(0)))
    return found


def test_review_entity_links_each_linked_record_links_to_its_entity(client) -> None:
    http, _, engine = client
    ids = entity_ids(engine, LINKED)
    links = card_links(http.get(f"/documents/{LINKED}").text)
    assert {table: [href for href, _ in found] for table, found in links.items()} == {
        "events": [], **{table: [f"/entities/{ids[table]}"] for table in MODELS}}


def test_review_entity_links_label_names_the_entity_in_russian(client) -> None:
    http, _, _ = client
    links = card_links(http.get(f"/documents/{LINKED}").text)
    assert sorted(label for found in links.values() for _, label in found) == [
        "Организация в реестре: Центр непрерывного образования",
        "Человек в реестре: Ветлугин Е.Р.",
        "Школа в реестре: Кленовоборская ООШ"]


def test_review_entity_links_record_without_entity_has_no_link(client) -> None:
    http, _, engine = client
    page = http.get(f"/documents/{UNLINKED}").text
    assert set(entity_ids(engine, UNLINKED).values()) == {None}
    assert card_links(page) == {"events": [], "people": [], "schools": [], "organizations": []}
    assert "/entities/" not in page.split('<section class="records-pane"')[1].split("</section>")[0]


def test_review_entity_links_rejected_record_has_no_link(client) -> None:
    http, csrf, _ = client
    key = f"@{TEXTS[LINKED].index(SCHOOL[LINKED][0])}"
    page = http.get(f"/documents/{LINKED}").text
    response = http.post(f"/documents/{LINKED}/change", headers={"X-CSRF-Token": csrf, **JSON_HEADERS}, data={
        "action": "reject", "table": "schools", "key": key, "field": "mention",
        "version": field_version(page, f"f-schools-{key}-mention")})
    assert response.status_code == 200
    links = card_links(http.get(f"/documents/{LINKED}").text)
    assert links["schools"] == [] and len(links["people"]) == 1


def test_review_entity_links_label_escapes_the_entity_name(client) -> None:
    http, _, engine = client
    with Session(engine) as session, session.begin():
        session.execute(update(Entity).where(Entity.kind == "organization")
                        .values(name='Центр "Ориентир" <script>alert(1)</script>'))
    page = http.get(f"/documents/{LINKED}").text
    assert "<script>alert(1)" not in page
    assert 'aria-label="Организация в реестре: Центр &#34;Ориентир&#34; &lt;script&gt;' in page
