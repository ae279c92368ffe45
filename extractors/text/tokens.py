"""Tokens with offsets: words (letters, hyphenated compounds), numbers (digit
runs) and single other characters, each a half-open slice of the source text;
``alnum_words`` gives runs of letters and digits together instead, and
``read_tokens`` the same tokens as ``tokens`` except that a word still cut by a
hyphen at a line end (``неус-`` / ``пешности`` in a table cell) is one token whose
text is the whole word (its offsets span the cut).

One regex pass over the text; nothing is copied but each token's own text (and, for
``tokens``, the white space between tokens).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import add, attrgetter, itemgetter
from typing import Iterator, NamedTuple, Sequence

WORD, NUMBER, PUNCT = "word", "number", "punct"
# A word, a number or a mark (any other character but white space), as one group: ``tokens``
# reads it by ``split``, a token's kind by its first character (``KIND_OF``).
TOKEN = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*|\d+|\S)")
# ``tokens`` with a word cut by a hyphen at a line end read whole (the only token whose
# text is not its slice: the hyphen and the line break are left out of it).
READ_TOKEN = re.compile(r"(?P<word>[^\W\d_]+(?:-(?:[ \t]*\r?\n[ \t]*)?[^\W\d_]+)*)"
                        r"|(?P<number>\d+)|(?P<punct>\S)")
LINE_END_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
# Letters and digits together (``10А``, ``5-х``, ``ГИА-9``): the words the
# decisions and events families look up in pymorphy3 (one group: ``alnum_words`` splits).
ALNUM_WORD = re.compile(r"([А-ЯЁа-яёA-Za-z0-9]+(?:-[А-ЯЁа-яёA-Za-z0-9]+)*)")


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
    """Every token of ``text[start:stop]``, in order, with offsets into ``text``.

    Read by ``TOKEN.split``: strings only, no match object per token (TOKEN has no
    look-around or anchor, so the tokens of a slice are those of the range, as
    ``finditer(text, start, stop)`` gives them); the pieces between the tokens give the
    offsets, a token's first character its kind."""
    return split_tokens(TOKEN, text, start, stop)


def split_tokens(pattern: re.Pattern[str], text: str, start: int, stop: int | None,
                 kinds: Iterator[str] | None = None) -> list[Token]:
    """The matches of ``pattern`` (one group round it all, no look-around or anchor) in
    ``text[start:stop]`` as ``finditer(text, start, stop)`` finds them, as Tokens of
    ``kinds`` (by default by their first character, ``KIND_OF``)."""
    start = max(start, 0)  # as re reads a negative pos or endpos
    stop = len(text) if stop is None else max(stop, 0)
    part = text if start == 0 and stop >= len(text) else text[start:stop]
    pieces = pattern.split(part)  # between, match, between, ..., between
    bounds = list(accumulate(map(len, pieces), initial=start))
    found = pieces[1::2]
    if kinds is None:
        kinds = map(KIND_OF.__getitem__, map(FIRST_CHARACTER, found))
    return list(map(_new_tuple, repeat(Token), zip(found, bounds[1:-1:2], bounds[2::2], kinds)))


class FirstCharacterKinds(dict):
    """A token's kind by its first character, found once per character: TOKEN's word
    opens with ``[^\\W\\d_]`` (alphanumeric, not a decimal digit), its number with
    ``\\d`` (a decimal digit), its mark with anything else."""

    def __missing__(self, first: str) -> str:
        kind = self[first] = NUMBER if first.isdecimal() else WORD if first.isalnum() else PUNCT
        return kind


KIND_OF = FirstCharacterKinds()


def read_tokens(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """``tokens``, with a word cut by a hyphen at a line end one token (text: the whole word)."""
    stop = len(text) if stop is None else stop
    found = list(READ_TOKEN.finditer(text, start, stop))
    texts = list(map(MATCH_TEXT, found))
    starts = list(map(re.Match.start, found))
    # Only a word's ``-`` + line break lets a line break into a token (a number is
    # digits, a mark one non-space character), so each such word holds a LINE_END_HYPHEN
    # match: mend the token at each match (the last one starting at or before it), if
    # it holds a line break (the hyphen may stand alone or in a gap; mending is done once).
    for cut in LINE_END_HYPHEN.finditer(text, start, stop):
        i = bisect_right(starts, cut.start()) - 1
        if i >= 0 and "\n" in texts[i]:
            texts[i] = LINE_END_HYPHEN.sub("", texts[i])
    return made(texts, found, map(MATCH_KIND, found), starts)


def view_tokens(view: str, regions: Sequence[Sequence[int]], found: list[Token]) -> list[Token]:
    """``read_tokens(view)`` for a text made from another whose ``tokens`` are ``found``:
    ``regions`` (``[start, stop, shift]``, in order) are the other text's spans that
    stand in ``view`` at ``start + shift``, character for character but for white
    space replaced by other white space. Their tokens are taken over (shifted), the rest
    of ``view`` is read again.

    Why it is the same: when no word of ``view`` goes on after a line-end hyphen
    (``reads_a_cut_word``), READ_TOKEN reads it as TOKEN does, mends nothing, and no
    token holds white space. So a white space character is in no token of either text,
    and the reading of a text from a white space character on, or up to one, is the
    reading of that stretch alone. A region's tokens from the first with white space
    before it in the region to the last with white space after it are then those of
    ``view`` there: TOKEN tells no white space character from another. Between two
    such runs (and before the first, after the last) ``view`` is read by TOKEN, from
    white space to white space."""
    if reads_a_cut_word(view):
        return read_tokens(view)
    last = len(found) - 1
    out: list[Token] = []
    pos = 0  # ``view`` is read up to here: its start or a white space character
    for start, stop, shift in regions:
        # the first token with white space before it in the region, the last with white space after
        first = bisect_right(found, start, key=TOKEN_START)
        while first <= last and found[first][1] < stop and first and found[first - 1][2] == found[first][1]:
            first += 1
        end = bisect_left(found, stop, key=TOKEN_START) - 1
        while end >= first and not (found[end][2] < stop and (end == last or found[end + 1][1] > found[end][2])):
            end -= 1
        if end < first:
            continue  # no white space inside to start or end on: read with the text around
        out += tokens(view, pos, found[first][1] + shift)
        taken = found[first:end + 1]
        out += taken if shift == 0 else shifted(taken, shift)
        pos = found[end][2] + shift
    out += tokens(view, pos)
    return out


def reads_a_cut_word(text: str) -> bool:
    """True when READ_TOKEN reads a word on over a line-end hyphen somewhere in ``text``:
    a LINE_END_HYPHEN match (which takes all the spaces and tabs after the line break)
    followed by a letter (``[^\\W\\d_]``: alphanumeric, not a decimal digit)."""
    for cut in LINE_END_HYPHEN.finditer(text):
        after = text[cut.end():cut.end() + 1]
        if after.isalnum() and not after.isdecimal():
            return True
    return False


def shifted(found: list[Token], shift: int) -> list[Token]:
    """``found`` with every offset moved by ``shift`` (C-level maps, as ``made``)."""
    fields = zip(map(TOKEN_TEXT, found), map(add, map(TOKEN_START, found), repeat(shift)),
                 map(add, map(TOKEN_STOP, found), repeat(shift)), map(TOKEN_KIND, found))
    return list(map(_new_tuple, repeat(Token), fields))


def alnum_words(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """Runs of letters and digits (hyphenated compounds whole) in ``text[start:stop]``
    (read by ``split``, as ``tokens`` is: no match object per word)."""
    return split_tokens(ALNUM_WORD, text, start, stop, repeat(WORD))


# A document has thousands of tokens: they are made by C-level map/zip over the
# matches (``Token(...)`` would run the NamedTuple's Python ``__new__`` per token).
MATCH_TEXT = re.Match.group
MATCH_KIND = attrgetter("lastgroup")
_new_tuple = tuple.__new__
TOKEN_TEXT, TOKEN_START, TOKEN_STOP, TOKEN_KIND = map(itemgetter, range(4))
FIRST_CHARACTER = itemgetter(0)


def made(texts, found: list[re.Match[str]], kinds: Iterator[str], starts=None) -> list[Token]:
    """Tokens of ``texts`` at the spans of ``found`` (matches; ``starts``, their
    starts, if known), of ``kinds``."""
    starts = map(re.Match.start, found) if starts is None else starts
    fields = zip(texts, starts, map(re.Match.end, found), kinds)
    return list(map(_new_tuple, repeat(Token), fields))


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
