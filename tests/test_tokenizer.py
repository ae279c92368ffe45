"""The pipeline's tokenizer: the text layer's tokens, the source text kept whole."""
from __future__ import annotations

import pytest

from extractors.base import LAYER_KEY, text_layer
from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(())


@pytest.mark.parametrize("text", [
    "",
    " ",
    "Приказ № 5\n\nо проведении  смотра",
    "  отступ перед словом и\tтаб",
    "Школа\u00a0№ 3 — лучшая!  ",
    "строка\r\nвторая строка\n",
])
def test_tokenizer_doc_text_is_the_source(nlp, text):
    assert nlp.make_doc(text).text == text


@pytest.mark.parametrize("text, words", [
    ("МБОУ «Сосновская СОШ» (с. Сосновка)", ["МБОУ", "«", "Сосновская", "СОШ", "»", "(", "с", ".",
                                             "Сосновка", ")"]),
    ("северо-западный округ, 12 школ", ["северо-западный", "округ", ",", "12", "школ"]),
])
def test_tokenizer_words_are_the_layer_tokens(nlp, text, words):
    doc = nlp.make_doc(text)
    assert [t.text for t in doc if not t.is_space] == words
    assert [t.text for t in text_layer(doc).tokens] == words


def test_tokenizer_keeps_its_layer_on_the_doc(nlp):
    doc = nlp.make_doc("Решили: утвердить план.")
    assert LAYER_KEY in doc.user_data  # cut once, by the tokenizer
    assert text_layer(doc) is doc.user_data[LAYER_KEY]
    assert text_layer(doc).text == doc.text
