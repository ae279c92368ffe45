"""Event roles and gender cues that come from beyond a name's own apposition:
protocol sections, ``ведущая:`` colon cues, verbs of speaking and taking part
in the name's sentence, captions over a list of names, signatures, and
enumerations of names."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from extractors.base import stored_mentions
from extractors.people_roles import Context, Slot, role_of
from extractors.people_text import Geometry, Tok, lemma_set, tokens, verb_parse
from extractors.person_names import NameHit, lexicon, parses, surname_readings

LIST_GLUE = re.compile(r"^[\s,;•·\-–—*и]*$")
LINE_LEAD = re.compile(r"^[\s•·\-–—*]*(?:\d{1,2}[.)]\s*)?$")
NUMBERED = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*[А-ЯЁ]")
NUMBERED_LINE = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]*[А-ЯЁ]", re.MULTILINE)
HEADER_LINE = re.compile(r"[ \t]*(?:\d{1,2}[.)][ \t]*)?[А-ЯЁа-яё ]+:")
CUE_MARK = re.compile(r"[ \t]*:|[ \t]+[–—-][ \t]+")
WITH_WORDS = frozenset({"с", "со", "вместе", "совместно"})
ACTING_VERBS = frozenset({"выступить", "выступать"})
ITEM_LEAD_WORDS = 6
WORD_BEFORE = re.compile(r"(?<![А-ЯЁа-яё-])([А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*)$")
SIGNATURE_LINES = 4
SIGNATURE_WORDS = 8
NOUN_ROLES_BLOCKING = frozenset({"moderator", "chair", "organizer", "author"})


@lru_cache(maxsize=1)
def participant_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon()["participant_phrases"], key=len, reverse=True)
    return re.compile(r"(?<![а-яё])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![а-яё])",
                      re.IGNORECASE)


def nearest(hits: list[NameHit], pos: int, lo: int, hi: int, text: str = "") -> Optional[int]:
    """The hit a singular verb at ``pos`` belongs to: a nominative name after it in the
    same clause (``представила директор … Кравец Н.Ю.``), else the closest before it."""
    after = [i for i, h in enumerate(hits) if pos <= h.start and h.stop <= hi]
    if after and text and "," not in text[pos:hits[after[0]].start] and nominative_possible(hits[after[0]]):
        return after[0]
    before = [i for i, h in enumerate(hits) if lo <= h.start and h.stop <= pos]
    if before:
        return before[-1]
    return after[0] if after else None


def nominative_possible(hit: NameHit) -> bool:
    return any(r.case in ("nomn", None) for r in surname_readings(hit.surname))


def in_sentence(hits: list[NameHit], lo: int, hi: int) -> list[int]:
    return [i for i, h in enumerate(hits) if lo <= h.start and h.stop <= hi]


def sentence_cues(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """Verbs and gendered words in each sentence that holds a name."""
    done: set[tuple[int, int]] = set()
    genders = lexicon()["gender_words"]
    for hit in hits:
        lo, hi = geo.sentence(hit.start)
        if (lo, hi) in done:
            continue
        done.add((lo, hi))
        spans = [(h.start, h.stop) for h in hits if lo <= h.start and h.stop <= hi]
        acting: list[Optional[str]] = []
        for tok in tokens(geo.text, lo, hi):
            if tok.quoted or any(s <= tok.start < e for s, e in spans):
                continue
            gender = genders.get(tok.lower)
            if gender:
                owner = nearest(hits, tok.start, lo, hi)
                if owner is not None:
                    ctxs[owner].gender_votes[gender] += 1
            elif geo.text[tok.stop:tok.stop + 1] != ":" and verb_parse(tok.text) is not None:
                if not acting:
                    acting.append(acting_role(geo.text, hits, lo, hi))
                verb_cue(geo.text, tok, hits, ctxs, (lo, hi), acting[0])
        participation(geo, hits, ctxs, lo, hi)


def acting_role(text: str, hits: list[NameHit], lo: int, hi: int) -> Optional[str]:
    """``модераторами секций выступили …``: a role noun in the instrumental makes
    ``выступить`` mean acting in that role, not speaking (``с куратором Ивановой`` does not)."""
    toks = tokens(text, lo, hi)
    for i, tok in enumerate(toks):
        role = role_of(tok, True)
        if role is None or not any("ablt" in p.tag and p.tag.POS == "NOUN" for p in parses(tok.lower)):
            continue
        with_prep = i > 0 and toks[i - 1].lower in WITH_WORDS
        named = any(0 <= h.start - tok.stop <= 2 for h in hits)
        if not with_prep and not named:
            return role
    return None


def verb_cue(text: str, tok, hits: list[NameHit], ctxs: list[Context], bounds: tuple[int, int],
             acting: Optional[str]) -> None:
    lo, hi = bounds
    members = in_sentence(hits, lo, hi)
    verb = verb_parse(tok.text)
    if verb is None:
        return
    speaking = bool(lemma_set(tok.text) & speaker_lemmas())
    role = acting if acting and lemma_set(tok.text) & ACTING_VERBS else "speaker"
    if "plur" in verb.tag:
        if speaking:
            for i in members:
                ctxs[i].roles.append(Slot(role, tok.start, tok.stop))
        return
    owner = nearest(hits, tok.start, lo, hi, text)
    if owner is None:
        return
    if verb.tag.gender in ("masc", "femn") and "past" in verb.tag:
        ctxs[owner].gender_votes[verb.tag.gender] += 1
    if speaking:
        ctxs[owner].roles.append(Slot(role, tok.start, tok.stop))


@lru_cache(maxsize=1)
def speaker_lemmas() -> frozenset[str]:
    return frozenset(lexicon()["speaker_verbs"])


def participation(geo: Geometry, hits: list[NameHit], ctxs: list[Context], lo: int, hi: int) -> None:
    for m in participant_pattern().finditer(geo.text, lo, hi):
        plural = m.group().lower().split(" ")[0].endswith("и")
        owners = [i for i in in_sentence(hits, m.start(), hi)] if plural else [nearest(hits, m.start(), lo, hi, geo.text)]
        for i in owners:
            if i is not None and not any(r.value in NOUN_ROLES_BLOCKING for r in ctxs[i].roles):
                ctxs[i].roles.append(Slot("participant", m.start(), m.end()))


def colon_cues(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``ведущие: Алейникова С.В., Никитин С.В.`` gives each name after the colon the role."""
    text = geo.text
    for cue in CUE_MARK.finditer(text):
        m = WORD_BEFORE.search(text, max(0, cue.start() - 40), cue.start())
        if m is None:
            continue
        tok = Tok(m.group(1), m.start(1), m.end(1))
        role = role_of(tok, True)
        if role is None:
            continue
        _, stop = geo.item(cue.end())
        for i, hit in enumerate(hits):
            if tok.stop < hit.start and hit.stop <= stop:
                ctxs[i].roles.append(Slot(role, tok.start, tok.stop))


def section_roles(doc: Doc, geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    kinds = lexicon()["section_roles"]
    for section in stored_mentions(doc, "layout"):
        role = kinds.get(section.attrs.get("kind"))
        heard = section.attrs.get("kind") == "heard"
        if role is None and not heard:
            continue
        scope = section_scope(geo, section.attrs["body_start"], section.stop, hits)
        for i, hit in enumerate(hits):
            if scope[0] <= hit.start < scope[1] and (not heard or heads_item(geo, hits, hit, scope[0])):
                ctxs[i].roles.append(Slot(role, section.start, section.attrs["body_start"]))
                if heard:
                    ctxs[i].expected_cases.add(lexicon()["heard_case"])


def heads_item(geo: Geometry, hits: list[NameHit], hit: NameHit, body: int) -> bool:
    """Under ``Слушали`` only the names an item opens with were heard (``1. Иванову И.И.``,
    ``По первому вопросу – Петрову П.П.``), and the names joined to them without a verb."""
    start = max(geo.line(hit.start)[0], body)
    first = next(h for h in hits if start <= h.start <= hit.start)
    lead = geo.text[start:first.start]
    if ":" in lead or len(lead.split()) > ITEM_LEAD_WORDS:
        return False
    if geo.sentence(first.start) != geo.sentence(hit.start):
        return False
    return not any(verb_parse(t.text) for t in tokens(geo.text, start, hit.start))


def section_scope(geo: Geometry, body: int, stop: int, hits: list[NameHit]) -> tuple[int, int]:
    """A header with text on its own line covers that line and the name lines right after it;
    a numbered header (``3. Организатор.``) ends at the next numbered heading."""
    line_start, line_stop = geo.line(body)
    if NUMBERED.match(geo.text, line_start):
        nxt = NUMBERED_LINE.search(geo.text, line_stop, stop)
        stop = nxt.start() if nxt else stop
    if not geo.text[body:line_stop].strip():
        return body, stop
    end = line_stop
    while end < stop:
        nxt_start, nxt_stop = geo.line(end + 1)
        if not starts_with_name(geo.text, nxt_start, nxt_stop, hits):
            break
        end = nxt_stop
    return body, min(end, stop)


def starts_with_name(text: str, start: int, stop: int, hits: list[NameHit]) -> bool:
    return any(start <= h.start < stop and LINE_LEAD.match(text[start:h.start]) for h in hits)


def caption_lists(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """A role noun that no name claims, right above lines that each start with a name
    (``… ведущих:`` then one line per person), gives those people the role."""
    text = geo.text
    bound = [r for c in ctxs for r in c.bound]
    i = 0
    while i < len(hits):
        start, stop = geo.line(hits[i].start)
        if not LINE_LEAD.match(text[start:hits[i].start]):
            i += 1
            continue
        run = lines_run(geo, hits, i)
        role = caption_role(geo, start, hits, bound)
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
                 bound: list[tuple[int, int]]) -> Optional[Slot]:
    text = geo.text
    pos = line_start - 1
    while pos > 0 and text[pos - 1] in "\n \t\u00a0":
        pos -= 1
    start, stop = geo.line(max(0, pos - 1))
    if stop <= start or stop > line_start:
        return None
    if HEADER_LINE.match(text, start):
        return None
    for tok in reversed(tokens(text, start, stop)):
        if any(s <= tok.start < e for s, e in bound) or any(h.start <= tok.start < h.stop for h in hits):
            continue
        if text.count("(", start, tok.start) > text.count(")", start, tok.start):
            continue
        role = role_of(tok, True)
        if role is not None:
            return Slot(role, tok.start, tok.stop)
    return None


def signatures(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """A short line ending with a name among the last lines of the document: its author."""
    lines = [ln for ln in geo.text.rstrip().split("\n") if ln.strip()]
    tail_start = len(geo.text.rstrip()) - sum(len(ln) + 1 for ln in lines[-SIGNATURE_LINES:])
    for i, hit in enumerate(hits):
        if hit.start < tail_start:
            continue
        start, stop = geo.line(hit.start)
        line = geo.text[start:stop]
        if not geo.text[hit.stop:stop].strip(" \t.") and len(line.split()) <= SIGNATURE_WORDS:
            ctxs[i].roles.append(Slot("author", hit.start, hit.stop))


def enumerations(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """Names listed one after another (``Иванова О.В., Петров С.А.; • Сидорова Е.Н.``)."""
    for i in range(len(hits) - 1):
        glue = geo.text[hits[i].stop:hits[i + 1].start]
        if LIST_GLUE.match(glue) and "\n\n" not in glue:
            ctxs[i].in_list = ctxs[i + 1].in_list = True
