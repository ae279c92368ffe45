"""spaCy components: one registered factory wraps any extractor family.

``match`` (the family's pure ``find``) finds mentions; ``set_annotations`` is
the only step that writes them, into ``doc.user_data`` (exact character
offsets) and ``doc.spans[family]`` (token-aligned view for spaCy tools).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import MENTIONS_KEY
from pipeline.families import family_module
from pipeline.overlaps import policy
from schemas.errors import ExtractionError
from schemas.mention import Mention

FACTORY = "reestr_family"


class FamilyComponent:
    def __init__(self, name: str, family: str) -> None:
        self.name = name
        self.family = family
        self.module = family_module(family)
        self.resolve = policy(getattr(self.module, "OVERLAP", "keep_all"))

    def match(self, doc: Doc) -> list[Mention]:
        return self.resolve(self.module.find(doc))

    def __call__(self, doc: Doc) -> Doc:
        try:
            mentions = self.match(doc)
        except Exception as exc:  # the one place an extractor's failure is caught and named
            raise ExtractionError(f"extractor {self.family!r} failed: {exc!r}") from exc
        set_annotations(doc, self.family, mentions)
        return doc


def set_annotations(doc: Doc, family: str, mentions: list[Mention]) -> None:
    doc.user_data.setdefault(MENTIONS_KEY, {})[family] = tuple(mentions)
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.stop, label=m.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[family] = spans


@Language.factory(FACTORY, default_config={"family": ""})
def make_family_component(nlp: Language, name: str, family: str) -> FamilyComponent:
    return FamilyComponent(name, family)
