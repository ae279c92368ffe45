"""Event details found around an already chosen event: format, time, place,
platform and links. Every function returns mentions (label EVENT_<FIELD>,
``EventValueAttrs``); cue lists live in ``data/event.json`` (``Lexicon``)."""
from __future__ import annotations

import re
from extractors.base import trim
from extractors.event.lexicon import Lexicon
from extractors.text.morph import inflect
from extractors.text.inflect import case_parse, has_pos, is_abbreviation, match_case
from extractors.text.morph import parses
from extractors.text.tokens import alnum_words as tokens
from extractors.text.sentences import is_abbreviation_end, sentences
from extractors.text.lines import bounds as lines
from schemas.mention import Mention
from schemas.mention_attrs import EventValueAttrs

NAME = "event"
HEAD_PLACE_LINES = 15
LINK_TAIL = ".,;:!?*"
PLACE_TRIM = " \t\r\n.,;:*()"
MAX_PLACE_WORDS = 8
MAX_VENUE_HEAD = 3
VENUE_STOP = re.compile(r"[,;:!?()\n]|\.(?=\s+[А-ЯЁ][а-яё]{2,})|\.\s*$")
FIELD_PART_END = re.compile(r"[,;(]")
WIDE_GAP = re.compile(r"[ \t]{2,}|\t")
DATE_LINE_REST = re.compile(r"(?<![\wё])(?:от|г\.?|года?)(?![\wё])|(?:№|(?<![\wё])N)\s*[\w/-]+|[\s.,*_]")


def value_mention(text: str, label: str, start: int, stop: int, confidence: float,
                  value: str) -> Mention:
    return Mention.of(text, label, start, stop, NAME, confidence, attrs=EventValueAttrs(value))


def format_mentions(text: str) -> list[Mention]:
    ignored = [m.span() for m in Lexicon.load().format_ignore.finditer(text)]
    found = []
    for fmt, cue in Lexicon.load().format:
        for m in cue.finditer(text):
            if any(s <= m.start() < e for s, e in ignored):
                continue
            if fmt != "смешанный" and any(f.start <= m.start() < f.stop for f in found):
                continue
            found.append(value_mention(text, "EVENT_FORMAT", m.start(), m.end(), 0.8, fmt))
    if any(m.attrs.value == "очный" for m in found):
        found += [value_mention(text, "EVENT_FORMAT", m.start(), m.end(), 0.7, "смешанный")
                  for m in Lexicon.load().remote_join.finditer(text)]
    return found


def choose_format(cues: list[Mention]) -> list[Mention]:
    """The format the cues agree on (mixed wins; otherwise the most cues, then the first)."""
    if not cues:
        return []
    if any(m.attrs.value == "смешанный" for m in cues):
        return [m for m in cues if m.attrs.value == "смешанный"]
    counts: dict[str, list[Mention]] = {}
    for m in sorted(cues, key=lambda m: m.start):
        counts.setdefault(m.attrs.value, []).append(m)
    best = max(counts, key=lambda f: (len(counts[f]), -counts[f][0].start))
    return counts[best]


def time_mention(text: str) -> Mention | None:
    for pat in Lexicon.load().time:
        m = pat.search(text)
        if m and int(m.group("h")) < 24:
            minutes = m.group("m") or "00"
            return value_mention(text, "EVENT_TIME", m.start("h"), m.end(), 0.8,
                                 f"{int(m.group('h')):02d}:{minutes}")
    return None


def link_mentions(text: str) -> list[Mention]:
    found = []
    for m in Lexicon.load().link.finditer(text):
        start, stop = trim(text, m.start(), m.end(), LINK_TAIL)
        if stop > start:
            found.append(value_mention(text, "EVENT_LINK", start, stop, 0.9,
                                       text[start:stop]))
    return found


def platform_mention(text: str) -> Mention | None:
    quoted = Lexicon.load().platform_quoted.search(text)
    if quoted:
        return value_mention(text, "EVENT_PLATFORM", quoted.start("name"), quoted.end("name"),
                             0.9, quoted.group("name").strip())
    named = Lexicon.load().platforms.search(text)
    if named:
        return value_mention(text, "EVENT_PLATFORM", named.start(), named.end(), 0.8,
                             named.group())
    return None


def nominative_first(text: str, start: int, stop: int) -> str:
    """``гимназии № 2`` -> ``гимназия № 2``: the first word in the nominative when it
    is a lowercase noun in an oblique case; the rest as written."""
    words = tokens(text, start, stop)
    value = text[start:stop]
    if len(words) > 2 and is_abbreviation(words[0].text) and words[1].text[:1].isupper():
        return adjective_after_abbreviation(text, words, start, stop)
    if not words or not words[0].text[:1].islower():
        return value
    for case in ("gent", "loct", "datv", "ablt"):
        noun = case_parse(words[0].text, case, {"NOUN"})
        if noun is not None:
            nominative = inflect(noun, {"nomn"})
            if nominative is not None:
                head = match_case(words[0].text, nominative.word)
                return head + text[words[0].stop:stop]
    return value


def adjective_after_abbreviation(text: str, words, start: int, stop: int) -> str:
    """``МБОУ Кагальницкой СОШ`` -> ``МБОУ Кагальницкая СОШ``."""
    word = words[1]
    for case in ("gent", "loct", "datv", "ablt"):
        adjective = case_parse(word.text, case, {"ADJF"})
        if adjective is not None:
            wanted = {"nomn", "plur"} if "plur" in adjective.tag else {"nomn", adjective.tag.gender}
            nominative = inflect(adjective, {w for w in wanted if w})
            if nominative is not None:
                return (text[start:word.start] + match_case(word.text, nominative.word)
                        + text[word.stop:stop])
    return text[start:stop]


def place_value(text: str, start: int, stop: int, extractor_conf: float) -> Mention | None:
    start, stop = trim(text, start, stop, PLACE_TRIM)
    words = tokens(text, start, stop)
    if not words or len(words) > MAX_PLACE_WORDS or not any(w.text[:1].isalpha() for w in words):
        return None
    if words[0].text.lower() in Lexicon.load().place_stop_words:
        return None
    return value_mention(text, "EVENT_PLACE", start, stop, extractor_conf,
                         nominative_first(text, start, stop))


def field_place(text: str, after: int) -> Mention | None:
    """The first comma-separated part of the first sentence after ``after`` (the date
    of a ``Дата и место проведения`` field, or a ``Место проведения:`` label)."""
    window = min(len(text), after + Lexicon.load().field_window)
    start, _ = trim(text, after, window, PLACE_TRIM + "-–—")
    for s, e in sentences(text, start, window):
        comma = FIELD_PART_END.search(text, s, e)
        stop = comma.start() if comma else e
        found = place_value(text, s, stop, 0.8)
        if found is not None and not Lexicon.load().link.search(text, s, stop):
            return found
        return None
    return None


def only_date_and_place(rest: str) -> bool:
    """True when a line holds nothing but a date, a settlement and ``от``/``г.``."""
    rest = Lexicon.load().settlement_line.sub(" ", rest)
    return not DATE_LINE_REST.sub("", rest).strip()


def settlement_line(text: str) -> Mention | None:
    """A settlement alone on a head line, or beside the date (``г. Городец    14.10.2022``)."""
    for start, stop in lines(text)[:HEAD_PLACE_LINES]:
        for m in Lexicon.load().settlement_line.finditer(text, start, stop):
            s, e = trim(text, m.start(), m.end(), " \t")
            before, after = text[start:s], text[e:stop]
            if (not before.strip() or WIDE_GAP.search(before)) and (
                    not after.strip() or WIDE_GAP.match(after)):
                return place_value(text, s, e, 0.9)
    return None


def venue_end(text: str, start: int, end: int) -> int:
    """Where a venue phrase stops: at a preposition, a verb or a word that is not in
    the genitive; after a closing quotation only a settlement (``г. Кудымкара``) goes on."""
    depth, pos, closed, settlement = 0, start, False, 0
    lexicon = Lexicon.load()
    for word in tokens(text, start, end):
        between = text[pos:word.start]
        depth += between.count("«") - between.count("»")
        closed = closed or (depth == 0 and "»" in between)
        pos = word.start
        abbreviated = text[word.stop:word.stop + 1] == "."
        if depth > 0 or word.start == start:
            continue
        if closed:
            if word.text.lower() in lexicon.settlement_marks and abbreviated and not settlement:
                settlement = 1
                continue
            if settlement == 1 and word.text[:1].isupper():
                settlement = 2
                continue
            return word.start
        if not word.text[:1].islower():
            continue
        if word.text in lexicon.venue_prepositions or has_pos(word.text, "VERB", "PRTS", "GRND") or not (
                abbreviated or case_parse(word.text, "gent", {"NOUN", "ADJF", "PRTF"})):
            return word.start
    return end


def venue(text: str, start: int, stop: int) -> Mention | None:
    """``на базе X`` inside ``[start, stop)``: X up to a verb or punctuation."""
    cue = Lexicon.load().venue_cue.search(text, start, stop)
    if cue is None:
        return None
    end = stop
    for end_match in VENUE_STOP.finditer(text, cue.end(), stop):
        if end_match.group().startswith(".") and is_abbreviation_end(text, end_match.start()):
            continue
        end = end_match.start()
        break
    end = venue_end(text, cue.end(), end)
    return place_value(text, cue.end(), end, 0.8)


def town(text: str, start: int, stop: int) -> Mention | None:
    m = Lexicon.load().town_in.search(text, start, stop)
    if m is None:
        return None
    name = m.group("name")
    noun = next((case_parse(name, c, {"NOUN"}) for c in ("loct", "gent", "datv")
                 if case_parse(name, c, {"NOUN"}) is not None), None)
    nominative = inflect(noun, {"nomn"}) if noun is not None else None
    value = match_case(name, nominative.word) if nominative is not None else name
    prefix = "г." if m.group("kind").lower().startswith("г") else m.group("kind")
    return value_mention(text, "EVENT_PLACE", m.start("kind"), m.end("name"), 0.6,
                         f"{prefix} {value}" if prefix.endswith(".") else value)


def bare_town(text: str, start: int, stop: int, regions: list[tuple[int, int]]) -> Mention | None:
    """``в Вельске`` -> ``Вельск``: a known place name in the locative, not a region."""
    for m in Lexicon.load().town_bare.finditer(text, start, stop):
        if any(s < m.end("name") and m.start("name") < e for s, e in regions):
            continue
        found = parses(m.group("name"))
        place = found[0] if found and {"Geox", "loct"} <= set(found[0].tag.grammemes) else None
        nominative = inflect(place, {"nomn"}) if place is not None else None
        if nominative is not None:
            return value_mention(text, "EVENT_PLACE", m.start("name"), m.end("name"), 0.5,
                                 match_case(m.group("name"), nominative.word))
    return None


def held_venue(text: str, start: int, stop: int, generic: bool = False) -> Mention | None:
    """The venue the sentence says the event was held in: ``В Центре … прошёл семинар``,
    ``17 февраля в Озёрской СШ №1 прошло заседание``, ``Совещание прошло в ДК
    «Алтай», где …``. Only an institution counts (two or more words, a quotation or a
    number); a single word is a town, left to ``bare_town``."""
    start, _ = trim(text, start, stop, " \t\r\n")
    found = Lexicon.load().venue_before_held.match(text, start, stop) or \
        Lexicon.load().venue_after_held.search(text, start, stop)
    if found is None:
        return None
    s, e = trim(text, found.start("venue"), found.end("venue"), PLACE_TRIM)
    value = text[s:e]
    if len(value.split()) < 2 and not any(ch in value for ch in "«\"№"):
        return None
    if Lexicon.load().venue_territory.search(value):
        return None
    if value[:1].islower() != generic:
        return None  # a proper name first; a generic one (в районном доме культуры) as a last resort
    if generic and (not Lexicon.load().venue_noun.match(value) or "Apro" in parses(value.split()[0])[0].tag):
        return None  # «в этом году», «в нашей школе»: no institution named
    return value_mention(text, "EVENT_PLACE", s, e, 0.7, venue_nominative(text, s, e))


def venue_nominative(text: str, start: int, stop: int) -> str:
    """The leading words of a venue in the nominative (``Центре …`` -> ``Центр …``,
    ``районном доме культуры`` -> ``районный дом культуры``, ``Озёрской СШ`` ->
    ``Озёрская СШ``): its adjectives and their noun; the rest as written."""
    words = tokens(text, start, stop)
    if not words or is_abbreviation(words[0].text):
        return text[start:stop]
    out, pos, noun = [], start, None
    for word in words[:MAX_VENUE_HEAD]:
        parse = oblique(word.text)
        if parse is None:
            break
        out.append((word, parse))
        if parse.tag.POS == "NOUN":
            noun = parse
            break
    if not out:
        return text[start:stop]
    value = []
    for word, parse in out:
        if parse.tag.POS == "NOUN" or noun is None:
            wanted = {"nomn", "plur" if "plur" in parse.tag else "sing"}
            if parse.tag.POS == "ADJF" and "plur" not in parse.tag:
                wanted.add(parse.tag.gender)
        else:
            wanted = {"nomn", "plur"} if "plur" in noun.tag else {"nomn", "sing", noun.tag.gender}
        nominative = inflect(parse, wanted)
        value.append(text[pos:word.start] + match_case(word.text, nominative.word
                                                       if nominative else word.text))
        pos = word.stop
    return "".join(value) + text[pos:stop]


def oblique(word: str):
    """``word`` as a noun or adjective in an oblique case (the venue after ``в``)."""
    for case in ("loct", "ablt", "datv", "gent"):
        for pos in ("NOUN", "ADJF"):
            parse = case_parse(word, case, {pos})
            if parse is not None:
                return parse
    return None
