"""The NER inference in extractors/ner/decode.py must find exactly the spans
slovnet's own ``NER.__call__`` finds with the same model."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import CORPUS

from extractors.ner import chunks, slovnet_ner, tagger
from extractors.ner.decode import best_path

SNIPPETS = [
    "Иван",
    "Иванов И.И., директор МБОУ «СОШ № 5» г. Омска, выступил в Москве.",
    "В совещании приняли участие Петрова Анна Сергеевна (Минпросвещения России) "
    "и представители ФГБУ «ФИОКО».\nОмская область, Тарский район.",
    "1. 2. 3. ... — — « » № 5\t\t12.03.2021",
    "ЗАКЛЮЧЕНИЕ\n\nМинистерство образования Новосибирской области\n\n\n",
]


def reference(text: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.stop, s.type) for s in slovnet_ner()(text).spans]


@pytest.mark.parametrize("text", SNIPPETS)
def test_snippets_as_slovnet(text):
    assert tagger().spans(text) == reference(text)


def test_corpus_as_slovnet():
    for path in sorted(CORPUS.glob("*.txt"))[:20]:
        for _, piece in chunks(path.read_text(encoding="utf-8")):
            assert tagger().spans(piece) == reference(piece), path.name


def test_no_words_no_spans():
    """slovnet fails with IndexError on a text without tokens; here it is simply empty."""
    assert tagger().spans(" \n\t ") == []


def test_best_path_as_crf_decode():
    crf = slovnet_ner().infer.model.head.crf
    transitions = crf.transitions.array
    rng = np.random.default_rng(7)
    for size in (1, 2, 3, 17, 200):
        for ties in (False, True):
            emissions = rng.normal(size=(1, size, transitions.shape[0])).astype(np.float32)
            if ties:  # whole numbers make equal scores, so the arg-max tie-break counts
                emissions = np.round(emissions * 2).astype(np.float32)
            mask = np.ones((1, size), dtype=bool)
            expected = [int(t) for t in crf.decode(emissions, mask)[0]]
            assert best_path(emissions[0], transitions) == expected


def test_emissions_as_slovnet_model():
    """Bit for bit: the same windows meet the same weights in the same BLAS call."""
    from razdel import tokenize

    from extractors.ner.decode import emissions

    model = tagger().model
    for path in sorted(CORPUS.glob("*.txt"))[:10]:
        ids = [tagger().word_ids(t.text) for t in tokenize(path.read_text(encoding="utf-8"))]
        word_id = np.array([[w for w, _ in ids]])
        shape_id = np.array([[s for _, s in ids]])
        expected = model(word_id, shape_id, word_id == slovnet_ner().infer.encoder.words_vocab.pad_id)[0]
        found = emissions(model, tagger().embed, word_id[0], shape_id[0])
        assert found.dtype == expected.dtype and np.array_equal(found, expected), path.name


TOKEN_ALPHABET = "аБв ёЁ-–—‑−.,:;!?…«»\"'()[]/\\_№%+*&@#12 90 \n\t\xa0abcXYZ Δσ ^^ :-) ;-( ..."


def test_words_as_razdel():
    import random

    from razdel import tokenize

    from extractors.ner.tokens import words

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(3)
    texts += ["".join(rng.choice(TOKEN_ALPHABET) for _ in range(rng.randrange(0, 80)))
              for _ in range(3000)]
    texts += ["", " ", "yahoo!", "Yahoo!", "1.5 и 3/4, т.е. 2,5", "кто-то -- что_то :) ?!", "а" * 5,
              "yahoo!yahoo!", "5.5.5,5", "a_b_1", "1\\2/3", "x‑y−z", ":-):-)", "«а»-б"]
    for text in texts:
        assert words(text) == [(s.start, s.stop, s.text) for s in tokenize(text)], text


def test_word_vectors_as_navec_load():
    from navec import Navec

    from extractors.base import natasha_data_dir
    from extractors.ner import EMBEDDING_FILE, word_vectors

    path = natasha_data_dir() / EMBEDDING_FILE
    navec, ours = Navec.load(str(path)), word_vectors(path)
    assert ours.meta.id == navec.meta.id
    assert np.array_equal(ours.pq.indexes, navec.pq.indexes)
    assert ours.pq.codes.dtype == navec.pq.codes.dtype
    assert np.array_equal(ours.pq.codes, navec.pq.codes)


WORDS = ["школа", "директор", "иванов", "омск", "мбоу", "<unk>", "<pad>", "ёлка", "елка",
         "школа-интернат", "2021", "№", ",", "qwerty", "абвгдеёжзийк", "", "\u0301", "ﬁ"]


def slovnet_word_ids(words):
    vocab = slovnet_ner().infer.encoder.words_vocab
    return [vocab.encode(w) for w in words]


@pytest.mark.parametrize("cached", [False, True])
def test_ner_vocab_ids_as_slovnet(tmp_path, monkeypatch, cached):
    """Built anew (the dict, or a cache written now) and read from a cache written
    before: every word gets slovnet's id, unknown words its <unk> id."""
    from extractors.base import natasha_data_dir
    from extractors.ner import NER_FILE, slovnet_vocab
    from extractors.ner.vocab import word_vocab

    monkeypatch.setenv("REESTR_CACHE_DIR", str(tmp_path))
    path = natasha_data_dir() / NER_FILE
    if cached:
        word_vocab(path, lambda: slovnet_vocab(path))  # writes the cache
    vocab = word_vocab(path, lambda: pytest.fail("the cache was not read") if cached
                       else slovnet_vocab(path))
    sample = WORDS + slovnet_ner().infer.encoder.words_vocab.items[::997]
    assert vocab.encode_many(sample) == slovnet_word_ids(sample)


def test_ner_vocab_cache_unwritable_falls_back_to_dict(tmp_path, monkeypatch):
    from extractors.base import natasha_data_dir
    from extractors.ner import NER_FILE, slovnet_vocab
    from extractors.ner.vocab import DictWords, word_vocab

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("REESTR_CACHE_DIR", str(blocker / "cache"))  # under a file: not creatable
    path = natasha_data_dir() / NER_FILE
    vocab = word_vocab(path, lambda: slovnet_vocab(path))
    assert isinstance(vocab, DictWords)
    assert vocab.encode_many(WORDS) == slovnet_word_ids(WORDS)


def test_ner_word_vectors_from_compressed_archive(tmp_path):
    """The code indexes are mapped from natasha's plain tar; a gzipped archive is read."""
    import gzip
    import shutil

    from extractors.base import natasha_data_dir
    from extractors.ner import EMBEDDING_FILE, word_vectors

    path = natasha_data_dir() / EMBEDDING_FILE
    packed = tmp_path / "navec.tar.gz"
    with open(path, "rb") as source, gzip.open(packed, "wb", compresslevel=1) as target:
        shutil.copyfileobj(source, target)
    mapped, read = word_vectors(path), word_vectors(packed)
    assert isinstance(mapped.pq.indexes, np.memmap) and not isinstance(read.pq.indexes, np.memmap)
    assert np.array_equal(mapped.pq.indexes, read.pq.indexes)
    assert np.array_equal(mapped.pq.codes, read.pq.codes)
