"""The document page speaks Russian to a person: machine codes of choice
fields (date roles, what a count counts, gender) are shown by their Russian
labels in the cards, the editor and the audit trail, which reads as who
changed which field from what to what (a rejected value included)."""
from __future__ import annotations

import re

import pytest

from review.ru import value_label
from review_support import client, engine, template  # noqa: F401  (fixtures)
from review_support import DOC_ID, SOURCE, field_version

DOC = f"/documents/{DOC_ID}"
DATE_KEY = f"@{SOURCE.index('1 апреля')}"
COUNT_KEY = f"@{SOURCE.index('35 руководителей')}"
JSON = {"Accept": "application/json"}


def change(http, csrf, table, key, field, action, value=None):
    version = field_version(http.get(DOC).text, f"f-{table}-{key}-{field}")
    data = {"action": action, "table": table, "key": key, "field": field, "version": version}
    if value is not None:
        data["value"] = value
    return http.post(f"{DOC}/change", data=data, headers={"X-CSRF-Token": csrf, **JSON})


def audit_rows(page: str) -> list[str]:
    table = re.search(r'<section class="audit">.*?</section>', page, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return [" | ".join(re.sub(r"<[^>]+>", "", cell).strip()
                       for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)) for row in rows]


def test_review_trail_cards_show_choice_values_in_russian(client) -> None:
    http, _csrf = client
    page = http.get(DOC).text
    date_card = re.search(rf'id="rec-dates-{DATE_KEY}".*?</article>', page, re.S).group(0)
    count_card = re.search(rf'id="rec-counts-{COUNT_KEY}".*?</article>', page, re.S).group(0)
    assert '<span class="value">срок</span>' in date_card and ">deadline<" not in date_card
    assert '<span class="value">директора</span>' in count_card


def test_review_trail_edit_reads_as_old_to_new_in_russian(client) -> None:
    http, csrf = client
    assert change(http, csrf, "dates", DATE_KEY, "role", "edit", "date").status_code == 200
    [row] = audit_rows(http.get(DOC).text)
    assert row.endswith("librarian | исправлено | дата | Роль | срок | дата события")


def test_review_trail_rejected_record_shows_the_rejected_value(client) -> None:
    http, csrf = client
    assert change(http, csrf, "dates", DATE_KEY, "value", "reject").status_code == 200
    [row] = audit_rows(http.get(DOC).text)
    assert row.endswith("отклонено | дата | вся запись | 4 января 2025 г. | запись отклонена")


def test_review_trail_russian_label_is_accepted_as_a_typed_choice(client) -> None:
    http, csrf = client
    assert change(http, csrf, "counts", COUNT_KEY, "what", "edit", "Учителя").status_code == 200
    assert "| Что считается | директора | учителя" in audit_rows(http.get(DOC).text)[0]


@pytest.mark.parametrize("table, field, value, label", [
    ("people", "gender", "masc", "мужской"), ("counts", "what", "municipalities", "муниципалитеты"),
    ("dates", "value", "2025-04-01", "1 апреля 2025 г."), ("people", "event_roles", ["chair"], "председатель"),
])
def test_review_trail_value_label(table, field, value, label) -> None:
    assert value_label(table, field, value) == label
