"""End to end in headless Chromium: a scan ingested with the real pipeline (OCR
by Tesseract) opens with its page image beside the recognised text, the image
really loads under the page's security headers, and once the file is gone the
page says so in Russian instead of failing.

Skipped without Chromium or Tesseract locally; FAILS on CI (CI=true) without Chromium."""
from __future__ import annotations

import subprocess

import pytest

from fixtures_scan import encode, page_image
from ingest.formats import ocr
from test_review_browser import (ARGS, CHROMIUM, PASSWORD, REESTR, ROOT, USER, browser_available,
                                 free_port, run, wait_for)

LINES = ["Протокол совещания руководителей школ", "Энской области от 12 марта 2025 года",
         "Присутствовали 18 директоров школ."]


@pytest.fixture()
def scan_server(tmp_path):
    browser_available()
    if not ocr.available():
        pytest.skip("tesseract not installed (make installs it)")
    (tmp_path / "in").mkdir()
    scan = tmp_path / "in" / "scan.png"
    scan.write_bytes(encode([page_image(LINES, dpi=200)], "PNG", dpi=200))
    db_url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    run("ingest", str(tmp_path / "in"), "--db", db_url, "--no-progress")
    run("users", "add", USER, "--db", db_url, "--password-stdin", stdin=PASSWORD + "\n")
    port = free_port()
    process = subprocess.Popen([str(REESTR), "review", "--db", db_url, "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process)
        yield url, scan
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_review_browser_scan_page_shown_beside_recognised_text(scan_server) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, scan = scan_server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(url + "/login")
        page.fill("input[name=name]", USER)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
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
        browser.close()
