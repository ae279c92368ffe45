"""dates: not written yet (placeholder so the pipeline runs end to end)."""
from __future__ import annotations

from spacy.tokens import Doc

from schemas.mention import Mention

NAME = "dates"


def find(doc: Doc) -> list[Mention]:
    return []


def build(doc: Doc, mentions: list[Mention]) -> list:
    return []
