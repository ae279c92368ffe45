"""The operative verb of an act (``ПРИКАЗЫВАЮ:``, ``Дума р е ш и л а:``) found in a line
without compiling its pattern.

The pattern (``operative_pattern``, under ``re.IGNORECASE | re.MULTILINE``) is::

    (?<![\\wё])(?:WORDS)TAIL|^[ \\t]*(?:WORDS)[ \\t]*$

where ``WORDS`` is the cue words, longest first, each written with ``[ \\t]?`` between
its letters (letter-spaced writing). Compiling it cost ~3 ms of every run. ``Operative``
gives the end of the same first match as its ``search`` over a line: it tries the same start
positions in the same order, and at each the same branches and words in the same order,
because every step but the choice of word is deterministic (a blank never stands where a
letter is expected, so no backtracking into ``[ \\t]?`` or ``[ \\t]*`` turns a failure
into a match). A Cyrillic letter is compared case-folded: the characters
``re.IGNORECASE`` equates with it are exactly those whose ``casefold()`` is that letter
(``В`` and ``ᲀ`` U+1C80 for ``в``). Where a word may start is found by a small pattern
(``word_start``: the look-behind, a first letter and the next ones) that ``re`` scans for
in C; the tail after the word (``TAIL``: blanks, a closing quote, the colon, then the
line's end or a run-in item 1) is read step by step too (``tail_end``). Cue words with
any other character keep the whole pattern.

The lines to try come from the whole text at once (``OperativeCue.lines``): a match needs
a cue word whose letters are at most a blank apart, so the text with its blanks removed
and case-folded (case folding works character by character) holds the word within the
folded line.
"""
from __future__ import annotations

import re

from extractors.text.lines import bounds as lines

CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
FLAGS = re.IGNORECASE | re.MULTILINE
EDGE = r"[\wё]"  # the look-behind's class: no cue word starts inside a word
TAIL = r"[ \t]*[\"»”]?[ \t]*:(?:[ \t]*$|(?=[ \t]*1[.)][ \t]*[«\"А-ЯЁ]))"
BLANKS = " \t"
QUOTES = "\"»”"  # the closing quote TAIL allows before the colon
ITEM_OPENERS = "«\""  # TAIL's [«"А-ЯЁ] besides the letters
OLD_STYLE = range(0x1C80, 0x1C90)  # the only letters besides a letter's capital folding to it
OPENING = 4  # so many first letters of a word mark where it may start (few words share them)


def spaced(word: str) -> str:
    """A word that may be written letter-spaced (``р е ш и л``)."""
    return r"[ \t]?".join(re.escape(ch) for ch in word)


def operative_pattern(cues: list[str]) -> re.Pattern[str]:
    """The operative verb ending its line with a colon, before a run-in item 1, or
    alone on its line without one (``ПРИКАЗЫВАЮ``)."""
    words = "|".join(spaced(w) for w in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!{EDGE})(?:{words}){TAIL}|^[ \t]*(?:{words})[ \t]*$", FLAGS)


def spaced_end(text: str, pos: int, stop: int, word: str) -> int:
    """The end of ``spaced(word)`` matched at ``pos`` before ``stop``, or -1. Written
    without blanks the word is the next ``len(word)`` characters (``casefold`` never
    shortens a character, so equal case-folded strings mean equal letters); when those
    characters hold no blank, no other writing can match."""
    end = pos + len(word)
    chunk = text[pos:min(end, stop)]
    if end <= stop and chunk.casefold() == word:
        return end
    if " " not in chunk and "\t" not in chunk:  # the walk below would read these letters
        return -1
    for j, letter in enumerate(word):
        if j and pos < stop and text[pos] in BLANKS:
            pos += 1
        if pos >= stop or text[pos].casefold() != letter:
            return -1
        pos += 1
    return pos


def word_start(words: tuple[str, ...]) -> re.Pattern[str]:
    """Where one of ``words`` may start: a character that folds to a first letter (a
    case-sensitive class ``re`` scans for in C: the letters, their capitals and the
    old-style letters folding to them: ``ᲀ`` U+1C80 for ``в``), not after a word character
    (``(?<![\\wё].)`` after the letter is ``(?<![\\wё])`` before it), that letter
    (``(?<=п)`` under IGNORECASE) and the word's next letters up to ``OPENING``."""
    firsts = sorted({w[0] for w in words})
    rests = {first: "|".join(sorted({spaced(w[1:OPENING]) and "[ \\t]?" + spaced(w[1:OPENING])
                                     for w in words if w[0] == first})) for first in firsts}
    old_style = [chr(c) for c in OLD_STYLE if chr(c).casefold() in firsts]
    letters = "".join(firsts) + "".join(firsts).upper() + "".join(old_style)
    branches = "|".join(f"(?<={first})(?:{rest})" if rest else f"(?<={first})"
                        for first, rest in rests.items())
    return re.compile(rf"(?-i:[{letters}])(?<!{EDGE}.)(?=(?:{branches}))", re.IGNORECASE)


def skip_blanks(text: str, pos: int, stop: int) -> int:
    while pos < stop and text[pos] in BLANKS:
        pos += 1
    return pos


def tail_end(text: str, pos: int, stop: int) -> int:
    """The end of ``TAIL`` matched at ``pos`` before ``stop`` (a line's end), or -1."""
    pos = skip_blanks(text, pos, stop)
    if pos < stop and text[pos] in QUOTES:
        pos = skip_blanks(text, pos + 1, stop)
    if pos >= stop or text[pos] != ":":
        return -1
    after = skip_blanks(text, pos + 1, stop)
    if after == stop:  # [ \t]*$
        return stop
    return pos + 1 if opens_item(text, after, stop) else -1


def opens_item(text: str, pos: int, stop: int) -> bool:
    """``1[.)][ \\t]*[«"А-ЯЁ]`` (under IGNORECASE) at ``pos``, before ``stop``."""
    if text[pos] != "1" or pos + 1 >= stop or text[pos + 1] not in ".)":
        return False
    first = skip_blanks(text, pos + 2, stop)
    return first < stop and (text[first] in ITEM_OPENERS or text[first].casefold() in CYRILLIC)


class Operative:
    """``operative_pattern(cues)`` over lines of all-Cyrillic cue words (see the module).
    A plain class: a NamedTuple costs ~0.1 ms of import to define."""
    __slots__ = ("words", "by_first", "word_start")

    def __init__(self, cues: list[str]) -> None:
        # case-folded, longest first: the pattern's order
        self.words = tuple(w.casefold() for w in sorted(cues, key=len, reverse=True))
        # the words a letter starts, in that order
        self.by_first = {first: tuple(w for w in self.words if w[0] == first)
                         for first in {w[0] for w in self.words}}
        self.word_start = word_start(self.words)

    def end(self, text: str, start: int, stop: int) -> int | None:
        """The end of ``operative_pattern(cues).search(text, start, stop)`` for a line
        ``[start, stop)`` (no line break inside it), or None: the first branch is tried
        where a word may start (``word_start``), the second only at the line's start,
        after the first."""
        if start == 0 or text[start - 1] == "\n":
            found = (self.before_colon(text, start, stop)
                     if self.word_start.match(text, start, stop) else -1)
            found = found if found >= 0 else self.alone(text, start, stop)
            if found >= 0:
                return found
            start += 1
        for word_start in self.word_start.finditer(text, start, stop):
            found = self.before_colon(text, word_start.start(), stop)
            if found >= 0:
                return found
        return None

    def before_colon(self, text: str, pos: int, stop: int) -> int:
        """The first branch at ``pos``: a word (one starting with the letter there), then
        the colon; its end or -1."""
        for word in self.by_first.get(text[pos].casefold(), ()):
            end = spaced_end(text, pos, stop, word)
            tail = tail_end(text, end, stop) if end >= 0 else -1
            if tail >= 0:
                return tail
        return -1

    def alone(self, text: str, pos: int, stop: int) -> int:
        """The second branch at the line's start: only a word on the line; its end or -1."""
        head = skip_blanks(text, pos, stop)
        for word in self.words:
            end = spaced_end(text, head, stop, word)
            if end >= 0 and skip_blanks(text, end, stop) == stop:
                return stop
        return -1


class OperativeCue:
    """The operative verb's test: ``Operative`` for all-Cyrillic cue words, else the
    compiled pattern (and every line may hold one)."""
    __slots__ = ("matcher", "folded")

    def __init__(self, cues: list[str]) -> None:
        folded = [w.casefold() for w in cues]
        if not all(ch in CYRILLIC for w in folded for ch in w):
            self.matcher: Operative | re.Pattern[str] = operative_pattern(cues)
            self.folded: tuple[str, ...] | None = None  # no pre-test
            return
        self.matcher = Operative(cues)
        # a text holding a word holds every word that is part of it: those need no test
        self.folded = tuple(w for w in folded if not any(o != w and o in w for o in folded))

    def end(self, text: str, start: int, stop: int) -> int | None:
        """Where the operative verb's match in the line ``[start, stop)`` ends, or None."""
        if isinstance(self.matcher, Operative):
            return self.matcher.end(text, start, stop)
        found = self.matcher.search(text, start, stop)
        return found.end() if found is not None else None

    def lines(self, text: str) -> list[tuple[int, int]]:
        """The lines of ``text`` (``extractors.text.lines.bounds``) that may hold a match,
        in order: those that hold a cue word once blanks are removed and the text is
        case-folded (a line break folds to itself, so the folded text's lines are the
        folded lines)."""
        if self.folded is None:
            return lines(text)
        folded = text.replace(" ", "").replace("\t", "").casefold()
        hits = set()
        for word in self.folded:
            at = folded.find(word)
            while at >= 0:
                hits.add(folded.count("\n", 0, at))
                at = folded.find(word, at + 1)
        if not hits:
            return []
        bounds = lines(text)
        return [bounds[i] for i in sorted(hits)]
