"""decisions: decisions adopted at the event, one record per decision.

Two sources:
- list items under a decisions header (layout's ``decisions`` sections, its
  ``proposals`` sections when the header stands alone above a list, and the
  per-question headers of ``data/decisions.json``): numbered or bulleted items
  that may wrap over lines, or one item per line; a blank line followed by a
  non-item ends the list. The operative part of an order or decision
  (``ПРИКАЗЫВАЮ:``, ``Дума р е ш и л а:``; in an act without one, item ``1.`` after
  the preamble) is an act's list: its items run to the signature;
- sentences in prose that carry a decision cue (``Было принято решение …``,
  ``Рекомендовано …``), and a ``А также …`` sentence right after one.

Each decision is a DECISION mention over its text; its ``DecisionAttrs`` carry the
responsible party (nominative) and deadline found by ``decisions.responsible`` and
``decisions.deadline``; an act's signatory by ``decisions.signature``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.decisions import deadline as deadlines
from extractors.decisions import parts
from extractors.decisions import responsible as who_acts
from extractors.base import grounded, source_text, span_ref, stored_mentions, text_layer
from extractors.decisions.items import Item, block_items, starts_with_infinitive
from extractors.decisions.lexicon import Lexicon, colon_lines
from extractors.decisions.openings import LineStartPattern
from extractors.decisions.signature import filled_lines, keeps_control, signatory
from extractors.decisions.wrap import page_break, run_on, wrap_width
from extractors.text.lines import bounds as lines
from schemas.mention import Mention
from schemas.mention_attrs import DecisionAttrs
from schemas.records import Decision


def sections(doc: Doc, kind: str | None = None) -> list[Mention]:
    """The layout family's stored sections, optionally of one ``kind`` (read
    from the Doc, not through the layout package: families don't import each other)."""
    return [m for m in stored_mentions(doc, "layout") if kind is None or m.attrs.kind == kind]

NAME = "decisions"
OVERLAP = "exact_dedupe"
LABEL = "DECISION"
SPACES = re.compile(r"\s+")
TITLE_REACH = 200
FIRST_ITEM = re.compile(r"[ \t]*1[.)][ \t]*")


def rest_of_line_empty(text: str, pos: int) -> bool:
    """Nothing follows ``pos`` on its line (a header above a list, not a run-in header)."""
    end = text.find("\n", pos)
    return not text[pos:len(text) if end < 0 else end].strip()


def spans(pattern: LineStartPattern | re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` matches along ``text``, one match after the other (``finditer``)."""
    if isinstance(pattern, LineStartPattern):
        return pattern.spans(text)
    return [m.span() for m in pattern.finditer(text)]


def is_act(text: str) -> bool:
    """The document names an order, resolution or decision in its first lines."""
    head = filled_lines(text, 0, min(len(text), 2000), 6)
    act_title = Lexicon.load().act_title
    return any(act_title.match(text, s, min(len(text), e + TITLE_REACH)) for s, e in head)


def preamble_head(text: str) -> tuple[int, int] | None:
    """An act without an operative verb: its operative part opens at item ``1.`` that
    follows a preamble line ending with ``:`` or itself starts with an action verb."""
    previous = None
    for ls, le in lines(text):
        line = text[ls:le].strip()
        if not line:
            continue
        first = FIRST_ITEM.match(text, ls, le)
        if first and previous is not None and text[previous[0]:previous[1]].rstrip().endswith(":"):
            return previous[1], previous[0]
        if first and starts_with_infinitive(text, first.end(), le):
            return ls, ls
        previous = (ls, le)
    return None


def blocks(doc: Doc) -> list[tuple[int, int, int, bool]]:
    """Bodies of decision lists: from after the header to the next header; the flag
    says the header is an act's operative verb (``ПОСТАНОВЛЯЮ:``)."""
    text = source_text(doc)
    all_sections = sections(doc)
    heads = [(m.attrs.body_start, m.start) for m in sections(doc, "decisions")]
    heads += [(m.attrs.body_start, m.start) for m in sections(doc, "proposals")
              if rest_of_line_empty(text, m.attrs.body_start)]
    lexicon = Lexicon.load()
    for pattern in lexicon.extra_headers:
        heads += [(end, start) for start, end in spans(pattern, text)]
    acts = set()
    operative_lines = set(lexicon.operative_cue.lines(text))
    header_lines = set(colon_lines(text))
    # only these lines may add a head or an act: on every other line nothing happens
    for ls, le in sorted(operative_lines | header_lines):
        operative = lexicon.operative_cue.end(text, ls, le) if (ls, le) in operative_lines \
            else None
        inside = [h for b, h in heads if ls <= h <= le or h <= ls < b]
        if operative is not None:
            acts.update(inside or [ls])
        if not inside and operative is not None:
            heads.append((operative, ls))
        elif not inside and (ls, le) in header_lines and lexicon.list_header.search(text, ls, le):
            heads.append((le, ls))
    if not heads and is_act(text) and (found := preamble_head(text)) is not None:
        heads.append(found)
        acts.add(found[1])
    boundaries = sorted({m.start for m in all_sections if m.attrs.kind != "title"}
                        | {h for _, h in heads})
    found = []
    for body, head in sorted(set(heads)):
        stop = next((b for b in boundaries if b > head and b >= body), len(text))
        if stop > body:
            found.append((head, body, stop, head in acts))
    return found


def decision_mention(doc: Doc, item: Item, origin: str, dates: list[Mention],
                     signed: parts.Responsible | None = None) -> Mention:
    text = source_text(doc)
    who = (who_acts.stated_responsible(text, *item.responsible) if item.responsible else None) \
        or who_acts.responsible(text, item.start, item.stop) \
        or (who_acts.parent_responsible(text, *item.parent) if item.parent else None) \
        or (signed if signed and keeps_control(text, item.start, item.stop) else None)
    due_start, due_stop = item.deadline or (item.start, item.stop)
    due = deadlines.deadline(text, due_start, due_stop, dates,
                           addressed=who is not None or item.deadline is not None)
    open_due = deadlines.open_deadline_text(text, due_start, due_stop) if due is None else None
    return Mention.of(
        text, LABEL, item.start, item.stop, NAME, 0.9 if origin == "list" else 0.7,
        attrs=DecisionAttrs(
            origin=origin, responsible=SPACES.sub(" ", who.value).strip() if who else None,
            responsible_span=(who.start, who.stop) if who else None,
            deadline=deadlines.deadline_value(due),
            deadline_span=(due.start, due.stop) if due else None,
            open_deadline_span=open_due.span() if open_due else None))


def prose_spans(doc: Doc, covered: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """Decision sentences outside the lists (``covered``) and the sections never read
    for them; ``width`` is the document's ``wrap_width``."""
    text = source_text(doc)
    lexicon = Lexicon.load()
    skipped = [(m.start, m.stop) for m in sections(doc) if m.attrs.kind in lexicon.skip_sections]
    excluded = covered + skipped
    found: list[tuple[int, int]] = []
    previous_stop = reach = -1
    layer = text_layer(doc)
    for start, stop in layer.sentences:  # over reflowed paragraphs: wrap-proof
        if any(s <= start < e for s, e in excluded) or start < reach:
            continue
        if text[start:stop].endswith(":"):
            previous_stop = -1
            continue
        if lexicon.prose_cue.search(text, start, stop) or lexicon.start_cue.match(
                text, start, stop) or (previous_stop >= 0 and text[previous_stop:start].strip() == ""
                                       and lexicon.continuation.match(text, start, stop)):
            stop = reach = run_on(layer, text, stop, width)
            found.append((start, stop))
            previous_stop = stop
        else:
            previous_stop = -1
    return found


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    dates = stored_mentions(doc, "dates")
    found = []
    covered = []
    layer = text_layer(doc)
    width = wrap_width(layer)
    for head, body, stop, act in blocks(doc):
        items = block_items(text, body, stop, Lexicon.load().item_marker,
                            Lexicon.load().stop_line, act,
                            lambda start: page_break(layer, text, start, width))
        signed = signatory(text, items[-1].stop) if act and items else None
        found += [decision_mention(doc, item, "list", dates, signed) for item in items]
        covered.append((head, max((i.stop for i in items), default=body)))
    found += [decision_mention(doc, Item(s, e), "prose", dates)
              for s, e in prose_spans(doc, covered, width)]
    return found


def reflowed_text(doc: Doc, start: int, stop: int) -> str:
    """A decision's text as the reflowed view reads it: a word cut by a hyphen at a
    line end is whole again, and any run of white space is one space."""
    view = text_layer(doc).reflowed
    return SPACES.sub(" ", view.text[view.from_source(start):view.from_source(stop)]).strip()


def build(doc: Doc, mentions: list[Mention]) -> list[Decision]:
    text = source_text(doc)
    records = []
    for m in sorted(mentions, key=lambda m: m.start):
        provenance = {"text": [span_ref(m)]}
        warnings = []
        attrs = m.attrs
        if attrs.responsible_span:
            provenance["responsible"] = [grounded(text, *attrs.responsible_span, NAME)]
        if attrs.deadline_span:
            provenance["deadline"] = [grounded(text, *attrs.deadline_span, NAME)]
        elif attrs.open_deadline_span:
            span = grounded(text, *attrs.open_deadline_span, NAME, 0.5)
            provenance["deadline"] = [span]
            warnings.append(f"deadline is not a calendar date: {span.text!r}")
        records.append(Decision(
            text=reflowed_text(doc, m.start, m.stop), responsible=attrs.responsible,
            deadline=attrs.deadline, spans=[span_ref(m)], provenance=provenance,
            confidence=m.confidence, warnings=warnings))
    return records
