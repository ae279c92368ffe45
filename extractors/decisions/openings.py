"""Patterns searched along a text, led by a look-ahead for the characters a match opens
with, read off the pattern's source.

A pattern that opens with an alternation, ``\\b`` or a group gives ``re`` no prefix to
scan for (under IGNORECASE a letter is none either): ``search`` then tries the whole
pattern, every branch, at every character. ``(?=[…])`` before it, with the characters
a match can open with, fails at most characters at once. It is only what the pattern
asks of its first character anyway, so the matches (and their groups) are the same.
"""
from __future__ import annotations

import re

from extractors.text.pattern_parts import group_end, pattern_atoms, top_level_parts

ZERO_WIDTH_ESCAPES = ("\\b", "\\B")
ZERO_WIDTH_GROUPS = ("(?=", "(?!", "(?<=", "(?<!")
META = frozenset(".^$*+?{}[]\\|()")
OPTIONAL = ("?", "*", "{")  # quantifiers that may take an element no times (or any number)
QUANTIFIERS = ("?", "*", "+", "{")


def searched(source: str, flags: int) -> re.Pattern[str]:
    """``re.compile(source, flags)``, led by the look-ahead when ``opening_chars`` knows
    the characters (else as it is)."""
    chars = opening_chars(source)
    if not chars:
        return re.compile(source, flags)
    return re.compile(f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{source})", flags)


def opening_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` opens with: through alternatives, zero-width
    ``\\b`` and look-arounds, and groups (an optional one adds what follows it) to a
    literal character; None when it opens any other way (a class, ``.``, ``^``, an
    escape such as ``\\s``, a character that may be left out, an empty alternative)."""
    parts = top_level_parts(pattern)
    if len(parts) > 1:
        found = [opening_chars(part) for part in parts]
        return None if None in found else frozenset().union(*found)
    if pattern.startswith(ZERO_WIDTH_ESCAPES):
        return opening_chars(pattern[2:])
    end = group_end(pattern) if pattern.startswith("(") else None
    if end is None:
        return literal_opening(pattern)
    if pattern[end:end + 1] in QUANTIFIERS and pattern.startswith(ZERO_WIDTH_GROUPS):
        return None
    if pattern.startswith(ZERO_WIDTH_GROUPS):
        return opening_chars(pattern[end:])
    body = group_body(pattern)
    inner = opening_chars(pattern[body:end - 1]) if body is not None else None
    quantifier = pattern[end:end + 1]
    if inner is None or quantifier in ("*", "{"):
        return None
    if quantifier == "?":
        rest = opening_chars(pattern[end + 1:])
        return None if rest is None else inner | rest
    return inner  # taken once or more


def group_body(pattern: str) -> int | None:
    """Where the body of the group ``pattern`` opens with starts: ``(…)``, ``(?:…)`` or
    ``(?P<name>…)``; None for any other kind of group."""
    if pattern.startswith("(?:"):
        return 3
    if pattern.startswith("(?P<"):
        close = pattern.find(">")
        return close + 1 if close > 0 else None
    return None if pattern.startswith("(?") else 1


def literal_opening(pattern: str) -> frozenset[str] | None:
    """A literal first character taken at least once (``а``, ``\\.``), or None."""
    atoms = pattern_atoms(pattern)
    if not atoms:
        return None
    atom = atoms[0]
    if len(atom) == 1 and atom not in META:
        char = atom
    elif len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum():
        char = atom[1]
    else:
        return None
    return None if pattern[len(atom):len(atom) + 1] in OPTIONAL else frozenset(char)
