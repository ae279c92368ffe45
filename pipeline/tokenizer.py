"""The spaCy tokenizer of the pipeline: the shared text layer's tokens.

One text layer instead of two tokenizers: the ``Doc``'s tokens are the text
layer's (``extractors/text/tokens.py``: words with their hyphenated parts,
digit runs, single other characters), so spaCy's rule tokenizer (prefix,
suffix and infix regexes compiled at start-up, affixes split per word) never
runs, and the layer the families read is the one the ``Doc`` was cut from:
it is stored on the ``Doc`` (``extractors.base.text_layer``) with the text.

White space between tokens follows spaCy's convention: one space after a token
is its ``whitespace_``, any other white space is a token of its own, so
``doc.text`` is the source text, character for character. The extractors read
character offsets only (``extractors.base.source_text``); the tokens matter to
``doc.spans``, the token-aligned view ``set_annotations`` writes.
"""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from extractors.base import LAYER_KEY, TEXT_KEY

NAME = "reestr.text_layer_tokenizer.v1"


def words_and_spaces(text: str, tokens) -> tuple[list[str], list[bool]]:
    """spaCy's ``words``/``spaces`` for ``text`` cut at ``tokens`` (the text layer's
    ``Token``s: text, start, stop, kind; in order)."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word, start, stop, _kind in tokens:  # one flat loop: thousands of tokens a document
        if start > pos:
            if start == pos + 1 and words and text[pos] == " ":  # the usual gap: one space
                spaces[-1] = True
            else:
                gap(text, pos, start, words, spaces)
        words.append(word)
        spaces.append(False)
        pos = stop
    if pos < len(text):
        gap(text, pos, len(text), words, spaces)
    return words, spaces


def gap(text: str, start: int, stop: int, words: list[str], spaces: list[bool]) -> None:
    """The white space ``[start, stop)`` after a token (or before the first): a
    leading space is the token's ``whitespace_``, the rest a token of its own."""
    if words and text[start] == " ":
        spaces[-1] = True
        start += 1
    if start < stop:
        words.append(text[start:stop])
        spaces.append(False)


class LayerTokenizer:
    """``text -> Doc`` on the text layer's tokens, the layer kept on the ``Doc``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from extractors.text.layer import TextLayer

        layer = TextLayer(text)
        words, spaces = words_and_spaces(text, layer.tokens)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        doc.user_data[LAYER_KEY] = layer
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # nothing to save: the tokenizer is code, the layer's rules are data files
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "LayerTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "LayerTokenizer":
        return self


@registry.tokenizers(NAME)
def create_layer_tokenizer():
    def make(nlp) -> LayerTokenizer:
        return LayerTokenizer(nlp.vocab)

    return make


CONFIG = {"nlp": {"tokenizer": {"@tokenizers": NAME}}}
