"""event: the one event a document is about (kind, title, format, dates,
time, place, platform, links).

The event is filled only when the document is about a single event: an event
kind (``data/event.json`` ``kinds``, matched by lemmas so every case works)
must be named in the head of the document (its first non-empty lines).
Monitoring notes and reports about many activities get an empty event.

Choosing the kind: head mentions score highest (an order's head runs through its
own «О …» title), a quoted title right after the kind adds, a kind the text says
was held (``провели круглый стол``, ``семинар прошёл``) adds, the first kind named
breaks a tie, an umbrella (``в рамках форума``) takes away; the body issuing the
act (``решение коллегии``, ``Районного Собрания``) is no event. The title is the
quoted name after a mention of that kind (nested «» kept). The date is the DATE
of a ``Дата проведения`` field, of the protocol's own date line, or in the
sentence that names the event, or the dateline of a news item that says
``сегодня``, or else the document's one date range; reference dates (``приказ от …``)
are avoided. A sitting (``сессия``) named above the act it adopted is dated and placed
like a protocol, by the act's date and settlement lines. Kind mentions come
from ``event.kinds`` (adjectives the text puts before a kind join it); titles from
``event.titles``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extractors.event import fields as fields
from extractors.base import source_text, span_ref, stored_mentions, text_layer
from extractors.event.kinds import kind_mentions
from extractors.event.lexicon import Lexicon
from extractors.event.titles import theme_title, title_after
from extractors.text.lines import bounds as lines
from extractors.text.sentences import sentences
from schemas.mention import Mention
from schemas.mention_attrs import EventDateAttrs
from schemas.records import Event

NAME = "event"
LINE_WINDOW = 600
SPACES = re.compile(r"\s+")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
TABLE_ROW = re.compile(r"[ \t]*\d{1,3}(?:\.\d{1,2})*\.{0,2}[ \t]*\t")
SCORES = {"head": 3.0, "title": 2.0, "umbrella": -4.0, "field": 4.0, "date_line": 3.0,
          "same_sentence": 3.0, "reference": -5.0, "held": 2.0,
          "first": 1.5}


# head_stop and is_protocol read every line of the text, and one document asks them up to
# three times (the kind, the date, the place): the last text's answers are kept.
@lru_cache(maxsize=1)
def head_stop(text: str) -> int:
    """End of the document head: its first lines, or the lines right after ``ПРОТОКОЛ``."""
    count = Lexicon.load().head_lines
    filled = [(s, e) for s, e in lines(text)
              if text[s:e].strip() and not TABLE_ROW.match(text, s, e)]
    for i, (s, e) in enumerate(filled[:2 * count]):
        if Lexicon.load().protocol_line.match(text, s, e) or \
                Lexicon.load().order_line.match(text, s, e):
            count = max(count, i + 1 + Lexicon.load().lines_after_protocol,
                        act_title_end(text, filled, i + 1))
            break
        if Lexicon.load().operative_line.match(text, s, e):
            # the page starts below the act's title: its first items are the head
            count = max(count, i + 1 + Lexicon.load().lines_after_protocol)
            break
    filled = filled[:count]
    return filled[-1][1] if filled else 0


def act_title_end(text: str, filled: list[tuple[int, int]], after: int) -> int:
    """Line count up to the end of an act's own title (``Об итогах муниципального этапа /
    Всероссийского конкурса / юных поэтов «…»``): from its first ``О``/``Об`` line, a few
    lines while none ends a sentence."""
    window = Lexicon.load().act_title_window
    for j in range(after, min(len(filled), after + window)):
        if Lexicon.load().act_title_line.match(text, *filled[j]):
            k = j
            while k + 1 < len(filled) and k - j < Lexicon.load().lines_after_protocol and \
                    not text[filled[k][0]:filled[k][1]].rstrip().endswith("."):
                k += 1
            return k + 1
    return 0


def own_sitting(text: str, chosen: list[Mention]) -> bool:
    """A body's act that names, in its head, the sitting that adopted it (``X сессия XXIV
    созыва`` above ``РЕШЕНИЕ от …``): like a protocol, its date line and settlement line
    are the sitting's."""
    head = head_stop(text)
    return any(m.label == "EVENT_KIND" and m.start < head
               and m.attrs.value.split()[-1] in Lexicon.load().sitting_kinds for m in chosen)


@lru_cache(maxsize=1)
def is_protocol(text: str) -> bool:
    count = 2 * Lexicon.load().head_lines
    return any(Lexicon.load().protocol_line.match(text, s, e)
               for s, e in [(s, e) for s, e in lines(text) if text[s:e].strip()][:count])


def score_kind(text: str, m: Mention, head: int) -> float:
    score = SCORES["head"] if m.start < head and m.attrs.singular else 0.0
    if title_after(text, m):
        score += SCORES["title"]
    if Lexicon.load().umbrella_before.search(text, max(0, m.start - 60), m.start):
        score += SCORES["umbrella"]
    if Lexicon.load().held_before.search(text, max(0, m.start - 40), m.start) or \
            Lexicon.load().held_after.match(text, m.stop):
        score += SCORES["held"]
    return score


def body_name(text: str, m: Mention) -> bool:
    """``Решение коллегии``, ``Районного Собрания МО``: the body that issues the document
    (named after ``решение`` or capitalised inside a sentence), not an event it holds."""
    if Lexicon.load().body_before.search(text, max(0, m.start - 30), m.start):
        return True
    if m.attrs.value.split()[-1] not in Lexicon.load().body_kinds:
        return False
    head = text[m.start:m.stop].split()[-1]
    before = text[max(0, m.start - 3):m.start]
    at_start = m.start == 0 or any(ch in ".!?\n" for ch in before)
    return head[:1].isupper() and not head.isupper() and not at_start


def choose_kind(text: str, candidates: list[Mention]) -> list[Mention]:
    """Mentions of the event's kind, or [] when no single kind is named in the head."""
    candidates = [m for m in candidates if not body_name(text, m) and not Lexicon.load(
        ).occasion_before.search(text, max(0, m.start - 120), m.start)]
    head = head_stop(text)
    named = {m.attrs.value for m in candidates if m.start < head and m.attrs.singular}
    totals = {k: sum(score_kind(text, m, head) for m in candidates if m.attrs.value == k)
              for k in named}
    if not totals:
        return []
    first = min((m for m in candidates if m.attrs.value in named), key=lambda m: m.start)
    totals[first.attrs.value] += SCORES["first"]

    def start_of(k: str) -> int:
        return min(m.start for m in candidates if m.attrs.value == k)

    # kinds sharing a head noun (пед.конференция, конференция) add up; the group's
    # best-scored form names it
    groups: dict[str, list[str]] = {}
    for k in totals:
        groups.setdefault(k.split()[-1], []).append(k)
    group = max(groups.values(), key=lambda ks: (sum(totals[k] for k in ks),
                                                 -min(start_of(k) for k in ks)))
    best = max(group, key=lambda k: (totals[k], -start_of(k)))
    if sum(totals[k] for k in group) <= 0:
        return []
    head_noun = best.split()[-1]
    chosen = sorted((m for m in candidates if m.attrs.value.split()[-1] == head_noun),
                    key=lambda m: (m.attrs.value != best, m.start))
    if head_noun in Lexicon.load().container_kinds:
        inner = next((c for m in chosen for c in candidates
                      if c.start > m.stop and not text[m.stop:c.start].strip()
                      and c.attrs.value not in Lexicon.load().body_like_kinds), None)
        if inner is not None:
            return [m for m in candidates if m.attrs.value == inner.attrs.value]
    return chosen


def title_mention(text: str, chosen: list[Mention]) -> Mention | None:
    found = next((inner for inner in (title_after(text, m) for m in chosen) if inner), None)
    found = found or theme_title(text)
    if found is None:
        return None
    return fields.value_mention(text, "EVENT_TITLE", found[0], found[1], 0.8,
                                SPACES.sub(" ", text[found[0]:found[1]]))


def dateline(text: str, d: Mention, line_start: int, line_stop: int) -> bool:
    """A news item's dateline: the date alone on a head line, with ``сегодня`` in the text."""
    if d.start >= LINE_WINDOW or not Lexicon.load().today.search(text):
        return False
    head = [s for s, e in lines(text)[:2 * Lexicon.load().head_lines + 2] if text[s:e].strip()]
    return line_start in head and not text[line_start:d.start].strip() and \
        not fields.DATE_LINE_REST.sub("", CLOCK.sub("", text[d.stop:line_stop])).strip()


def date_score(text: str, d: Mention, event_sentences, protocol: bool) -> float:
    score = 0.0
    field = Lexicon.load().date_field
    window = Lexicon.load().field_window
    if field.search(text, max(0, d.start - window), d.start):
        score += SCORES["field"]
    line_start = text.rfind("\n", 0, d.start) + 1
    line_stop = text.find("\n", d.stop)
    line_stop = len(text) if line_stop < 0 else line_stop
    date_line = protocol and d.start < LINE_WINDOW and fields.only_date_and_place(
        text[line_start:d.start] + " " + text[d.stop:line_stop])
    date_line = date_line or dateline(text, d, line_start, line_stop)
    if date_line:
        score += SCORES["date_line"]
    if any(s <= d.start < e for s, e in event_sentences):
        score += SCORES["same_sentence"]
    if not date_line and Lexicon.load().reference_before.search(
            text, max(line_start, d.start - 40), d.start):
        score += SCORES["reference"]
    return score


def only_range(text: str, usable: list[Mention]) -> list[tuple[float, int, Mention]]:
    """With no date near the event, the one date range the document names (not a
    reference) is the multi-day event's (``В период с 05.02. по 09.02.2018 …``)."""
    starts = [d for d in usable if d.attrs.role == "range_start"
              and not Lexicon.load().reference_before.search(text, max(0, d.start - 40), d.start)]
    return [(1.0, -starts[0].start, starts[0])] if len(starts) == 1 else []


def date_mentions(text: str, dates: list[Mention], chosen: list[Mention],
                  units: list[tuple[int, int]]) -> list[Mention]:
    """The event's start DATE (and end DATE of a range) relabelled for the event;
    ``units`` are the text's ``sentences``."""
    usable = [d for d in dates if d.label == "DATE" and d.attrs.role != "deadline"]
    event_sentences = [(s, e) for s, e in units if any(s <= m.start < e for m in chosen)]
    protocol = is_protocol(text) or own_sitting(text, chosen)
    scored = [(date_score(text, d, event_sentences, protocol), -d.start, d) for d in usable]
    scored = [x for x in scored if x[0] > 0] or only_range(text, usable)
    if not scored:
        return []
    best = max(scored, key=lambda x: (x[0], x[1]))[2]
    start, end = best, None
    if best.attrs.role == "range_end":
        start = next((d for d in reversed(usable) if d.stop <= best.start
                      and d.attrs.role == "range_start"), best)
        end = best if start is not best else None
    elif best.attrs.role == "range_start":
        end = next((d for d in usable if best.start < d.start < best.stop + 40
                    and d.attrs.role == "range_end"), None)
    found = [Mention.of(text, "EVENT_DATE_START", start.start, start.stop, NAME, 0.8,
                        attrs=EventDateAttrs(start.attrs.value))]
    if end is not None and end.attrs.value != start.attrs.value:
        found.append(Mention.of(text, "EVENT_DATE_END", end.start, end.stop, NAME, 0.8,
                                attrs=EventDateAttrs(end.attrs.value)))
    return found


def place_mention(text: str, dates: list[Mention], chosen: list[Mention],
                  regions: list[tuple[int, int]], units: list[tuple[int, int]]) -> Mention | None:
    place_field = Lexicon.load().place_field.search(text)
    if place_field:
        found = fields.field_place(text, place_field.end())
        if found:
            return found
    field = Lexicon.load().date_field.search(text)
    if field:
        after = next((d.stop for d in dates if d.label == "DATE" and field.end() <= d.start
                      < field.end() + Lexicon.load().field_window), None)
        found = fields.field_place(text, after) if after is not None else None
        if found:
            return found
    found = fields.settlement_line(text) if is_protocol(text) or own_sitting(text, chosen) else None
    if found:
        return found
    anchors = chosen + dates
    for start, stop in units:
        if any(start <= m.start < stop for m in chosen):
            found = fields.held_venue(text, start, stop)
            if found:
                return found
    for i, (start, stop) in enumerate(units):
        if any(start <= m.start < stop for m in anchors):
            found = (fields.venue(text, start, stop) or fields.town(text, start, stop)
                     or fields.bare_town(text, start, stop, regions) or next_venue(text, units, i))
            if found:
                return found
    return next((found for start, stop in units if any(start <= m.start < stop for m in chosen)
                 for found in (fields.held_venue(text, start, stop, generic=True),) if found), None)


def next_venue(text: str, units: list[tuple[int, int]], i: int) -> Mention | None:
    """A venue in the sentence right after the one naming the event, in its paragraph
    (``… прошёл семинар. Участники собрались в актовом зале гимназии № 18.``)."""
    if i + 1 >= len(units) or "\n" in text[units[i][1]:units[i + 1][0]]:
        return None
    return fields.venue(text, *units[i + 1])


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    chosen = choose_kind(text, kind_mentions(text, text_layer(doc).alnum_words))
    if not chosen:
        return []
    dates = [d for d in stored_mentions(doc, "dates") if d.label == "DATE"]
    found = list(chosen)
    found += [m for m in (title_mention(text, chosen), fields.time_mention(text),
                          fields.platform_mention(text)) if m]
    found += fields.choose_format(fields.format_mentions(text))
    units = sentences(text)  # the date's and the place's, computed once
    event_dates = date_mentions(text, dates, chosen, units)
    found += event_dates
    regions = [(m.start, m.stop) for m in stored_mentions(doc, "geo")
               if m.label == "REGION" and m.attrs.via != "capital"
               and m.attrs.name not in Lexicon.load().city_subjects]
    place = place_mention(text, dates, chosen + event_dates, regions, units)
    found += [place] if place else []
    found += fields.link_mentions(text)
    return found


FIELD_LABELS = {"kind": "EVENT_KIND", "title": "EVENT_TITLE", "format": "EVENT_FORMAT",
                "date_start": "EVENT_DATE_START", "date_end": "EVENT_DATE_END",
                "time": "EVENT_TIME", "place": "EVENT_PLACE", "platform": "EVENT_PLATFORM"}


def build(doc: Doc, mentions: list[Mention]) -> Event:
    if not mentions:
        return Event()
    by_label: dict[str, list[Mention]] = {}  # in the mentions' order
    for m in mentions:
        by_label.setdefault(m.label, []).append(m)
    values, provenance = {}, {}
    for name, label in FIELD_LABELS.items():
        same = by_label.get(label)
        if same:
            values[name] = same[0].attrs.value
            provenance[name] = [span_ref(m) for m in same]
    links = by_label.get("EVENT_LINK", [])
    if "format" not in values:
        implied = Lexicon.load().kind_format.get(values.get("kind"))
        values["format"] = implied
    if links:
        provenance["links"] = [span_ref(m) for m in links]
    # the first kind mention's SpanRef (a frozen value) is already the kind's provenance
    return Event(**values, links=list(dict.fromkeys(m.attrs.value for m in links)),
                 spans=provenance.get("kind", [])[:1], provenance=provenance)
