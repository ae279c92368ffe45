"""A person in brackets after a body: ``Главному управлению образования (Лодыгина И.И.)
организовать …``, ``возложить на постоянную комиссию по социальной политике
(Мезенцева Е.А.)``, ``Управлению делами администрации области (Рябинину)``. The
person answers for the body: the body, in the nominative, is their organisation and
they get no job title (a title in front of the bracket, ``заместителю директора
(Петровой П.П.)``, is a position as usual). A bracketed surname without initials is a
person here too, in the case of the body it stands for."""
from __future__ import annotations

import re
from typing import Optional

from extractors.people.roles import Context, better
from extractors.people.titles import Slot, position_start, squash, title_slots
from extractors.people.text import (Geometry, Tok, best_pos, head_noun, lemma_set,
                                    nominative_phrase, verb_parse)
from extractors.people.names import SURNAME, NameHit, is_stop, parses, surname_readings
from extractors.people.lexicon import Lexicon

BRACKETED_SURNAME = re.compile(rf"\((?P<s>{SURNAME})\)")
BODY_CHARS = 160  # how far before the bracket a body may begin
PRIORITY = 1
LEGAL_FORM_WORDS = 3



def bracket_hits(text: str, taken: list[tuple[int, int]]) -> list[NameHit]:
    """``(Рябинину)``: a lone bracketed word that can only be a surname (-ов, -ин, -ский)."""
    hits = []
    for m in BRACKETED_SURNAME.finditer(text):
        word = m.group("s")
        if is_stop(word) or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if not any(r.certain for r in surname_readings(word)):
            continue
        hits.append(NameHit(m.start("s"), m.end("s"), m.start("s"), m.end("s"), word,
                            source="bracket"))
    return hits


def bracketed(text: str, hit: NameHit) -> Optional[int]:
    """Position of the ``(`` when the name alone fills a bracket, else None."""
    before = text[:hit.start].rstrip(" \t\u00a0")
    after = text[hit.stop:].lstrip(" \t\u00a0.")
    if before.endswith("(") and after.startswith(")"):
        return len(before) - 1
    return None


def body_tokens(geo: Geometry, open_pos: int) -> list[Tok]:
    """The noun phrase right before the bracket: back to a verb, a preposition that
    governs it (``возложить на``), a number or the start of the item."""
    start = max(geo.item(open_pos)[0], open_pos - BODY_CHARS)
    toks = geo.tokens(start, open_pos)
    first = 0
    for i, tok in enumerate(toks):
        if (tok.text.isdigit() or (tok.lower in Lexicon.load().cut_prepositions and not tok.abbreviated)
                or verb_like(tok)):
            first = i + 1
    body = toks[first:]
    punct = max(geo.text.rfind(ch, start, open_pos) for ch in ",;:()")
    return [t for t in body if t.start > punct]


def verb_like(tok: Tok) -> bool:
    """A finite verb or an infinitive (``выделить комитету …``)."""
    return verb_parse(tok.text) is not None or best_pos(tok.text) == "INFN"


def organizes(geo: Geometry, hit: NameHit) -> Optional[Slot]:
    """``(Гнедая Н.Ю.) провести в мае … конкурс``: the body's task is to hold the
    event, so the person answering for it is an organizer."""
    close = geo.text.find(")", hit.stop)
    for tok in geo.tokens(close + 1, min(len(geo.text), close + 40))[:2]:
        if lemma_set(tok.text) & Lexicon.load().organizing_verbs:
            return Slot("organizer", tok.start, tok.stop)
    return None


def bracket_bodies(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    for hit, ctx in zip(hits, ctxs):
        open_pos = bracketed(geo.text, hit)
        if open_pos is None:
            continue
        role = organizes(geo, hit)
        ctx.roles += [role] if role else []
        toks = body_tokens(geo, open_pos)
        if not toks:
            continue
        head = head_noun(toks)
        if head is None or not lemma_set(toks[head].text) & Lexicon.load().body_heads:
            if position_start(toks) == 0:
                position, organization = title_slots(geo.text, toks, PRIORITY)
                ctx.position = better(ctx.position, position)
                ctx.organization = ctx.organization or organization
            continue
        ctx.organization = ctx.organization or body_slot(geo.text, toks)
        ctx.expected_cases |= {"nomn"} | {p.tag.case for p in parses(toks[head].lower)
                                          if "NOUN" in p.tag.grammemes}


def body_slot(text: str, toks: list[Tok]) -> Slot:
    """The body in the nominative; a long legal form before a quoted name gives way to the
    name (``Краевое государственное … учреждение «Центр творчества»`` -> ``Центр творчества``)."""
    quoted = [i for i, t in enumerate(toks) if t.quoted]
    if quoted and quoted[0] >= LEGAL_FORM_WORDS:
        q = toks[quoted[0]]
        return Slot(squash(q.text[1:-1]), q.start + 1, q.stop - 1, PRIORITY)
    start, stop = toks[0].start, toks[-1].stop
    return Slot(squash(nominative_phrase(text, start, stop)), start, stop, PRIORITY)


FROM_BODY = re.compile(r"[ \t\u00a0]+из[ \t\u00a0]+")
AFTER_STOP = re.compile(r"[,;:()\n.!?]|\s[–—-]\s")


def school_after(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``Тимур Хабибуллин из гимназии №12``, ``Алина Сафиуллина (школа №15)``: the school or
    organisation right after a name is the person's; names listed right before it with
    nothing of their own share it (``Ильдар Мухаметов, Тимур Хабибуллин из гимназии №12``)."""
    text = geo.text
    for i, (hit, ctx) in enumerate(zip(hits, ctxs)):
        if ctx.organization is not None:
            continue
        m = FROM_BODY.match(text, hit.stop)
        start = m.end() if m else (hit.stop + 2 if text[hit.stop:hit.stop + 2] == " (" else None)
        if start is None:
            continue
        stop = AFTER_STOP.search(text, start)
        toks = [t for t in geo.tokens(start, stop.start() if stop else len(text))]
        head = head_noun(toks) if toks else None
        if head is None or not lemma_set(toks[head].text) & Lexicon.load().org_heads or head > 1:
            continue
        value = squash(nominative_phrase(text, toks[0].start, toks[-1].stop, head))
        ctx.organization = Slot(value, toks[0].start, toks[-1].stop, PRIORITY)
        j = i
        while j > 0 and listed_before(text, hits[j - 1], hits[j]) and ctxs[j - 1].organization is None \
                and ctxs[j - 1].position is None:
            ctxs[j - 1].organization = ctx.organization
            j -= 1


def listed_before(text: str, a: NameHit, b: NameHit) -> bool:
    return text[a.stop:b.start].strip() in (",", "и", ", и")
