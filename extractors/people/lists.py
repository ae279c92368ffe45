"""Roles given to runs of names: ``ведущая: …`` / ``Модератор – …`` cues,
plural role nouns over a list (``кураторами назначены …``), caption lines above
one-name-per-line lists, signatures and ``Исполнитель:`` lines (authors), and
bare enumerations of names (participants when nothing else is known)."""
from __future__ import annotations

import bisect
import math
import os
import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from extractors.base import stored_mentions
from extractors.people.cues import LINE_LEAD, hit_start, in_sentence
from extractors.people.roles import Context
from extractors.people.titles import Slot, last_head, position_start, role_of
from extractors.people.signatures import signature_title
from extractors.people.text import Geometry, Tok, lemma_set, tokens, verb_parse
from extractors.people.names import NameHit, parses
from extractors.people.lexicon import Lexicon

LIST_GLUE = re.compile(r"^[\s,;•·\-–—*и]*$")
ITEM_GLUE = re.compile(r"^[\s•·\-–—*]*$")
RESPONSIBLE_HEADER = re.compile(r"^[ \t|]*([А-ЯЁа-яё][А-ЯЁа-яё ]{8,40}?)[ \t|]*$", re.MULTILINE)
# ``[ \t]*:|[ \t]+[–—-][ \t]+`` opened by its first character, so that ``re`` skips to the
# spaces and colons instead of trying both branches at every position (2.5x faster); the
# blanks read once, possessively, for both (a colon or a dash follows them, never a blank):
# the same marks, 1.5 -> 1.0 ms a pass.
CUE_MARK = re.compile(r"[ \t:](?:(?<=:)|[ \t]*+(?::|[–—-][ \t]+))")
# Possessive runs: a shorter run of letters or blanks, or fewer words, leaves a letter or a
# blank where the next run or the end must be, so giving back never matches (and a search
# before every cue otherwise tried it at every word): the same spans, 1.2 -> 0.35 ms a pass.
WORDS_BEFORE = re.compile(r"(?<![А-ЯЁа-яё-])[А-ЯЁа-яё-]++(?:[ \u00a0]++[а-яё-]++){0,2}+$")
WORD_BEFORE = re.compile(r"([А-ЯЁа-яё]+)\.?[ \u00a0]+$")
SIGNATURE_GAP = re.compile(r"(?:\t{2,}|[ \u00a0]{3,}|_{3,}[ \t]*)$")
SIGNATURE_LINES = 4
SIGNATURE_WORDS = 8
GAP_SIGNATURE_WORDS = 14
AUTHOR_LEAD_CHARS = 80  # an author cue ends this close before the name



def list_end(geo: Geometry, hits: list[NameHit], pos: int) -> int:
    """End of the list item at ``pos``, carried over ``;`` while the next item opens with a name."""
    _, stop = geo.item(pos)
    text = geo.text
    while stop < len(text) and text[stop] in ";•":
        nxt = next((h for h in hits if h.start > stop), None)
        if nxt is None or not ITEM_GLUE.match(text[stop + 1:nxt.start]):
            break
        _, stop = geo.item(nxt.start)
    return stop


def colon_cues(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``ведущие: Голубцова Е.В., Рязанов П.А.`` gives each name after the cue the role."""
    text = geo.text
    for cue in CUE_MARK.finditer(text):
        m = WORDS_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
        if m is None or not named_after(geo, hits, m.start(), cue.end()):
            continue
        found = [(role_of(t, True), t) for t in geo.tokens(m.start(), m.end())]
        role, tok = next(((r, t) for r, t in found if r), (None, None))
        if role is None and found and speaking_verb(found[-1][1]) and text[cue.start()] != " ":
            role, tok = "speaker", found[-1][1]  # ``На семинаре выступили: Лебедева Л.А., …``
        if role is None:
            continue
        stop = list_end(geo, hits, cue.end())
        listed = False
        for i, hit in enumerate(hits):
            if tok.stop < hit.start and hit.stop <= stop:
                if listed and supervised(text, hit.start):
                    continue
                ctxs[i].roles.append(Slot(role, tok.start, tok.stop))
                listed = True


def named_after(geo: Geometry, hits: list[NameHit], start: int, cue_end: int) -> bool:
    """A name after ``start`` that ends by the list end after a cue ending at ``cue_end``
    (the cue's item end unless ``;`` or ``•`` carries the list on): a cue word gives its
    role to no one else, so the words of a cue without one are not parsed."""
    _, stop = geo.item(cue_end)
    if stop < len(geo.text) and geo.text[stop] in ";•":
        stop = len(geo.text)  # ``list_end`` may carry on: no bound
    first = bisect.bisect_right(hits, start, key=hit_start)
    last = bisect.bisect_left(hits, stop, key=hit_start)
    return any(hits[i].stop <= stop for i in range(first, last))


def supervised(text: str, start: int) -> bool:
    """The name at ``start`` follows a supervisor word (``рук. Петрова А.А.``)."""
    before = WORD_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in Lexicon.load().supervisor_words



def speaking_verb(tok: Tok) -> bool:
    return verb_parse(tok.text) is not None and bool(lemma_set(tok.text) & Lexicon.load().speaker_verbs)


def responsible_column(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """A plan's ``Ответственные`` column: the people named in its cells organise the
    measures of their rows."""
    text, headers = geo.text, Lexicon.load().responsible_headers
    lowered = text.lower()  # lowercasing is per character (bar the Greek final sigma, which
    # no header holds), so a header read off the text is a substring of the lowered text
    if not any(needle in lowered for needle in header_needles()):
        return
    header = next((m for m in RESPONSIBLE_HEADER.finditer(text)
                   if m.group(1).strip().lower() in headers), None)
    if header is None:
        return
    for i, hit in enumerate(hits):
        start, stop = geo.line(hit.start)
        if hit.start < header.end() or text[start:stop].rstrip().endswith("."):
            continue
        named = [(hits[j].start, hits[j].stop) for j in in_sentence(hits, start, stop + 1)]
        rest = geo.tokens(start, stop)
        if not any(verb_parse(t.text) for t in rest if not any(s <= t.start < e for s, e in named)):
            ctxs[i].roles.append(Slot("organizer", header.start(1), header.end(1)))



@lru_cache(maxsize=1)
def header_needles() -> tuple[str, ...]:
    """What a text lowered must hold to have a responsible header: the beginning all the
    headers share (one scan), or each header when they share none."""
    headers = Lexicon.load().responsible_headers
    common = os.path.commonprefix(sorted(headers))
    return (common,) if common else tuple(headers)


def plural_cues(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``Кураторами назначены директор … Лаврова О.Н. и Дроздов Т.Т.``: a plural role noun
    gives its role to the names after it in the same list item, up to a verb."""
    done: set[tuple[int, int]] = set()
    for hit in hits:
        lo, hi = geo.item(hit.start)
        if (lo, hi) in done:
            continue
        done.add((lo, hi))
        toks = geo.tokens(lo, hi)
        reach = last_reachable_start(geo, hits, lo, hi)
        for i, tok in enumerate(toks):
            if tok.stop >= reach:
                break  # no name after this word that its role could reach: no need to parse it
            role = role_of(tok, True)
            if role is None or not plural_noun(tok.text):
                continue
            give_after(geo, hits, ctxs, toks[i + 1:], Slot(role, tok.start, tok.stop))


def last_reachable_start(geo: Geometry, hits: list[NameHit], lo: int, hi: int) -> float:
    """The last start of a name that a role noun in the item ``[lo, hi)`` can give its role to:
    ``give_after`` gives it to names after the noun that end by the list end, which is the
    item's end unless ``;`` or ``•`` carries the list on (no bound then). A noun ending at
    or after this start gives nobody its role."""
    if hi < len(geo.text) and geo.text[hi] in ";•":
        return math.inf
    j = bisect.bisect_left(hits, hi, key=hit_start) - 1
    while j >= 0 and hits[j].start > lo:
        if hits[j].stop <= hi:
            return hits[j].start
        j -= 1
    return -1


def give_after(geo: Geometry, hits: list[NameHit], ctxs: list[Context], toks: list[Tok],
               role: Slot) -> None:
    stop = next((t.start for t in toks if verb_parse(t.text) is not None
                 and not any(h.start <= t.start < h.stop for h in hits)), None)
    end = list_end(geo, hits, role.stop)
    end = min(end, stop) if stop is not None else end
    for i, hit in enumerate(hits):
        if role.stop < hit.start and hit.stop <= end:
            ctxs[i].roles.append(role)


@lru_cache(maxsize=20000)
def plural_noun(word: str) -> bool:
    found = [p for p in parses(word.lower()) if "NOUN" in p.tag.grammemes]
    return bool(found) and "plur" in found[0].tag.grammemes


def caption_lists(doc: Doc, geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """A role noun that no name claims, or a header such as ``Присутствовали (6 человек):``,
    on the line right above lines that each start with a name gives those people the role."""
    text = geo.text
    bound = [r for c in ctxs for r in c.bound]
    headers = {geo.line(m.start)[0] for m in stored_mentions(doc, "layout")}
    i = 0
    while i < len(hits):
        start, _ = geo.line(hits[i].start)
        if not LINE_LEAD.match(text[start:hits[i].start]):
            i += 1
            continue
        run = lines_run(geo, hits, i)
        role = caption_role(geo, start, hits, bound, headers)
        for j in run:
            if role is not None:
                ctxs[j].roles.append(role)
        i = max(run) + 1


def lines_run(geo: Geometry, hits: list[NameHit], first: int) -> list[int]:
    run, line = [first], geo.line(hits[first].start)
    for j in range(first + 1, len(hits)):
        start, stop = geo.line(hits[j].start)
        gap = geo.text[line[1]:start]
        same_line = (start, stop) == line
        if same_line or (not gap.strip() and LINE_LEAD.match(geo.text[start:hits[j].start])):
            run.append(j)
            line = (start, stop)
        else:
            break
    return run


def caption_role(geo: Geometry, line_start: int, hits: list[NameHit],
                 bound: list[tuple[int, int]], headers: set[int]) -> Optional[Slot]:
    text = geo.text
    pos = line_start - 1
    while pos > 0 and text[pos - 1] in "\n \t\u00a0":
        pos -= 1
    start, stop = geo.line(max(0, pos - 1))
    if stop <= start or stop > line_start or start in headers:
        return None
    toks = geo.tokens(start, stop)
    if text[start:stop].rstrip().endswith(":") and any(
            lemma_set(t.text) & Lexicon.load().attendee_lemmas for t in toks):
        return Slot("participant", start, stop)
    for tok in reversed(toks):
        if any(s <= tok.start < e for s, e in bound + [(h.start, h.stop) for h in hits]):
            continue
        if text.count("(", start, tok.start) > text.count(")", start, tok.start):
            continue
        role = role_of(tok, True)
        if role is not None:
            return Slot(role, tok.start, tok.stop)
    return None



def signatures(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """Authors: a short line ending with a name among the last lines, a signature line
    (``Начальник управления<TAB><TAB>И.Г. Шевчук``) or an ``Исполнитель:`` line."""
    text = geo.text
    tail_start = last_lines_start(text)
    words_on: dict[int, int] = {}  # line start -> words on the line, counted once per line
    signed_above = False
    for i, hit in enumerate(hits):
        start, stop = geo.line(hit.start)
        if start not in words_on:
            words_on[start] = len(text[start:stop].split())
        words = words_on[start]
        short = words <= GAP_SIGNATURE_WORDS  # long lines are no signatures: skip their slices
        lead = text[start:hit.start] if short else ""
        last_on_line = short and not text[hit.stop:stop].strip(" \t._")
        cell = text[stop:stop + 8].strip().startswith("|")  # a table cell, not a signature
        tail = (hit.start >= tail_start and last_on_line and words <= SIGNATURE_WORDS
                and plain_lead(lead) and not cell)
        gap = (last_on_line and words <= GAP_SIGNATURE_WORDS and SIGNATURE_GAP.search(lead) is not None
               and not any(ch.isdigit() for ch in lead))
        cue_from = max(0, start - 1, hit.start - AUTHOR_LEAD_CHARS)  # the char before the line: ^
        cued = bool(gap or Lexicon.load().author_cue.search(text, cue_from, hit.start))
        titled = last_on_line and signature_title(geo, hits, hit, ctxs[i], bool(tail or cued))
        if tail and not (cued or titled) and signed_above:
            continue  # a bare name under a titled signature is the executor's line
        if titled or cued or tail:
            ctxs[i].roles.append(Slot("author", hit.start, hit.stop))
        signed_above = signed_above or (titled and hit.start >= tail_start)


def last_lines_start(text: str) -> int:
    """Where the last ``SIGNATURE_LINES`` lines holding more than blanks begin (each line
    counted with its break), read back from the end of the text without its trailing blanks."""
    body = text.rstrip()
    size, found, stop = 0, 0, len(body)
    while found < SIGNATURE_LINES:
        start = body.rfind("\n", 0, stop) + 1
        if body[start:stop].strip():
            size += stop - start + 1
            found += 1
        if start == 0:
            break
        stop = start - 1
    return len(body) - size


def plain_lead(lead: str) -> bool:
    """Text before a signature name: a title at most, no cue (``Модератор –``, ``Секретарь:``)
    and no verb (``Модерировала вебинар …``)."""
    if ":" in lead or CUE_MARK.search(lead) is not None:
        return False
    return not any(verb_parse(t.text) for t in tokens(lead, 0, len(lead)))


def shared_titles(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``учителями математики Зориной В.Ю., Ракитиной Л.В. и Ковалёвой Н.В.``: a plural
    title before the first of a list of names is the title of every name in the list."""
    for i, ctx in enumerate(ctxs):
        if ctx.position is None or ctx.position.priority != 1 or not plural_title(geo, ctx.position):
            continue
        j = i + 1
        while j < len(hits) and listed(geo, hits[j - 1], hits[j]) and ctxs[j].position is None:
            ctxs[j].position = ctx.position
            ctxs[j].organization = ctxs[j].organization or ctx.organization
            j += 1


def listed(geo: Geometry, a: NameHit, b: NameHit) -> bool:
    glue = geo.text[a.stop:b.start]
    return LIST_GLUE.match(glue) is not None and "\n\n" not in glue


def plural_title(geo: Geometry, slot: Slot) -> bool:
    toks = geo.tokens(slot.start, slot.stop)
    first = position_start(toks)
    if first is None:
        return False
    head = toks[last_head(toks, first)]
    return any("NOUN" in p.tag.grammemes and "plur" in p.tag.grammemes for p in parses(head.lower))


def enumerations(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """Names listed one after another (``Иванова О.В., Петров С.А.; • Сидорова Е.Н.``)."""
    for i in range(len(hits) - 1):
        signs = any(r.value == "author" for r in ctxs[i].roles + ctxs[i + 1].roles)
        if listed(geo, hits[i], hits[i + 1]) and not signs:  # a signature is no list item
            ctxs[i].in_list = ctxs[i + 1].in_list = True
