"""The entity pages in a real browser: headless Chromium (Debian's package)
driven by Playwright, against ``reestr review`` serving a SQLite registry of
three invented documents (tests/test_review_entities.py) linked by the real
linker. The librarian finds a person through the navigation and the search,
sees the names as written and the timeline, merges the namesake of another
region into it, splits that mention back out, and every page fits 1024 px
with no error in the browser console.

Without /usr/bin/chromium the test is skipped locally and FAILS when CI=true."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.db import connect
from registry.entities import relink
from registry.entity_models import EntityPin
from registry.models import PersonRow
from registry.store import write_document
from review.auth import add_user
from browser_support import ARGS, CHROMIUM, browser_available
from review_support import PASSWORD, USER, cli_server
from test_review_entities import DOC_A, DOC_B, DOC_C, TEXTS, result

ARTEFACTS = Path(__file__).resolve().parent.parent / "out" / "review-e2e"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    browser_available()
    db_url = f"sqlite:///{tmp_path_factory.mktemp('entities-e2e') / 'registry.sqlite'}"
    engine = connect(db_url)
    with Session(engine) as session, session.begin():
        for doc_id in TEXTS:
            write_document(session, result(doc_id))
        add_user(session, USER, PASSWORD)
    relink(engine)
    with cli_server(db_url) as url:
        yield url, engine


def entity_of(engine, doc_id: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(PersonRow.entity_id).where(PersonRow.document_id == doc_id,
                                                                PersonRow.surname == "Белогоров"))


def test_review_browser_entities_merge_and_split(server) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, engine = server
    namesake = entity_of(engine, DOC_C)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768}, locale="ru-RU")
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(url + "/login")
        page.fill("input[name=name]", USER)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")

        # the list: from the navigation, search a surname
        page.click("header nav >> text=Сущности")
        expect(page.locator("h1")).to_have_text("Школы, люди и организации")
        page.select_option("select[name=kind]", "person")
        page.fill("input[name=q]", "Белогоров")
        page.click("#entity-filters button[type=submit]")
        expect(page.locator("a.entity-link")).to_have_count(2)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1024
        page.locator("a.entity-link", has_text="Дмитрий Александрович").click()

        # the entity: names as written, a timeline of two documents, his school
        expect(page.locator("#entity-name")).to_have_text("Белогоров Дмитрий Александрович")
        expect(page.locator("#names .written")).to_have_text(["Белогоров Д.А.", "Дмитрий Александрович Белогоров"])
        expect(page.locator("#timeline li")).to_have_count(2)
        expect(page.locator("#timeline li").first).to_contain_text("10 февраля 2025 г.")
        expect(page.locator("#ties")).to_contain_text("Ольховск")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1024

        # merge the namesake of the other region, chosen among similar entities
        page.select_option("#merge-target", str(namesake))
        page.click("#merge-button")
        expect(page.locator("#entity-note")).to_contain_text("Сущности объединены")
        expect(page.locator("#timeline li")).to_have_count(3)
        expect(page.locator("#timeline li").last).to_contain_text("3 сентября 2025 г.")
        expect(page.locator("#journal")).to_contain_text("объединение")
        merged = page.url
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "entity-merged-1024.png"), full_page=True)

        # split that mention back out into an entity of its own
        page.locator("#mentions tr", has_text="методист").locator("input[type=checkbox]").check()
        page.click("#split-button")
        expect(page.locator("#entity-note")).to_contain_text("выделены в новую сущность")
        expect(page.locator("#timeline li")).to_have_count(1)
        expect(page.locator("#timeline")).to_contain_text("3 сентября 2025 г.")
        page.goto(merged.split("?")[0])
        expect(page.locator("#timeline li")).to_have_count(2)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1024
        browser.close()
    assert errors == []
    with Session(engine) as session:
        actions = sorted(session.scalars(select(EntityPin.action)))
    assert actions == ["split"] * 3 and entity_of(engine, DOC_A) == entity_of(engine, DOC_B) != entity_of(engine, DOC_C)
    assert re.fullmatch(r".*/entities/\d+", merged.split("?")[0])
