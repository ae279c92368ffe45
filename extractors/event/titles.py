"""Event titles: the quoted name after an event's kind (nested «» kept, a dropped
outer quote tolerated, a title wrapped onto the next line followed), or a ``Тема: …``
field. Quotations that name an organisation, the project or another thing the
sentence talks about are skipped (``data/event.json`` ``title_skip_*``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractors.event.lexicon import Lexicon
from extractors.base import trim
from extractors.text.inflect import case_parse
from extractors.text.tokens import alnum_words as tokens
from extractors.text.sentences import sentences
from schemas.mention import Mention

OPEN_QUOTES = {"«": "»", "\"": "\"", "“": "”", "„": "“"}
THEME_TRIM = " \t\r.;*_"
CONTINUED = re.compile(r"[ \t]*\n[ \t]*[а-яё«\"]")
UNCLOSED_END = re.compile(r"[ \t]*(?:[,;!?]|\.[ \t]*(?:\n|$)|\n)")
GENITIVE_CHAIN = {"NOUN", "ADJF", "PRTF"}


class Span(NamedTuple):
    """Where a kind mention is (all that ``title_after`` reads of it)."""
    start: int
    stop: int


def quoted(text: str, start: int) -> tuple[int, int] | None:
    """Inner span of the quotation opening at ``start`` (nested «» respected)."""
    opening = text[start]
    closing = OPEN_QUOTES[opening]
    limit = min(len(text), start + Lexicon.load().max_title)
    depth = 0
    for i in range(start, limit):
        ch = text[i]
        if opening == "«" and ch == "«":
            depth += 1
        elif ch == closing and i == start:
            continue  # a straight quote opens and closes with the same character
        elif ch == closing and (opening != "«" or depth == 1):
            return trim(text, start + 1, i, " \t\r\n")
        elif ch == closing:
            depth -= 1
            if depth == 1 and UNCLOSED_END.match(text, i + 1):
                # «Реализация проекта «Школа», в котором …: the outer » was dropped
                return trim(text, start + 1, i + 1, " \t\r\n")
    return None


def title_after(text: str, kind: Mention) -> tuple[int, int] | None:
    """The quotation right after the kind, or the first one later in its sentence
    that does not name an organisation or the project."""
    return title_after_span(text, kind.start, kind.stop)


# a kind's title is asked when its kind is scored and again when the chosen kind's title
# is taken (each cutting the sentences of up to 800 characters): kept for a document's kinds
@lru_cache(maxsize=128)
def title_after_span(text: str, start: int, stop: int) -> tuple[int, int] | None:
    kind = Span(start, stop)
    connector = Lexicon.load().title_connector.match(text, kind.stop)
    if connector is not None and connector.end() < len(text):
        inner = quoted(text, connector.end())
        if usable_title(text, connector.end(), inner):
            return inner
    sentence_stop = wrapped_stop(text, next(
        (e for s, e in sentences(text, kind.start, sentence_window_stop(text, kind))
         if s < kind.stop <= e), kind.stop))
    pos = kind.stop
    while pos < sentence_stop:
        opening = next((i for i in range(pos, sentence_stop) if text[i] in OPEN_QUOTES), None)
        if opening is None:
            return None
        inner = quoted(text, opening)
        if inner is None:
            return None
        if usable_title(text, opening, inner) and not names_another(text, kind, opening):
            return inner
        pos = inner[1] + 1
    return None


def sentence_window_stop(text: str, kind: Span) -> int:
    """Where to stop cutting sentences from the kind on to find the one holding its end: at
    most 800 characters on, and no further than the end of the kind's last line. A line
    always ends a sentence (``sentences`` cuts each line alone), so the sentences of the
    lines before stay the same and none of the lines after holds the kind's end."""
    line_end = text.find("\n", kind.stop)
    return min(len(text), kind.start + 800, len(text) if line_end < 0 else line_end)


def wrapped_stop(text: str, stop: int) -> int:
    """A sentence cut by a hard line break goes on while the next lines continue it in
    lowercase (``Всероссийского конкурса`` / ``юных поэтов «Звонкое слово»``)."""
    for _ in range(2):
        if text[stop - 1:stop] in ".!?:;" or not CONTINUED.match(text, stop):
            break
        end = text.find("\n", stop + 1)
        stop = len(text) if end < 0 else end
    return stop


def names_another(text: str, kind: Span, opening: int) -> bool:
    """A quotation later in the sentence right after a lowercase noun in the genitive
    names that noun's thing (``обсуждение инициативы "Школа для каждого"``), not the event,
    unless the words from the kind to it are all a genitive chain of the kind itself
    (``совещания руководителей организаций «…»``, ``выставку-конкурс макетов «…»``)."""
    words = tokens(text, kind.stop, opening)
    if not words or text[words[-1].stop:opening].strip():
        return False
    word = words[-1].text
    if not (word[:1].islower() and case_parse(word, "gent", {"NOUN"}) is not None):
        return False
    return not all(case_parse(w.text, "gent", GENITIVE_CHAIN) for w in words)


def usable_title(text: str, opening: int, inner: tuple[int, int] | None) -> bool:
    if inner is None or inner[1] <= inner[0]:
        return False
    if Lexicon.load().title_skip_inner.match(text[inner[0]:inner[1]]):
        return False
    if text[inner[0]].islower():
        return False  # «в группе риска»: a quoted phrase, a name starts with a capital
    return not Lexicon.load().title_skip_before.search(text, max(0, opening - 80), opening)


def theme_title(text: str) -> tuple[int, int] | None:
    """A ``Тема: «…»`` field, or an unquoted ``Тема: …`` line (up to its end)."""
    field = Lexicon.load().theme_field.search(text)
    if field is not None:
        inner = quoted(text, field.end())
        return inner if inner and inner[1] > inner[0] else None
    line = Lexicon.load().theme_line.search(text)
    if line is None:
        return None
    end = text.find("\n", line.end())
    start, stop = trim(text, line.end(), len(text) if end < 0 else end, THEME_TRIM)
    return (start, stop) if stop > start else None
