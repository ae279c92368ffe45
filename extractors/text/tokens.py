"""Tokens with offsets: words (letters, hyphenated compounds), numbers (digit
runs) and single other characters, each a half-open slice of the source text;
``alnum_words`` gives runs of letters and digits together instead, and
``read_tokens`` the same tokens as ``tokens`` except that a word still cut by a
hyphen at a line end (``неус-`` / ``пешности`` in a table cell) is one token whose
text is the whole word (its offsets span the cut).

One regex pass over the text; nothing is copied but each token's own text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple, Sequence

WORD, NUMBER, PUNCT = "word", "number", "punct"
TOKEN = re.compile(r"(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)|(?P<number>\d+)|(?P<punct>\S)")
# ``tokens`` with a word cut by a hyphen at a line end read whole (the only token whose
# text is not its slice: the hyphen and the line break are left out of it).
READ_TOKEN = re.compile(r"(?P<word>[^\W\d_]+(?:-(?:[ \t]*\r?\n[ \t]*)?[^\W\d_]+)*)"
                        r"|(?P<number>\d+)|(?P<punct>\S)")
LINE_END_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
# Letters and digits together (``10А``, ``5-х``, ``ГИА-9``): the words the
# decisions and events families look up in pymorphy3.
ALNUM_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z0-9]+(?:-[А-ЯЁа-яёA-Za-z0-9]+)*")


class Token(NamedTuple):
    text: str
    start: int
    stop: int
    kind: str = WORD

    @property
    def is_word(self) -> bool:
        return self.kind == WORD

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER


def tokens(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """Every token of ``text[start:stop]``, in order, with offsets into ``text``."""
    stop = len(text) if stop is None else stop
    return [Token(m.group(), m.start(), m.end(), m.lastgroup)
            for m in TOKEN.finditer(text, start, stop)]


def read_tokens(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """``tokens``, with a word cut by a hyphen at a line end one token (text: the whole word)."""
    stop = len(text) if stop is None else stop
    unsplit = LINE_END_HYPHEN.sub
    return [Token(unsplit("", m.group()) if m.lastgroup == WORD and "\n" in m.group()
                  else m.group(), m.start(), m.end(), m.lastgroup)
            for m in READ_TOKEN.finditer(text, start, stop)]


def alnum_words(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """Runs of letters and digits (hyphenated compounds whole) in ``text[start:stop]``."""
    stop = len(text) if stop is None else stop
    return [Token(m.group(), m.start(), m.end()) for m in ALNUM_WORD.finditer(text, start, stop)]


def words(found: Sequence[Token]) -> list[Token]:
    return [t for t in found if t.kind == WORD]


def within(found: Sequence[Token], start: int, stop: int) -> Sequence[Token]:
    """The tokens of ``found`` (in text order) that lie inside ``[start, stop)``: two
    binary searches, no scan of the whole document."""
    first = bisect_left(found, start, key=token_start)
    last = bisect_left(found, stop, key=token_start)
    while last > first and found[last - 1].stop > stop:
        last -= 1
    return found[first:last]


def token_start(token: Token) -> int:
    return token.start
