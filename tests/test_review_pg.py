"""The review app on a real PostgreSQL registry (tests/conftest_pg.py starts
one): JSONB validations incl. a rejected (null) value, audit, queue search,
overview aggregates, reprocess keeping the librarian's values."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import models as m
from registry.db import connect
from registry.reprocess import reprocess
from registry.review_models import ReviewAudit
from registry.store import write_document
from review.auth import add_user
from review_support import (DOC_ID, PASSWORD, SOURCE, USER, field_version, logged_in, record,
                            result)

PERSON_KEY = f"@{SOURCE.index('Смирнова')}"
PETROV_KEY = f"@{SOURCE.index('Петров')}"


class SameAgain:
    def extract_text(self, text: str, **_: object):
        return record(surname="Смирнов")


@pytest.fixture()
def pg(pg_url):  # noqa: F811
    engine = connect(pg_url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(m.Base.metadata.tables)} RESTART IDENTITY CASCADE"))
    with Session(engine) as session, session.begin():
        write_document(session, result(record()))
        add_user(session, USER, PASSWORD)
    return engine


def test_review_pg_changes_survive_reprocess(pg) -> None:
    client, csrf = logged_in(pg)
    headers = {"X-CSRF-Token": csrf, "Accept": "application/json"}
    doc = f"/documents/{DOC_ID}"
    for data in ({"action": "edit", "table": "people", "key": PERSON_KEY, "field": "surname",
                  "value": "Смирнова-Лебедева"},
                 {"action": "reject", "table": "people", "key": PETROV_KEY, "field": "position"}):
        version = field_version(client.get(doc).text, f"f-people-{data['key']}-{data['field']}")
        assert client.post(f"{doc}/change", data={**data, "version": version},
                           headers=headers).status_code == 200
    start = SOURCE.index("Лицея № 3")
    assert client.post(f"{doc}/add", headers=headers, data={
        "table": "schools", "start": start, "stop": start + 9, "text": "Лицея № 3"}).status_code == 200
    reprocess(pg, SameAgain(), [DOC_ID])
    with Session(pg) as session:
        people = dict(session.execute(select(m.PersonRow.surname, m.PersonRow.position)).all())
        schools = list(session.scalars(select(m.SchoolRow.mention)))
        actions = list(session.scalars(select(ReviewAudit.action).order_by(ReviewAudit.id)))
    assert people["Смирнова-Лебедева"] and people["Петров"] is None
    assert schools == ["Лицея № 3"] and actions == ["edit", "reject", "add"]
    assert f"/documents/{DOC_ID}" in client.get("/queue", params={"q": "лебедева"}).text
    assert f"/documents/{DOC_ID}" not in client.get("/queue", params={"q": "нет такого"}).text
    assert client.get("/overview").text.count("<svg") >= 5
