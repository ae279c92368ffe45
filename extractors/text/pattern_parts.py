"""Reading a regex's source by its parts, for the families that rewrite a pattern so that
``re`` can scan for where its matches start (doctype's "any" cues, geo's city patterns)."""
from __future__ import annotations

import re

# one element of a pattern: an escape, a character class or a single character
PATTERN_ATOM = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|.", re.DOTALL)


def pattern_atoms(pattern: str) -> list[str]:
    """An escape, a character class or a single character each."""
    return PATTERN_ATOM.findall(pattern)


def closing_parentheses(atoms: list[str]) -> dict[int, int]:
    """The index of the atom closing each group of ``atoms`` (``pattern_atoms``), by the
    index of the one opening it."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    for i in [i for i, atom in enumerate(atoms) if atom in "()"]:  # C skips the rest
        if atoms[i] == "(":
            opened.append(i)
        elif opened:
            closing[opened.pop()] = i
    return closing


def group_end(pattern: str) -> int | None:
    """The index after the parenthesis closing the group ``pattern`` opens with."""
    depth, pos = 0, 0
    for atom in pattern_atoms(pattern):
        depth += (atom == "(") - (atom == ")")
        pos += len(atom)
        if depth == 0:
            return pos
    return None


def top_level_parts(pattern: str) -> list[str]:
    """``pattern`` cut at its ``|`` outside groups and classes."""
    parts, depth, current = [], 0, []
    for atom in pattern_atoms(pattern):
        depth += (atom == "(") - (atom == ")")
        if atom == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(atom)
    return [*parts, "".join(current)]


def has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside groups and classes (``a|b``)."""
    return len(top_level_parts(pattern)) > 1
