"""extractors.text.morph.inflect chooses exactly what pymorphy3's Parse.inflect chooses,
for dictionary words (read from the paradigm's tags) and for the rest (the lexeme)."""
from __future__ import annotations

import pytest

from extractors.text.morph import in_dictionary, inflect, parses

GRAMMEMES = [{"nomn"}, {"gent"}, {"datv", "plur"}, {"nomn", "sing", "masc"},
             {"nomn", "sing", "femn"}, {"ablt", "sing"}, {"loc2"}, {"voct"}, {"gen2"}, {"plur"}]


@pytest.mark.parametrize("word", ["Берёзовской", "учителями", "заседании", "проведённого",
                                  "Кузнецовой", "методическое", "лыжню"])
@pytest.mark.parametrize("grammemes", GRAMMEMES, ids=lambda g: "+".join(sorted(g)))
def test_morph_inflect_matches_pymorphy(word, grammemes):
    for parse in parses(word):
        expected = parse.inflect(set(grammemes))
        got = inflect(parse, grammemes)
        assert got == expected
        if expected is not None:
            assert (got.word, got.tag) == (expected.word, expected.tag)


@pytest.mark.parametrize("word, dictionary", [("школа", True), ("Зябликовскую", False)])
def test_morph_inflect_dictionary_words_take_the_paradigm_path(word, dictionary):
    assert in_dictionary(parses(word)[0]) is dictionary


@pytest.mark.parametrize("word", ["Школа", "школы", "стали", "при", "Иванова", "МБОУ", "10А", "быстро",
                                  "проведённый", "xyz", "ГИА-9", "и"])
def test_parts_of_speech_questions_answer_as_the_parses_do(word):
    from extractors.text.inflect import has_pos, is_pos
    from extractors.text.morph import parses

    for pos in (("NOUN",), ("VERB", "INFN"), ("PREP", "CONJ"), ("ADJF", "PRTF"), (None,)):
        assert has_pos(word, *pos) == any(p.tag.POS in pos for p in parses(word))
        assert is_pos(word, set(pos)) == any(p.tag.POS in pos for p in parses(word)[:2])
