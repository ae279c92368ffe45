"""Undo of a librarian's last action: the value and its review state go back
to what they were, and an undo is refused (409) once someone else changed the
same record afterwards."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Document, Validation
from registry.review_models import ReviewAudit
from review.app import create_app
from review.auth import add_user
from review_support import client, engine, template  # noqa: F401  (fixtures)
from review_support import (DOC_ID, PASSWORD, SOURCE, csrf_of, field_version,
                            logged_in, login)

DOC = f"/documents/{DOC_ID}"
PERSON_KEY = f"@{SOURCE.index('Смирнова')}"
JSON = {"Accept": "application/json"}


def edit(client, csrf, value, action="edit"):
    version = field_version(client.get(DOC).text, f"f-people-{PERSON_KEY}-surname")
    return client.post(f"{DOC}/change", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "action": action, "table": "people", "key": PERSON_KEY, "field": "surname",
        "value": value, "version": version})


def undo(client, csrf):
    version = re.search(r'name="version" value="([^"]+)"', client.get(DOC).text).group(1)
    return client.post(f"{DOC}/undo", headers={"X-CSRF-Token": csrf, **JSON}, data={"version": version})


def surname(engine) -> str:
    with Session(engine) as session:
        return session.get(Document, DOC_ID).record_json["people"][0]["surname"]


def validated(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Validation.value_json).where(Validation.field == "surname")))


def test_review_undo_edit_restores_the_value_and_leaves_it_pending(engine) -> None:
    client, csrf = logged_in(engine)
    assert edit(client, csrf, "Смирнова-Лебедева").status_code == 200
    assert undo(client, csrf).status_code == 200
    with Session(engine) as session:
        actions = list(session.scalars(select(ReviewAudit.action).order_by(ReviewAudit.id)))
    assert surname(engine) == "Смирнова" and validated(engine) == [] and actions == ["edit", "undo"]


def test_review_undo_second_edit_keeps_the_first_one_validated(engine) -> None:
    client, csrf = logged_in(engine)
    edit(client, csrf, "Смирнова-Лебедева")
    edit(client, csrf, "Лебедева")
    assert undo(client, csrf).status_code == 200
    assert surname(engine) == "Смирнова-Лебедева" and validated(engine) == ["Смирнова-Лебедева"]


def test_review_undo_after_someone_else_changed_it_is_409(engine) -> None:
    with Session(engine) as session, session.begin():
        add_user(session, "boris", PASSWORD)
    anna, anna_csrf = logged_in(engine)
    edit(anna, anna_csrf, "Смирнова-Лебедева")
    boris = TestClient(create_app(engine, sync_interval=0))
    assert login(boris, "boris", PASSWORD).status_code == 303
    boris_csrf = csrf_of(boris.get("/queue").text)
    assert edit(boris, boris_csrf, "Лебедева").status_code == 200
    response = undo(anna, anna_csrf)
    assert response.status_code == 409 and surname(engine) == "Лебедева"


def test_review_undo_with_nothing_to_undo_is_400(engine) -> None:
    client, csrf = logged_in(engine)
    response = undo(client, csrf)
    assert response.status_code == 400 and "Отменять нечего" in response.json()["error"]


def test_review_undo_add_removes_the_added_record(engine) -> None:
    client, csrf = logged_in(engine)
    start = SOURCE.index("Лицея № 3")
    assert client.post(f"{DOC}/add", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "table": "schools", "start": start, "stop": start + 9, "text": "Лицея № 3"}).status_code == 200
    assert undo(client, csrf).status_code == 200
    with Session(engine) as session:
        schools = session.get(Document, DOC_ID).record_json.get("schools")
        marks = session.scalars(select(Validation).where(Validation.record_table == "schools")).all()
    assert schools == [] and marks == []
