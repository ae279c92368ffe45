"""Patterns searched along a text, written so that ``re`` has less to try at each character.

``searched``: a pattern that opens with an alternation, ``\\b`` or a group gives ``re`` no
prefix to scan for (under IGNORECASE a letter is none either): ``search`` then tries the
whole pattern, every branch, at every character. ``(?=[…])`` before it, with the
characters a match can open with (``opening_chars``, read off the source), fails at most
characters at once. It is only what the pattern asks of its first character anyway, so
the matches (and their groups) are the same. ``searched_test``, for a pattern only
tested, opens with a class of those characters that ``re`` scans for in C.

``LineStartPattern``: a pattern anchored at line starts (``^…`` under ``re.MULTILINE``)
gives no prefix either, and ``^`` is tested at every character. The same pattern written
``\\n…`` and searched in the text with a line break put before it has a literal prefix,
which ``re`` scans for in C: it matches at the line break before each line start (the
text's start included) where ``^…`` matches at that line start, with the same rest, since
nothing in the rest looks back (a pattern with a look-behind or ``\\A``, or a top-level
``|``, is left as it is). ``spans`` lists the matches as ``finditer`` does: each next one
starts where the last ended or later (the line break it takes may be the last one's final
character); should a match be empty, ``finditer`` has rules of its own, and the plain
pattern lists the rest.
"""
from __future__ import annotations

import re

from extractors.text.pattern_parts import closing_parentheses, has_top_level_bar, pattern_atoms

CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
OLD_STYLE = range(0x1C80, 0x1C90)  # besides a letter's capital, the only ones folding to it
# Under IGNORECASE re builds [а-яё] (а-я, ё and the old-style letters U+1C80-U+1C86 that
# fold into в д о с т ъ: three runs of code points) through 256 chunks of a 65,536-entry
# map, ~0.1 ms each time; [а-я] (two runs) or'ed with a one-character repeat of ё (``{1}``,
# so that the parser does not merge the two into one class again) takes the same
# characters (tested over all of Unicode) and compiles as ranges. A repeat of it tries
# the same lengths in the same order: the two never take the same character.
QUICK_CLASSES = {"[а-яё]": "(?:[а-я]|ё{1})", "[А-ЯЁ]": "(?:[А-Я]|Ё{1})"}
ZERO_WIDTH_ESCAPES = ("\\b", "\\B")
ZERO_WIDTH_GROUPS = ("(?=", "(?!", "(?<=", "(?<!")
META = frozenset(".^$*+?{}[]\\|()")
OPTIONAL = ("?", "*", "{")  # quantifiers that may take an element no times (or any number)
QUANTIFIERS = ("?", "*", "+", "{")


def compiled(source: str, flags: int) -> re.Pattern[str]:
    """``re.compile(source, flags)``, its letter classes written to compile quicker
    under IGNORECASE (``QUICK_CLASSES``)."""
    if flags & re.IGNORECASE:
        source = "".join(QUICK_CLASSES.get(atom, atom) for atom in pattern_atoms(source))
    return re.compile(source, flags)


def searched(source: str, flags: int) -> re.Pattern[str]:
    """``re.compile(source, flags)``, led by the look-ahead when ``opening_chars`` knows
    the characters (else as it is)."""
    chars = opening_chars(source)
    if not chars:
        return compiled(source, flags)
    return compiled(f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{source})", flags)


def searched_test(source: str, flags: int) -> re.Pattern[str]:
    """A pattern that matches where ``source`` would in ``search`` (the same leftmost
    start), for a test of whether it matches at all: its match is only the first
    character. When the opening characters are Cyrillic letters, they become a
    case-sensitive class to open with (each letter, its capital and the old-style letters
    folding to it: all IGNORECASE equates with it), which ``re`` scans for in C, and
    ``(?<=(?=source).)`` tries the source from that character: a look-behind one
    character wide holding a look-ahead. Else ``searched(source, flags)``."""
    chars = opening_chars(source)
    if not chars or not chars <= CYRILLIC:
        return searched(source, flags)
    if flags & re.IGNORECASE:
        chars = chars | {c.upper() for c in chars} | {chr(c) for c in OLD_STYLE
                                                       if chr(c).casefold() in chars}
    return compiled(f"(?-i:[{''.join(sorted(chars))}])(?<=(?=(?:{source})).)", flags)


def opening_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` opens with: through alternatives, zero-width
    ``\\b`` and look-arounds, and groups (an optional one adds what follows it) to a
    literal character; None when it opens any other way (a class, ``.``, ``^``, an
    escape such as ``\\s``, a character that may be left out, an empty alternative).
    The source is cut into its atoms once and read by their indices."""
    atoms = pattern_atoms(pattern)
    return Source(atoms, closing_parentheses(atoms)).alternatives(0, len(atoms))


class Source:
    """A pattern's atoms and where each group closes (a plain class: a NamedTuple costs
    ~0.1 ms of import to define)."""
    __slots__ = ("atoms", "closing")

    def __init__(self, atoms: list[str], closing: dict[int, int]) -> None:
        self.atoms, self.closing = atoms, closing

    def alternatives(self, start: int, stop: int) -> frozenset[str] | None:
        """``opening_chars`` of the atoms ``[start, stop)``, cut at their top-level ``|``."""
        found, begin, i = [], start, start
        while i < stop:
            if self.atoms[i] == "(":
                i = self.closing.get(i, stop)
            elif self.atoms[i] == "|":
                found.append(self.sequence(begin, i))
                begin = i + 1
            i += 1
        found.append(self.sequence(begin, stop))
        return None if None in found else frozenset().union(*found)

    def sequence(self, start: int, stop: int) -> frozenset[str] | None:
        """``opening_chars`` of atoms ``[start, stop)`` without a top-level ``|``."""
        if start >= stop:
            return None
        atom = self.atoms[start]
        if atom in ZERO_WIDTH_ESCAPES:
            return self.sequence(start + 1, stop)
        if atom != "(":
            return self.literal(start, stop)
        end = self.closing.get(start)
        if end is None or end >= stop:
            return None
        after = self.atoms[end + 1] if end + 1 < stop else ""
        opener = "".join(self.atoms[start:start + 4])
        if opener.startswith(ZERO_WIDTH_GROUPS):
            return None if after in QUANTIFIERS else self.sequence(end + 1, stop)
        body = self.group_body(start, end)
        inner = self.alternatives(body, end) if body is not None else None
        if inner is None or after in ("*", "{"):
            return None
        if after == "?":
            rest = self.sequence(end + 2, stop)
            return None if rest is None else inner | rest
        return inner  # taken once or more

    def group_body(self, start: int, end: int) -> int | None:
        """Where the body of the group opening at ``start`` begins: ``(…)``, ``(?:…)`` or
        ``(?P<name>…)``; None for any other kind of group."""
        if self.atoms[start + 1] != "?":
            return start + 1
        if self.atoms[start + 2] == ":":
            return start + 3
        if self.atoms[start + 2] == "P" and self.atoms[start + 3] == "<":
            close = self.atoms.index(">", start + 4, end)
            return close + 1
        return None

    def literal(self, start: int, stop: int) -> frozenset[str] | None:
        """A literal first character taken at least once (``а``, ``\\.``), or None."""
        atom = self.atoms[start]
        if len(atom) == 1 and atom not in META:
            char = atom
        elif len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum():
            char = atom[1]
        else:
            return None
        after = self.atoms[start + 1] if start + 1 < stop else ""
        return None if after in OPTIONAL else frozenset(char)


class LineStartPattern:
    """``^…`` under ``re.MULTILINE``, searched as ``\\n…`` (see the module)."""
    __slots__ = ("source", "flags", "after_break")

    def __init__(self, source: str, flags: int) -> None:
        self.source, self.flags = source, flags
        self.after_break = compiled("\n" + source[1:], flags)  # "\n" and the rest

    @classmethod
    def compile(cls, source: str, flags: int) -> "LineStartPattern | re.Pattern[str]":
        rest = source[1:]
        if not (source.startswith("^") and flags & re.MULTILINE) or has_top_level_bar(source) \
                or "(?<" in rest or "\\A" in rest:
            return compiled(source, flags)
        return cls(source, flags)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in re.compile(source, flags).finditer(text)]``."""
        padded = "\n" + text  # text offset = padded offset - 1: a match's line break is before it
        found: list[tuple[int, int]] = []
        pos = 0
        while (match := self.after_break.search(padded, pos)) is not None:
            start, end = match.start(), match.end() - 1
            if end == start:  # an empty match: finditer's own rules for what follows
                plain = compiled(self.source, self.flags)
                return found + [m.span() for m in plain.finditer(text, start)]
            found.append((start, end))
            pos = end  # the line break at padded ``end`` is the text's ``end - 1``
        return found
