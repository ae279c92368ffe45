"""razdel's word tokenizer (what slovnet's NER reads), without its cost for
atoms that a space already separates.

razdel cuts the text into atoms (letter runs, digit runs, single punctuation
or other characters), builds a ``TokenSplit`` record for every neighbouring
pair and asks its rules whether to join the pair, but only a pair with nothing
between it can ever be joined. Here a split record, with razdel's own atoms,
class and rules, is built only for such a pair, and the tokens' offsets are
found exactly as razdel finds them (tests/test_ner_decode.py compares the two).
"""
from __future__ import annotations

from typing import NamedTuple

from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
from razdel.segmenters.tokenize import tokenize as razdel_tokenize

WINDOW = razdel_tokenize.split.window
PUNCT, LAT = "PUNCT", "LAT"
# razdel's answer (join or not) for a pair of atoms with nothing between them, kept by what
# its rules read (razdel/segmenters/tokenize.py). Of the atoms at the cut: the type, and the
# text of punctuation (the punct rule compares it; letters, digits and other characters
# are never a separator and are read by type alone) and of ``yahoo``. The atom beyond one
# of them only where that one is a separator of the dash, underscore, float or fraction
# rule (``5.5``, ``1/2``, ``кто-то``); the text joined so far only where both are
# punctuation (the smiley rule). A few dozen such keys cover a document's thousands of cuts.
SEPARATORS = frozenset(DASHES) | frozenset("_.,/\\")
JOIN_CACHE_SIZE = 10_000
JOINS: dict[tuple, bool] = {}


def read_as(match) -> str | tuple[str, str]:
    """What razdel's token rules read of an atom."""
    kind, text = match.lastgroup, match.group()
    if kind == PUNCT or (kind == LAT and text.lower() == "yahoo"):
        return kind, text
    return kind


class Word(NamedTuple):
    start: int
    stop: int
    text: str


def words(text: str) -> list[Word]:
    """razdel.tokenize(text), as (start, stop, text)."""
    matches = list(ATOM.finditer(text))
    atoms: dict[int, Atom] = {}

    def atom(index: int) -> Atom:
        found = atoms.get(index)
        if found is None:
            m = matches[index]
            found = atoms[index] = Atom(m.start(), m.end(), m.lastgroup, m.group())
        return found

    chunks: list[str] = []
    buffer = None
    for index, match in enumerate(matches):
        if buffer is None:
            buffer = match.group()
            continue
        if matches[index - 1].end() == match.start():  # no delimiter: razdel's rules decide
            left, right = matches[index - 1], match
            key = (read_as(matches[index - 2]) if index > 1 and left.group() in SEPARATORS else None,
                   read_as(left), read_as(right),
                   read_as(matches[index + 1])
                   if index + 1 < len(matches) and right.group() in SEPARATORS else None,
                   buffer if left.lastgroup == right.lastgroup == PUNCT else None)
            joined = JOINS.get(key)
            if joined is None:
                split = TokenSplit([atom(i) for i in range(max(0, index - WINDOW), index)], "",
                                   [atom(i) for i in range(index, min(len(matches), index + WINDOW))])
                split.buffer = buffer
                if len(JOINS) >= JOIN_CACHE_SIZE:
                    JOINS.clear()
                joined = JOINS[key] = bool(razdel_tokenize.join(split))
            if joined:
                buffer += match.group()
                continue
        chunks.append(buffer)
        buffer = match.group()
    if buffer is not None:
        chunks.append(buffer)
    found, offset = [], 0
    for chunk in chunks:  # razdel.substring.find_substrings
        start = text.find(chunk, offset)
        offset = start + len(chunk)
        found.append(Word(start, offset, chunk))
    return found
