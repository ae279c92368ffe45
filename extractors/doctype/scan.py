"""An "any" cue searched along a whole document, rewritten so that ``re`` scans for the
characters its matches can start with.

A cue such as ``(?<![\\wё])(?:заявил[аи]?|сообщил[аи]?|…)(?![\\wё])`` is compiled with
IGNORECASE: ``re`` then finds no literal or character-set prefix to scan for and tries the
look-behind and every alternative at every character of the text. Written as
``(?-i:[ЗзСс…ᲀ-᲏])(?<![\\wё].)(?:(?<=з)аявил[аи]?|(?<=с)ообщил[аи]?|…)(?![\\wё])`` it
matches the same spans: the case-sensitive class is a prefix ``re`` scans for in C, and
it takes every character that IGNORECASE matches with one of the first letters (a
Cyrillic letter folds only with its capital and, for в д о с т ъ, with the old-style letters
U+1C80–U+1C88: a superset is enough, the exact test is the look-behind ``(?<=з)`` under
IGNORECASE that follows); the edge test moves after that first letter (``.`` is the letter
itself; a letter is a word character, so ``\\b`` before it is ``(?<!\\w.)`` after it), and
the alternatives are tried in the same order with the same rest. ``(?:^|\\s)`` (MULTILINE)
before the letter becomes ``(?<!\\S.)`` after it: the match then starts at the letter, not
at the blank before it, which ``find`` strips from a cue's span anyway.
A cue of any other shape is left as it is.
"""
from __future__ import annotations

import re

from extractors.text.pattern_parts import group_end, top_level_parts

EDGES = {"\\b": r"(?<!\w.)", "(?<![\\wё])": r"(?<![\wё].)", "(?:^|\\s)": r"(?<!\S.)"}
FOLDED = "\u1c80-\u1c8f"  # old-style letters re.IGNORECASE folds into в д о с т ъ ѣ
QUANTIFIERS = ("?", "*", "+", "{")


def alternatives(rest: str) -> tuple[list[str], str] | None:
    """The alternatives and the tail of ``(?:a|b|…)tail``, or ``rest`` as the one
    alternative; None when ``rest`` has a ``|`` of its own or the group is repeated."""
    if len(top_level_parts(rest)) > 1:
        return None
    end = group_end(rest) if rest.startswith("(?:") else None
    if end is None:
        return [rest], ""
    if rest[end:end + 1] in QUANTIFIERS:
        return None
    return top_level_parts(rest[3:end - 1]), rest[end:]


def opens_with_letter(alternative: str) -> bool:
    """Whether the alternative's first element is one lowercase Cyrillic letter (or the
    caseless ``©``), taken once."""
    return ((len(alternative) > 1 and "а" <= alternative[0] <= "я"
             and alternative[1] not in QUANTIFIERS) or alternative == "©")


def prefixed(pattern: str) -> str:
    """``pattern`` written to open with a class of its first letters, or as it is."""
    edge = next((e for e in EDGES if pattern.startswith(e)), None)
    found = alternatives(pattern[len(edge):]) if edge else None
    if found is None or not all(opens_with_letter(a) for a in found[0]):
        return pattern
    alts, tail = found
    firsts = "".join(sorted({a[0] for a in alts}))
    body = "|".join(f"(?<={a[0]}){a[1:]}" for a in alts)
    return f"(?-i:[{firsts}{firsts.upper()}{FOLDED}]){EDGES[edge]}(?:{body}){tail}"
