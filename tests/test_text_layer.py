"""extractors.base.text_layer: one text layer per Doc, its parts built on first use."""
from __future__ import annotations

import pytest
import spacy

from extractors.base import LAYER_KEY, source_text, text_layer
from extractors.text.tokens import read_tokens


def make_doc(text: str):
    return spacy.blank("ru").make_doc(text)


def test_text_layer_is_built_once_per_doc():
    doc = make_doc("Слушали доклад. Решили одобрить.")
    assert text_layer(doc) is text_layer(doc)
    assert doc.user_data[LAYER_KEY] is text_layer(doc)


def test_text_layer_reads_the_source_text():
    doc = make_doc("Протокол  №  3\nзаседания совета")
    assert text_layer(doc).text == source_text(doc)


def test_text_layer_parts_are_built_on_first_use_only():
    layer = text_layer(make_doc("Решили:\n1. Утвердить план."))
    assert "tokens" not in vars(layer) and "reflowed" not in vars(layer)
    assert [i.body for i in layer.list_items] == [11]
    assert "lines" in vars(layer) and "tokens" not in vars(layer)


def test_text_layer_spans_are_slices_of_the_source():
    text = "Направить педагогов\nна курсы. 1. Лаптевой А.С. подготовить отчёт"
    layer = text_layer(make_doc(text))
    for s, e in [*layer.sentences, *layer.paragraphs]:
        assert text[s:e].strip() == text[s:e] and e > s
    for t in layer.tokens:
        assert text[t.start:t.stop] == t.text


def test_text_layer_reflowed_tokens_are_slices_of_the_reflowed_text():
    text = "Приняли  участие\n120 педагогов из образова-\nтельных организаций."
    layer = text_layer(make_doc(text))
    view = layer.reflowed.text
    assert [t.text for t in layer.reflowed_tokens][-3:] == ["образовательных", "организаций", "."]
    for t in layer.reflowed_tokens:
        assert view[t.start:t.stop] == t.text


@pytest.mark.parametrize("text", [
    "Приняли  участие\n120 педагогов из образова-\nтельных организаций.",  # shifts, a cut word
    "курсы Qualita-\n\nменеджмент», работыУправления\t 5 школ",  # a hyphen, a glued word
    "  Северо-\nЗапад\n-\nномер\r\n1.  Дать\u00a0согласие  ,  3-м",  # kept hyphens, a list
    "План работ-\nа) провести семинар\n2. Дать  согласие",  # a cut word the view keeps: read again
])
def test_text_layer_reflowed_tokens_are_the_tokens_read_in_the_reflowed_text(text):
    # taken over from the source's tokens where the view copies it (tokens.view_tokens)
    layer = text_layer(make_doc(text))
    assert layer.reflowed_tokens == read_tokens(layer.reflowed.text)


@pytest.mark.parametrize("text, expected", [
    ("Семинар прошёл в г. Липовске.  Присутствовали\nпедагоги школ.",
     ["Семинар прошёл в г. Липовске.", "Присутствовали педагоги школ."]),
    ("Решили:\n1.   Утвердить    план. Провести семинар.",
     ["Решили:", "Утвердить план.", "Провести семинар."]),
])
def test_text_layer_reflowed_sentences_are_the_sentences_in_reflowed_offsets(text, expected):
    layer = text_layer(make_doc(text))
    view = layer.reflowed
    assert [view.text[s:e] for s, e in layer.reflowed_sentences] == expected
    assert [view.to_source(s, e) for s, e in layer.reflowed_sentences] == \
        [(s.start, s.stop) for s in layer.sentences]


def test_text_layer_alnum_words_are_the_whole_texts_runs_of_letters_and_digits():
    text = "Учащиеся 5-х классов сдали ГИА-9 в 10А."
    layer = text_layer(make_doc(text))
    assert [t.text for t in layer.alnum_words] == ["Учащиеся", "5-х", "классов", "сдали", "ГИА-9",
                                                   "в", "10А"]
    assert all(text[t.start:t.stop] == t.text for t in layer.alnum_words)
