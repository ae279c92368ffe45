"""The review queue: least certain extractions first, paging with
LIMIT/OFFSET, filters, and review rows that follow the registry."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from registry.models import Document, utcnow
from registry.review_models import ReviewDocument
from registry.store import write_document
from review.queue import PAGE_SIZE, Filters, next_document, page, readable_member, summarize, sync
from review_support import logged_in, make_registry, record, result

REGIONS = ("Энская область", "Приморский край", "Республика Коми")


@pytest.fixture()
def engine(tmp_path):
    return make_registry(tmp_path / "registry.sqlite")


def fill(engine, count: int) -> None:
    """``count`` documents whose certainty falls with n, inserted in bulk."""
    now = utcnow()
    docs = [dict(id=f"{n:064x}", source_path=f"in/{n}.txt", status="done", conflicts=0, attempts=1,
                 created_at=now, updated_at=now, text="…") for n in range(count)]
    rows = [dict(document_id=f"{n:064x}", status=("new", "in_review", "validated")[n % 3],
                 doc_type="report", region=REGIONS[n % 3], doc_date=dt.date(2024, 1 + n % 12, 1),
                 title=f"Отчёт {n}", search_text=f"отчёт {n} фамилия{n}", records=1, warnings=0,
                 min_confidence=1 - n / 1000, certainty=1 - n / 1000, doc_updated=now)
            for n in range(count)]
    with engine.begin() as conn:
        conn.execute(insert(Document), docs)
        conn.execute(insert(ReviewDocument), rows)


def test_review_queue_least_certain_first(engine) -> None:
    fill(engine, 120)
    with Session(engine) as session:
        rows, total = page(session, Filters(), 1)
    certainties = [r.certainty for r in rows]
    assert certainties == sorted(certainties) and len(rows) == PAGE_SIZE and total == 120


def test_review_queue_pages_do_not_overlap_and_end(engine) -> None:
    fill(engine, 120)
    with Session(engine) as session:
        seen = [r.document_id for n in (1, 2, 3) for r in page(session, Filters(), n)[0]]
        beyond, _ = page(session, Filters(), 4)
    assert len(seen) == len(set(seen)) == 120 and beyond == []


@pytest.mark.parametrize("filters, expected", [
    (Filters(status="validated"), 40),
    (Filters(region="Республика Коми"), 40),
    (Filters(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 31)), 10),
    (Filters(q="ФАМИЛИЯ11"), 11),   # фамилия11 and фамилия110..119, case-insensitive
    (Filters(q="100%"), 0),         # LIKE wildcards are literal
])
def test_review_queue_filters(engine, filters, expected) -> None:
    fill(engine, 120)
    with Session(engine) as session:
        _rows, total = page(session, filters, 1)
    assert total == expected


def test_review_queue_page_lists_documents_with_russian_dates(engine) -> None:
    client, _csrf = logged_in(engine)
    html = client.get("/queue").text
    assert "14 марта 2025 г." in html and "протокол" in html and "новый" in html
    assert re.search(r'href="/documents/a{64}"', html)


def test_review_queue_warnings_lower_certainty() -> None:
    doc = Document(id="x", source_path="in/x.txt", status="done",
                   record_json=record().model_dump(mode="json"))
    calm = summarize(doc)["certainty"]
    doc.record_json["people"][0]["warnings"] = ["a", "b", "c"]
    assert summarize(doc)["certainty"] == pytest.approx(calm - 0.06)


def test_review_queue_follows_reprocessed_documents(engine) -> None:
    with Session(engine) as session, session.begin():
        sync(session)
        session.get(ReviewDocument, "a" * 64).status = "in_review"
    changed = record()
    changed.people[0].confidence = 0.1
    changed.extractor_version = "test-2"
    with Session(engine) as session, session.begin():
        write_document(session, result(changed))
        assert sync(session) == 1
    with Session(engine) as session:
        row = session.get(ReviewDocument, "a" * 64)
    assert (row.status, row.min_confidence) == ("in_review", 0.1)


def test_review_queue_next_document_skips_validated(engine) -> None:
    fill(engine, 6)
    with Session(engine) as session:
        order = [r.document_id for r in page(session, Filters(), 1)[0]]
        current = session.get(ReviewDocument, order[0])
        following = next_document(session, current)
        statuses = {r.document_id: r.status for r in session.scalars(select(ReviewDocument))}
    assert statuses[following] != "validated"
    assert order.index(following) == min(i for i, d in enumerate(order) if i > 0 and statuses[d] != "validated")


def test_review_queue_certainty_spreads_documents_with_the_same_lowest() -> None:
    def certainty(other: float) -> float:
        rec = record()
        rec.people[1].confidence = 0.7
        for person in rec.people[:1]:
            person.confidence = other
        doc = Document(id="x", source_path="in/x.txt", status="done",
                       record_json=rec.model_dump(mode="json"))
        return summarize(doc)["certainty"]

    assert certainty(0.72) < certainty(1.0)


@pytest.mark.parametrize("stored, shown", [
    ("архив.zip/" + "Протокол 1.txt".encode("cp866").decode("cp437"), "архив.zip/Протокол 1.txt"),
    ("a.zip/2021/Отчёт.docx", "a.zip/2021/Отчёт.docx"),
    ("a.zip/report.docx", "a.zip/report.docx"),
])
def test_review_queue_member_names_read_as_cyrillic(stored, shown) -> None:
    assert readable_member(stored) == shown


def test_review_queue_page_shows_file_name_and_format(engine) -> None:
    client, _csrf = logged_in(engine)
    cell = re.search(r'<td class="file">(.*?)</td>', client.get("/queue").text, re.S).group(1)
    assert "protocol.txt" in cell and '<span class="format">txt</span>' in cell


def link_versions(engine, head: str, versions: list[str]) -> None:
    with Session(engine) as session, session.begin():
        for doc_id in versions:
            session.get(Document, doc_id).version_of = head


def test_review_queue_shows_versions_once(engine) -> None:
    fill(engine, 6)
    head = f"{0:064x}"
    link_versions(engine, head, [f"{1:064x}", f"{2:064x}"])
    with Session(engine) as session:
        rows, total = page(session, Filters(), 1)
    ids = {r.document_id for r in rows}
    assert head in ids and f"{1:064x}" not in ids and f"{2:064x}" not in ids
    assert total == 4   # 6 filled, less the 2 versions


def test_review_queue_version_counts_match_the_registry(engine) -> None:
    from registry.versions import version_count
    from review.queue import version_counts
    fill(engine, 4)
    head = f"{3:064x}"
    link_versions(engine, head, [f"{0:064x}", f"{1:064x}"])
    ids = [head, f"{2:064x}"]
    with Session(engine) as session:
        counts = version_counts(session, ids)
        assert counts == {i: version_count(session, i) for i in ids} == {head: 3, f"{2:064x}": 1}


def test_review_queue_page_says_how_many_versions(engine) -> None:
    fill(engine, 3)
    head = f"{2:064x}"
    link_versions(engine, head, [f"{0:064x}", f"{1:064x}"])
    client, _ = logged_in(engine)
    html = client.get("/queue").text
    row = re.search(rf'href="/documents/{head}">[^<]*</a>([^\n]*)', html).group(1)
    assert "3 версии" in row
    assert f"/documents/{0:064x}" not in html


def test_review_queue_next_document_skips_versions(engine) -> None:
    fill(engine, 3)
    link_versions(engine, f"{2:064x}", [f"{1:064x}"])
    with Session(engine) as session:
        current = session.get(ReviewDocument, f"{2:064x}")
        assert next_document(session, current) != f"{1:064x}"
