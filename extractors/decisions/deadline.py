"""The deadline of one decision: a date marked as a deadline or after ``до``/``в срок
до``, the end of a period when someone is told to act, else a bare date that is not a
cited act's date or a start (nor, when nobody is told to act, an entry of a schedule
after a colon: ``Провести олимпиаду в сроки: … этап – 18 ноября``); ``ежеквартально``-like words are open deadlines (kept as
a warning, not a date). Cues live in ``data/decisions.json``."""
from __future__ import annotations

import datetime as dt
import re

from extractors.decisions.lexicon import Lexicon
from schemas.mention import Mention


def deadline(text: str, start: int, stop: int, dates: list[Mention],
             addressed: bool = True) -> Mention | None:
    """The DATE inside ``[start, stop)`` marked as a deadline, or preceded by ``до``.
    The end of a period counts only when someone is told to act (``addressed``):
    ``Провести с 1 по 10 августа конкурс`` gives the event's dates, not a deadline."""
    inside = [m for m in dates if m.label == "DATE" and start <= m.start < stop
              and m.stop <= stop + 2]
    lexicon = Lexicon.load()
    for m in inside:
        if m.attrs.role == "deadline":
            return m
    for m in inside:
        if lexicon.deadline_cue.search(text, max(start, m.start - 30), m.start):
            return m
    ends = [m for m in inside if m.attrs.role == "range_end"]
    if ends:
        return ends[-1] if addressed else None
    plain = [m for m in inside if m.attrs.role == "date"
             and not lexicon.reference_cue.search(text, max(start, m.start - 30), m.start)
             and (addressed or ":" not in text[start:m.start])]
    return plain[-1] if plain else None


def deadline_value(m: Mention | None) -> dt.date | None:
    return m.attrs.value if m is not None else None


def open_deadline_text(text: str, start: int, stop: int) -> re.Match[str] | None:
    return Lexicon.load().open_deadline.search(text, start, stop)
