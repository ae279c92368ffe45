"""Shared by the counts tests: the components counts reads from, in pipeline order
(later families left out), and how a snippet's Count records are read."""
from __future__ import annotations

from conftest import assert_grounded

import extractors.counts as counts
from extractors.base import stored_mentions

FAMILIES = ("layout", "ner", "dates", "geo", "schools", "organizations", "people", "counts")


def counts_pipeline():
    from pipeline.nlp import build_nlp

    return build_nlp(families=FAMILIES)


def built(nlp, text):
    doc = nlp(text)
    return counts.build(doc, stored_mentions(doc, "counts"))


def pairs(records) -> set[tuple[int, str]]:
    return {(c.value, c.what) for c in records}


def check(nlp, text, expected):
    records = built(nlp, text)
    assert pairs(records) == expected
    assert assert_grounded(records, text) >= 4 * len(records)
