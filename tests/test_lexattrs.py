"""The Vocab's lexical attribute getters give spaCy's values (pipeline/lexattrs.py)."""
from __future__ import annotations

import random
import sys
import unicodedata

import pytest
from spacy.lang.ru import Russian
from spacy.vocab import create_vocab

from pipeline import lexattrs
from pipeline.nlp import build_nlp
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def spacys():
    """The getters spaCy's own Russian Vocab has."""
    return create_vocab("ru", Russian.Defaults).lex_attr_getters


def outcome(getter, text):
    try:
        value = getter(text)
    except Exception as exc:  # spaCy's PREFIX fails on "": so must ours
        return type(exc)
    return type(value), value


SHORTCUTS = (lexattrs.like_num, lexattrs.word_shape, lexattrs.like_url, lexattrs.like_email,
             lexattrs.is_punct, lexattrs.is_currency)  # decide some strings without spaCy's steps


def assert_same(spacys, strings, getters=lexattrs.GETTERS):
    for attr, ours in getters.items():
        theirs = spacys[attr]
        differ = [s for s in strings if outcome(ours, s) != outcome(theirs, s)]
        assert not differ, (attr, differ[:5])


def test_every_getter_of_spacys_vocab_is_replaced_in_place(spacys):
    getters = build_nlp(()).vocab.lex_attr_getters
    assert list(getters) == list(spacys)  # same attributes, same order
    assert all(getters[attr] is getter for attr, getter in lexattrs.GETTERS.items())


def test_no_letter_or_digit_is_punctuation_or_currency():
    """What is_punct and is_currency's first test rests on, for every code point."""
    assert not [c for c in map(chr, range(sys.maxunicode + 1))
                if c.isalnum() and (unicodedata.category(c).startswith("P") or unicodedata.category(c) == "Sc")]


def test_shortcuts_on_every_bmp_character(spacys):
    shortcuts = {attr: getter for attr, getter in lexattrs.GETTERS.items() if getter in SHORTCUTS}
    assert len(shortcuts) == len(SHORTCUTS)
    assert_same(spacys, ["", *(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)], shortcuts)


def test_getters_on_the_corpus_words(spacys):
    words, nlp = set(), build_nlp(())
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words.update(text.split())
        words.update(t.text for t in nlp.make_doc(text))
    assert_same(spacys, sorted(words))


def test_getters_on_random_strings(spacys):
    pool = [*"абвгдеёжзАБВГДЕЁЖЗabcxyzABCXYZ0123456789٣½².,:;/@-+±~%'\"`«»()[]{}<>$€₽ \n\t\u00a0ǅǈªº中ʰ_",
            "http://", "https://", "www.", ".com", ".ru", ".рф", ":8080", "``", "''"]
    rnd = random.Random(1)
    strings = []
    for _ in range(4_000):
        strings.append("".join(rnd.choices(pool, k=rnd.choice([1, 2, 3, 5, 8, 20, 99, 100]))))
        strings.append(rnd.choice(pool) * rnd.randint(1, 9) + "".join(rnd.choices(pool, k=2)))
    words = ["школа", "Школа", "ШКОЛА", "двадцать", "Двадцать", "ǅemal", "Ǆ", "ªbc", "中文", "ʰx", "abc" * 40]
    strings += [w * n for w in words for n in range(1, 40)]
    assert_same(spacys, strings)


def test_token_attributes_are_spacys():
    text = (CORPUS / "c01.txt").read_text(encoding="utf-8") + " http://x.ru mail@x.ru «Школа» № 5 $ ПРИКАЗ"
    ours = build_nlp(()).make_doc(text)
    nlp = build_nlp(())
    nlp.vocab.lex_attr_getters.update(create_vocab("ru", Russian.Defaults).lex_attr_getters)
    theirs = nlp.make_doc(text)

    def attributes(doc):
        return [(t.lower_, t.norm_, t.shape_, t.prefix_, t.suffix_, t.is_alpha, t.is_digit, t.is_lower,
                 t.is_space, t.is_title, t.is_upper, t.is_stop, t.like_email, t.like_num, t.is_punct,
                 t.is_ascii, t.is_bracket, t.is_quote, t.is_left_punct, t.is_right_punct, t.is_currency,
                 t.like_url, t.lang_) for t in doc]

    assert attributes(ours) == attributes(theirs)
