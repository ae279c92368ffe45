"""The region scans' word forms (``Архангельской области``, ``Республики Саха (Якутия)``,
``г. Астрахани``) matched at a position as the longest-first regex alternation of them
would, without compiling that alternation.

The scans try a few hundred positions per document (``anchored`` in extractors/geo), each
against the forms whose leading run of letters is the text's there. Compiling those forms
as regexes (one small pattern per leading run, IGNORECASE over Cyrillic) cost more than a
whole document's scan; comparing the forms as strings gives the same match:
- a form's spaces are ``\\s+`` and its hyphens ``\\s*[-–—]\\s*`` in the regex, and every
  piece of it between them starts and ends with a non-space character, so each form
  matches at most one way (greedy whitespace never gives back) and the alternation's
  answer is the first form, in its longest-first order, that matches with its tail;
- under IGNORECASE a text character matches a Cyrillic letter exactly when its
  ``str.lower()`` is that letter, except for the old-style letters U+1C80–U+1C86 (ᲀ ᲁ ᲂ ᲃ
  ᲄ ᲅ ᲆ, which ``re`` folds into в д о с т ъ): a text with any of them, and a form of
  another shape, are matched by the compiled regex as before.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, NamedTuple

EDGE_LEFT = r"(?<![\w-])"
EDGE = re.compile(EDGE_LEFT)
LEAD = re.compile(r"[А-Яа-яЁё]+")
SEPARATOR = re.compile(r"([ -])")
GAP = {" ": re.compile(r"\s+"), "-": re.compile(r"\s*[-–—]\s*")}
# A form matched as a string: its pieces between single spaces and hyphens are not empty
# and neither start nor end with whitespace (else the regex's whitespace could give back),
# and a piece compared by str.lower() holds only Cyrillic letters and brackets (another
# character may fold otherwise); any other form leaves its table to the regex.
PLAIN = re.compile(r"[^\s-](?:[^ -]*[^\s-])?(?:[ -][^\s-](?:[^ -]*[^\s-])?)*")
PLAIN_CASELESS = re.compile(r"[А-Яа-яЁё()]+(?:[ -][А-Яа-яЁё()]+)*")
FOLDED_ONLY = re.compile("[\u1c80-\u1c8f]")  # letters re.IGNORECASE folds, str.lower() does not


def alternatives(forms: Iterable[str]) -> list[str]:
    ordered = sorted(forms, key=lambda f: (-len(f), f))  # longest first; ties in a fixed order
    return [re.escape(f).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–—]\s*") for f in ordered]


def alternation(forms: Iterable[str]) -> str:
    return "|".join(alternatives(forms))


def edged_alternation(forms: Iterable[str]) -> str:
    """``EDGE_LEFT(?:alternation)`` written with the look-behind after each form's first letter
    (``ХМАО`` -> ``Х(?<![\\w-]Х)МАО``): the same matches, but re searches for those letters
    instead of trying the alternation at every character."""
    return "(?:" + "|".join(f"{a[0]}(?<![\\w-]{a[0]}){a[1:]}" if a[0].isalpha() else EDGE_LEFT + a
                            for a in alternatives(forms)) + ")"


@lru_cache(maxsize=2)
def folded_only(text: str) -> bool:
    return FOLDED_ONLY.search(text) is not None


class FormMatch(NamedTuple):
    """What the scans read of a ``re.Match``: its span and named groups."""
    begin: int
    stop: int
    text: str
    groups: tuple[tuple[str, str | None], ...] = ()

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self, name: str | int = 0) -> str | None:
        return self.text[self.begin:self.stop] if name == 0 else dict(self.groups)[name]


class Form:
    """One form as its pieces between spaces and hyphens (lower case when case is ignored)."""

    def __init__(self, form: str, ignore_case: bool) -> None:
        parts = SEPARATOR.split(form)
        self.pieces = [p.lower() if ignore_case else p for p in parts[::2]]
        self.gaps = [GAP[s] for s in parts[1::2]]
        self.ignore_case = ignore_case

    def end(self, text: str, pos: int) -> int | None:
        """Where the form matched at ``pos`` ends, None when it does not match there."""
        for i, piece in enumerate(self.pieces):
            if i:
                gap = self.gaps[i - 1].match(text, pos)
                if gap is None:
                    return None
                pos = gap.end()
            written = text[pos:pos + len(piece)]
            if (written.lower() if self.ignore_case else written) != piece:
                return None
            pos += len(piece)
        return pos


class WordForms:
    """``EDGE_LEFT (?P<prefix>prefix)? (?P<name>forms) tail``: forms as a longest-first
    alternation (``name`` None: no group around them), found by their leading run of letters."""

    def __init__(self, forms: Iterable[str], tail: str, flags: int = 0, name: str | None = None,
                 prefix: str | None = None) -> None:
        self.tail_text, self.flags, self.name, self.prefix_text = tail, flags, name, prefix
        self.tail = re.compile(tail, flags)
        self.prefix = re.compile(prefix, flags) if prefix else None
        self.ignore_case = bool(flags & re.IGNORECASE)
        plain = PLAIN_CASELESS if self.ignore_case else PLAIN
        self.groups: dict[str, set[str]] = defaultdict(set)
        self.plain = True
        for form in forms:
            lead = LEAD.match(form)
            if lead:
                self.groups[lead.group().lower()].add(form)
                self.plain = self.plain and plain.fullmatch(form) is not None
        self.ordered: dict[str, list[Form]] = {}  # a lead's forms, longest first, once read
        self.compiled: dict[str, re.Pattern[str] | None] = {}

    def forms(self, lead: str) -> list[Form]:
        if lead not in self.ordered:
            forms = sorted(self.groups.get(lead, ()), key=lambda f: (-len(f), f))
            self.ordered[lead] = [Form(f, self.ignore_case) for f in forms]
        return self.ordered[lead]

    def regex(self, forms: Iterable[str]) -> re.Pattern[str]:
        prefix = f"(?P<prefix>{self.prefix_text})?" if self.prefix_text else ""
        body = f"(?P<{self.name}>{alternation(forms)})" if self.name else f"(?:{alternation(forms)})"
        return re.compile(EDGE_LEFT + prefix + body + self.tail_text, self.flags)

    def pattern(self, lead: str) -> re.Pattern[str] | None:
        """The regex of the forms that begin with ``lead`` (with a prefix: of every form)."""
        if lead not in self.compiled:
            forms = self.groups.get(lead) if self.prefix is None else \
                {f for group in self.groups.values() for f in group}
            self.compiled[lead] = self.regex(forms) if forms else None
        return self.compiled[lead]

    def match(self, text: str, pos: int) -> re.Match[str] | FormMatch | None:
        if not self.plain or folded_only(text):
            return self.regex_match(text, pos)
        return self.string_match(text, pos)

    def regex_match(self, text: str, pos: int) -> re.Match[str] | None:
        """The match of the forms' regex (of those of the text's leading letters at ``pos``)."""
        lead = LEAD.match(text, pos) if self.prefix is None else None
        pattern = self.pattern(lead.group().lower() if lead else "") \
            if lead or self.prefix is not None else None
        return pattern.match(text, pos) if pattern else None

    def string_match(self, text: str, pos: int) -> FormMatch | None:
        """The same match found by comparing the forms as strings (a plain table, a text
        without the letters ``re`` folds otherwise)."""
        if EDGE.match(text, pos) is None:
            return None
        before = self.prefix.match(text, pos) if self.prefix is not None else None
        if before is not None:
            found = self.forms_at(text, pos, before.end(), before.group())
            if found is not None:
                return found
        return self.forms_at(text, pos, pos, None)

    def forms_at(self, text: str, start: int, pos: int, prefix: str | None) -> FormMatch | None:
        lead = LEAD.match(text, pos)
        for form in self.forms(lead.group().lower()) if lead else ():
            stop = form.end(text, pos)
            tail = self.tail.match(text, stop) if stop is not None else None
            if tail is not None:
                groups = tuple((k, v) for k, v in tail.groupdict().items())
                if self.name:
                    groups += ((self.name, text[pos:stop]),)
                if self.prefix is not None:
                    groups += (("prefix", prefix),)
                return FormMatch(start, tail.end(), text, groups)
        return None
