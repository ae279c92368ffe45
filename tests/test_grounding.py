"""Every span the pipeline produces, on every corpus and reference document,
has text equal to its slice of the source."""
from __future__ import annotations

import pytest

from conftest import CORPUS, SEEDS, assert_grounded

CORPUS_TEXTS = sorted(CORPUS.glob("*.txt"))
SEED_TEXTS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=[p.stem for p in CORPUS_TEXTS])
def test_grounding_corpus_document(path, extractor):
    text = path.read_text(encoding="utf-8")
    assert assert_grounded(extractor.extract_text(text), text) > 0


@pytest.mark.parametrize("path", SEED_TEXTS, ids=[p.stem for p in SEED_TEXTS])
def test_grounding_seed_document(path, extractor):
    text = path.read_text(encoding="utf-8")
    assert assert_grounded(extractor.extract_text(text), text) > 0


def test_grounding_seeds_present_or_explained():
    if not SEED_TEXTS:
        pytest.skip(f"reference documents not found at {SEEDS}")
    assert len(SEED_TEXTS) >= 5
