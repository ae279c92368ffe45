"""people.referents: a title ending in a bare capitalised body noun (``… Комитета``) takes
the one full name the document gives that body as its employer."""
from __future__ import annotations

import pytest
from test_people import by_surname, nlp, records  # noqa: F401  (nlp is a fixture)

REFERENTS = [
    ("Распоряжением Комитета по образованию от 01.02.2020 утверждено положение. "
     "Контроль возложить на заместителя председателя Комитета Ломова Ю.В.",
     "Комитет по образованию"),
    ("Приказом Департамента образования Заречной области утверждено положение. "
     "Контроль возложить на заместителя директора Департамента Ломова Ю.В.",
     "Департамент образования Заречной области"),
    ("Приказом Департамента образования утверждено положение. Приказом Департамента культуры "
     "утверждён план. Контроль возложить на заместителя директора Департамента Ломова Ю.В.",
     None),
    ("Положение утверждено. Контроль возложить на заместителя председателя Комитета Ломова Ю.В.",
     None),
]


@pytest.mark.parametrize("text,organization", REFERENTS)
def test_people_referents_bare_body_takes_its_full_name(nlp, text, organization):
    """One full name resolves the bare noun; two rival names or none leave it unresolved."""
    assert by_surname(records(nlp, text))["Ломов"].organization == organization

