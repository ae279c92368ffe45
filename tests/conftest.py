"""Shared fixtures: heavy objects load once per session; reference documents
are read from ../shared/seeds and their tests skip where that folder is absent."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
REALDEV = ROOT.parent / "shared" / "realdev"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session", autouse=True)
def reestr_cache(tmp_path_factory) -> Iterable[Path]:
    """The caches reestr keeps between runs (the NER vocabulary: extractors/ner/vocab.py)
    go to this session's temporary folder, inherited by the CLI processes tests start,
    never to the user's ~/.cache."""
    import os

    folder = tmp_path_factory.mktemp("reestr-cache")
    previous = os.environ.get("REESTR_CACHE_DIR")
    os.environ["REESTR_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("REESTR_CACHE_DIR", None)
    else:
        os.environ["REESTR_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import shared_nlp

    return shared_nlp()


@pytest.fixture(scope="session")
def extractor(nlp):
    from pipeline.run import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def process(nlp):
    """Run the whole spaCy pipeline on a snippet and return the Doc."""
    return nlp


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "gold").is_dir():
        pytest.skip(f"reference documents not found at {SEEDS} (they live outside the repository)")
    return SEEDS


@pytest.fixture(scope="session")
def realdev_dir() -> Path:
    if not (REALDEV / "gold").is_dir():
        pytest.skip(f"real development documents not found at {REALDEV} (they live outside the repository)")
    return REALDEV


def spans_in(value: Any) -> Iterable[Any]:
    """Every SpanRef inside a record (walks models, lists and dicts)."""
    from pydantic import BaseModel

    from schemas.records import SpanRef

    if isinstance(value, SpanRef):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans_in(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_in(item)


def assert_grounded(record: Any, text: str) -> int:
    """Every exactly grounded span's text equals its slice of the source; returns how many."""
    count = 0
    for span in spans_in(record):
        if span.status == "exact":
            assert text[span.start:span.stop] == span.text, (span, text[span.start:span.stop])
            count += 1
    return count
