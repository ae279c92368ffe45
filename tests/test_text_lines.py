"""extractors.text.lines: line kinds, continuation and list items."""
from __future__ import annotations

import pytest

from extractors.text.lines import BLANK, HEADING, LIST_ITEM, TABLE, TEXT, bounds, continues, lines, list_items


@pytest.mark.parametrize("line, kind", [
    ("", BLANK),
    ("   \t ", BLANK),
    ("Слушали доклад директора.", TEXT),
    ("ПРОТОКОЛ ЗАСЕДАНИЯ", HEADING),
    ("р е ш и л:", HEADING),
    ("п о с т а н о в л я е т :", HEADING),
    ("- провести семинар;", LIST_ITEM),
    ("• провести семинар;", LIST_ITEM),
    ("  2. Утвердить план.", LIST_ITEM),
    ("3.1 Подготовить отчёт", LIST_ITEM),
    ("б) организовать работу", LIST_ITEM),
    ("Иванова\tучитель\tМБОУ СОШ № 4", TABLE),
    ("| 1 | Лаптева | учитель |", TABLE),
    ("Дать      согласие      на      реорганизацию", TEXT),
    ("12.03.2023 состоялось заседание", TEXT),
])
def test_lines_kind(line, kind):
    assert lines(line)[0].kind == kind


def test_lines_offsets_match_bounds_and_leave_out_trailing_space():
    text = "первая  \r\n\n  вторая\n"
    found = lines(text)
    assert [(s, e) for s, e in bounds(text)] == [(0, 9), (10, 10), (11, 19), (20, 20)]
    assert [text[l.start:l.stop] for l in found] == ["первая", "", "  вторая", ""]


def test_lines_list_item_body_starts_after_marker():
    text = "  12) Утвердить состав жюри"
    line = lines(text)[0]
    assert text[line.body:line.stop] == "Утвердить состав жюри"


@pytest.mark.parametrize("text, joined", [
    ("Решили направить\nпедагогов на курсы", True),
    ("в рамках проекта\n«Точка роста»", True),
    ("приказ № 17 от\n12.03.2023 года", True),
    ("Объединение учителей\n19 октября прошёл семинар", False),
    ("______ Т.В. Окунева\n«14» мая 2024 г.", False),
    ("по развитию образова-\nтельных программ", True),
    ("в городе Санкт-\nПетербурге", True),
    ("Решили:\n- направить педагогов", False),
    ("Слушали доклад.\nРешили одобрить.", False),
    ("ПОВЕСТКА ДНЯ\nо работе школ", False),
    ("Дума Ветровского района\nр е ш и л а:", False),
    ("Иванова\tучитель\nпо математике", False),
])
def test_lines_continues_joins_only_running_text(text, joined):
    first, second = lines(text)
    assert continues(text, first, second) is joined


def test_lines_list_items_run_over_continuation_lines():
    text = "Решили:\n1. Направить педагогов\nна курсы.\n2. Утвердить план.\nСлушали доклад."
    items = list_items(text, lines(text))
    assert [text[i.start:i.stop] for i in items] == [
        "1. Направить педагогов\nна курсы.", "2. Утвердить план."]
    assert [text[i.body:i.stop] for i in items][1] == "Утвердить план."
