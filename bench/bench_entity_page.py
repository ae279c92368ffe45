"""Speed of the librarian's entity page (review/entities_page.py), server side
(in-process TestClient: routing, the database, the ties and the templates).

A temporary SQLite registry of generated documents, each naming one school
(«МБОУ «Ольховская ООШ»») and five of its teachers, linked by ``relink``; then
the school's page (every document on its timeline, every teacher in its
people), a teacher's page, the list and a search, each timed ``--repeat`` times.
Target: the page of a school in 300 documents under 1 s.
Run: .venv/bin/python bench/bench_entity_page.py [--documents 300] [--repeat 7]
"""
from __future__ import annotations

import os
import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from registry.db import connect  # noqa: E402
from registry.entities import relink  # noqa: E402
from registry.models import PersonRow, SchoolRow  # noqa: E402
from registry.store import DocumentResult, write_document  # noqa: E402
from review.app import create_app  # noqa: E402
from review.auth import add_user  # noqa: E402
from review_support import PASSWORD, USER, login  # noqa: E402
from schemas.records import DocumentInfo, Event, ExtractionRecord, Person, Place, School, SpanRef  # noqa: E402

TARGET_S = 1.0
SCHOOL = "МБОУ «Ольховская ООШ»"
SURNAMES = ("Белогоров", "Кравцов", "Лебедев", "Морозов", "Волков", "Соколов", "Орлов", "Зайцев")


def span(text: str, fragment: str, start_at: int = 0) -> SpanRef:
    start = text.index(fragment, start_at)
    return SpanRef(start=start, stop=start + len(fragment), text=fragment, extractor="bench")


def document(number: int) -> DocumentResult:
    text = f"Совещание № {number} ({number * 7919 % 10007}) учителей {SCHOOL}."
    people = []
    for j in range(5):
        surname, initials = SURNAMES[(number + j) % 8], f"А.{chr(0x410 + j)}."
        line_start = len(text) + 1
        text += f"\nВыступил {surname} {initials}, учитель {SCHOOL}, тема {number}-{j}."
        people.append(Person(surname=surname, initials=initials, position="учитель", organization=SCHOOL,
                             spans=[span(text, f"{surname} {initials}", line_start)],
                             provenance={"organization": [span(text, SCHOOL, line_start)]}))
    record = ExtractionRecord(
        extractor_version="bench", document=DocumentInfo(id=str(number)),
        event=Event(kind="совещание", date_start=dt.date(2020, 1, 1) + dt.timedelta(days=number)),
        region=Place(name="Энская область"), people=people,
        schools=[School(mention=SCHOOL, type="ООШ", name="Ольховская", spans=[span(text, SCHOOL)])])
    return DocumentResult(id=f"{number:064x}", source_path=f"in/{number}.txt", status="done", text=text,
                          format="txt", extractor_version="bench", record_json=record.model_dump(mode="json"))


def timed(client: TestClient, url: str, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(f"sqlite:///{Path(tmp) / 'registry.sqlite'}")
        with Session(engine) as session, session.begin():
            for number in range(args.documents):
                write_document(session, document(number))
            add_user(session, USER, PASSWORD)
        started = time.perf_counter()
        relink(engine)
        print(f"{args.documents} documents linked in {time.perf_counter() - started:.1f} s")
        with Session(engine) as session:
            school = session.scalar(select(SchoolRow.entity_id))
            person = session.scalar(select(PersonRow.entity_id))
        client = TestClient(create_app(engine, sync_interval=3600))
        assert login(client).status_code == 303
        client.get(f"/entities/{school}")  # warm-up: the morphology dictionary, templates
        slowest = 0.0
        for name, url in (("school page", f"/entities/{school}"), ("person page", f"/entities/{person}"),
                          ("list", "/entities"), ("search", "/entities?q=Белогоров")):
            seconds = timed(client, url, args.repeat)
            median = statistics.median(seconds)
            slowest = max(slowest, median) if name == "school page" else slowest
            print(f"{name:12s} median {median * 1000:7.1f} ms  max {max(seconds) * 1000:7.1f} ms")
        print(f"school page target < {TARGET_S:.1f} s: {'met' if slowest < TARGET_S else 'NOT met'}")
        engine.dispose()


if __name__ == "__main__":
    main()
