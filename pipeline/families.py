"""The extractor families, in the order their components run, and what each
one reads and writes.

A family's ``find`` writes its own mentions (stored by the pipeline under the
family's name) and may read the mentions of families that ran before it:
``REQUIRES`` lists those, found in the code as ``stored_mentions(doc, "…")``
calls (and calls of another family's helpers, such as ``layout.sections``).
``BUILD_READS`` lists what a family's ``build`` reads once every family has
run (order does not matter there). ``pipeline/nlp.py`` registers each family
with spaCy's ``Language.factory(requires=…, assigns=…)`` from this table, and
``tests/test_pipeline_order.py`` checks the table against the code and
``FAMILY_ORDER`` against the table.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

FAMILY_ORDER: tuple[str, ...] = (
    "layout", "ner", "dates", "geo", "schools", "organizations", "people",
    "counts", "decisions", "actions", "event", "doctype",
)

# family -> families whose stored mentions its ``find`` reads
REQUIRES: dict[str, tuple[str, ...]] = {
    "layout": (),
    "ner": (),
    "dates": (),
    "geo": (),
    "schools": (),
    "organizations": ("ner", "schools", "geo"),
    "people": ("ner", "layout", "schools"),  # schools: the document's only school as employer
    "counts": ("dates",),
    "decisions": ("dates", "layout"),
    "actions": ("dates",),
    "event": ("dates", "geo"),
    "doctype": ("actions",),
}

# family -> families whose stored mentions only its ``build`` reads
BUILD_READS: dict[str, tuple[str, ...]] = {
    "geo": ("schools",),  # the municipality after a school's name
}


@lru_cache(maxsize=None)
def family_module(name: str) -> ModuleType:
    """The family's module, imported on the first call (``assemble`` asks for ten
    modules a document; ``import_module`` goes through importlib's checks each time, ~2 µs)."""
    if name not in FAMILY_ORDER:
        raise ValueError(f"unknown extractor family {name!r}")
    return importlib.import_module(f"extractors.{name}")


def requires(name: str) -> tuple[str, ...]:
    return REQUIRES.get(name, ())


def assigns(name: str) -> tuple[str, ...]:
    """What a family's component writes: its own mentions."""
    return (name,)
