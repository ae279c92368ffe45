"""extractors.text.reflow: the reflowed view and its map back to the source."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.layer import TextLayer


def reflowed(text: str) -> str:
    return TextLayer(text).reflowed.text


@pytest.mark.parametrize("text, expected", [
    ("по развитию образова-\nтельных программ", "по развитию образовательных программ"),
    ("в городе Санкт-\nПетербурге", "в городе Санкт-Петербурге"),
    ("Решили направить\n  педагогов на курсы", "Решили направить педагогов на курсы"),
    ("Дать      согласие", "Дать согласие"),
    ("Дать\u00a0 \u00a0согласие", "Дать согласие"),
    ("по итогам работыУправления образования", "по итогам работы Управления образования"),
    ("  Слушали доклад.  \n\n\n  Решили одобрить.\n", "Слушали доклад.\n\nРешили одобрить."),
])
def test_reflow_joins_and_collapses(text, expected):
    assert reflowed(text) == expected


@pytest.mark.parametrize("text", [
    "Решили:\n- направить педагогов;\n- утвердить план.",
    "ПОВЕСТКА ДНЯ\nо работе школ",
    "Слушали доклад.\nРешили одобрить.",
    "Иванова\tучитель\nпо математике",
])
def test_reflow_keeps_breaks_before_items_headings_tables_and_sentences(text):
    assert reflowed(text) == text


def test_reflow_keeps_spaces_of_table_rows():
    text = "Лаптева\t\tучитель  физики"
    assert reflowed(text) == text


def test_reflow_maps_a_span_back_to_the_source():
    text = "по развитию образова-\nтельных   программ"
    view = TextLayer(text).reflowed
    start = view.text.index("образовательных")
    s, e = view.to_source(start, start + len("образовательных программ"))
    assert text[s:e] == "образова-\nтельных   программ"


def test_reflow_from_source_inverts_to_source_on_copied_text():
    text = "Решили направить\nпедагогов   на курсы"
    view = TextLayer(text).reflowed
    src = text.index("курсы")
    assert view.text[view.from_source(src):].startswith("курсы")


def test_reflow_a_300000_character_line_is_handled_whole():
    text = ("Совещание в г. Зареченске им. А.С. Кулагина,   работыОтдела   согласие. " * 4300)[:300_000]
    layer = TextLayer(text)
    view = layer.reflowed
    assert "   " not in view.text and "работы Отдела" in view.text
    assert view.to_source(0, len(view.text)) == (0, len(text.rstrip()))
    assert len(layer.sentences) == text.count("Совещание")


ALPHABET = "абвгдАБВГД12 -.\n\t\u00a0«»|:;,)"
SKIPPED = re.compile(r"[\s\-]")


def skeleton(text: str) -> str:
    """The text without white space and hyphens: all the reflowed view may change."""
    return SKIPPED.sub("", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.data())
def test_reflow_span_source_slice_holds_the_same_text(text, data):
    view = TextLayer(text).reflowed
    n = len(view.text)
    start = data.draw(st.integers(0, n))
    stop = data.draw(st.integers(start, n))
    s, e = view.to_source(start, stop)
    assert 0 <= s <= e <= len(text)
    assert skeleton(text[s:e]) == skeleton(view.text[start:stop])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_reflow_map_is_monotone(text):
    view = TextLayer(text).reflowed
    n = len(view.text)
    starts = [view.source_start(i) for i in range(n + 1)]
    stops = [view.source_stop(i) for i in range(n + 1)]
    assert starts == sorted(starts) and stops == sorted(stops)
    assert all(starts[i] < stops[i + 1] or view.text[i] == " " for i in range(n))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_reflow_copied_characters_come_from_their_source_offset(text):
    view = TextLayer(text).reflowed
    for i, ch in enumerate(view.text):
        if not ch.isspace():
            assert text[view.source_start(i)] == ch


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="аБ1. \t\u00a0\r\n-«", max_size=40), st.data())
def test_reflow_space_run_precheck_is_necessary(text, data):
    """has_space_run may skip a line only when SPACE_RUN finds nothing in it; the
    glued-word pattern matches where the look-behind form did."""
    from extractors.text.reflow import GLUED, ODD_SPACES, SPACE_RUN, has_space_run

    start = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(start, len(text)))
    odd = [c for c in ODD_SPACES if c in text]
    assert has_space_run(text, start, stop, odd) == bool(SPACE_RUN.search(text, start, stop))
    glued = re.compile(r"(?<=[а-яё]{2})(?=[А-ЯЁ][а-яё])")
    assert [m.start() for m in GLUED.finditer(text)] == [m.start() for m in glued.finditer(text)]
