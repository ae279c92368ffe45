"""Where the names of one document are: the initials and full-name patterns of
``person_names`` first, then the natasha PER spans they missed (``Имя Фамилия``,
``Фамилия Имя``, a lone surname)."""
from __future__ import annotations

import bisect
import re
from itertools import accumulate

from extractors.person_names import (CAP_WORD, NOT_NAME_POS, NameHit, first_name_parse,
                                     full_name_hits, gender_of, is_stop, nominative_of, parses,
                                     patronymic_parse, pattern_hits, place_before,
                                     rejected_prefix, surname_readings)


def ner_hits(text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[NameHit]:
    """natasha PER spans that our patterns missed: ``Имя Фамилия`` or a lone surname."""
    hits = []
    ordered = sorted(taken)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))  # furthest stop so far
    for start, stop in spans:
        i = bisect.bisect_left(starts, stop)  # the taken spans that begin before this one ends
        if (i > 0 and reach[i - 1] > start) or rejected_prefix(text, start):
            continue
        words = list(CAP_WORD.finditer(text, start, stop))
        if len(words) == 1:
            w = words[0]
            if lone_surname(text, w):
                hits.append(NameHit(w.start(), w.end(), w.start(), w.end(), w.group(), source="ner"))
        elif len(words) == 2 and surname_then_name(words):
            sur, first = words  # ``Леонтьева Кристина, МБОУ Гимназия``
            fp = first_name_parse(first.group())
            hit = NameHit(sur.start(), first.end(), sur.start(), sur.end(), sur.group(),
                          first_name=nominative_of(fp, first.group()), source="ner")
            hit.given_gender = gender_of(fp)
            hit.given_spans = [(first.start(), first.end())]
            hits.append(hit)
        elif len(words) == 2 and first_name_parse(words[0].group()) is not None:
            first, sur = words
            if is_stop(sur.group()) or patronymic_parse(sur.group()) is not None:
                continue
            fp = first_name_parse(first.group())
            hit = NameHit(first.start(), sur.end(), sur.start(), sur.end(), sur.group(),
                          first_name=nominative_of(fp, first.group()), source="ner")
            hit.given_gender = gender_of(fp)
            hit.given_spans = [(first.start(), first.end())]
            hits.append(hit)
    return hits


def surname_then_name(words: list[re.Match]) -> bool:
    """``Фамилия Имя``: the first word is no first name but reads as a surname, the second is."""
    sur, first = (w.group() for w in words)
    return (first_name_parse(first) is not None and first_name_parse(sur) is None
            and not is_stop(sur) and any(r.certain for r in surname_readings(sur)))


def lone_surname(text: str, w: re.Match) -> bool:
    """A single capitalised word natasha calls a person: keep it only when it reads as a
    surname and does not follow a place abbreviation (``г. Заволжья``)."""
    word = w.group()
    if is_stop(word) or first_name_parse(word) is not None or place_before(text, w.start()):
        return False
    found = parses(word.lower())
    if found and found[0].tag.POS in NOT_NAME_POS:
        return False
    return any(r.gender for r in surname_readings(word)) or any(
        "Surn" in p.tag for p in parses(word.lower()))


def find_names(text: str, ner_spans: list[tuple[int, int]]) -> list[NameHit]:
    hits = pattern_hits(text)
    taken = [(h.start, h.stop) for h in hits]
    full = full_name_hits(text, taken)
    taken += [(h.start, h.stop) for h in full]
    hits += full
    hits += ner_hits(text, ner_spans, taken)
    return sorted(hits, key=lambda h: h.start)
