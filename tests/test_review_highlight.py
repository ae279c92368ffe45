"""Highlighting: every piece of text escaped, spans cut into segments at every
boundary (overlaps never nest tags), offsets kept for the browser."""
from __future__ import annotations

import re

import pytest

from review.highlight import Span, render

TEXT = "Директор Лицея № 3 Орлова А.В. <b>сказала</b> & ушла"


def span(i: int, fragment: str, kind: str = "people") -> Span:
    start = TEXT.index(fragment)
    return Span(i, start, start + len(fragment), kind, f"rec-{kind}-@{start}", "_record")


def pieces(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<(?:span|mark)[^>]*data-o="(\d+)"[^>]*>(.*?)</(?:span|mark)>', html)


def test_review_highlight_escapes_every_piece() -> None:
    html = str(render("<script>alert('x')</script> & 'q'", []))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html


def test_review_highlight_keeps_the_text_in_order() -> None:
    html = str(render(TEXT, [span(0, "Орлова А.В."), span(1, "Лицея № 3", "schools")]))
    text = "".join(p for _, p in pieces(html))
    assert text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == TEXT


def test_review_highlight_overlap_becomes_segments_naming_both_spans() -> None:
    html = str(render(TEXT, [span(0, "Директор Лицея № 3", "people"), span(1, "Лицея № 3", "schools")]))
    assert "<mark" not in re.sub(r"<mark[^>]*>[^<]*</mark>", "", html)  # no nesting
    both = re.search(r'<mark class="hl k-schools multi" data-o="(\d+)" data-s="0 1"[^>]*>Лицея № 3</mark>', html)
    assert both and int(both.group(1)) == TEXT.index("Лицея")
    assert re.search(r'data-s="0"[^>]*>Директор </mark>', html)


@pytest.mark.parametrize("text, fragment", [
    ("Строка\r\nВторая: Иванова", "Иванова"),
    ("Эмодзи 🙂 и Петров", "Петров"),
])
def test_review_highlight_offsets_are_python_offsets(text, fragment) -> None:
    start = text.index(fragment)
    html = str(render(text, [Span(0, start, start + len(fragment), "people", "r", "_record")]))
    assert f'data-o="{start}"' in html and "\r" not in html
    assert ("&#13;" in html) == ("\r" in text)


def test_review_highlight_ignores_spans_outside_the_text() -> None:
    html = str(render("коротко", [Span(0, 3, 99, "dates", "r", "value")]))
    assert "<mark" not in html


def test_review_highlight_names_what_a_span_is_on_hover() -> None:
    spans = [Span(0, 0, 7, "people", "rec-1", "surname", label="человек — фамилия"),
             Span(1, 0, 12, "people", "rec-1", "_record", label="человек <b>")]
    html = render("Петрова Анна", spans)
    assert 'title="человек — фамилия; человек &lt;b&gt;"' in html
