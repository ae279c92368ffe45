"""Full-text phrase search in the review queue (registry.fulltext, review.search).

Builds a temporary SQLite registry of ``--documents`` texts made from the
corpus/ documents (their paragraphs shuffled and mixed, so texts differ and
common phrases occur in many), indexes them as the document writers do
(``fulltext.index``, lemmatising every word), then times the queue's first
page for phrase queries (the filter, the bm25 ordering and the snippets) and,
for comparison, without a query.
Target: a queue page under 200 ms, as for the other queue pages (bench_review).

Run: .venv/bin/python bench/bench_fulltext.py [--documents 20000] [--repeat 9]
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

from registry import fulltext  # noqa: E402
from registry.db import connect  # noqa: E402
from registry.models import Document, utcnow  # noqa: E402
from registry.review_models import ReviewDocument  # noqa: E402
from review.queue import Filters, page  # noqa: E402
from review.search import snippets  # noqa: E402

TARGET_MS = 200
QUERIES = ("", "совещание директоров", "Зардуновым", "методическое объединение учителей",
           "школ с низкими образовательными результатами", "нет такой фразы нигде")


def texts(count: int) -> list[str]:
    paragraphs = [p for path in sorted((ROOT / "corpus").glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) > 3]
    rng = random.Random(11)
    made = []
    for n in range(count):
        body = rng.sample(paragraphs, min(12, len(paragraphs)))
        if n % 50 == 0:
            body.insert(rng.randint(0, len(body)), "Выступил Зардунов, директор школы.")
        made.append(f"Документ {n}.\n" + "\n".join(body))
    return made


def fill(engine, bodies: list[str]) -> float:
    """Documents, review rows and the full-text rows; seconds spent indexing."""
    now, spent = utcnow(), 0.0
    for first in range(0, len(bodies), 2000):
        chunk = list(enumerate(bodies[first:first + 2000], start=first))
        with Session(engine) as session, session.begin():
            session.execute(insert(Document), [dict(
                id=f"{n:064x}", source_path=f"in/{n}.txt", status="done", conflicts=0, attempts=1,
                created_at=now, updated_at=now, text=body, record_json=None) for n, body in chunk])
            session.execute(insert(ReviewDocument), [dict(
                document_id=f"{n:064x}", status="new", title=f"Документ {n}", search_text=f"in/{n}.txt",
                records=0, warnings=0, certainty=1.0, doc_date=dt.date(2025, 1, 1), doc_updated=now)
                for n, _body in chunk])
            started = time.process_time()
            fulltext.index(session, [(f"{n:064x}", body) for n, body in chunk])
            spent += time.process_time() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    bodies = texts(args.documents)
    chars = sum(map(len, bodies))
    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(f"sqlite:///{Path(tmp) / 'registry.sqlite'}")
        spent = fill(engine, bodies)
        print(f"indexed {len(bodies):,} documents ({chars / len(bodies):,.0f} characters each) in "
              f"{spent:.1f} s CPU: {spent / len(bodies) * 1000:.2f} ms per document")
        for query in QUERIES:
            times, total = [], 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                with Session(engine) as session:
                    rows, total = page(session, Filters(q=query or None), 1)
                    snippets(session, query, None, [r.document_id for r in rows])
                times.append((time.perf_counter() - started) * 1000)
            ms = statistics.median(times)
            print(f"«{query}»{'' if query else ' (no query, for comparison)'}: {total:,} documents, first page with snippets median {ms:.0f} ms "
                  f"(target < {TARGET_MS} ms: {'OK' if ms < TARGET_MS else 'SLOW'})")


if __name__ == "__main__":
    main()
