"""What «Документ проверен» means once a team edits: an edit after validation
puts the document back in review and shows what changed; validating says how
many untouched values it accepts and writes each of them to the audit trail;
a rejected record is not edited (silently restored) by accident; a stale
validation or edit is refused with 409."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Document
from registry.review_models import ReviewAudit, ReviewDocument
from review_support import client, engine, template  # noqa: F401  (fixtures)
from review_support import (DOC_ID, SOURCE, USER, field_version, logged_in,
                            make_registry)

DOC = f"/documents/{DOC_ID}"
PERSON_KEY = f"@{SOURCE.index('Смирнова')}"
DATE_KEY = f"@{SOURCE.index('1 апреля')}"
JSON = {"Accept": "application/json"}


def change(client, csrf, table, key, field, action="edit", value=None):
    version = field_version(client.get(DOC).text, f"f-{table}-{key}-{field}")
    data = {"action": action, "table": table, "key": key, "field": field, "version": version}
    if value is not None:
        data["value"] = value
    return client.post(f"{DOC}/change", data=data, headers={"X-CSRF-Token": csrf, **JSON})


def doc_version(client) -> str:
    return re.search(r'name="version" value="([^"]+)"', client.get(DOC).text).group(1)


def validate(client, csrf, version=None):
    return client.post(f"{DOC}/validate", headers={"X-CSRF-Token": csrf, **JSON},
                       data={"version": version or doc_version(client)})


def test_review_edit_after_validation_puts_document_back_in_review(engine) -> None:
    client, csrf = logged_in(engine)
    assert validate(client, csrf).status_code == 200
    assert change(client, csrf, "people", PERSON_KEY, "surname", value="Смирнова-Лебедева").status_code == 200
    with Session(engine) as session:
        status = session.get(ReviewDocument, DOC_ID).status
    page = client.get(DOC).text
    notice = re.search(r'id="after-validation".*?</div>', page, re.S).group(0)
    assert status == "in_review"
    assert f"Документ проверил {USER}" in notice and "«Смирнова» → «Смирнова-Лебедева»" in notice


def test_review_validate_button_says_how_many_values_it_accepts(engine) -> None:
    client, _csrf = logged_in(engine)
    pending = int(re.search(r'id="pending-count">(\d+)<', client.get(DOC).text).group(1))
    button = re.search(r'id="validate-button"[^>]*>([^<]+)<', client.get(DOC).text).group(1)
    assert pending > 5 and f"принять ещё {pending} значени" in button


def test_review_validate_writes_each_accepted_value_to_the_audit(engine) -> None:
    client, csrf = logged_in(engine)
    pending = int(re.search(r'id="pending-count">(\d+)<', client.get(DOC).text).group(1))
    assert validate(client, csrf).status_code == 200
    with Session(engine) as session:
        actions = list(session.scalars(select(ReviewAudit.action).order_by(ReviewAudit.id)))
    assert actions == ["accept"] * pending + ["validate"]


def test_review_validate_against_an_older_page_is_409(engine) -> None:
    client, csrf = logged_in(engine)
    seen = doc_version(client)
    assert change(client, csrf, "people", PERSON_KEY, "surname", value="Смирнова-Лебедева").status_code == 200
    response = validate(client, csrf, seen)
    with Session(engine) as session:
        status = session.get(ReviewDocument, DOC_ID).status
    assert response.status_code == 409 and "изменился" in response.json()["error"]
    assert status == "in_review"


def test_review_edit_of_a_rejected_record_is_refused(engine) -> None:
    client, csrf = logged_in(engine)
    assert change(client, csrf, "dates", DATE_KEY, "value", action="reject").status_code == 200
    response = change(client, csrf, "dates", DATE_KEY, "role", value="date")
    with Session(engine) as session:
        date = session.get(Document, DOC_ID).record_json["dates"][1]
    assert response.status_code == 400 and "Запись отклонена" in response.json()["error"]
    assert date["_rejected"] is True and date["role"] == "deadline"


def test_review_edit_without_version_is_409(engine) -> None:
    client, csrf = logged_in(engine)
    response = client.post(f"{DOC}/change", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "action": "edit", "table": "people", "key": PERSON_KEY, "field": "surname", "value": "Иванова"})
    assert response.status_code == 409 and response.json()["current"] == "Смирнова"


def accept_all(client, csrf, **data):
    return client.post(f"{DOC}/accept", headers={"X-CSRF-Token": csrf, **JSON},
                       data={"version": doc_version(client), **data})


def test_review_accept_record_accepts_only_its_untouched_values(engine) -> None:
    client, csrf = logged_in(engine)
    response = accept_all(client, csrf, table="people", key=PERSON_KEY)
    with Session(engine) as session:
        rows = list(session.execute(select(ReviewAudit.action, ReviewAudit.record_key)))
    assert response.status_code == 200 and response.json()["accepted"] == len(rows) == 5
    assert {r for r in rows} == {("accept", PERSON_KEY)}


def test_review_accept_section_accepts_every_record_of_the_table(engine) -> None:
    client, csrf = logged_in(engine)
    assert change(client, csrf, "dates", DATE_KEY, "value", action="reject").status_code == 200
    response = accept_all(client, csrf, table="dates")
    with Session(engine) as session:
        accepted = set(session.execute(select(ReviewAudit.record_key, ReviewAudit.field)
                                       .where(ReviewAudit.action == "accept")))
    assert response.status_code == 200
    assert accepted == {(f"@{SOURCE.index('14 марта 2025')}", "value"),
                        (f"@{SOURCE.index('14 марта 2025')}", "role")}  # not the rejected date
