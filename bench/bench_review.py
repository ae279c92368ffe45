"""Speed of the review app, server side (in-process TestClient, so routing,
the database, highlighting and templates are all counted; no network).

1. A document page with 300 highlighted spans (target: under 200 ms).
2. The queue over 100,000 documents generated directly in a temporary SQLite
   registry: first, middle and last page, a filter and a search; each request
   reads one page through the (certainty, id) index, never all rows.
Run: .venv/bin/python bench/bench_review.py [--documents 100000] [--repeat 15]
"""
from __future__ import annotations

import os
import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from registry.db import connect  # noqa: E402
from registry.models import Document, utcnow  # noqa: E402
from registry.review_models import ReviewDocument  # noqa: E402
from registry.store import DocumentResult, write_document  # noqa: E402
from review.app import create_app  # noqa: E402
from review.auth import add_user  # noqa: E402
from review_support import PASSWORD, USER, login  # noqa: E402
from schemas.records import DateFact, DocumentInfo, ExtractionRecord, Person, SpanRef  # noqa: E402

PAGE_TARGET_MS = 200
SURNAMES = ("Иванова", "Петров", "Сидоренко", "Кузнецова", "Орлов", "Белова", "Морозов", "Лебедева")
REGIONS = ("Энская область", "Приморский край", "Республика Тыва", "Тульская область",
           "Пермский край", "Курганская область", "Республика Коми", "Омская область")
TYPES = ("protocol", "report", "news", "info", "plan", "other")


def big_document(spans: int) -> tuple[str, ExtractionRecord]:
    """A text with ``spans`` highlighted spans: people (name + position) and dates."""
    parts, people, dates, offset = [], [], [], 0

    def ref(text: str, start: int) -> SpanRef:
        return SpanRef(start=start, stop=start + len(text), text=text, extractor="bench")

    i = 0
    while len(people) * 2 + len(dates) < spans:
        name, position = f"{SURNAMES[i % 8]} А.Б.", "директор школы"
        day = dt.date(2024, 1 + i % 12, 1 + i % 28)
        date_text = f"{day.day}.{day.month:02d}.{day.year}"
        line = f"{i + 1}. Выступил {name}, {position} <b>&amp;</b>, отчёт от {date_text}.\n"
        base = offset + line.index(name)
        people.append(Person(surname=SURNAMES[i % 8], initials="А.Б.", position=position,
                             confidence=0.5 + (i % 5) / 10, spans=[ref(name, base)],
                             provenance={"position": [ref(position, offset + line.index(position))]}))
        dates.append(DateFact(value=day, spans=[ref(date_text, offset + line.index(date_text))]))
        parts.append(line)
        offset += len(line)
        i += 1
    record = ExtractionRecord(extractor_version="bench", document=DocumentInfo(id="b"),
                              people=people, dates=dates)
    return "".join(parts), record


def timed(client, url: str, repeat: int) -> tuple[float, int]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(response.content)


def fill_queue(engine, count: int) -> None:
    """``count`` documents with review rows, inserted in bulk (no extraction)."""
    rng = random.Random(7)
    now = utcnow()
    batch = 5000
    for first in range(0, count, batch):
        docs, rows = [], []
        for n in range(first, min(first + batch, count)):
            doc_id = f"{n:064x}"
            warnings = rng.randint(0, 6)
            confidence = round(rng.uniform(0.3, 1.0), 3)
            docs.append(dict(id=doc_id, source_path=f"in/{n}.txt", status="done", conflicts=0,
                             attempts=1, created_at=now, updated_at=now, text="…", record_json=None))
            rows.append(dict(document_id=doc_id, status=rng.choice(("new", "new", "in_review", "validated")),
                             doc_type=rng.choice(TYPES), region=rng.choice(REGIONS),
                             doc_date=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700)),
                             title=f"Протокол {n}", search_text=f"in/{n}.txt протокол {n} {rng.choice(SURNAMES).lower()}",
                             records=10, warnings=warnings, min_confidence=confidence,
                             certainty=confidence - 0.02 * warnings, doc_updated=now))
        with engine.begin() as conn:
            conn.execute(insert(Document), docs)
            conn.execute(insert(ReviewDocument), rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(f"sqlite:///{Path(tmp) / 'registry.sqlite'}")
        text, record = big_document(args.spans)
        doc_id = "f" * 64
        with Session(engine) as session, session.begin():
            write_document(session, DocumentResult(id=doc_id, source_path="big.txt", status="done", text=text,
                                                   extractor_version="bench",
                                                   record_json=record.model_dump(mode="json")))
            add_user(session, USER, PASSWORD)
        started = time.perf_counter()
        fill_queue(engine, args.documents)
        print(f"generated {args.documents:,} queue rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        client = TestClient(create_app(engine, sync_interval=3600))
        print(f"app start incl. registry sync check over all documents: {(time.perf_counter() - started) * 1000:.0f} ms")
        login(client)
        page_ms, size = timed(client, f"/documents/{doc_id}", args.repeat)
        verdict = "OK" if page_ms < PAGE_TARGET_MS else "SLOW"
        print(f"document page, {args.spans} highlighted spans, {len(text):,} chars: "
              f"median {page_ms:.1f} ms ({size // 1024} KiB)  target < {PAGE_TARGET_MS} ms: {verdict}")
        last = (args.documents + 1 + 49) // 50
        for label, url in (("queue page 1", "/queue"), ("queue middle page", f"/queue?page={last // 2}"),
                           ("queue last page", f"/queue?page={last}"),
                           ("queue status+region filter", "/queue?status=new&region=Пермский+край&page=3"),
                           ("queue date range", "/queue?date_from=2024-01-01&date_to=2024-03-31"),
                           ("queue search", "/queue?q=морозов&page=2"),
                           ("overview (charts)", "/overview")):
            ms, _ = timed(client, url, args.repeat)
            print(f"{label:<28} median {ms:7.1f} ms over {args.documents:,} documents")


if __name__ == "__main__":
    main()
