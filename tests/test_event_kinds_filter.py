"""event.kinds: the pre-check that spares parsing a word (``may_start_kind``) rejects only
words whose lemmas open no kind."""
from __future__ import annotations

from conftest import CORPUS, REALDEV, SEEDS

from extractors.event import kinds
from extractors.text.inflect import lemmas
from extractors.text.tokens import alnum_words

SHAPED = ["2020", "05", "1" * 5000, "\u0661\u0662", "abc", "K7BUVugYjLA", "a-b", "XXIV", "http",
          "1e5", "inf", "nan", "Zoom", "a.b", "online"]


def opened_by_lemmas(word: str) -> bool:
    """``kinds_starting_with`` without the pre-check: the word's lemmas open a kind."""
    return bool(set(kinds.word_lemmas(word)) & set(kinds.first_lemma_index()))


def test_a_word_read_by_its_shape_is_its_own_lemma():
    for word in SHAPED:
        assert kinds.read_by_shape(word.lower()), word
        assert lemmas(word) == {word.lower()}, word
    assert not any(kinds.read_by_shape(w) for w in ("5-1375", "310-фз", "семинар", "мбоу"))


def test_may_start_kind_rejects_no_word_opening_a_kind():
    files = [*CORPUS.glob("*.txt"), *SEEDS.glob("*.txt"), *REALDEV.glob("*.txt")]
    words = {w.text for path in files for w in alnum_words(path.read_text(encoding="utf-8"))}
    words |= {"онлайн-" + w for w in list(words)[:300]} | {"Веб-семинара", "онлайн-2020", *SHAPED}
    rejected = [w for w in words if not kinds.may_start_kind(w)]
    assert len(rejected) > len(words) / 2
    assert not [w for w in rejected if opened_by_lemmas(w)]
    assert all(kinds.may_start_kind(w) for w in ("семинара", "Онлайн-совещании", "КОНКУРС"))


def test_lexeme_words_are_the_lexemes_words():
    """Read off the paradigm or built by pymorphy3, a parse's lexeme has the same words
    (dictionary words, ё and е, prefixed and unknown words alike)."""
    from extractors.text.morph import parses

    words = ["семинар", "совещание", "круглый", "ёлка", "елки", "наилучший", "пошире", "люди",
             "постер-сессия", "онлайн-совещание", "бутявка", "идти", "шёл", "МБОУ"]
    words += list(kinds.first_lemma_index())
    for word in words:
        for parse in parses(word):
            assert kinds.lexeme_words(parse) == [form.word for form in parse.lexeme], word
