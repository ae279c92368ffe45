"""The extractor families, in the order their components run.

Order matters only through ``find`` functions that read what earlier
families stored (people read schools and organisations; the event reads dates).
"""
from __future__ import annotations

import importlib
from types import ModuleType

FAMILY_ORDER: tuple[str, ...] = (
    "layout", "ner", "dates", "geo", "schools", "organizations", "people",
    "counts", "decisions", "actions", "event", "doctype",
)


def family_module(name: str) -> ModuleType:
    if name not in FAMILY_ORDER:
        raise ValueError(f"unknown extractor family {name!r}")
    return importlib.import_module(f"extractors.{name}")
