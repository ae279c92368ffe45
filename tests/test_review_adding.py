"""Adding what the extraction missed from a selection: a selected surname is
put into the nominative (the reading naming a person already in the document
first), and a further mention of a record already there is attached to it
instead of making a second record."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from registry.models import Document
from registry.store import write_document
from review.adding import nominative_surname
from review.auth import add_user
from registry.db import connect
from review_support import PASSWORD, USER, logged_in, record, result

TEXT = ("Протокол. Слово предоставили Петров А.С. и Смирновой О.В. "
        "Поручить Залетаеву С.Н. подготовить отчёт. Благодарность Петрову А.С. "
        "Отметить работу школы № 5 и школы № 5 повторно.")
DOC_ID = "b" * 64
JSON = {"Accept": "application/json"}


@pytest.fixture()
def client(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    base = record()  # its event and region are kept; no people, schools or other records
    base.people, base.schools, base.counts, base.dates, base.organizations = [], [], [], [], []
    with Session(engine) as session, session.begin():
        write_document(session, result(base, doc_id=DOC_ID, text=TEXT))
        add_user(session, USER, PASSWORD)
    http, csrf = logged_in(engine)
    return http, csrf, engine


def add(http, csrf, fragment, table="people", nth=0, **extra):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    return http.post(f"/documents/{DOC_ID}/add", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "table": table, "start": start, "stop": start + len(fragment), "text": fragment, **extra})


def people(engine) -> list[dict]:
    with Session(engine) as session:
        return session.get(Document, DOC_ID).record_json["people"]


@pytest.mark.parametrize("written, known, nominative", [
    ("Залетаеву", [], "Залетаева"),
    ("Петрову", [{"surname": "Петров"}], "Петров"),
    ("Смирновой", [], "Смирнова"),
    ("Петров", [], "Петров"),
])
def test_review_adding_surname_goes_into_the_nominative(written, known, nominative) -> None:
    assert nominative_surname(written, known) == nominative


def test_review_adding_selected_person_is_stored_in_the_nominative(client) -> None:
    http, csrf, engine = client
    assert add(http, csrf, "Залетаеву С.Н.").status_code == 200
    assert [(p["surname"], p["initials"]) for p in people(engine)] == [("Залетаева", "С.Н.")]


def test_review_adding_the_same_person_again_attaches_the_mention(client) -> None:
    http, csrf, engine = client
    add(http, csrf, "Петров А.С.")
    assert add(http, csrf, "Петрову А.С.").status_code == 200
    [person] = people(engine)
    assert person["surname"] == "Петров" and [s["text"] for s in person["spans"]] == [
        "Петров А.С.", "Петрову А.С."]


def test_review_adding_with_attach_joins_the_chosen_record(client) -> None:
    http, csrf, engine = client
    key = add(http, csrf, "школы № 5", table="schools").json()["focus"].removeprefix("rec-schools-")
    assert add(http, csrf, "школы № 5", table="schools", nth=1, attach=key).status_code == 200
    with Session(engine) as session:
        schools = session.get(Document, DOC_ID).record_json["schools"]
    assert len(schools) == 1 and len(schools[0]["spans"]) == 2


def version_of(http, table, key, field) -> str:
    from review_support import field_version
    return field_version(http.get(f"/documents/{DOC_ID}").text, f"f-{table}-{key}-{field}")


@pytest.mark.parametrize("field, typed, stored", [
    ("gender", "женский", "femn"),
    ("event_roles", "председатель, выступающий", ["chair", "speaker"]),
])
def test_review_adding_gender_and_roles_are_editable_in_russian(client, field, typed, stored) -> None:
    http, csrf, engine = client
    key = add(http, csrf, "Смирновой О.В.").json()["focus"].removeprefix("rec-people-")
    response = http.post(f"/documents/{DOC_ID}/change", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "action": "edit", "table": "people", "key": key, "field": field, "value": typed,
        "version": version_of(http, "people", key, field)})
    assert response.status_code == 200, response.text
    assert people(engine)[0][field] == stored


def test_review_adding_empty_roles_are_shown_but_not_pending(client) -> None:
    http, csrf, _engine = client
    key = add(http, csrf, "Смирновой О.В.").json()["focus"].removeprefix("rec-people-")
    page = http.get(f"/documents/{DOC_ID}").text
    assert f'id="f-people-{key}-event_roles"' in page
    assert 'class="field st-empty" id="f-people-' + key + '-event_roles"' in page
