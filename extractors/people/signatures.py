"""Signature blocks of orders, decisions and approved plans: the job title written
before a signatory's name, on the name's own line and on up to three short lines
above it (``Министр образования / Правительства Тверской области / Е.Д.
Сомова``), and the approval stamp (``УТВЕРЖДАЮ``) over a title and a name."""
from __future__ import annotations

import re
from typing import Optional

from extractors.people.cues import in_sentence
from extractors.people.roles import Context, better
from extractors.people.titles import position_start, title_slots
from extractors.people.text import Geometry
from extractors.people.names import NameHit
from extractors.people.lexicon import Lexicon

TITLE_LINES = 3
TITLE_LINE_WORDS = 8
LEAD_JUNK = " \t\u00a0._…-–—/|"
LINE_CLOSED = re.compile(r"[.;:!?,]\s*$")
SIGNATURE_PRIORITY = 1



def title_line(line: str) -> bool:
    """A line that can be part of a title over a signature: short, not a numbered item,
    not the end of a sentence or a list item."""
    words = line.split()
    return (0 < len(words) <= TITLE_LINE_WORDS and not line[:1].isdigit()
            and LINE_CLOSED.search(line) is None)


def title_block(geo: Geometry, hits: list[NameHit], hit: NameHit) -> Optional[tuple[int, int, int]]:
    """(start, stop, top) of the title written before a signature name: ``start`` is where
    the title begins, ``stop`` where the name does, ``top`` the start of the block's first
    line (the approval stamp, if any, is on the line above it). None without a title."""
    text = geo.text
    line_start, _ = geo.line(hit.start)
    lines: list[tuple[int, int]] = []
    if text[line_start:hit.start].strip(LEAD_JUNK):
        lines.append((line_start, hit.start))
    pos = line_start
    for _ in range(TITLE_LINES + 1):
        if pos == 0 or len(lines) >= TITLE_LINES:
            break
        ls, le = geo.line(pos - 1)
        line = text[ls:le].strip()
        if not line and not lines:
            pos = ls
            continue
        if not title_line(line) or in_sentence(hits, ls, le):
            break
        lines.insert(0, (ls, le))
        pos = ls
    for ls, _ in lines:
        toks = geo.tokens(ls, hit.start)
        if toks and toks[0].start < geo.line(ls)[1] and position_start(toks) is not None:
            return toks[0].start, hit.start, ls
    return None


def approved(geo: Geometry, top: int) -> bool:
    """``УТВЕРЖДАЮ`` / ``Утверждаю:`` on the line right above a title block."""
    if top == 0:
        return False
    ls, le = geo.line(top - 1)
    return geo.text[ls:le].strip(" \t\u00a0:").lower() in Lexicon.load().approval_cues


def signature_title(geo: Geometry, hits: list[NameHit], hit: NameHit, ctx: Context,
                    signed: bool) -> bool:
    """Give a signatory the title of their block; True when a title block signs the name
    (a signature with a title, or a title under an approval stamp). Role nouns of the
    title (``Председатель … Думы``) name the signatory's office, not an event role, so
    they are dropped."""
    block = title_block(geo, hits, hit)
    if block is None:
        return False
    start, stop, top = block
    if not (signed or approved(geo, top)):
        return False
    position, organization = title_slots(geo.text, geo.tokens(start, stop), SIGNATURE_PRIORITY)
    if position is not None:
        ctx.position = better(ctx.position, position)
        ctx.organization = ctx.organization or organization
    ctx.roles = [r for r in ctx.roles if not start <= r.start < stop]
    return True
