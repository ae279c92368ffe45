"""The words a pattern cannot match without: a cheap test, made once per document, that
spares searching a whole text for a pattern that cannot match it (and compiling it).

``required_literals`` reads a regex source: every match of it holds one of the strings it
returns (or it returns None when no such string is certain). A sequence holds what any of
its elements that must match holds (a run of literal letters, or a group not made
optional by its quantifier); alternatives hold the union of what each holds. Lookarounds,
classes, escapes and optional elements are passed over, which only makes the set less
selective, never wrong.

``folded`` is the text as the strings are compared with it: lower-cased, and the few
characters ``re.IGNORECASE`` matches with a letter that ``str.lower`` does not map to it
(the old-style Cyrillic letters U+1C80-U+1C86, dotted and dotless i, long s) replaced by
that letter, before lower-casing (``"İ".lower()`` is two characters). A match of a literal
letter under IGNORECASE (or without it) is then that letter in the folded text, at the same
place: for the letters, digits and marks a literal may hold (``LITERAL_CHARS``) this
is checked over every code point by the tests.
"""
from __future__ import annotations

from functools import lru_cache

from extractors.text.pattern_parts import closing_parentheses, pattern_atoms

# the characters a literal run is made of (what the fold is checked for)
LITERAL_CHARS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz"
                          "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ"
                          "0123456789 :,-/«»№")
FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x1C80: "в", 0x1C81: "д", 0x1C82: "о",
        0x1C83: "с", 0x1C84: "т", 0x1C85: "т", 0x1C86: "ъ"}
FOLD_CHARS = tuple(map(chr, FOLD))
LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
FLAG_LETTERS = set("-aiLmsux")
QUANTIFIERS = ("?", "*", "+", "{")


@lru_cache(maxsize=1)
def folded(text: str) -> str:
    """``text`` as ``required_literals`` are looked for in it (kept for the last text: the
    event and doctype families both ask it of each document)."""
    if any(char in text for char in FOLD_CHARS):  # rare: str.translate costs ~20 ns a character
        text = text.translate(FOLD)
    return text.lower()


def may_match(literals: tuple[str, ...] | None, folded_text: str) -> bool:
    """False only when a pattern with these ``required_literals`` cannot match the text."""
    return literals is None or any(map(folded_text.__contains__, literals))


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Folded strings one of which every match of ``pattern`` holds, or None."""
    reader = Reader(pattern_atoms(pattern))
    found = reader.alternatives(0, len(reader.atoms))
    return None if found is None else tuple(sorted({folded_literal(s) for s in found}))


def folded_literal(literal: str) -> str:
    return literal.translate(FOLD).lower()


class Reader:
    """A pattern's atoms (``pattern_atoms``: an escape, a class or one character each),
    read once, with the index of the parenthesis closing each group."""

    def __init__(self, atoms: list[str]):
        self.atoms = atoms
        self.closing = closing_parentheses(atoms)

    def alternatives(self, start: int, stop: int) -> frozenset[str] | None:
        """The union over the alternatives of ``atoms[start:stop]`` (a group is skipped
        whole: its ``|`` are its own)."""
        found: set[str] = set()
        begin, i = start, start
        while i <= stop:
            atom = self.atoms[i] if i < stop else "|"
            if atom == "(":
                i = self.closing.get(i, stop - 1) + 1
                continue
            if atom == "|":
                literals = self.sequence(begin, i)
                if literals is None:
                    return None
                found |= literals
                begin = i + 1
            i += 1
        return frozenset(found)

    def sequence(self, start: int, stop: int) -> frozenset[str] | None:
        """The most selective set one of the sequence's elements must hold (its shortest
        string the longest), or None when no element gives one."""
        sets: list[frozenset[str]] = []
        run: list[str] = []
        i = start
        while i < stop:
            atom = self.atoms[i]
            if atom == "(":
                end = self.closing.get(i)
                if end is None or end >= stop:
                    return None
                j, optional = self.quantifier(end + 1, stop)
                sets += end_run(run)
                inner = None if optional else self.group(i, end)
                sets += [inner] if inner is not None else []
            elif i + 1 < stop and self.atoms[i + 1] in QUANTIFIERS:
                j, optional = self.quantifier(i + 1, stop)
                sets += end_run(run)
                if atom in LITERAL_CHARS and not optional:
                    sets.append(frozenset({atom}))  # a letter repeated by + : once for certain
            else:
                j = i + 1
                if atom in LITERAL_CHARS:
                    run.append(atom)
                else:
                    sets += end_run(run)
            i = j
        sets += end_run(run)
        return max(sets, key=lambda s: min(map(len, s)), default=None)

    def quantifier(self, i: int, stop: int) -> tuple[int, bool]:
        """The index after the quantifier at ``atoms[i]`` (``i`` when there is none) and
        whether it lets its element match nothing (``{…}`` taken as such: a bound may be 0)."""
        atoms = self.atoms
        if i >= stop or atoms[i] not in QUANTIFIERS:
            return i, False
        optional = atoms[i] != "+"
        j = i + 1
        if atoms[i] == "{":
            while j < stop and atoms[j - 1] != "}":
                j += 1
        if j < stop and atoms[j] in ("?", "+"):  # lazy or possessive
            j += 1
        return j, optional

    def group(self, start: int, end: int) -> frozenset[str] | None:
        """What the body of the group ``atoms[start:end + 1]`` holds; None for a lookaround
        (not part of the match) or an extension this reader does not know."""
        atoms = self.atoms
        if atoms[start + 1] != "?":
            return self.alternatives(start + 1, end)
        body = start + 2
        if atoms[body] == "P" and atoms[body + 1] == "<":
            body = atoms.index(">", body, end) + 1 if ">" in atoms[body:end] else end
        else:
            while body < end and atoms[body] in FLAG_LETTERS:
                body += 1
            if body >= end or atoms[body] != ":":
                return None  # a lookaround, a comment, a backreference, a condition
            body += 1
        return self.alternatives(body, end) if body < end else None


def end_run(run: list[str]) -> list[frozenset[str]]:
    literal = "".join(run)
    run.clear()
    return [frozenset({literal})] if literal else []
