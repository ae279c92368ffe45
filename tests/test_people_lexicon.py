"""people.lexicon: the family's word lists loaded once into one frozen object."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from extractors.people.lexicon import Lexicon

BUILT = {"stop_words", "first_names", "place_before", "particle_patronymic", "participant_pattern",
         "author_cue"}


def data_keys() -> set[str]:
    text = resources.files("extractors.data").joinpath("people.json").read_text(encoding="utf-8")
    return {k for k in json.loads(text) if not k.startswith("_")}


def test_people_lexicon_loaded_once():
    assert Lexicon.load() is Lexicon.load()


def test_people_lexicon_frozen():
    with pytest.raises(AttributeError):  # a NamedTuple's fields cannot be set
        Lexicon.load().coordinators = frozenset()


def test_people_lexicon_every_data_key_is_a_field():
    fields = set(Lexicon._fields)
    assert data_keys() - fields == set()
    assert fields - BUILT - data_keys() == set()


@pytest.mark.parametrize("word, field", [
    ("и", "coordinators"), ("которые", "relative_words"), ("для", "cut_prepositions"),
    ("доклад", "speech_nouns"), ("директор", "position_heads"), ("школа", "org_heads"),
])
def test_people_lexicon_word_in_its_list(word, field):
    assert word in getattr(Lexicon.load(), field)


@pytest.mark.parametrize("before, place", [
    ("в г. ", True), ("пос. ", True), ("р-н. ", True), ("имени ", True), ("директор ", False),
])
def test_people_lexicon_place_before(before, place):
    assert bool(Lexicon.load().place_before.search(before)) is place


def test_people_lexicon_derived_unions():
    lex = Lexicon.load()
    assert lex.unit_words == lex.org_heads | lex.weak_org_heads
    assert lex.sub_units <= lex.weak_org_heads and not lex.sub_units & lex.non_splitting_units
