"""people: the sentences and list items people reads are the text layer's, refined by
two name rules (a cut after a surname's initials, no cut inside a full name broken over
a line); a name after a supervisor word in a cue's list is not one of the list."""
from __future__ import annotations

import pytest
from test_people import by_surname, nlp, records  # noqa: F401  (nlp is a fixture)

from extractors.people.text import Geometry
from extractors.text.layer import TextLayer


def sentences(text: str) -> list[str]:
    geo = Geometry(TextLayer(text))
    found, pos = [], 0
    while pos < len(text):
        start, stop = geo.sentence(pos)
        found.append(text[start:stop].strip())
        pos = stop + 1
    return [s for s in found if s]


@pytest.mark.parametrize("text, expected", [
    ("Семинар прошёл в г. Ольховке. Выступила Лаптева А.С.",
     ["Семинар прошёл в г. Ольховке.", "Выступила Лаптева А.С."]),
    ("Конкурс в школе им. А.П. Гайдара провела Окунева Д.В. Модератором стал Шаров П.П.",
     ["Конкурс в школе им. А.П. Гайдара провела Окунева Д.В.", "Модератором стал Шаров П.П."]),
    ("Доклад подготовила учитель\nматематики Белкина О.И.",
     ["Доклад подготовила учитель\nматематики Белкина О.И."]),
    ("С итогами ознакомила Ветрова Анна\nИгоревна, методист центра.",
     ["С итогами ознакомила Ветрова Анна\nИгоревна, методист центра."]),
    ("ПРИКАЗ\nОб итогах конкурса", ["ПРИКАЗ", "Об итогах конкурса"]),
])
def test_people_geometry_sentences_are_the_layers_refined_by_names(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, pos, item", [
    ("ведущие: Лаптева А.С.; Шаров П.П.", 12, "ведущие: Лаптева А.С."),
    ("Состав жюри\tОкунева Д.В.", 0, "Состав жюри"),
    ("Доклад подготовила учитель\nматематики Белкина О.И.", 0,
     "Доклад подготовила учитель\nматематики Белкина О.И."),
])
def test_people_geometry_items_end_at_separators_and_unjoined_breaks(text, pos, item):
    start, stop = Geometry(TextLayer(text)).item(pos)
    assert text[start:stop] == item


def test_people_geometry_supervisor_in_a_cue_list_takes_no_role(nlp):
    text = ("Утвердить итоги конкурса:\n"
            "1 место – Окунева Дарина, МБОУ Гимназия, рук. Лаптева С.А.;\n"
            "2 место – Белкина Алиса, МАОУ «Лицей №3», рук. Шарова Т.В.\n")
    found = by_surname(records(nlp, text))
    assert found["Окунева"].event_roles == ["participant"]
    assert found["Белкина"].event_roles == ["participant"]
    assert found["Лаптева"].event_roles == [] and found["Шарова"].event_roles == []


@pytest.mark.parametrize("text, start, stop, expected", [
    ("Выступила Донгак Чечек. Итоги подвёл Сат Аяс.", 10, 22, ["Донгак", "Чечек", "."]),
    ("Проект «Школа Ольховки» представила Окунева Д.", 0, 23, ["Проект", "«Школа Ольховки»"]),
    ("Проект «Школа Ольховки» представила Окунева Д.", 14, 47, ["представила", "Окунева", "Д"]),
    ("директора школы", 3, 15, ["школы"]),
])
def test_people_geometry_tokens_are_the_documents_words_and_quotes(text, start, stop, expected):
    """Whole words and «…» quotes of the document inside the range (one cut by it is left out)."""
    found = Geometry(TextLayer(text)).tokens(start, stop)
    assert [t.text for t in found if t.text != "."] == [e for e in expected if e != "."]
    assert all(text[t.start:t.stop] == t.text for t in found)
    assert [t.quoted for t in found] == [t.text.startswith("«") for t in found]


def test_people_geometry_ner_span_ending_in_a_cut_compound_gives_no_name():
    from extractors.people.ner_names import ner_hits

    text = "В группу вошли: Донгак Чечек Кара-ооловна, методист центра."
    span = (text.index("Донгак"), text.index(","))
    assert ner_hits(text, [span], []) == []
    whole = "В группу вошли: Лаптева Ольга, методист центра."
    span = (whole.index("Лаптева"), whole.index(","))
    assert [h.surname for h in ner_hits(whole, [span], [])] == ["Лаптева"]
