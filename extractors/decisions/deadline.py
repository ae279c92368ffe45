"""The deadline of one decision: a date marked as a deadline or after ``до``/``в срок
до``, the end of a period when someone is told to act, else a bare date that is not a
cited act's date or a start (nor, when nobody is told to act, an entry of a schedule
after a colon: ``Провести олимпиаду в сроки: … этап – 18 ноября``); ``ежеквартально``-like words are open deadlines (kept as
a warning, not a date). Cues live in ``data/decisions.json``."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from extractors.decisions.parts import lexicon
from schemas.mention import Mention


@lru_cache(maxsize=1)
def deadline_cue() -> re.Pattern[str]:
    return re.compile(lexicon()["deadline_before_date"], re.IGNORECASE)


@lru_cache(maxsize=1)
def reference_cue() -> re.Pattern[str]:
    return re.compile(lexicon()["reference_before_date"], re.IGNORECASE)


@lru_cache(maxsize=1)
def open_deadline() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(lexicon()["open_deadlines"]) + r")\b", re.IGNORECASE)


def deadline(text: str, start: int, stop: int, dates: list[Mention],
             addressed: bool = True) -> Mention | None:
    """The DATE inside ``[start, stop)`` marked as a deadline, or preceded by ``до``.
    The end of a period counts only when someone is told to act (``addressed``):
    ``Провести с 1 по 10 августа конкурс`` gives the event's dates, not a deadline."""
    inside = [m for m in dates if m.label == "DATE" and start <= m.start < stop
              and m.stop <= stop + 2]
    for m in inside:
        if m.attrs.get("role") == "deadline":
            return m
    for m in inside:
        if deadline_cue().search(text, max(start, m.start - 30), m.start):
            return m
    ends = [m for m in inside if m.attrs.get("role") == "range_end"]
    if ends:
        return ends[-1] if addressed else None
    plain = [m for m in inside if m.attrs.get("role") == "date"
             and not reference_cue().search(text, max(start, m.start - 30), m.start)
             and (addressed or ":" not in text[start:m.start])]
    return plain[-1] if plain else None


def deadline_value(m: Mention | None) -> dt.date | None:
    value = m.attrs.get("value") if m is not None else None
    return value if isinstance(value, dt.date) else None


def open_deadline_text(text: str, start: int, stop: int) -> re.Match[str] | None:
    return open_deadline().search(text, start, stop)
