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


def test_like_num_is_spacys_russian_like_num(nlp):
    from spacy.lang.ru.lex_attrs import _num_words
    from spacy.lang.ru.lex_attrs import like_num as spacys

    from pipeline.lexattrs import like_num

    words = [*_num_words, *(w.upper() for w in _num_words), "12", "+12", "-3,5", "1/2", "1/2/3",
             "50%", "±7", "~10", "Двадцать", "двадцатью", "школа", "xiv", "IX", "", "%", "a/b", "3.2.1"]
    assert [like_num(w) for w in words] == [spacys(w) for w in words]
    from spacy.attrs import LIKE_NUM

    assert nlp.vocab.lex_attr_getters[LIKE_NUM] is like_num
    assert [t.like_num for t in nlp.make_doc("двадцать школ и 3 класса")] == [True, False, False, True,
                                                                                False]
