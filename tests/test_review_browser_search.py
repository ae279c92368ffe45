"""Phrase search in a real browser (tests/browser_support.py), on SQLite and on
a real PostgreSQL server: two small invented documents are ingested with the
real pipeline, ``reestr review`` serves them, and a librarian types a phrase
in another inflection into the queue's search box. The document holding the
phrase is listed with a snippet marking where it is; the one holding the same
words apart is not; the browser console stays free of errors."""
from __future__ import annotations

import pytest

from browser_support import (BACKENDS, browser, browser_available, librarian,  # noqa: F401
                             registry_url, run, serving)
from conftest_pg import pg_url  # noqa: F401  (the session fixture)

MEETING = ("Протокол совещания руководителей образовательных организаций Энского района\n\n"
           "15 апреля 2025 года на совещании директоров школ Энского района выступил "
           "Зардунов Игорь Петрович, начальник отдела образования.\n\n"
           "Решили: провести семинар для учителей до 20 мая 2025 года.\n")
APART = ("Информация о семинаре для кураторов Энского района\n\n"
         "Директоров школ пригласили на семинар 3 марта 2025 года, а совещание перенесли "
         "на апрель. В семинаре приняли участие 18 педагогов.\n")


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    browser_available()
    tmp = tmp_path_factory.mktemp(f"review-search-{request.param}")
    (tmp / "in").mkdir()
    (tmp / "in" / "meeting.txt").write_text(MEETING, encoding="utf-8")
    (tmp / "in" / "seminar.txt").write_text(APART, encoding="utf-8")
    with registry_url(request, tmp, "reestr_browser_search") as db_url:
        run("ingest", str(tmp / "in"), "--db", db_url, "--no-progress")
        run("users", "add", "librarian", "--db", db_url, "--password-stdin",
            stdin="correct horse battery\n")
        with serving(db_url) as url:
            yield url


def test_review_browser_search_finds_a_phrase_in_the_text(server, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page, errors = librarian(browser, server)
    page.fill("input[name=q]", "совещание директоров")
    page.click("form.filters button[type=submit]")
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".snippet mark")).to_have_text("совещании директоров")
    expect(page.locator("table.queue")).not_to_contain_text("seminar.txt")
    assert "q=" in page.url and errors == []
