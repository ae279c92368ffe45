"""Regression gate: no field's F1 may fall below corpus/baseline.json.

Raising the baseline is an explicit `reestr baseline --write` and a commit.
"""
from __future__ import annotations

import pytest

from conftest import CORPUS
from pipeline import baseline as gate

RECORDED = gate.load(CORPUS / "baseline.json")


def test_regression_gate_baseline_is_recorded():
    assert RECORDED.get("corpus"), "corpus/baseline.json has no corpus scores"
    assert {"people", "dates", "schools", "counts", "decisions"} <= set(RECORDED["corpus"])


def test_regression_gate_corpus(extractor):
    current = gate.measure(CORPUS, extractor)
    assert not gate.regressions(current, RECORDED["corpus"])


def test_regression_gate_seeds(extractor, seeds_dir):
    if "seeds" not in RECORDED:
        pytest.fail("corpus/baseline.json has no seeds scores; run `reestr baseline --write`")
    current = gate.measure(seeds_dir, extractor)
    assert not gate.regressions(current, RECORDED["seeds"])


def test_regression_gate_realdev(extractor, realdev_dir):
    if "realdev" not in RECORDED:
        pytest.fail("corpus/baseline.json has no realdev scores; run `reestr baseline --write`")
    current = gate.measure(realdev_dir, extractor)
    assert not gate.regressions(current, RECORDED["realdev"])


def test_regression_gate_core_macro_f1_is_the_mean_of_the_core_fields():
    from pipeline.evaluate import CORE_FIELDS, core_macro_f1

    assert core_macro_f1({name: 1.0 for name in CORE_FIELDS}) == 1.0
    assert core_macro_f1({"people": 0.5, "dates": 1.0}) == 0.3
    assert core_macro_f1({name: 1.0 for name in CORE_FIELDS if name != "counts"}) == 0.8


def test_regression_gate_detects_a_drop():
    assert gate.regressions({"people": 0.80}, {"people": 0.90})
    assert gate.regressions({}, {"people": 0.10})
    assert not gate.regressions({"people": 0.95}, {"people": 0.90})
