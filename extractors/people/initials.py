"""Names written with initials (``Фамилия И.О.``, ``И.О. Фамилия``, ``И.О. ФАМИЛИЯ``) found
by the patterns of ``people.names``; where two readings share the initials
(``Иванов И.И. Петров``), the better surname, or the order that reads a whole chain of
names, wins."""
from __future__ import annotations

import bisect
import re

from extractors.people.names import (INITIALS_FIRST, SURNAME_FIRST, NameHit, caps_surname, is_stop,
                                     norm_initials, place_before, rejected_prefix, surname_score)

WIDE_GAP = re.compile(r"\t|[ \u00a0]{3,}")
WIDE_GAP_PENALTY = 1.5
CHAIN_BONUS = 2.0


def pattern_hits(text: str) -> list[NameHit]:
    """Initials-based names; where two readings share the initials, the better surname wins."""
    found = []
    for pattern, order in ((SURNAME_FIRST, "sf"), (INITIALS_FIRST, "if")):
        for m in pattern.finditer(text):
            part = "s" if m.start("s") >= 0 else "c"  # ``c``: a surname in capitals
            surname = m.group(part)
            if surname.isupper():
                surname = "-".join(piece.capitalize() for piece in surname.split("-"))
                if not caps_surname(surname):
                    continue
            if is_stop(surname) or rejected_prefix(text, m.start()):
                continue
            if order == "sf" and place_before(text, m.start("s")):
                continue
            hit = NameHit(m.start(), m.end(), m.start(part), m.end(part), surname,
                          norm_initials(m.group("i")), (m.start("i"), m.end("i")))
            found.append((order, hit))
    return resolve_shared_initials(chain_order(scored_runs(text, found)))


def scored_runs(text: str, found: list[tuple[str, NameHit]]) -> list[tuple[float, NameHit]]:
    """Each hit with its surname score, in text order. Scores only rank hits that overlap
    (``resolve_shared_initials`` keeps a hit that overlaps none whatever its score), so a
    hit alone in its run of overlapping hits gets 0.0 and its word is not scored."""
    ordered = sorted(found, key=lambda oh: oh[1].start)
    out, reach = [], -1  # the furthest stop of the hits before
    for k, (order, hit) in enumerate(ordered):
        alone = reach <= hit.start and (k + 1 == len(ordered) or hit.stop <= ordered[k + 1][1].start)
        out.append((0.0 if alone else hit_score(text, hit, order), hit))
        reach = max(reach, hit.stop)
    return out


def hit_score(text: str, hit: NameHit, order: str) -> float:
    score = surname_score(hit.surname, order)
    if order == "sf" and WIDE_GAP.search(text, hit.surname_stop, hit.initials_span[0]):
        score -= WIDE_GAP_PENALTY  # ``Глава города Заречного   В.В. Бурьянов``: a signature gap
    return score




def chain_order(scored: list[tuple[float, NameHit]]) -> list[tuple[float, NameHit]]:
    """A run of names sharing initials (``Н.Е. Зарубный К.А. Остапенко И.А. Лапина``) is
    read in the one order that covers more of its names; the other order leaves a stray
    initial at one end."""
    ordered = sorted(scored, key=lambda sh: sh[1].start)
    out, run, reach = [], [], -1
    for item in ordered + [(0.0, None)]:
        hit = item[1]
        if hit is not None and hit.start < reach:
            run.append(item)
            reach = max(reach, hit.stop)
            continue
        out += favour_order(run)
        run, reach = ([item], hit.stop) if hit is not None else ([], -1)
    return out


def initials_first(hit: NameHit) -> bool:
    return hit.initials_span is not None and hit.initials_span[0] < hit.surname_start


def favour_order(run: list[tuple[float, NameHit]]) -> list[tuple[float, NameHit]]:
    if len(run) < 3:
        return run
    counts = {}
    for order in (True, False):
        hits = [h for _, h in run if initials_first(h) == order]
        counts[order] = len(resolve_shared_initials([(1.0, h) for h in hits]))
    if counts[True] == counts[False]:
        return run
    best = counts[True] > counts[False]
    return [(s + CHAIN_BONUS if initials_first(h) == best else s, h) for s, h in run]


def resolve_shared_initials(scored: list[tuple[float, NameHit]]) -> list[NameHit]:
    kept: list[NameHit] = []  # in text order and never overlapping, so one neighbour decides
    starts: list[int] = []
    for score, hit in sorted(scored, key=lambda sh: (-sh[0], sh[1].start)):
        i = bisect.bisect_left(starts, hit.stop)
        if i == 0 or kept[i - 1].stop <= hit.start:
            kept.insert(i, hit)
            starts.insert(i, hit.start)
    return kept
