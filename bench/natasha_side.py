"""The baselines reestr's speed is measured against, written once for every bench.

- ``full``: natasha's full pipeline on one text (segment, morphology, syntax, NER,
  span normalisation, NamesExtractor on PER spans, DatesExtractor over the text)
- ``ner``:  slovnet's NER alone (razdel tokens, navec embeddings, the NER model
  reestr also runs), with natasha's own loading code

``load(side)`` loads the models and returns a function of one text.
Run as a script it is one whole process over files, as a person would run it:

    .venv/bin/python bench/natasha_side.py full|ner FILE ...
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

SIDES = ("full", "ner")


def load(side: str) -> Callable[[str], None]:
    if side not in SIDES:
        raise ValueError(f"side is one of {SIDES}, not {side!r}")
    from natasha import (DatesExtractor, Doc, MorphVocab, NamesExtractor, NewsEmbedding,
                         NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter)

    segmenter, emb = Segmenter(), NewsEmbedding()
    ner = NewsNERTagger(emb)
    if side == "ner":
        def tag(text: str) -> None:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_ner(ner)

        return tag

    vocab = MorphVocab()
    morph, syntax = NewsMorphTagger(emb), NewsSyntaxParser(emb)
    names, dates = NamesExtractor(vocab), DatesExtractor(vocab)

    def full(text: str) -> None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for span in doc.spans:
            span.normalize(vocab)
            if span.type == "PER":
                span.extract_fact(names)
        list(dates(text))

    return full


def main(argv: list[str]) -> None:
    run = load(argv[0])
    for path in argv[1:]:
        run(Path(path).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
