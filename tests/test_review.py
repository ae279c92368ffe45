"""The review web app's routes on a temporary SQLite registry: login, CSRF,
POST-only changes, escaping, audit rows, validations that survive reprocess,
adding a missed value, validating a document, the overview charts."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import Document, PersonRow, Validation
from registry.reprocess import reprocess
from registry.review_models import ReviewAudit, ReviewDocument
from review_support import client, engine, template  # noqa: F401  (fixtures)
from review_support import (DOC_ID, PASSWORD, SOURCE, USER, field_version,
                            login, record)
from fastapi.testclient import TestClient
from review.app import create_app

DOC = f"/documents/{DOC_ID}"
PERSON_KEY = f"@{SOURCE.index('Смирнова')}"
PETROV_KEY = f"@{SOURCE.index('Петров')}"
DATE_KEY = f"@{SOURCE.index('1 апреля')}"
JSON = {"Accept": "application/json"}


class FakeExtractor:
    """What the pipeline would find again in SOURCE (here: a wrong surname)."""

    def __init__(self, surname: str) -> None:
        self.surname = surname

    def extract_text(self, text: str, **_: object):
        assert text == SOURCE
        return record(surname=self.surname)


def audit_rows(engine) -> list[ReviewAudit]:
    with Session(engine) as session:
        return list(session.scalars(select(ReviewAudit).order_by(ReviewAudit.id)))


def change(client, csrf, **data):
    """A change made from the page as it is now (with the field's version)."""
    page = client.get(DOC).text
    version = field_version(page, f"f-{data['table']}-{data['key']}-{data['field']}")
    return client.post(f"{DOC}/change", data={"version": version, **data},
                       headers={"X-CSRF-Token": csrf, **JSON})


@pytest.mark.parametrize("path", ["/queue", DOC, "/overview"])
def test_review_pages_require_login(engine, path) -> None:
    anonymous = TestClient(create_app(engine, sync_interval=0))
    response = anonymous.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_review_wrong_password_is_refused(engine) -> None:
    anonymous = TestClient(create_app(engine, sync_interval=0))
    response = login(anonymous, USER, PASSWORD + "x")
    assert response.status_code == 401 and "Неверное имя пользователя или пароль" in response.text
    assert "reestr_session" not in response.cookies


def test_review_session_cookie_is_httponly_and_samesite_lax(engine) -> None:
    anonymous = TestClient(create_app(engine, sync_interval=0))
    cookie = login(anonymous).headers["set-cookie"]
    assert "reestr_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()


def test_review_login_without_csrf_is_rejected(engine) -> None:
    anonymous = TestClient(create_app(engine, sync_interval=0))
    response = anonymous.post("/login", data={"name": USER, "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_review_change_without_valid_csrf_is_rejected(client, engine, token) -> None:
    http, _csrf = client
    headers = {"X-CSRF-Token": token} if token else {}
    response = http.post(f"{DOC}/change", data={"action": "accept", "table": "people",
                                                "key": PERSON_KEY, "field": "surname"},
                         headers={**headers, **JSON})
    assert response.status_code == 403 and audit_rows(engine) == []


def test_review_changes_only_through_post(client) -> None:
    http, _csrf = client
    response = http.get(f"{DOC}/change", params={"action": "reject", "table": "people",
                                                 "key": PERSON_KEY, "field": "surname"})
    assert response.status_code == 405


def test_review_document_text_is_escaped(client) -> None:
    http, _csrf = client
    page = http.get(DOC).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_review_document_highlights_spans_by_field_type(client) -> None:
    http, _csrf = client
    page = http.get(DOC).text
    assert re.search(r'<mark class="hl k-people[^"]*"[^>]*>Смирнова Ольга Викторовна</mark>', page)
    assert re.search(r'<mark class="hl k-dates[^"]*"[^>]*>14 марта 2025 года</mark>', page)
    assert re.search(r'<mark class="hl k-counts[^"]*"[^>]*>35 руководителей</mark>', page)


def test_review_document_page_speaks_russian_dates(client) -> None:
    http, _csrf = client
    page = http.get(DOC).text
    assert "14 марта 2025 г." in page and "Документ проверен" in page


def test_review_edit_writes_audit_validation_and_tables(client, engine) -> None:
    http, csrf = client
    response = change(http, csrf, action="edit", table="people", key=PERSON_KEY, field="surname",
                      value="Смирнова-Лебедева")
    assert response.status_code == 200, response.text
    [row] = audit_rows(engine)
    assert (row.user_name, row.action, row.record_table, row.record_key, row.field, row.old_json,
            row.new_json) == (USER, "edit", "people", PERSON_KEY, "surname", "Смирнова",
                              "Смирнова-Лебедева")
    assert row.at is not None
    with Session(engine) as session:
        validation = session.scalars(select(Validation)).one()
        surnames = set(session.scalars(select(PersonRow.surname)))
        status = session.get(ReviewDocument, DOC_ID).status
    assert (validation.field, validation.value_json, validation.validated_by) == ("surname", "Смирнова-Лебедева", USER)
    assert "Смирнова-Лебедева" in surnames and status == "in_review"


def test_review_edited_value_survives_reprocess(client, engine) -> None:
    http, csrf = client
    change(http, csrf, action="edit", table="people", key=PERSON_KEY, field="surname", value="Смирнова-Лебедева")
    reprocess(engine, FakeExtractor("Смирнов"), [DOC_ID])
    with Session(engine) as session:
        surnames = set(session.scalars(select(PersonRow.surname)))
    assert "Смирнова-Лебедева" in surnames and "Смирнов" not in surnames
    assert "Смирнова-Лебедева" in http.get(DOC).text


def test_review_rejected_date_stays_rejected_after_reprocess(client, engine) -> None:
    http, csrf = client
    assert change(http, csrf, action="reject", table="dates", key=DATE_KEY, field="value").status_code == 200
    reprocess(engine, FakeExtractor("Смирнова"), [DOC_ID])
    with Session(engine) as session:
        doc = session.get(Document, DOC_ID)
    rejected = [d for d in doc.record_json["dates"] if d.get("_rejected")]
    assert [d["value"] for d in rejected] == ["2025-01-04"] and doc.conflicts == 0


def test_review_rejecting_an_optional_field_empties_it(client, engine) -> None:
    http, csrf = client
    change(http, csrf, action="reject", table="people", key=PETROV_KEY, field="position")
    with Session(engine) as session:
        positions = dict(session.execute(select(PersonRow.surname, PersonRow.position)).all())
        validation = session.scalars(select(Validation)).one()
    assert positions["Петров"] is None and validation.value_json is None


@pytest.mark.parametrize("field, value, message", [
    ("value", "тридцать пятое", "Дата не распознана"),
    ("role", "вчера", "Выберите одно из значений"),
])
def test_review_bad_edit_is_refused_in_russian(client, engine, field, value, message) -> None:
    http, csrf = client
    response = change(http, csrf, action="edit", table="dates", key=DATE_KEY, field=field, value=value)
    assert response.status_code == 400 and message in response.json()["error"]
    assert audit_rows(engine) == []


def test_review_edit_accepts_russian_date_form(client, engine) -> None:
    http, csrf = client
    change(http, csrf, action="edit", table="dates", key=DATE_KEY, field="value", value="1 апреля 2025 г.")
    assert audit_rows(engine)[0].new_json == "2025-04-01"


def test_review_add_missed_school_from_selection(client, engine) -> None:
    http, csrf = client
    start = SOURCE.index("Лицея № 3")
    response = http.post(f"{DOC}/add", data={"table": "schools", "start": start, "stop": start + 9,
                                             "text": "Лицея № 3"}, headers={"X-CSRF-Token": csrf, **JSON})
    assert response.status_code == 200, response.text
    with Session(engine) as session:
        school = session.get(Document, DOC_ID).record_json["schools"][0]
        fields = set(session.scalars(select(Validation.field).where(Validation.record_table == "schools")))
    assert (school["mention"], school["type"], school["number"]) == ("Лицея № 3", "лицей", "3")
    assert school["spans"][0]["start"] == start and fields == {"mention", "type", "number"}
    assert audit_rows(engine)[0].action == "add"


def test_review_add_refuses_text_that_is_not_the_slice(client, engine) -> None:
    http, csrf = client
    start = SOURCE.index("Лицея № 3")
    response = http.post(f"{DOC}/add", data={"table": "schools", "start": start, "stop": start + 9,
                                             "text": "Лицея № 4"}, headers={"X-CSRF-Token": csrf, **JSON})
    assert response.status_code == 400 and audit_rows(engine) == []


def test_review_validate_marks_document_and_accepts_the_rest(client, engine) -> None:
    http, csrf = client
    version = re.search(r'name="version" value="([^"]+)"', http.get(DOC).text).group(1)
    response = http.post(f"{DOC}/validate", data={"csrf_token": csrf, "version": version},
                         follow_redirects=False)
    assert response.status_code == 303
    with Session(engine) as session:
        row = session.get(ReviewDocument, DOC_ID)
        validations = session.scalar(select(func.count()).select_from(Validation))
    assert (row.status, row.validated_by) == ("validated", USER) and validations > 5
    assert audit_rows(engine)[-1].action == "validate"
    assert "проверен" in http.get(DOC).text


def test_review_logout_ends_the_session(client) -> None:
    http, csrf = client
    http.post("/logout", data={"csrf_token": csrf})
    assert http.get("/queue", follow_redirects=False).status_code == 303


def test_review_overview_draws_svg_charts(client, tmp_path, engine) -> None:
    http, _csrf = client
    page = http.get("/overview").text
    assert page.count("<svg") >= 5 and "Энская область" in page and "на проверке" in page


def test_review_document_id_must_be_a_database_id(client) -> None:
    http, _csrf = client
    assert http.get("/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert http.get("/documents/" + "b" * 64).status_code == 404


def test_review_accepting_a_rejected_record_restores_it(client, engine) -> None:
    http, csrf = client
    change(http, csrf, action="reject", table="dates", key=DATE_KEY, field="value")
    change(http, csrf, action="reject", table="dates", key=DATE_KEY, field="role")  # still rejected
    with Session(engine) as session:
        assert session.get(Document, DOC_ID).record_json["dates"][1].get("_rejected") is True
    change(http, csrf, action="accept", table="dates", key=DATE_KEY, field="value")
    with Session(engine) as session:
        date = session.get(Document, DOC_ID).record_json["dates"][1]
        marks = session.scalars(select(Validation).where(Validation.field == "_rejected")).all()
    assert "_rejected" not in date and marks == []


def test_review_edited_markup_is_shown_as_text(client, engine) -> None:
    http, csrf = client
    evil = '<img src=x onerror="alert(1)">'
    assert change(http, csrf, action="edit", table="people", key=PETROV_KEY, field="position",
                  value=evil).status_code == 200
    page = http.get(DOC).text
    assert evil not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
