"""Lines and sentences of a text as half-open offset pairs (no copies of
the text), for the decisions and event families."""
from __future__ import annotations

import re

from extractors.base import trim

SENTENCE_END = re.compile(r"[.!?…]+(?=[ \t]+[«\"(*]*[А-ЯЁA-Z0-9])")
PARAGRAPH = re.compile(r"[^\n]+")
ABBREVIATIONS = frozenset({"г", "гг", "им", "ул", "д", "с", "п", "пос", "ст", "т", "обл", "р", "рис",
                           "см", "т.е", "т.д", "т.п", "ч", "мин", "каб", "корп", "стр", "пр", "пер",
                           "наб", "тел", "руб", "тыс", "млн", "о", "св", "кв", "мкр", "р-н", "х"})
WORD_BEFORE = re.compile(r"([\w.-]+)$")


def lines(text: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """Every line in ``[start, stop)``, without its newline (empty lines included)."""
    stop = len(text) if stop is None else stop
    found, pos = [], start
    while pos <= stop:
        end = text.find("\n", pos, stop)
        end = stop if end < 0 else end
        found.append((pos, end))
        if end >= stop:
            break
        pos = end + 1
    return found


def is_abbreviation_end(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an initial or an abbreviation."""
    match = WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isupper():
        return True
    return word.lower() in ABBREVIATIONS or last.lower() in ABBREVIATIONS


def sentences(text: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """Sentences in ``[start, stop)``: a paragraph (line) break always ends one."""
    stop = len(text) if stop is None else stop
    found = []
    for para in PARAGRAPH.finditer(text, start, stop):
        pos = para.start()
        for end in SENTENCE_END.finditer(text, para.start(), para.end()):
            if text[end.start()] == "." and is_abbreviation_end(text, end.start()):
                continue
            found.append(trim(text, pos, end.end(), " \t"))
            pos = end.end()
        found.append(trim(text, pos, para.end(), " \t"))
    return [(s, e) for s, e in found if e > s]
