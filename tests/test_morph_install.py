"""The shared pymorphy3 analyzer runs on the C dictionary (DAWG2), which the
project depends on: pure-Python lookups give the same analyses more slowly."""
from __future__ import annotations

import pymorphy3.dawg

from extractors.text.morph import parses


def test_morph_uses_the_c_dictionary() -> None:
    assert pymorphy3.dawg.DAWG.__module__ == "dawg"


def test_morph_nominative_of_an_oblique_surname() -> None:
    best = parses("Кутабаровой")[0]
    assert best.inflect({"nomn"}).word == "кутабарова"
