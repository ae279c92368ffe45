"""End to end in a real browser (tests/browser_support.py), on SQLite and on a
real PostgreSQL server: a registry is filled by ingesting two small invented
documents with the real pipeline and ``reestr review`` serves it on 127.0.0.1.

The librarian logs in, opens the queue and the document, accepts a person
(the cursor moves on to the next value to check), edits a surname, rejects a
date, adds a missed school by selecting its text and an organisation with the
keyboard only, validates the document, reloads and finds every change stored
and audited. Two librarians editing the same value: the later, stale edit is
refused and the page shows the value stored now. Undo puts a value back;
search finds a surname in another case. The browser console stays free of errors."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from browser_support import (BACKENDS, PASSWORD, ROOT, USER, browser,  # noqa: F401
                             browser_available, field, librarian, new_page, registry_url, run,
                             select_text, serving)
from conftest_pg import pg_url  # noqa: F401  (the session fixture)

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
OTHER_USER, OTHER_PASSWORD = "cataloguer", "maple orbit lantern"


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory):
    """The two documents ingested into SQLite or PostgreSQL, and two librarians."""
    browser_available()
    tmp = tmp_path_factory.mktemp(f"review-e2e-{request.param}")
    (tmp / "in").mkdir()
    (tmp / "in" / "protocol.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "in" / "news.txt").write_text(NEWS, encoding="utf-8")
    with registry_url(request, tmp, "reestr_browser") as db_url:
        run("ingest", str(tmp / "in"), "--db", db_url, "--no-progress")
        for name, password in ((USER, PASSWORD), (OTHER_USER, OTHER_PASSWORD)):
            run("users", "add", name, "--db", db_url, "--password-stdin", stdin=password + "\n")
        yield db_url


@pytest.fixture(scope="module")
def server(registry):
    with serving(registry) as url:
        yield url, registry


def open_news(page) -> None:
    from playwright.sync_api import expect

    page.click("a.doc-link >> text=news.txt")
    expect(page.locator("#doc-text")).to_contain_text("Семинар для кураторов")


def test_review_browser_librarian_session(server, browser, tmp_path) -> None:
    from playwright.sync_api import expect

    url, db_url = server
    artefacts = ROOT / "out" / "review-e2e"
    artefacts.mkdir(parents=True, exist_ok=True)
    page, errors = new_page(browser)
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
    page.context.close()
    assert errors == []
    assert_stored(db_url, protocol_url.rsplit("/", 1)[1])


def assert_stored(db_url: str, doc_id: str) -> None:
    from registry.db import connect
    from registry.models import Validation
    from registry.review_models import ReviewAudit

    engine = connect(db_url)
    with Session(engine) as session:
        actions = [a.action for a in session.scalars(select(ReviewAudit).where(
            ReviewAudit.document_id == doc_id).order_by(ReviewAudit.id))]
        surnames = set(session.scalars(select(Validation.value_json).where(
            Validation.document_id == doc_id, Validation.record_table == "people",
            Validation.field == "surname")))
    engine.dispose()
    # validating accepts every value still untouched, each with its own audit row
    assert actions[:5] == ["accept", "edit", "reject", "add", "add"] and actions[-1] == "validate"
    assert set(actions[5:-1]) == {"accept"}
    assert surnames == {"Васильева", NEW_SURNAME}


def test_review_browser_stale_edit_shows_current_value(server, browser) -> None:
    """Two librarians have the same page open; the second one's edit was made
    against the value before the first one's: 409, and the page shows the value
    stored now; the edit made again, against that value, goes through."""
    from playwright.sync_api import expect

    url, db_url = server
    first, first_errors = librarian(browser, url)
    second, second_errors = librarian(browser, url, OTHER_USER, OTHER_PASSWORD)
    for page in (first, second):
        open_news(page)

    def edit(page, value: str) -> None:
        count = field(page, "педагог", "Значение")
        count.locator(".label").click()
        page.keyboard.press("e")
        count.locator(".edit input").fill(value)
        count.locator(".edit input").press("Enter")

    edit(first, "41")
    expect(field(first, "педагог", "Значение").locator(".value")).to_have_text("41")
    edit(second, "42")
    stale = field(second, "педагог", "Значение")
    expect(second.locator("#flash")).to_contain_text("уже изменено другим пользователем")
    expect(stale).to_have_class(re.compile(r"\bstale\b"))
    expect(stale.locator(".value")).to_have_text("41")
    edit(second, "42")  # now made against 41
    expect(field(second, "педагог", "Значение").locator(".value")).to_have_text("42")
    expect(field(second, "педагог", "Значение").locator(".state")).to_have_text("исправлено")
    for page in (first, second):
        page.context.close()
    # the 409 was shown as a message, not as a console error
    assert first_errors == [] and [e for e in second_errors if "409" not in e] == []
    assert count_edits(db_url) == [(USER, 40, 41), (OTHER_USER, 41, 42)]


def count_edits(db_url: str) -> list[tuple[str, object, object]]:
    from registry.db import connect
    from registry.review_models import ReviewAudit

    engine = connect(db_url)
    with Session(engine) as session:
        rows = session.execute(select(ReviewAudit.user_name, ReviewAudit.old_json, ReviewAudit.new_json)
                               .where(ReviewAudit.record_table == "counts", ReviewAudit.action == "edit",
                                      ReviewAudit.field == "value").order_by(ReviewAudit.id)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_review_browser_undo_restores_value(server, browser) -> None:
    from playwright.sync_api import expect

    url, _db_url = server
    page, errors = librarian(browser, url)
    open_news(page)
    date = page.locator(".record.k-dates .field", has=page.locator(".label", has_text="Значение"))
    expect(date.locator(".value")).to_have_text("3 марта 2025 г.")
    date.locator(".label").click()
    page.keyboard.press("e")
    date.locator(".edit input").fill("04.03.2025")
    date.locator(".edit input").press("Enter")
    expect(date.locator(".value")).to_have_text("4 марта 2025 г.")
    expect(date.locator(".state")).to_have_text("исправлено")
    page.locator("body").press("u")
    expect(date.locator(".value")).to_have_text("3 марта 2025 г.")
    expect(date.locator(".state")).to_have_text("ждёт проверки")
    expect(page.locator(".audit table tbody tr").first).to_contain_text("отменено")
    page.context.close()
    assert errors == []


def test_review_browser_search_finds_other_case(server, browser) -> None:
    from playwright.sync_api import expect

    url, _db_url = server
    page, errors = librarian(browser, url)
    page.fill("input[name=q]", "Васильевой")
    page.locator("select[name=field]").select_option("surname")
    page.click("form.filters button[type=submit]")
    expect(page.locator("a.doc-link")).to_have_count(1)
    expect(page.locator("table.queue")).to_contain_text("protocol.txt")
    page.fill("input[name=q]", "кураторам")
    page.locator("select[name=field]").select_option("")
    page.click("form.filters button[type=submit]")
    expect(page.locator("a.doc-link")).to_have_count(1)
    expect(page.locator("table.queue")).to_contain_text("news.txt")
    page.context.close()
    assert errors == []


def validate(page) -> None:
    """Press «Документ проверен» and wait for the server's answer and the next page."""
    here = page.url
    with page.expect_response(lambda r: r.url.endswith("/validate")) as answer:
        page.click("#validate-button")
    assert answer.value.status == 200
    page.wait_for_url(lambda address: address != here)  # the page moves on by itself: let it arrive
    page.wait_for_load_state()


def test_review_browser_two_reviewers_agreement(server, browser) -> None:
    """``--reviewers-per-document 2`` on the same registry: one librarian's
    «Документ проверен» leaves the news in review, the second one's validates
    it, and the overview shows the two reviewers' agreement per field."""
    from playwright.sync_api import expect

    _url, db_url = server
    with serving(db_url, "--reviewers-per-document", "2") as url:
        first, first_errors = librarian(browser, url)
        open_news(first)
        validate(first)
        first.goto(url + "/queue")
        open_news(first)
        expect(first.locator("#doc-status")).to_have_text("на проверке")
        expect(first.locator("#reviewers-note")).to_contain_text(USER)
        second, second_errors = librarian(browser, url, OTHER_USER, OTHER_PASSWORD)
        open_news(second)
        validate(second)
        second.goto(url + "/queue?status=validated")
        expect(second.locator("table.queue")).to_contain_text("news.txt")
        second.goto(url + "/overview")
        # both kept the news' date as read: one value, one agreement
        dates = second.locator("#agreement tr", has=second.locator("td", has_text="Даты: значение"))
        expect(dates.locator("td").nth(1)).to_have_text("1")
        expect(dates.locator("td").nth(2)).to_have_text("1")
        second.set_viewport_size({"width": 1024, "height": 768})
        assert second.evaluate("document.documentElement.scrollWidth") <= 1024
        second.locator("#agreement").screenshot(path=str(ROOT / "out" / "review-e2e" / "agreement.png"))
        for page in (first, second):
            page.context.close()
    assert first_errors == [] and second_errors == []
