"""End to end in headless Chromium, on SQLite and on a real PostgreSQL server: a
scan ingested with the real pipeline (OCR by Tesseract) opens with its page
image beside the recognised text, the image really loads under the page's
security headers, and once the file is gone the page says so in Russian
instead of failing.

Skipped without Chromium or Tesseract locally; FAILS on CI (CI=true) without Chromium."""
from __future__ import annotations

import pytest

from browser_support import (BACKENDS, browser, browser_available, librarian,  # noqa: F401
                             registry_url, run, serving)
from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from fixtures_scan import encode, page_image
from ingest.formats import ocr

LINES = ["Протокол совещания руководителей школ", "Энской области от 12 марта 2025 года",
         "Присутствовали 18 директоров школ."]


@pytest.fixture(params=BACKENDS)
def scan_server(request, tmp_path):
    browser_available()
    if not ocr.available():
        pytest.skip("tesseract not installed (make installs it)")
    (tmp_path / "in").mkdir()
    scan = tmp_path / "in" / "scan.png"
    scan.write_bytes(encode([page_image(LINES, dpi=200)], "PNG", dpi=200))
    with registry_url(request, tmp_path, "reestr_browser_scan") as db_url:
        run("ingest", str(tmp_path / "in"), "--db", db_url, "--no-progress")
        run("users", "add", "librarian", "--db", db_url, "--password-stdin",
            stdin="correct horse battery\n")
        with serving(db_url) as url:
            yield url, scan


def test_review_browser_scan_page_shown_beside_recognised_text(scan_server, browser) -> None:
    from playwright.sync_api import expect

    url, scan = scan_server
    page, errors = librarian(browser, url)
    page.click("a.doc-link")
    expect(page.locator("#doc-text")).to_contain_text("директоров")
    image = page.locator("#scan-pane img").first
    expect(image).to_be_visible()
    page.wait_for_function("() => { const i = document.querySelector('#scan-pane img');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=30_000)
    pane, text = page.locator("#scan-pane").bounding_box(), page.locator("#doc-text").bounding_box()
    assert abs(pane["y"] - text["y"]) < 200 and pane["x"] + pane["width"] <= text["x"] + 1
    assert errors == []

    scan.unlink()
    page.reload()
    expect(page.locator("#scan-problem")).to_contain_text("не найден")
    expect(page.locator("#scan-pane img")).to_have_count(0)
    expect(page.locator("#doc-text")).to_contain_text("директоров")
    page.context.close()
