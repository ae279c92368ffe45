"""Throughput of the format readers alone (no NLP stage), on generated files.

docx: documents/hour per core (a 3-page protocol: 60 paragraphs + a 25-row
action table); pdf: pages/hour per core (text layer, 45 lines a page).
Targets: docx >= 50,000 docs/hour/core, pdf >= 10,000 pages/hour/core.
Run: .venv/bin/python bench/bench_formats.py [--seconds 5]
"""
from __future__ import annotations

import os
import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import fixtures_build as fb  # noqa: E402
from ingest.formats import read_document  # noqa: E402

WORDS = ("совещание проект школа директор муниципальный координатор методический семинар "
         "региональный план мероприятие обеспечить провести подготовить отчёт учитель "
         "результат обучающихся образовательной организации лицей гимназия до марта апреля "
         "2024 года № 5 решили слушали ответственный срок исполнения").split()
DOCX_TARGET = 50_000
PDF_TARGET = 10_000


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def docx_sample(rng: random.Random) -> bytes:
    paragraphs = [sentence(rng, rng.randint(8, 30)) for _ in range(60)]
    rows = [[f"{i}.", sentence(rng, 8), f"до {rng.randint(1, 28)} мая 2024 г.", sentence(rng, 3)]
            for i in range(1, 26)]
    return fb.simple_docx(paragraphs, [rows])


def pdf_sample(rng: random.Random, pages: int) -> bytes:
    return fb.pdf_bytes(["\n".join(sentence(rng, 10) for _ in range(45)) for _ in range(pages)])


def rate(data: bytes, name: str, seconds: float) -> tuple[float, int]:
    """Calls per second of read_document on the same bytes, and the text length."""
    parts = read_document(data, name)
    assert parts[0].status == "ok", parts[0]
    calls = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        read_document(data, name)
        calls += 1
    return calls / elapsed, len(parts[0].text or "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    args = parser.parse_args()
    rng = random.Random(500)
    docx = docx_sample(rng)
    per_second, chars = rate(docx, "protocol.docx", args.seconds)
    docx_hour = per_second * 3600
    print(f"docx: {len(docx)} bytes, {chars} chars of text -> {docx_hour:,.0f} documents/hour/core "
          f"(target {DOCX_TARGET:,}: {'ok' if docx_hour >= DOCX_TARGET else 'BELOW'})")
    pages = 20
    pdf = pdf_sample(rng, pages)
    per_second, chars = rate(pdf, "report.pdf", args.seconds)
    pdf_hour = per_second * pages * 3600
    print(f"pdf:  {len(pdf)} bytes, {pages} pages, {chars} chars -> {pdf_hour:,.0f} pages/hour/core "
          f"(target {PDF_TARGET:,}: {'ok' if pdf_hour >= PDF_TARGET else 'BELOW'})")


if __name__ == "__main__":
    main()
