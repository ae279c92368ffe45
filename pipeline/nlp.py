"""Build the spaCy pipeline: ``spacy.blank("ru")`` plus one component per family."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from pipeline import components
from pipeline.decode import DEFAULT_MAX_BYTES
from pipeline.families import FAMILY_ORDER


def build_nlp(families: tuple[str, ...] = FAMILY_ORDER) -> Language:
    nlp = spacy.blank("ru")
    nlp.max_length = DEFAULT_MAX_BYTES
    for family in families:
        nlp.add_pipe(components.FACTORY, name=f"reestr_{family}", config={"family": family})
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process: models load once."""
    return build_nlp()
