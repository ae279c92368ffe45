"""slovnet's NER inference for one text, with the same model and the same
arithmetic as ``slovnet.NER.__call__`` but without its per-token overhead.

slovnet runs a padded batch through its CNN in (channels x tokens) layout,
so every convolution gathers its windows with a three-element inner stride;
here the one unpadded sequence stays in (tokens x channels) layout and the
windows are copied a whole row at a time into the very matrix slovnet builds,
which then meets the same weights in the same BLAS call. slovnet decodes the
CRF with index grids, reshapes and masks at every token; for one sequence the
Viterbi pass needs only the ``(score + transitions) + emissions`` sum, its
arg-max and its maximum per step. The tokens are razdel's (ner/tokens.py),
with their offsets; a word's vocabulary ids are looked up once per distinct
word (the words new to a text in one batch: ner/vocab.py); the navec word vectors are gathered with one ``take`` (``Embedding``).
The emissions, tags and spans are exactly slovnet's (tests/test_ner_decode.py).
"""
from __future__ import annotations

import numpy as np
from slovnet.shape import word_shape

from extractors.ner.tokens import words

WORD_IDS_CACHE = 100_000


def best_path(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """Viterbi path through ``emissions`` (tokens x tags), as slovnet's CRF.decode
    computes it for a batch of one (same operations, same order, same dtype). The step
    matrices are kept, so the back pointers of all steps come from one ``argmax`` at the
    end instead of one call per token."""
    size, tags = emissions.shape
    if size == 0:
        return []
    score = emissions[0].copy()
    column = score[:, None]  # a view: updated with score
    steps = np.empty((size - 1, tags, tags), dtype=np.result_type(score, transitions))
    add, maximum = np.add, np.maximum.reduce
    for row, step in zip(emissions[1:], steps):
        add(column, transitions, out=step)
        add(step, row, out=step)
        maximum(step, 0, out=score)
    back = steps.argmax(1)
    best = int(score.argmax())
    path = [best]
    for row in back[::-1].tolist():
        best = row[best]
        path.append(best)
    path.reverse()
    return path


def conv_layer(x: np.ndarray, layer) -> np.ndarray:
    """One slovnet CNNEncoderLayer (Conv1d, ReLU, BatchNorm1d) on ``x`` (tokens x channels)."""
    conv, norm = layer.conv, layer.norm
    filters, channels, kernel = conv.weight.shape
    size, pad = x.shape[0], conv.padding
    padded = np.zeros((size + 2 * pad, channels), dtype=x.dtype)
    padded[pad:pad + size] = x
    count = size + 2 * pad - kernel + 1
    windows = np.empty((count, channels, kernel), dtype=x.dtype)
    for k in range(kernel):
        windows[:, :, k] = padded[k:k + count]
    weight = conv.weight.array.reshape(filters, channels * kernel)
    out = np.matmul(windows.reshape(count, channels * kernel), weight.T)
    out += conv.bias.array
    np.maximum(out, 0, out=out)  # slovnet's ReLU, x.clip(0), is numpy's maximum(x, 0); here in place
    out -= norm.mean.array
    out /= norm.std.array
    out *= norm.weight.array
    out += norm.bias.array
    return out


class Embedding:
    """slovnet's WordShapeEmbedding: a navec (product-quantised) word vector
    joined with a shape vector. navec's lookup indexes its codes with a
    broadcast pair of index arrays; one ``take`` from the codes laid out flat
    gathers the same numbers several times faster."""

    def __init__(self, embedding) -> None:
        navec = embedding.word
        parts, centroids, chunk = navec.codes.array.shape
        self.indexes = navec.indexes.array
        self.codes = navec.codes.array.reshape(parts * centroids, chunk)
        self.offsets = np.arange(parts, dtype=np.intp) * centroids
        self.width = parts * chunk
        self.shape = embedding.shape

    def __call__(self, word_id: np.ndarray, shape_id: np.ndarray) -> np.ndarray:
        rows = self.indexes[word_id] + self.offsets
        vectors = self.codes.take(rows.ravel(), axis=0).reshape(len(word_id), self.width)
        return np.concatenate((vectors, self.shape(shape_id)), axis=-1)


def emissions(model, embed: Embedding, word_id: np.ndarray, shape_id: np.ndarray) -> np.ndarray:
    """Tag scores (tokens x tags) of slovnet's NER ``model`` for one unpadded
    sequence: ``model(word_id[None], shape_id[None], no_padding)[0]``."""
    x = embed(word_id, shape_id)
    for layer in model.encoder.layers:
        x = conv_layer(x, layer)
    return model.head.proj(x)


class Tagger:
    """slovnet's NER: its model (weights and navec vectors injected), its word
    lookup (``extractors/ner/vocab.py``), shape and tag vocabularies and CRF."""

    def __init__(self, model, words, shapes, tags) -> None:
        self.model = model
        self.embed = Embedding(model.emb)
        self.transitions = model.head.crf.transitions.array
        self.words = words
        self.shapes = shapes
        self.tags = [parse_tag(t) for t in tags.items]
        self.known: dict[str, tuple[int, int]] = {}

    def ids(self, texts: list[str]) -> list[tuple[int, int]]:
        """(word id, shape id) of each token text, as slovnet's encoder gives them;
        the words not met before are looked up in one batch."""
        known = self.known
        new = [t for t in dict.fromkeys(texts) if t not in known]
        if new:
            if len(known) + len(new) > WORD_IDS_CACHE:
                known.clear()
            word_ids = self.words.encode_many([t.lower() for t in new])
            for text, word_id in zip(new, word_ids):
                known[text] = (word_id, self.shapes.encode(word_shape(text)))
        return [known[t] for t in texts]

    def word_ids(self, word: str) -> tuple[int, int]:
        return self.ids([word])[0]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, stop, type)`` of every PER / LOC / ORG span in ``text``."""
        tokens = words(text)
        if not tokens:
            return []
        ids = self.ids([t.text for t in tokens])
        word_id = np.array([w for w, _ in ids])
        shape_id = np.array([s for _, s in ids])
        path = best_path(emissions(self.model, self.embed, word_id, shape_id), self.transitions)
        return bio_spans(tokens, [self.tags[i] for i in path])


def parse_tag(tag: str) -> tuple[str, str | None]:
    part, _, kind = tag.partition("-")
    return part, kind or None


def bio_spans(tokens, tags: list[tuple[str, str | None]]) -> list[tuple[int, int, str]]:
    """slovnet.bio.bio_spans over razdel tokens: B opens a span, I extends the
    open one, O closes it (the padding tag changes nothing)."""
    found, kind, start, stop = [], None, 0, 0
    for token, (part, tag_kind) in zip(tokens, tags):
        if part == "B":
            if kind:
                found.append((start, stop, kind))
            kind, start, stop = tag_kind, token.start, token.stop
        elif part == "I":
            stop = token.stop
        elif part == "O" and kind:
            found.append((start, stop, kind))
            kind = None
    if kind:
        found.append((start, stop, kind))
    return found
