"""Scans through the batch runner: recognised in the worker processes, under
the same per-file time limit as every reader."""
from __future__ import annotations

import pytest

from fixtures_scan import encode, page_image
from ingest.formats import ocr
from test_ingest import cli, query

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract not installed (make installs it)")

LINES = ["Протокол совещания руководителей школ от 12 марта 2024 года.",
         "Председательствовал: Соловьёв Е.М., начальник управления образования."]


def test_ingest_ocr_scan_is_recognised_in_a_worker(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "protocol.png").write_bytes(encode([page_image(LINES, angle=1.0, noise=15)], "PNG"))
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", str(db), "--no-progress")
    [(status, fmt, encoding, confidence)] = query(
        db, "SELECT status, format, encoding, encoding_confidence FROM documents")
    assert (status, fmt, encoding) == ("done", "image", "ocr") and confidence > 0.8
    assert query(db, "SELECT surname FROM people WHERE surname = 'Соловьёв'") == [("Соловьёв",)]


def test_ingest_ocr_runs_under_the_time_limit(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pages = [page_image(LINES * 8, seed=i) for i in range(4)]
    (folder / "long.tif").write_bytes(encode(pages, "TIFF"))
    db = tmp_path / "r.sqlite"
    cli("ingest", str(folder), "--db", str(db), "--timeout", "1", "--no-progress")
    assert query(db, "SELECT status, reason FROM documents") == [("quarantined", "timeout")]
