"""The text layer: one object per document, built lazily and once, that every
family reads instead of cutting the text again.

``TextLayer(text)`` offers ``tokens`` (with offsets), ``words``, ``lines``
(with kinds), ``list_items``, ``reflowed`` (joined view with a map back to the
source) and ``sentences`` (over the reflowed paragraphs, so a hard-wrapped
sentence is one sentence, and a list item's sentences start after its marker;
every span is a source span). A family that reads the reflowed view has its
tokens (``reflowed_tokens``: a word still cut at a line end is one token) and the
same sentences in its offsets (``reflowed_sentences``). Each part is computed
on first use only. ``extractors.base.text_layer(doc)`` keeps one per ``Doc``.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import chain, repeat

from extractors.text import lines as lines_mod
from extractors.text import tokens as tokens_mod
from extractors.text.reflow import Reflowed, reflow
from extractors.text.sentences import Sentence, sentences

_new_tuple = tuple.__new__  # a NamedTuple made without its Python-level __new__


class TextLayer:
    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def tokens(self) -> list[tokens_mod.Token]:
        return tokens_mod.tokens(self.text)

    @cached_property
    def words(self) -> list[tokens_mod.Token]:
        return tokens_mod.words(self.tokens)

    @cached_property
    def alnum_words(self) -> list[tokens_mod.Token]:
        """Runs of letters and digits (``10А``, ``ГИА-9``) of the whole text."""
        return tokens_mod.alnum_words(self.text)

    @cached_property
    def lines(self) -> list[lines_mod.Line]:
        return lines_mod.lines(self.text)

    @cached_property
    def list_items(self) -> list[lines_mod.Item]:
        return lines_mod.list_items(self.text, self.lines)

    @cached_property
    def reflowed(self) -> Reflowed:
        return reflow(self.text, self.lines)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Source spans of the reflowed view's lines: a paragraph runs over the
        lines it joins."""
        view = self.reflowed
        found, pos = [], 0
        for part in view.text.split("\n"):
            if part:
                start, stop = view.to_source(pos, pos + len(part))
                line = self.line_at(start)
                if line.kind == lines_mod.LIST_ITEM:  # ``1.`` before ``Принять`` ends no sentence
                    start = line.body
                found.append((start, stop))
            pos += len(part) + 1
        return found

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.text, paragraphs=self.paragraphs, space=" \t\r\n\u00a0")

    @cached_property
    def reflowed_tokens(self) -> list[tokens_mod.Token]:
        """Tokens of the reflowed text (offsets into it), cut words read whole: the
        source's ``tokens`` where the view copies the source (``view_tokens``)."""
        view = self.reflowed
        return tokens_mod.view_tokens(view.text, view.aligned(), self.tokens)

    @cached_property
    def reflowed_sentences(self) -> list[Sentence]:
        """``sentences`` in the offsets of the reflowed text."""
        offsets = iter(self.reflowed.from_source_all(list(chain.from_iterable(self.sentences))))
        return list(map(_new_tuple, repeat(Sentence), zip(offsets, offsets)))  # (start, stop) pairs

    def tokens_in(self, start: int, stop: int):
        return tokens_mod.within(self.tokens, start, stop)

    def sentence_at(self, offset: int) -> Sentence | None:
        found = self.sentences
        i = bisect_right(found, (offset, len(self.text) + 1)) - 1
        if i >= 0 and found[i].start <= offset < found[i].stop:
            return found[i]
        return None

    def line_at(self, offset: int) -> lines_mod.Line:
        found = self.lines
        i = max(0, bisect_right(found, (offset, len(self.text) + 1)) - 1)
        return found[i]
