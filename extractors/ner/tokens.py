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

from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
from razdel.segmenters.tokenize import tokenize as razdel_tokenize

WINDOW = razdel_tokenize.split.window


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
            split = TokenSplit([atom(i) for i in range(max(0, index - WINDOW), index)], "",
                               [atom(i) for i in range(index, min(len(matches), index + WINDOW))])
            split.buffer = buffer
            if razdel_tokenize.join(split):
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
