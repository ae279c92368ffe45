"""Where the names of one document are: the initials and full-name patterns of
``people.names`` first, then the natasha PER spans they missed (``Имя Фамилия``,
``Фамилия Имя``, a lone surname)."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate

from extractors.people.given import first_name_parse, gender_of, nominative_of, patronymic_parse
from extractors.people.initials import pattern_hits
from extractors.people.names import (CAP_WORD, NOT_NAME_POS, NameHit, full_name_hits, is_stop,
                                     parses, place_before, rejected_prefix, surname_readings)

HYPHEN_TAIL = re.compile(r"-[А-ЯЁа-яё]+")


def ner_hits(text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[NameHit]:
    """natasha PER spans that our patterns missed: ``Имя Фамилия``, ``Фамилия Имя`` (also
    when natasha splits it: ``Ласточкина`` + ``Елизавета``), a name at the end of a longer
    span (``… П. Р. Лисицына Юлия Пасечник``) or a lone surname."""
    hits = []
    ordered = sorted(taken)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))  # furthest stop so far
    for start, stop in spans:
        i = bisect.bisect_left(starts, stop)  # the taken spans that begin before this one ends
        if i > 0 and reach[i - 1] > start:
            continue
        words = list(CAP_WORD.finditer(text, start, whole_word_end(text, stop)))
        if rejected_prefix(text, start):  # a namesake; a person may follow it in the span
            words = words[1:] if len(words) >= 3 else []
        if len(words) == 1:
            following = CAP_WORD.match(text, words[0].end() + 1)
            if following and text[words[0].end()] == " " and surname_then_name([words[0], following]):
                hits.append(given_hit(words[0], following, surname_first=True))
            elif lone_surname(text, words[0]):
                w = words[0]
                hits.append(NameHit(w.start(), w.end(), w.start(), w.end(), w.group(), source="ner"))
            continue
        if len(words) < 2:
            continue
        pair = words[-2:]
        if surname_then_name(pair) and len(words) == 2:
            hits.append(given_hit(*pair, surname_first=True))  # ``Ласточкина Кристина, МБОУ …``
        elif ner_first_name(pair[0].group()) is not None and not is_stop(pair[1].group()) \
                and patronymic_parse(pair[1].group()) is None:
            hits.append(given_hit(*pair, surname_first=False))
    return hits


def whole_word_end(text: str, stop: int) -> int:
    """A span that ends inside a hyphenated word (``Кара|-ооловна``, ``Петрова|-Водкина``)
    takes the whole word."""
    tail = HYPHEN_TAIL.match(text, stop)
    return tail.end() if tail else stop


def given_hit(a: re.Match, b: re.Match, surname_first: bool) -> NameHit:
    sur, first = (a, b) if surname_first else (b, a)
    fp = ner_first_name(first.group())
    hit = NameHit(a.start(), b.end(), sur.start(), sur.end(), sur.group(),
                  first_name=nominative_of(fp, first.group()), source="ner")
    hit.given_gender = gender_of(fp)
    hit.given_spans = [(first.start(), first.end())]
    return hit


@lru_cache(maxsize=20000)
def ner_first_name(word: str):
    """A first name inside a span natasha calls a person: any first-name reading counts,
    however rare (``Роман`` is more often a novel)."""
    if is_stop(word):
        return None
    return first_name_parse(word) or next((p for p in parses(word) if "Name" in p.tag.grammemes), None)


def surname_then_name(words: list[re.Match]) -> bool:
    """``Фамилия Имя``: the first word is no first name but reads as a surname, the second is."""
    sur, first = (w.group() for w in words)
    return (ner_first_name(first) is not None and first_name_parse(sur) is None
            and not is_stop(sur) and any(r.certain for r in surname_readings(sur)))


def lone_surname(text: str, w: re.Match) -> bool:
    """A single capitalised word natasha calls a person: keep it only when it reads as a
    surname and does not follow a place abbreviation (``г. Заволжья``)."""
    word = w.group()
    if is_stop(word) or first_name_parse(word) is not None or place_before(text, w.start()):
        return False
    found = parses(word.lower())
    if found and not found[0].tag.grammemes.isdisjoint(NOT_NAME_POS):
        return False
    return any(r.gender for r in surname_readings(word)) or any(
        "Surn" in p.tag.grammemes for p in parses(word.lower()))


def find_names(text: str, ner_spans: list[tuple[int, int]]) -> list[NameHit]:
    hits = pattern_hits(text)
    taken = [(h.start, h.stop) for h in hits]
    full = full_name_hits(text, taken)
    taken += [(h.start, h.stop) for h in full]
    hits += full
    hits += ner_hits(text, ner_spans, taken)
    return sorted(hits, key=lambda h: h.start)
