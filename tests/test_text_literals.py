"""extractors.text.literals: the strings every match of a pattern holds, and the folded text they
are looked for in (a pattern is neither compiled nor searched for a text without them)."""
from __future__ import annotations

import json
import random
import re

import pytest
from conftest import CORPUS, REALDEV, ROOT, SEEDS

from extractors.text.literals import (FOLD, LITERAL_CHARS, folded, folded_literal,
                                         required_literals)

FLAGS = re.IGNORECASE | re.MULTILINE


@pytest.mark.parametrize("pattern, literals", [
    ("^[\\s*_#]*протокол\\b", ("протокол",)),
    ("(?:слушали|заслушали)\\s*:", ("заслушали", "слушали")),
    ("^[\\s*_#]*[о0]тч[её]т\\b", ("тч",)),
    ("смешанн\\w+\\s+(?:формат|форм)", ("смешанн",)),  # the longest certain string
    ("\\bВКС\\b", ("вкс",)),
    ("очн(?:ый|о)?\\b", ("очн",)),
    ("(?<![\\wё])(?:в|во)\\s+(?P<name>(?-i:[А-ЯЁ][а-яё]+))", ("в", "во")),
    ("ab?c", ("a",)),  # b is optional: "ac" matches
    ("xa+y", ("x",)),
    ("a{2}b", ("b",)),  # a bounded repeat is read as optional
    ("(?=тема)\\w+", None),  # a lookahead is not part of the match
    ("(?:источник|©)", None),  # © is no literal letter
    ("(?:^|\\s)фото", ("фото",)),
    ("фото|\\d+", None),  # an alternative without a certain string
    ("(?i:Фото)\\s+(?#comment)", ("фото",)),
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


def test_fold_matches_ignorecase_on_every_code_point():
    """Every character IGNORECASE matches with a literal's character (or that character
    itself) folds to the folded character: a literal's match is the literal in the folded
    text, at the same place."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for char in LITERAL_CHARS:
        for found in set(re.findall(re.escape(char), every, re.IGNORECASE)):
            assert folded(found) == folded_literal(char), (char, found)
            assert len(folded(found)) == 1
    assert all(len(folded(chr(c))) == 1 for c in FOLD)


def lexicon_patterns() -> list[str]:
    doctype = json.loads((ROOT / "extractors/data/doctype.json").read_text(encoding="utf-8"))
    event = json.loads((ROOT / "extractors/data/event.json").read_text(encoding="utf-8"))
    patterns = [c["pattern"] for c in doctype["cues"] if c["pattern"]]
    patterns += [cue for cues in event["format"].values() for cue in cues]
    patterns += event["time"] + event["format_ignore"]
    return patterns + [v for k, v in event.items() if isinstance(v, str) and not k.startswith("_")]


def mutated(text: str, rnd: random.Random) -> str:
    """``text`` upper-cased, title-cased or with letters swapped for the characters
    IGNORECASE folds into them."""
    choice = rnd.randrange(3)
    if choice == 0:
        return text.upper()
    if choice == 1:
        return text.title()
    back = {v: chr(k) for k, v in FOLD.items()}
    return "".join(back[c] if c in back and rnd.random() < 0.3 else c for c in text)


def test_every_match_holds_a_required_literal():
    """On the corpora (and case- and fold-mutated copies), each match of each lexicon
    pattern holds one of its required literals."""
    files = [*CORPUS.glob("*.txt"), *SEEDS.glob("*.txt"), *REALDEV.glob("*.txt")]
    rnd = random.Random(5)
    texts = [f.read_text(encoding="utf-8") for f in files]
    texts += [mutated(t, rnd) for t in texts]
    checked = 0
    for pattern in lexicon_patterns():
        literals = required_literals(pattern)
        if literals is None:
            continue
        compiled = re.compile(pattern, FLAGS)
        for text in texts:
            for match in compiled.finditer(text):
                assert any(s in folded(match.group()) for s in literals), (pattern, match)
                checked += 1
    assert checked > 1000
