"""Header lines found without compiling a regex per section kind.

A header is what this pattern matches at a line start (``re.IGNORECASE | re.MULTILINE``)::

    ^[ \\t]*(?:\\d{1,2}[.)]\\s*)?(?P<head>WORDS)[ \\t]*+(?::|\\.(?=[ \\t]*+$)|$)

where ``WORDS`` is the kind's header words, longest first, each written with
``[ \\t]?`` between its letters (letter-spaced writing: ``р е ш и л и``) and ``\\s+``
between its words. Compiling the eleven patterns cost 12 ms of every run; walking
the line instead gives the same matches, because every step of the pattern is
deterministic: a blank, digit or white space can never stand where a letter is
expected, so no backtracking into ``[ \\t]*``, ``\\d{1,2}``, ``\\s*``, ``[ \\t]?`` or
``\\s+`` can turn a failure into a match; only the alternation of words is tried
in order, as here.
Letters are compared case-folded: for the Cyrillic letters and ``/`` (``LETTERS``)
the characters ``re.IGNORECASE`` equates with a letter are exactly those whose
``casefold()`` is that letter (``В`` and ``ᲀ`` U+1C80 for ``в``); ``\\s`` is
``str.isspace`` and ``\\d`` is ``str.isdecimal``. A kind whose words have any other
character, or only one letter, keeps the compiled pattern (``spaced_pattern``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя/")
BLANKS = " \t"
NUMBER_CLOSERS = ".)"


class HeaderMatch(NamedTuple):
    """What ``spaced_pattern(...).match`` gives: the head's span and the match's end."""
    head_start: int
    head_end: int
    end: int


class KindHeaders(NamedTuple):
    """One section kind's header words, in the pattern's order (longest first),
    each split into its words and case-folded, found by their first two letters;
    ``pattern`` only when a word has a character outside ``LETTERS`` or one letter."""
    kind: str
    by_opening: dict[str, tuple[tuple[str, ...], ...]]  # the words two letters may begin
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, kind: str, words: list[str]) -> "KindHeaders":
        ordered = sorted(words, key=len, reverse=True)
        folded = [tuple(w.casefold().split()) for w in ordered]
        plain = all(ch in LETTERS for word in folded for part in word for ch in part) \
            and all(len(word_opening(word)) == 2 for word in folded)
        by_opening = {word_opening(word): tuple(w for w in folded
                                                if word_opening(w) == word_opening(word))
                      for word in folded}
        return cls(kind, by_opening, None if plain else spaced_pattern(ordered))

    def match(self, text: str, line_start: int, head_start: int,
              head_opening: str, squeezed: str | None = None) -> HeaderMatch | None:
        """The header at ``line_start``, its head at ``head_start`` (``opening`` there);
        ``squeezed``, when given, is ``squeezed_head`` there."""
        if self.pattern is not None:
            found = self.pattern.match(text, line_start)
            return found and HeaderMatch(found.start("head"), found.end("head"), found.end())
        for parts in self.by_opening.get(head_opening, ()):
            if squeezed is not None and not squeezed.startswith(parts[0]):  # ``squeezed_head``
                continue
            head_end = spaced_end(text, head_start, parts)
            end = tail_end(text, head_end) if head_end >= 0 else -1
            if end >= 0:
                return HeaderMatch(head_start, head_end, end)
        return None


NUMBERING = r"(?:\d{1,2}[.)]\s*)?"
LETTER_GAP = r"[ \t]?"
WORD_GAP = r"\s+"


def spaced(words: str) -> str:
    """A header pattern that also matches letter-spaced writing (``р е ш и л и``)."""
    return WORD_GAP.join(LETTER_GAP.join(re.escape(ch) for ch in word) for word in words.split())


def spaced_pattern(words: list[str]) -> re.Pattern[str]:
    alternation = "|".join(spaced(w) for w in words)
    return re.compile(rf"^[ \t]*{NUMBERING}(?P<head>{alternation})[ \t]*+(?::|\.(?=[ \t]*+$)|$)",
                      re.IGNORECASE | re.MULTILINE)


def word_opening(parts: tuple[str, ...]) -> str:
    """A header word's first two letters (a word with one letter keeps the pattern)."""
    return "".join(parts)[:2]


def opening(text: str, head: int) -> str:
    """The case-folded character at ``head`` and the next one that is not white space:
    a header word matched at ``head`` begins with these two letters, whether its
    second letter follows a blank (``р е``) or, after a one-letter word, a word gap
    (``в работе``)."""
    second = skip_space(text, head + 1)
    return text[head:head + 1].casefold() + text[second:second + 1].casefold()


def skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in BLANKS:
        pos += 1
    return pos


def skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def head_start(text: str, line_start: int) -> int:
    """Where the head must begin: after ``[ \\t]*`` and ``\\d{1,2}[.)]\\s*`` when the
    line has one (without it the head would begin at a digit: no header does)."""
    pos = skip_blanks(text, line_start)
    digits = pos
    while digits < len(text) and digits - pos < 2 and text[digits].isdecimal():
        digits += 1
    if digits > pos and digits < len(text) and text[digits] in NUMBER_CLOSERS:
        return skip_space(text, digits + 1)
    return pos


def spaced_end(text: str, pos: int, parts: tuple[str, ...]) -> int:
    """The end of ``spaced(" ".join(parts))`` matched at ``pos``, or -1."""
    for k, part in enumerate(parts):
        if k:
            gap = pos
            pos = skip_space(text, pos)
            if pos == gap:
                return -1
        pos = part_end(text, pos, part)
        if pos < 0:
            return -1
    return pos


def part_end(text: str, pos: int, part: str) -> int:
    """The end of one word of a header, its letters perhaps a blank apart, or -1.
    Written without blanks the word is the next ``len(part)`` characters (``casefold``
    never shortens a character, so equal case-folded strings mean equal letters);
    when those characters hold no blank, no other writing can match."""
    chunk = text[pos:pos + len(part)]
    if chunk.casefold() == part:
        return pos + len(part)
    if " " not in chunk and "\t" not in chunk:
        return -1
    for j, letter in enumerate(part):
        if j and pos < len(text) and text[pos] in BLANKS:
            pos += 1
        if pos >= len(text) or text[pos].casefold() != letter:
            return -1
        pos += 1
    return pos


def tail_end(text: str, pos: int) -> int:
    """The end of ``[ \\t]*+(?::|\\.(?=[ \\t]*+$)|$)`` matched at ``pos``, or -1."""
    pos = skip_blanks(text, pos)
    if text.startswith(":", pos):
        return pos + 1
    if text.startswith(".", pos) and at_line_end(text, skip_blanks(text, pos + 1)):
        return pos + 1
    return pos if at_line_end(text, pos) else -1


def at_line_end(text: str, pos: int) -> bool:
    """``$`` in ``re.MULTILINE`` mode."""
    return pos == len(text) or text[pos] == "\n"


def squeezed_head(text: str, head: int, reach: int) -> str:
    """The next ``reach`` characters from ``head``, blanks removed, case-folded. A header
    word's first part matched at ``head`` (``part_end``) is its letters, each one
    character folding to that letter, at most a blank apart: within ``reach`` (twice the
    longest first part) they are what this starts with, so a word's first part that it
    does not start with cannot match there, and the walk is spared."""
    return text[head:head + reach].replace(" ", "").replace("\t", "").casefold()


def line_starts(text: str) -> list[int]:
    """Where ``^`` can match in ``re.MULTILINE`` mode: the text's start and after each ``\\n``."""
    starts, newline = [0], text.find("\n")
    while newline >= 0:
        starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    return starts


def header_matches(kinds: tuple[KindHeaders, ...], text: str) -> list[tuple[str, HeaderMatch]]:
    """Each kind's headers, as ``finditer`` of its pattern lists them, kind after kind:
    tried at line starts only (the one place ``^`` can match), and of those only where
    the head's first two letters (``opening``) may begin one of the kind's words; a
    match may run over lines (``\\s``), and the kind's next try is after its end."""
    starts = line_starts(text)
    heads = [head_start(text, start) for start in starts]
    # the opening only where a letter may begin a word: looking past white space from
    # every line start would read a long blank run once per line in it
    openings = [opening(text, head) if text[head:head + 1].casefold() in LETTERS else ""
                for head in heads]
    by_opening: dict[str, list[int]] = {}
    for i, key in enumerate(openings):
        by_opening.setdefault(key, []).append(i)
    reach = 2 * max((len(parts[0]) for kind in kinds for words in kind.by_opening.values()
                     for parts in words), default=0)
    squeezed: dict[int, str] = {}
    found = []
    for kind in kinds:
        if kind.pattern is None:
            tried = sorted(i for key in kind.by_opening for i in by_opening.get(key, ()))
        else:
            tried = range(len(starts))
        resume = 0
        for i in tried:
            if starts[i] < resume:
                continue
            if i not in squeezed:
                squeezed[i] = squeezed_head(text, heads[i], reach)
            match = kind.match(text, starts[i], heads[i], openings[i], squeezed[i])
            if match:
                resume = match.end
                found.append((kind.kind, match))
    return found
