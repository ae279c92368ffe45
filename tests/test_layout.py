"""layout: section headers of protocols and reports, and the title of an act."""
from __future__ import annotations

import pytest

from extractors.layout import sections


def kinds(nlp, text):
    return [(m.text.split("\n")[0].strip(), m.attrs.kind) for m in sections(nlp(text))]


@pytest.mark.parametrize("text,expected", [
    ("Р Е Ш Е Н И Е\nот 12.03.2019 № 5\n", "title"),
    ("РЕШЕНИЕ\n\n30.08.2019          № 1278\n", "title"),
    ("РЕШЕНИЕ\nСовета депутатов Озёрского района\nот 5 мая 2020 года № 7\n", "title"),
    ("Решение:\nот имени совета поблагодарить педагогов.\n", "decisions"),
    ("РЕШЕНИЕ\n1. Утвердить план работы.\n", "decisions"),
    ("ИТОГИ\n12 марта 2020 года в школе прошёл конкурс.\n", "results"),
])
def test_layout_act_title_or_section(nlp, text, expected):
    assert kinds(nlp, text)[0][1] == expected


@pytest.mark.parametrize("text,header", [
    ("СЛУШАЛИ:\nИванову А.А. о ходе подготовки.\n", "СЛУШАЛИ:"),
    ("  2. РЕШИЛИ:   1. Утвердить план.\n", "  2. РЕШИЛИ:"),
    ("Р Е Ш И Л И :\nпринять к сведению.\n", "Р Е Ш И Л И :"),
])
def test_layout_body_starts_after_the_header(nlp, text, header):
    (section,) = sections(nlp(text))
    assert section.attrs.body_start == len(header)
