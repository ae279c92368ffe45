"""extractors.text.sentences and the layer's sentences: no cut after an
abbreviation or an initial; a hard-wrapped sentence stays whole."""
from __future__ import annotations

import pytest

from extractors.text.layer import TextLayer
from extractors.text.sentences import sentences


def texts(text, spans):
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("text", [
    "Совещание прошло в г. Зареченске в актовом зале.",
    "Лицей им. В.К. Кедрова принял участие.",
    "Школа на ул. Полевой открыта.",
    "Кружки, секции и т.д. Работали весь год.",
    "Доклад сделал А.С. Глебов по итогам года.",
    "Доклад сделала Глебова А. С. по итогам года.",
    "Участвовали 3 тыс. Человек из районов.",
    "Экзамен сдавали 40 чел. (95%) из 42.",
    "Отчёт представил зам. Начальника управления.",
    "Прошёл семинар «Итоги года. Планы на будущее» для директоров.",
])
def test_sentences_no_cut_after_abbreviation_or_initial(text):
    assert texts(text, sentences(text)) == [text]


@pytest.mark.parametrize("text, expected", [
    ("Слушали доклад. Решили одобрить.", ["Слушали доклад.", "Решили одобрить."]),
    ("Итоги подведены! «Звёздочка» победила.", ["Итоги подведены!", "«Звёздочка» победила."]),
    ("Прошёл семинар «Итоги». Решили продолжить.", ["Прошёл семинар «Итоги».", "Решили продолжить."]),
    ("Сроки? 15 мая.", ["Сроки?", "15 мая."]),
    ("Первая строка\nвторая строка", ["Первая строка", "вторая строка"]),
])
def test_sentences_cut_at_sentence_ends_and_lines(text, expected):
    assert texts(text, sentences(text)) == expected


def test_sentences_layer_keeps_a_wrapped_sentence_whole():
    text = "Решили направить педагогов\nна курсы повышения квалификации. Срок до мая."
    layer = TextLayer(text)
    assert texts(text, layer.sentences) == [
        "Решили направить педагогов\nна курсы повышения квалификации.", "Срок до мая."]


def test_sentences_layer_starts_list_item_sentences_after_the_marker():
    text = "1. Принять информацию к сведению.\n2. Утвердить план."
    assert texts(text, TextLayer(text).sentences) == [
        "Принять информацию к сведению.", "Утвердить план."]


def test_sentences_layer_sentence_at_finds_the_holding_sentence():
    text = "Слушали доклад. Решили одобрить план."
    layer = TextLayer(text)
    found = layer.sentence_at(text.index("одобрить"))
    assert text[found.start:found.stop] == "Решили одобрить план."
    assert layer.sentence_at(text.index(" Решили")) is None
