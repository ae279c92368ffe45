"""extractors.text.inflect: the one nominative/inflection helper."""
from __future__ import annotations

import pytest

from extractors.text.inflect import (case_forms, match_case, nominative_phrase, noun_phrase)
from extractors.text.tokens import alnum_words


@pytest.mark.parametrize("words, expected", [
    (["Муниципальной", "школы"], ["Муниципальная", "школа"]),
    (["Зареченского", "района"], ["Зареченский", "район"]),
    (["городского", "округа", "Ветрогорска"], ["городской", "округ", "Ветрогорска"]),
    (["Областному", "управлению", "образования"], ["Областное", "управление", "образования"]),
])
def test_inflect_nominative_phrase_agrees_adjective_with_noun(words, expected):
    assert nominative_phrase(words) == expected


@pytest.mark.parametrize("words, head, expected", [
    (["главного", "специалиста", "отдела"], 1, ["главный", "специалист", "отдела"]),
    (["Ведущему", "методисту", "центра"], 1, ["Ведущий", "методист", "центра"]),
    (["педагога", "дополнительного", "образования"], 0,
     ["педагог", "дополнительного", "образования"]),
])
def test_inflect_nominative_phrase_takes_the_head_the_caller_gives(words, head, expected):
    assert nominative_phrase(words, head) == expected


@pytest.mark.parametrize("phrase, case, expected", [
    ("муниципальным координаторам проекта", "datv", (2, ["муниципальные", "координаторы"])),
    ("классному руководителю", "datv", (2, ["классный", "руководитель"])),
    ("опытных наставников", "gent", (2, ["опытные", "наставники"])),
])
def test_inflect_noun_phrase_keeps_number(phrase, case, expected):
    assert noun_phrase(alnum_words(phrase), case) == expected


def test_inflect_noun_phrase_stops_at_a_function_word():
    assert noun_phrase(alnum_words("и координаторам"), "datv") is None


@pytest.mark.parametrize("source, target, expected", [
    ("Школы", "школа", "Школа"),
    ("ШКОЛЫ", "школа", "ШКОЛА"),
    ("школы", "школа", "школа"),
    ("Северо-Западного", "северо-западный", "Северо-Западный"),
])
def test_inflect_match_case_copies_capitals(source, target, expected):
    assert match_case(source, target) == expected


def test_inflect_case_forms_cover_oblique_cases():
    forms = case_forms("Зареченский район")
    assert {"Зареченского района", "Зареченском районе", "Зареченский район"} <= forms
