"""Where a decision sentence really ends when its text is hard-wrapped.

The text layer's reflowed view joins a wrapped line to the one before when the
line goes on in lower case or after a preposition; a line that goes on with a
capital or a digit (``… с поддержкой`` / ``Центром диагностики …``, ``… до 1
декабря`` / ``2022 года …``) stays apart, since in plain text that may as well
be a new paragraph. A decision sentence that stops there without closing
punctuation runs on into the next line when the line it stops on was full:
the next line's first word would not have fitted on it (the test a typesetter
makes), measured against the document's widest running-text line. A short
line (a title, the end of a paragraph) is never run on.
"""
from __future__ import annotations

import re

from extractors.text.lines import TEXT, LIST_ITEM

CLOSED = ".!?;:…"
FULL_SHARE = 0.85  # a proportional font fits fewer wide letters: some slack below the widest line
MAX_RUN_ON = 4
MIN_WIDTH = 50  # narrower text is no page's wrapping (a short note, a list of names)
FIRST_WORD = re.compile(r"\S+")
MARKED_WORD = re.compile(r"[-–—•]?[ \t]*\S+")


def wrap_width(layer) -> int:
    """The widest running-text line (its content, without indentation)."""
    widest = max((line.stop - line.body for line in layer.lines if line.kind in (TEXT, LIST_ITEM)),
                 default=0)
    return widest if widest >= MIN_WIDTH else 10 ** 9


def wrapped_next(layer, text: str, stop: int, width: int):
    """The running-text line after the line ending at ``stop`` when its first word
    would not have fitted on that line (None otherwise)."""
    line = layer.line_at(stop - 1)
    if line.stop != stop or line.kind not in (TEXT, LIST_ITEM):
        return None
    newline = text.find("\n", stop)
    if newline < 0 or text[stop:newline].strip():
        return None
    following = layer.line_at(newline + 1)
    if following.start != newline + 1 or following.kind != TEXT:
        return None
    word = FIRST_WORD.match(text, following.body, following.stop)
    full = word is not None and line.stop - line.body + 1 + len(word.group()) > FULL_SHARE * width
    return following if full else None


def run_on(layer, text: str, stop: int, width: int | None = None) -> int:
    """``stop`` moved on over the wrapped lines of an unclosed sentence: to the end of
    the sentence that starts on the next line, as long as the sentence stays unclosed."""
    width = wrap_width(layer) if width is None else width
    for _ in range(MAX_RUN_ON):
        following = None if text[stop - 1] in CLOSED else wrapped_next(layer, text, stop, width)
        if following is None:
            break
        after = layer.sentence_at(following.body)
        if after is None or after.start != following.body:
            break
        stop = after.stop
    return stop


def page_break(layer, text: str, start: int, width: int) -> bool:
    """The line starting at ``start`` is where the page wrapped the line right above
    it: that line holds running text and its first word (with a dash before it, which
    a wrap can carry to the line's start) would not have fitted on it."""
    if start < 2 or text[start - 1] != "\n":
        return False
    before, line = layer.line_at(start - 1), layer.line_at(start)  # a blank line is BLANK
    if before.kind not in (TEXT, LIST_ITEM):
        return False
    content = line.start + len(text[line.start:line.stop]) - len(text[line.start:line.stop].lstrip())
    word = MARKED_WORD.match(text, content, line.stop)
    return word is not None and \
        before.stop - before.body + 1 + len(word.group()) > FULL_SHARE * width
