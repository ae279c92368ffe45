"""Two reviewers per document (``create_app(reviewers_per_document=2)``, i.e.
``reestr review --reviewers-per-document 2``) on SQLite and on a real
PostgreSQL server: a document is validated only once two different
librarians have validated it, the second one's «Документ проверен» records
their own decision on every value, and the overview shows per-field
agreement (share and Cohen's kappa with its counts) from the audit trail."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry.review_models import ReviewAudit, ReviewDocument
from registry.store import write_document
from review.agreement import agreement
from review.app import create_app
from review.auth import add_user
from review_support import (DOC_ID, PASSWORD, SOURCE, USER, csrf_of, empty_registry,
                            field_version, logged_in, login, record, result)

SECOND, SECOND_PASSWORD = "cataloguer", "maple orbit lantern"
DOC = f"/documents/{DOC_ID}"
JSON = {"Accept": "application/json"}
SMIRNOVA = f"@{SOURCE.index('Смирнова')}"
DEADLINE = f"@{SOURCE.index('1 апреля')}"
# a second text far enough from the first not to be linked as its version
OTHER_TAIL = ("\nПриложение: график выездов кураторов в школы Энского района на апрель и май, "
              "список ответственных за мониторинг, форма отчёта о посещении уроков, перечень "
              "вопросов к родительскому собранию и расписание консультаций для молодых учителей "
              "математики, русского языка и физики в течение второго полугодия учебного года.")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    with Session(engine) as session, session.begin():
        write_document(session, result(record()))
        add_user(session, USER, PASSWORD)
        add_user(session, SECOND, SECOND_PASSWORD)
    return engine


def reviewer(engine, name: str = USER, password: str = PASSWORD, reviewers: int = 2):
    if name == USER:
        return logged_in(engine, reviewers_per_document=reviewers)
    client = TestClient(create_app(engine, sync_interval=0, reviewers_per_document=reviewers))
    assert login(client, name, password).status_code == 303
    return client, csrf_of(client.get("/queue").text)


def change(client, csrf, table, key, field, action="edit", value=None):
    version = field_version(client.get(DOC).text, f"f-{table}-{key}-{field}")
    data = {"action": action, "table": table, "key": key, "field": field, "version": version}
    if value is not None:
        data["value"] = value
    response = client.post(f"{DOC}/change", data=data, headers={"X-CSRF-Token": csrf, **JSON})
    assert response.status_code == 200, response.text


def validate(client, csrf, doc: str = DOC) -> dict:
    version = re.search(r'name="version" value="([^"]+)"', client.get(doc).text).group(1)
    response = client.post(f"{doc}/validate", headers={"X-CSRF-Token": csrf, **JSON},
                           data={"version": version})
    assert response.status_code == 200, response.text
    return response.json()


def status(engine) -> str:
    with Session(engine) as session:
        return session.get(ReviewDocument, DOC_ID).status


def accepted_by(engine, name: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(ReviewAudit).where(
            ReviewAudit.user_name == name, ReviewAudit.action == "accept"))


def overview_rows(client) -> dict[str, list[str]]:
    """The agreement table of the overview: field label -> the other cells."""
    page = client.get("/overview").text
    section = re.search(r'<section class="agreement".*?</section>', page, re.S)
    if section is None:
        return {}
    rows = [re.findall(r"<td>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr><td>.*?</tr>", section.group(0), re.S)]
    return {cells[0]: [c.strip() for c in cells[1:]] for cells in rows}


def test_review_agreement_one_validation_keeps_document_in_review(engine) -> None:
    first, csrf = reviewer(engine)
    validate(first, csrf)
    assert status(engine) == "in_review"
    note = re.search(r'id="reviewers-note">(.*?)</p>', first.get(DOC).text).group(1)
    assert "2 разных проверяющих" in note and USER in note


def test_review_agreement_same_reviewer_twice_is_not_two(engine) -> None:
    first, csrf = reviewer(engine)
    validate(first, csrf)
    validate(first, csrf)
    assert status(engine) == "in_review"


def test_review_agreement_second_reviewer_validates_document(engine) -> None:
    first, csrf = reviewer(engine)
    validate(first, csrf)
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD)
    validate(second, csrf2)
    with Session(engine) as session:
        row = session.get(ReviewDocument, DOC_ID)
        assert (row.status, row.validated_by) == ("validated", SECOND)


def test_review_agreement_edit_after_validation_needs_two_again(engine) -> None:
    first, csrf = reviewer(engine)
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD)
    validate(first, csrf)
    validate(second, csrf2)
    change(first, csrf, "people", SMIRNOVA, "surname", value="Смирнова-Лебедева")
    validate(first, csrf)
    assert status(engine) == "in_review"
    validate(second, csrf2)
    assert status(engine) == "validated"


def test_review_agreement_next_document_skips_own_validations(engine) -> None:
    """After validating both documents, the first reviewer is not sent back to
    the one still waiting for a second reviewer."""
    other = f"/documents/{'b' * 64}"
    with Session(engine) as session, session.begin():
        write_document(session, result(record(), doc_id="b" * 64, text=SOURCE + OTHER_TAIL))
    first, csrf = reviewer(engine)
    validate(first, csrf)
    assert validate(first, csrf, other)["next"] == "/queue"
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD)
    assert validate(second, csrf2)["next"] == other


def test_review_agreement_second_reviewer_decides_every_value(engine) -> None:
    """The first reviewer's validation accepted every value; the second one's
    button offers (and accepts) all of them again, each in the audit trail."""
    first, csrf = reviewer(engine)
    validate(first, csrf)
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD)
    offered = int(re.search(r'id="pending-count">(\d+)<', second.get(DOC).text).group(1))
    validate(second, csrf2)
    assert offered == accepted_by(engine, USER) == accepted_by(engine, SECOND) > 10


def test_review_agreement_single_reviewer_setting_validates_at_once(engine) -> None:
    first, csrf = reviewer(engine, reviewers=1)
    validate(first, csrf)
    assert status(engine) == "validated"
    assert 'id="reviewers-note"' not in first.get(DOC).text


def test_review_agreement_overview_shows_agreement_per_field(engine) -> None:
    first, csrf = reviewer(engine)
    change(first, csrf, "people", SMIRNOVA, "surname", value="Смирнова-Лебедева")
    validate(first, csrf)
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD)
    change(second, csrf2, "people", SMIRNOVA, "surname", value="Смирнова-Орлова")
    change(second, csrf2, "dates", DEADLINE, "value", action="reject")  # rejects the record
    validate(second, csrf2)
    rows = overview_rows(second)
    # Смирнова edited by both, to different values; Петров kept by both: 1 of 2, kappa 0
    assert rows["Люди: фамилия"][:4] == ["2", "1", "0.50", "0.00"]
    assert rows["Люди: фамилия"][4:] == ["оставлено 1, исправлено 1, отклонено 0"] * 2
    # the deadline's record kept by the first, rejected by the second; the other date kept by both
    assert rows["Даты: вся запись"][:3] == ["2", "1", "0.50"]
    assert rows["Даты: значение"][:3] == ["1", "1", "1.00"]


def test_review_agreement_overview_says_when_no_value_has_two_reviewers(engine) -> None:
    first, csrf = reviewer(engine)
    change(first, csrf, "people", SMIRNOVA, "surname", value="Смирнова-Лебедева")
    validate(first, csrf)
    assert overview_rows(first) == {}
    assert "ещё не решили ни одного общего значения" in first.get("/overview").text


def test_review_agreement_overview_without_the_setting_has_no_agreement(engine) -> None:
    first, csrf = reviewer(engine, reviewers=1)
    change(first, csrf, "people", SMIRNOVA, "surname", value="Смирнова-Лебедева")
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD, reviewers=1)
    change(second, csrf2, "people", SMIRNOVA, "surname", value="Смирнова-Орлова")
    assert 'id="agreement"' not in second.get("/overview").text


def test_review_agreement_overview_leaves_out_an_undone_decision(engine) -> None:
    first, csrf = reviewer(engine)
    change(first, csrf, "people", SMIRNOVA, "surname", value="Смирнова-Лебедева")
    version = re.search(r'name="version" value="([^"]+)"', first.get(DOC).text).group(1)
    assert first.post(f"{DOC}/undo", headers={"X-CSRF-Token": csrf, **JSON},
                      data={"version": version}).status_code == 200
    second, csrf2 = reviewer(engine, SECOND, SECOND_PASSWORD)
    change(second, csrf2, "people", SMIRNOVA, "surname", value="Смирнова-Орлова")
    assert overview_rows(second) == {}


def audit_row(n: int, user: str, action: str, key: str, old=None, new=None, field: str = "value",
              table: str = "counts"):
    return SimpleNamespace(id=n, document_id="d", user_name=user, action=action,
                           record_table=table, record_key=key, field=field, old_json=old,
                           new_json=new)


def by_field(rows) -> dict:
    return {f.field: f for f in agreement(rows)}


def test_review_agreement_kappa_of_textbook_table() -> None:
    """Cohen's example: 20 both kept, 5 and 10 split, 15 both rejected: p_o 0.7, p_e 0.5, kappa 0.4."""
    pairs = [("accept", "accept")] * 20 + [("accept", "reject")] * 5 + \
            [("reject", "accept")] * 10 + [("reject", "reject")] * 15
    rows = []
    for i, (one, two) in enumerate(pairs):
        rows.append(audit_row(2 * i, "anna", one, f"@{i}", 7, None if one == "reject" else 7))
        rows.append(audit_row(2 * i + 1, "boris", two, f"@{i}", 7, None if two == "reject" else 7))
    figure = by_field(rows)["value"]
    assert (figure.values, figure.agreed) == (50, 35)
    assert figure.share == pytest.approx(0.7) and figure.kappa == pytest.approx(0.4)
    assert (figure.first["kept"], figure.first["rejected"]) == (25, 25)
    assert (figure.second["kept"], figure.second["rejected"]) == (30, 20)


def test_review_agreement_undone_decision_does_not_count() -> None:
    rows = [audit_row(1, "anna", "edit", "@1", 7, 8), audit_row(2, "boris", "accept", "@1", 8, 8),
            audit_row(3, "anna", "undo", "@1", 8, {"undone": 1, "value": 7})]
    assert agreement(rows) == []


def test_review_agreement_edit_accepted_by_second_reviewer_agrees() -> None:
    rows = [audit_row(1, "anna", "edit", "@1", 7, 8), audit_row(2, "boris", "accept", "@1", 8, 8)]
    figure = by_field(rows)["value"]
    assert (figure.values, figure.agreed, figure.first["edited"], figure.second["edited"]) == (1, 1, 1, 1)
    assert figure.kappa is None  # chance agreement is certain with one category


def test_review_agreement_whole_record_only_where_records_are_rejected_whole() -> None:
    rows = [audit_row(1, "anna", "accept", "@0", "семинар", "семинар", "kind", "events"),
            audit_row(2, "boris", "accept", "@0", "семинар", "семинар", "kind", "events")]
    assert [(f.table, f.field) for f in agreement(rows)] == [("events", "kind")]
