"""A family's Lexicon object reads every key of its data files: a word list
left in the data but read by no code is a rule that silently does nothing."""
from __future__ import annotations

import importlib

import pytest

from extractors.base import load_lexicon

READS_EVERY_KEY = [
    ("extractors.counts.lexicon", ("count_nouns.json", "number_words.json")),
    ("extractors.organizations.lexicon", ("organizations.json",)),
]


def keys_read(monkeypatch, module) -> set[str]:
    """The keys ``module.Lexicon.load`` looks up in the data it loads (built anew, not cached)."""
    read: set[str] = set()

    class Recording(dict):
        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

    monkeypatch.setattr(module, "load_lexicon", lambda name: Recording(load_lexicon(name)))
    module.Lexicon.load.__wrapped__(module.Lexicon)
    return read


@pytest.mark.parametrize("module_name, files", READS_EVERY_KEY, ids=[m for m, _ in READS_EVERY_KEY])
def test_lexicons_read_every_key_of_their_data(monkeypatch, module_name, files):
    read = keys_read(monkeypatch, importlib.import_module(module_name))
    data = set().union(*(load_lexicon(name) for name in files))
    assert {k for k in data if "comment" not in k} - read == set()
