"""Build the spaCy pipeline: ``spacy.blank("ru")`` plus one component per family.

Each family gets its own factory, ``reestr_<family>``, registered with
spaCy's ``requires`` and ``assigns`` from ``pipeline/families.py``: a family
assigns ``doc._.reestr_<family>`` (its stored mentions, also readable as that
Doc extension) and requires the attributes of the families it reads, so
``nlp.analyze_pipes()`` reports a component placed before a family it reads.
The tokenizer is the shared text layer's (``pipeline/tokenizer.py``), not
spaCy's rule tokenizer, and the Vocab's lexical attribute getters are
``pipeline/lexattrs.py``'s (spaCy's values, less CPU for each new word).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import stored_mentions
from pipeline import components, lexattrs
from pipeline.decode import DEFAULT_MAX_BYTES
from pipeline.families import FAMILY_ORDER, assigns, requires
from pipeline.tokenizer import CONFIG as TOKENIZER_CONFIG


def factory_name(family: str) -> str:
    return f"reestr_{family}"


def mentions_attr(family: str) -> str:
    """The Doc attribute that names a family's stored mentions in spaCy's analysis."""
    return f"doc._.{factory_name(family)}"


def make_component(nlp: Language, name: str, family: str) -> components.FamilyComponent:
    return components.FamilyComponent(name, family)


def register(family: str) -> None:
    """The family's factory (with its reads and writes) and its Doc extension."""
    extension = factory_name(family)
    if not Doc.has_extension(extension):
        Doc.set_extension(extension, getter=lambda doc, f=family: stored_mentions(doc, f))
    if not Language.has_factory(factory_name(family)):
        Language.factory(factory_name(family), default_config={"family": family},
                         requires=[mentions_attr(r) for r in requires(family)],
                         assigns=[mentions_attr(a) for a in assigns(family)],
                         func=make_component)


for _family in FAMILY_ORDER:
    register(_family)


def build_nlp(families: tuple[str, ...] = FAMILY_ORDER) -> Language:
    nlp = spacy.blank("ru", config=TOKENIZER_CONFIG)
    lexattrs.install(nlp.vocab)
    nlp.max_length = DEFAULT_MAX_BYTES
    for family in families:
        nlp.add_pipe(factory_name(family), name=f"reestr_{family}", config={"family": family})
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process: models load once."""
    return build_nlp()
