"""After an undo the page shows the field's review state in Russian: pending
again when the value had never been reviewed, accepted when it had been
validated before (review.versions.marks; the page used to show «undo»)."""
from __future__ import annotations

import re

import pytest

from review_support import client, engine, template  # noqa: F401  (fixtures)
from review_support import DOC_ID, SOURCE, field_version

DOC = f"/documents/{DOC_ID}"
FIELD = f"f-people-@{SOURCE.index('Смирнова')}-surname"
JSON = {"Accept": "application/json"}


def act(client, csrf, action, value=None):
    data = {"action": action, "table": "people", "key": FIELD.split("-")[2], "field": "surname",
            "version": field_version(client.get(DOC).text, FIELD)}
    if value is not None:
        data["value"] = value
    assert client.post(f"{DOC}/change", headers={"X-CSRF-Token": csrf, **JSON}, data=data).status_code == 200


def undo(client, csrf):
    version = re.search(r'name="version" value="([^"]+)"', client.get(DOC).text).group(1)
    assert client.post(f"{DOC}/undo", headers={"X-CSRF-Token": csrf, **JSON},
                       data={"version": version}).status_code == 200


def state(client) -> str:
    page = client.get(DOC).text
    return re.search(rf'id="{re.escape(FIELD)}".*?<span class="state">([^<]*)<', page, re.S).group(1)


def test_review_undo_state_never_reviewed_value_is_pending_again(client) -> None:
    client, csrf = client
    act(client, csrf, "edit", "Смирнова-Лебедева")
    undo(client, csrf)
    assert state(client) == "ждёт проверки"


def test_review_undo_state_validated_value_is_accepted_again(client) -> None:
    client, csrf = client
    act(client, csrf, "accept")
    act(client, csrf, "edit", "Смирнова-Лебедева")
    undo(client, csrf)
    assert state(client) == "принято"
