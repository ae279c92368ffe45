"""End to end in a real browser: headless Chromium (Debian's package) driven by
Playwright. A temporary registry is filled by ingesting one small invented
protocol with the real pipeline; ``reestr review`` serves it on 127.0.0.1.
The librarian logs in, opens the queue and the document, accepts a person
(the cursor moves on to the next value to check), edits a surname, rejects a
date, adds a missed school by selecting its text and an organisation with the
keyboard only, validates the document, reloads and finds every change stored
and audited; the browser console stays free of errors.

Without /usr/bin/chromium the test is skipped locally and FAILS when CI=true."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ROOT = Path(__file__).resolve().parent.parent
REESTR = Path(sys.executable).parent / "reestr"
USER, PASSWORD = "librarian", "correct horse battery"
TEXT = ("Протокол заседания методического совета Энской области\n\n"
        "г. Энск, 17 февраля 2025 года\n\n"
        "Председательствовал: Васильева Марина Андреевна, заместитель министра образования "
        "Энской области.\n\n"
        "Слушали: Григорьев Павел Сергеевич, директор МБОУ «Средняя общеобразовательная школа № 8», "
        "рассказал о работе с учителями. Опыт коллег из Центра образования «Перспектива» "
        "признан полезным.\n\n"
        "В заседании участвовали 27 педагогов.\n\n"
        "Решили: подготовить отчёт до 30 марта 2025 года.\n")
NEWS = ("Семинар для кураторов школ Энского района прошёл 3 марта 2025 года. "
        "В нём приняли участие 40 педагогов.\n")
MISSED_SCHOOL = "Центра образования «Перспектива»"
NEW_SURNAME = "Григорьев-Орлов"


def browser_available() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} not found (make installs Debian's chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed (pip install -e '.[test]')"
    if problem and os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run on CI: {problem}")
    if problem:
        pytest.skip(problem)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([str(REESTR), *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    import urllib.request
    from urllib.error import URLError

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            urllib.request.urlopen(url + "/login", timeout=2).close()
            return
        except (URLError, ConnectionError):
            time.sleep(0.3)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    browser_available()
    tmp = tmp_path_factory.mktemp("review-e2e")
    (tmp / "in").mkdir()
    (tmp / "in" / "protocol.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "in" / "news.txt").write_text(NEWS, encoding="utf-8")
    db_url = f"sqlite:///{tmp / 'registry.sqlite'}"
    run("ingest", str(tmp / "in"), "--db", db_url, "--no-progress")
    run("users", "add", USER, "--db", db_url, "--password-stdin", stdin=PASSWORD + "\n")
    port = free_port()
    process = subprocess.Popen([str(REESTR), "review", "--db", db_url, "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process)
        yield url, db_url, tmp
    finally:
        process.terminate()
        process.wait(timeout=10)


def select_text(page, fragment: str) -> None:
    """Drag the mouse over ``fragment`` in the document text, like a person would."""
    box = page.evaluate("""(fragment) => {
        const root = document.getElementById('doc-text');
        const full = root.textContent;
        const start = full.indexOf(fragment), stop = start + fragment.length;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0, node, points = {};
        while ((node = walker.nextNode())) {
            const len = node.data.length;
            if (points.start === undefined && start < seen + len) points.start = [node, start - seen];
            if (points.stop === undefined && stop <= seen + len) points.stop = [node, stop - seen];
            seen += len;
        }
        const rect = (n, o) => { const r = document.createRange(); r.setStart(n, o); r.setEnd(n, o + 1);
                                 return r.getBoundingClientRect(); };
        points.start[0].parentElement.scrollIntoView({block: 'center'});
        const a = rect(points.start[0], points.start[1]);
        const b = rect(points.stop[0], points.stop[1] - 1);
        return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
    }""", fragment)
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


def field(page, record_text: str, label: str):
    record = page.locator(".record", has_text=record_text).first
    return record.locator(".field", has=page.locator(".label", has_text=label)).first


def test_review_browser_librarian_session(server, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, db_url, tmp = server
    artefacts = ROOT / "out" / "review-e2e"
    artefacts.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(url + "/queue")
        expect(page).to_have_url(url + "/login")
        page.fill("input[name=name]", USER)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Очередь документов")
        expect(page.locator("table.queue")).to_contain_text("протокол")
        expect(page.locator("a.doc-link")).to_have_count(2)
        page.click("a.doc-link >> text=protocol.txt")
        expect(page.locator("#doc-text")).to_contain_text("Васильева Марина Андреевна")
        expect(page.locator("mark.k-people").first).to_be_visible()
        protocol_url = page.url

        # a record's button shows its span in the text, a span leads back to its record
        page.locator(".record", has_text="Васильева").first.locator(".goto").click()
        expect(page.locator("mark.flash-span", has_text="Васильева")).to_have_count(1)
        page.locator("mark.hl", has_text="17 февраля").first.click()
        expect(page.locator(".record.flash-record")).to_have_count(1)

        # j / k move between fields
        page.locator(".field").first.locator(".label").click()
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.keyboard.press("k")
        expect(page.locator(".field.current")).to_have_id(page.locator(".field").nth(1).get_attribute("id"))

        # n opens the next document to check, and back
        page.keyboard.press("n")
        expect(page.locator("#doc-text")).to_contain_text("Семинар для кураторов")
        page.goto(protocol_url)
        page.screenshot(path=str(tmp_path / "document-before.png"), full_page=True)
        page.screenshot(path=str(artefacts / "document-before.png"), full_page=True)

        # accept a person (keyboard: pick the field, press a)
        field(page, "Васильева", "Фамилия").locator(".label").click()
        page.keyboard.press("a")
        expect(field(page, "Васильева", "Фамилия").locator(".state")).to_have_text("принято")
        # ... and the cursor moved on to the next value still to check
        expect(page.locator(".field.current .label")).to_have_text("Инициалы")

        # edit a surname (e, type, Enter)
        field(page, "Григорьев", "Фамилия").locator(".label").click()
        page.keyboard.press("e")
        editor = field(page, "Григорьев", "Фамилия").locator(".edit input")
        editor.fill(NEW_SURNAME)
        editor.press("Enter")
        expect(field(page, NEW_SURNAME, "Фамилия").locator(".state")).to_have_text("исправлено")

        # reject a wrong date (the deadline read as a meeting date, say)
        field(page, "30 марта 2025 г.", "Значение").locator(".label").click()
        page.keyboard.press("r")
        expect(page.locator(".record.k-dates.rejected")).to_have_count(1)

        # add the missed school by selecting its text
        select_text(page, MISSED_SCHOOL)
        panel = page.locator("#add-panel")
        expect(panel).to_be_visible()
        expect(panel.locator(".selected-text")).to_have_text(MISSED_SCHOOL)
        panel.locator("select[name=table]").select_option("schools")
        panel.locator("button[type=submit]").click()
        expect(page.locator(".record.k-schools", has_text=MISSED_SCHOOL)).to_have_count(1)

        # ... and without the mouse: "+" asks for the fragment, Enter adds it
        organizations = page.locator(".record.k-organizations").count()
        page.locator("body").press("+")
        panel.locator("input[name=fragment]").fill("методического совета")
        panel.locator("select[name=table]").select_option("organizations")
        panel.locator("input[name=fragment]").press("Enter")
        expect(page.locator(".record.k-organizations")).to_have_count(organizations + 1)
        page.screenshot(path=str(artefacts / "document-reviewed.png"), full_page=True)

        # validate: on to the next document still to check
        page.click("#validate-button")
        expect(page.locator("#doc-text")).to_contain_text("Семинар для кураторов")
        page.goto(url + "/queue?status=validated")
        expect(page.locator("a.doc-link")).to_have_count(1)

        # reload the document: every change persisted and in the journal
        page.click("a.doc-link")
        page.reload()
        expect(page.locator("#doc-status")).to_have_text("проверен")
        expect(field(page, "Васильева", "Фамилия").locator(".state")).to_have_text("принято")
        expect(field(page, NEW_SURNAME, "Фамилия").locator(".value")).to_have_text(NEW_SURNAME)
        expect(page.locator(".record.k-dates.rejected")).to_contain_text("30 марта 2025 г.")
        expect(page.locator(".record.k-schools", has_text=MISSED_SCHOOL)).to_have_count(1)
        journal = page.locator(".audit table")
        for action in ("принято", "исправлено", "отклонено", "добавлено", "документ проверен"):
            expect(journal).to_contain_text(action)
        page.screenshot(path=str(tmp_path / "document-after.png"), full_page=True)
        page.screenshot(path=str(artefacts / "document-after.png"), full_page=True)

        # usable at 1024 px: nothing wider than the window on any page
        page.set_viewport_size({"width": 1024, "height": 768})
        for path in (protocol_url, url + "/queue", url + "/overview"):
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1024, path
        page.goto(protocol_url)
        page.screenshot(path=str(artefacts / "document-1024.png"), full_page=True)
        browser.close()
    assert errors == []
    assert_stored(db_url)


def assert_stored(db_url: str) -> None:
    from registry.db import connect
    from registry.models import Validation
    from registry.review_models import ReviewAudit

    with Session(connect(db_url)) as session:
        actions = [a.action for a in session.scalars(select(ReviewAudit).order_by(ReviewAudit.id))]
        surnames = set(session.scalars(select(Validation.value_json).where(
            Validation.record_table == "people", Validation.field == "surname")))
    # validating accepts every value still untouched, each with its own audit row
    assert actions[:5] == ["accept", "edit", "reject", "add", "add"] and actions[-1] == "validate"
    assert set(actions[5:-1]) == {"accept"}
    assert surnames == {"Васильева", NEW_SURNAME}
