"""extractors.text.tokens: tokens with offsets into the source."""
from __future__ import annotations

import pytest

from extractors.text.tokens import NUMBER, PUNCT, WORD, alnum_words, read_tokens, tokens, within


@pytest.mark.parametrize("text, expected", [
    ("Сидоровой Анне", [("Сидоровой", WORD), ("Анне", WORD)]),
    ("северо-западный район", [("северо-западный", WORD), ("район", WORD)]),
    ("в 12 школах", [("в", WORD), ("12", NUMBER), ("школах", WORD)]),
    ("«Растём»,", [("«", PUNCT), ("Растём", WORD), ("»", PUNCT), (",", PUNCT)]),
    ("10А класс", [("10", NUMBER), ("А", WORD), ("класс", WORD)]),
])
def test_tokens_kinds_and_texts(text, expected):
    assert [(t.text, t.kind) for t in tokens(text)] == expected


@pytest.mark.parametrize("text", ["Дать  согласие, 3 раза.", "  «Ёлкино»\n-\tX1"])
def test_tokens_offsets_are_slices(text):
    for t in tokens(text):
        assert text[t.start:t.stop] == t.text


def test_tokens_range_stays_inside():
    text = "один два три"
    assert [t.text for t in tokens(text, 5, 8)] == ["два"]


@pytest.mark.parametrize("text, expected", [
    ("учащихся 5-х классов", ["учащихся", "5-х", "классов"]),
    ("ГИА-9 и ЕГЭ", ["ГИА-9", "и", "ЕГЭ"]),
    ("10А, 11Б", ["10А", "11Б"]),
])
def test_tokens_alnum_words_keep_letters_and_digits_together(text, expected):
    assert [t.text for t in alnum_words(text)] == expected


def test_tokens_within_finds_tokens_of_a_span():
    text = "Петров, Лаптева и Окунев"
    found = tokens(text)
    assert [t.text for t in within(found, 8, 16)] == ["Лаптева"]
    assert [t.text for t in within(found, 8, 14)] == []


@pytest.mark.parametrize("text, word", [
    ("учебной неус-\nпешности.", "неуспешности"),
    ("по мате- \n\tматике", "математике"),
    ("северо-\r\nзападный", "северозападный"),
])
def test_tokens_read_tokens_read_a_word_cut_at_a_line_end_whole(text, word):
    found = read_tokens(text)
    cut = next(t for t in found if t.text == word)
    assert "\n" in text[cut.start:cut.stop]
    assert cut.start == text.index(word[:3]) and cut.kind == WORD
    assert [t.text for t in found if t.text != word] == [t.text for t in tokens(text)
                                                       if not (cut.start <= t.start < cut.stop)]


@pytest.mark.parametrize("text", ["Дать  согласие, 3 раза.", "северо-западный 12"])
def test_tokens_read_tokens_equal_tokens_without_a_cut(text):
    assert read_tokens(text) == tokens(text)


@pytest.mark.parametrize("text, numbers", [
    ("в 12 школах", ["12"]),
    ("10А класс, 2 450 человек", ["10", "2", "450"]),
    ("без цифр", []),
])
def test_tokens_is_number_marks_digit_runs(text, numbers):
    assert [t.text for t in tokens(text) if t.is_number] == numbers


def test_tokens_read_tokens_mend_every_cut_word_and_only_those():
    text = "неус-\nпешности и мате- \n\tматике, а - \nне 5-\n7 и об-\r\nщей"
    found = read_tokens(text)
    assert [t.text for t in found] == [
        "неуспешности", "и", "математике", ",", "а", "-", "не", "5", "-", "7", "и", "общей"]
    assert all(t.text == text[t.start:t.stop] or "\n" in text[t.start:t.stop] for t in found)
