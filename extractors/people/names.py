"""Person names: where they are written and what their nominative form is.

Finds ``Фамилия И.О.``, ``И.О. Фамилия``, ``Фамилия И. О.`` (the patterns are run in
``people.initials``), full ``Фамилия Имя Отчество`` / ``Имя Отчество Фамилия``
(natasha's PER spans are read in ``people.ner_names``), and analyses a written surname
into every (gender, case, nominative) reading the surname classes of ``data/people.json``
allow (``Веретенникову`` is a masculine dative or a feminine accusative). Context picks
the reading later.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, Optional


from extractors.people.given import (PARTICLE, STRONG_PATRONYMIC, UNKNOWN, first_name_parse, fold,
                                     given_cases, guessed_nominative, name_cases, nominative_of,
                                     patronymic_gender, patronymic_parse)
from extractors.people.lexicon import Lexicon
from extractors.text.morph import parses

UP = "А-ЯЁ"
LOW = "а-яё"
SURNAME_PART = rf"[{UP}][{LOW}]+"
SURNAME = rf"{SURNAME_PART}(?:-[{UP}]?[{LOW}]+)?"  # ``Петрова-Водкина``, ``Кара-оол``
INITIAL = rf"[{UP}]\."
# ``re`` compiles a class of three or more runs of non-Latin-1 code points (Ё, А-я, ё) through
# a 65,536-entry map, ~0.15 ms each: the look-ahead that no letter follows is written as two
# over classes of at most two runs (the same characters; read only after initials, so the
# second look-ahead costs nothing that counts; the look-behind before every capital stays one).
NO_LETTER_AFTER = r"(?![А-я])(?![Ёё])"  # (?![А-ЯЁа-яё])
LAST_INITIAL = rf"[{UP}](?:\.|{NO_LETTER_AFTER})"
INITIALS = rf"{INITIAL}(?:\s?{LAST_INITIAL})?"
# No letter, hyphen or dot before a name's first capital, unless an ellipsis of dots
# (``……..Т.И.Остапенко``). Checked right after that capital (the look-behind takes the capital
# in as its last character) so that each pattern opens with a character set: ``re`` then
# skips to the capitals instead of trying a look-behind at every position, 3x faster.
AFTER_NO_WORD = rf"(?:(?<![{LOW}{UP}\-.].)|(?<=[.…]\..))"
OPEN_CAPITAL = rf"[{UP}]{AFTER_NO_WORD}"
OPEN_INITIALS = rf"{OPEN_CAPITAL}\.(?:\s?{LAST_INITIAL})?"  # INITIALS after no word
# Possessive (``++``, ``?+``): a shorter run of letters, or no hyphenated part, is followed
# by a letter or a hyphen, never by the blank the initials need, so giving back is useless
# (and ``re`` would try it at every capitalised word): the same matches, 1.5 -> 1.1 ms a pass.
SURNAME_FIRST = re.compile(
    rf"(?P<s>{OPEN_CAPITAL}[{LOW}]++(?:-[{UP}]?[{LOW}]++)?+)[ \t\u00a0]++(?P<i>{INITIALS})")
CAPS_SURNAME = rf"[{UP}]{{3,}}(?:-[{UP}]{{3,}})?"
# ``И.О. Фамилия`` (group ``s``) or ``И.О. ФАМИЛИЯ`` (group ``c``) in one scan: the letter after
# the surname's capital decides which, so the two never match at one place nor overlap.
INITIALS_FIRST = re.compile(rf"(?P<i>{OPEN_INITIALS})[ \u00a0]?(?:(?P<s>{SURNAME})(?![{LOW}])"
                            rf"|(?P<c>{CAPS_SURNAME}){NO_LETTER_AFTER})")
CAP_WORD = re.compile(rf"{OPEN_CAPITAL}[{LOW}]+(?:-[{UP}]?[{LOW}]+)?(?![{LOW}])")
HONORIFIC_BEFORE = re.compile(rf"(?<![{LOW}{UP}])(?:им\.|имени)\s*(?:[{UP}{LOW}]+(?:-[{UP}{LOW}]+)?\s+){{0,4}}$",
                              re.IGNORECASE)
APPOSITION_AFTER = re.compile(rf",[ \t\u00a0]*((?:[{LOW}]+[ \t\u00a0]+){{0,2}}[{LOW}]+)")
NAME_GRAMMEMES = frozenset({"Surn", "Name", "Geox", "Patr"})  # a noun with one is no common noun
NOT_NAME_POS = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS", "ADVB", "CONJ", "PREP", "PRCL"})


class Reading(NamedTuple):
    """One way to read a written surname: its nominative for a gender and case."""
    nominative: str
    key: str
    gender: Optional[str]
    case: Optional[str]
    certain: bool = False


@dataclass
class NameHit:
    start: int
    stop: int
    surname_start: int
    surname_stop: int
    surname: str
    initials: Optional[str] = None
    initials_span: Optional[tuple[int, int]] = None
    first_name: Optional[str] = None
    patronymic: Optional[str] = None
    given_gender: Optional[str] = None
    given_spans: list[tuple[int, int]] = field(default_factory=list)
    given_cases: frozenset[str] = frozenset()
    source: str = "pattern"


def norm_initials(raw: str) -> str:
    letters = [ch for ch in raw if ch.isalpha()]
    return "".join(f"{ch.upper()}." for ch in letters)


@lru_cache(maxsize=None)
def stem_pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def endings(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


class SurnameForm(NamedTuple):
    """One written ending of a surname class: the case and gender it reads as, and the
    endings of that gender's nominative and of the class's key."""
    ending: str
    stems: re.Pattern[str]
    nominative_ending: str
    key_ending: str
    gender: Optional[str]
    case: str
    certain: bool


@lru_cache(maxsize=1)
def surname_forms() -> tuple[SurnameForm, ...]:
    """The declension tables of ``people.json`` as one flat list, in the file's order (the
    order readings are listed in), built once instead of walked for every new surname."""
    forms = []
    for cls in Lexicon.load().surname_classes:
        stems = stem_pattern(cls["stem"])
        key_ending = endings(cls["forms"][cls["key_gender"]]["nomn"])[0]
        for gender, table in cls["forms"].items():
            nominative_ending = endings(table["nomn"])[0]
            for case, value in table.items():
                forms += [SurnameForm(ending, stems, nominative_ending, key_ending,
                                      None if gender == "any" else gender, case,
                                      cls.get("certain", False)) for ending in endings(value)]
    return tuple(forms)


@lru_cache(maxsize=1)
def forms_by_ending() -> dict[str, tuple[tuple[re.Pattern[str], tuple[tuple[int, SurnameForm], ...]], ...]]:
    """``surname_forms`` by written ending and then by stem pattern (one test of a stem
    serves every form of its class with that ending), each with its place in the file's order."""
    found: dict[str, dict[re.Pattern[str], list[tuple[int, SurnameForm]]]] = {}
    for i, form in enumerate(surname_forms()):
        found.setdefault(form.ending, {}).setdefault(form.stems, []).append((i, form))
    return {ending: tuple((stems, tuple(forms)) for stems, forms in by_stems.items())
            for ending, by_stems in found.items()}


@lru_cache(maxsize=1)
def ending_lengths() -> tuple[int, ...]:
    """The lengths of the written endings ``forms_by_ending`` holds, each once."""
    return tuple(sorted({len(ending) for ending in forms_by_ending()}))


def part_readings(part: str) -> list[Reading]:
    """Readings of one surname part by the declension classes of ``people.json``
    (gender ``any`` reads the same for men and women: ``Шульгу`` -> ``Шульга``), in the
    file's order; only the forms of the part's own endings are tried, and the stem left
    by an ending is tested once per class."""
    by_ending, size = forms_by_ending(), len(part)
    candidates = []
    for length in ending_lengths():
        if length > size:
            break
        stem = part[:size - length]
        if len(stem) < 3:
            continue
        for stems, forms in by_ending.get(part[size - length:], ()):
            if stems.search(stem):
                candidates += forms
    candidates.sort()  # by place in the file (each form has its own)
    readings = []
    for _, form in candidates:
        stem = part[:size - len(form.ending)]
        readings.append(Reading(stem + form.nominative_ending, fold(stem + form.key_ending),
                                form.gender, form.case, form.certain))
    return readings


def first_by_slot(readings: list[Reading]) -> dict[tuple, tuple[Reading, bool]]:
    """Each (gender, case) of a part's readings: its first reading, and whether any is certain."""
    found: dict[tuple, tuple[Reading, bool]] = {}
    for r in readings:
        slot = (r.gender, r.case)
        first = found.get(slot)
        found[slot] = (r, r.certain) if first is None else (first[0], first[1] or r.certain)
    return found


@lru_cache(maxsize=1)
def slot_order() -> dict[tuple, int]:
    """The place of every (gender, case) a surname form reads as, in the order of their
    ``str`` (the order readings are listed in), so a sort need not format each slot."""
    slots = {(form.gender, form.case) for form in surname_forms()}
    return {slot: i for i, slot in enumerate(sorted(slots, key=str))}


@lru_cache(maxsize=50000)
def surname_readings(written: str) -> tuple[Reading, ...]:
    """Every (gender, case) reading of a written surname, double surnames part by part: a
    slot every part that has readings reads, each part by its first reading of the slot
    (a part without readings stays as written)."""
    if not written:
        return (Reading("", "", None, None),)
    words = written.split("-")
    per_part = [first_by_slot(part_readings(w)) for w in words]
    ordered = sorted(set().union(*per_part), key=slot_order().__getitem__)
    if len(words) == 1:  # one part: each slot is its own first reading
        readings = [Reading(first.nominative, first.key, slot[0], slot[1], certain)
                    for slot in ordered for first, certain in (per_part[0][slot],)]
    else:
        readings = [joined_reading(words, per_part, slot) for slot in ordered
                    if not any(found and slot not in found for found in per_part)]
    if not any(r.case == "nomn" or r.certain for r in readings):
        plain = "-".join(words)
        readings.append(Reading(plain, fold(plain), None, None))
    return tuple(readings)


def joined_reading(words: list[str], per_part: list[dict], slot: tuple) -> Reading:
    """A double surname's reading in ``slot``: each part by its first reading of it."""
    matches = [found.get(slot) for found in per_part]
    nominative = "-".join(m[0].nominative if m else w for w, m in zip(words, matches))
    key = "-".join(m[0].key if m else fold(w) for w, m in zip(words, matches))
    return Reading(nominative, key, slot[0], slot[1], any(m[1] for m in matches if m))


def is_stop(word: str) -> bool:
    stop = Lexicon.load().stop_words
    return fold(word) in stop or any(fold(p) in stop for p in word.split("-"))


COMMON_NOUN_PENALTY = 1.0


def caps_surname(surname: str) -> bool:
    """A surname written in capitals (``А.М.ЧЕРНЕЦКИЙ``) must look like one: a surname class
    that only surnames have (-ов, -ский) or pymorphy's surname tag; abbreviations do not."""
    return any(r.certain for r in surname_readings(surname)) or any(
        "Surn" in p.tag.grammemes for p in parses(surname.lower()))


@lru_cache(maxsize=20000)
def surname_score(surname: str, order: str) -> float:
    """How well a capitalised word reads as a surname (its readings, pymorphy's tags, the
    lexicon's first names): a pure function of the word, kept since names recur."""
    score = 1.0 if order == "sf" else 0.9
    if any(r.gender for r in surname_readings(surname)):
        score += 1.0
    if any("Surn" in p.tag.grammemes for p in parses(surname.lower())):
        score += 0.5
    if fold(surname) in Lexicon.load().first_names:
        score -= 0.7
    if any(not p.tag.grammemes.isdisjoint(("ADVB", "CONJ", "PREP", "PRCL", "VERB")) and p.score > 0.5
           for p in parses(surname.lower())):
        score -= 1.5
    if common_noun(surname):
        score -= COMMON_NOUN_PENALTY  # ``Гречко С.Д. Модератором``: not ``С.Д. Модератором``
    return score


@lru_cache(maxsize=20000)
def surname_like(word: str) -> bool:
    """A capitalised word that reads as a surname: a class only surnames have (-ов, -ский)
    or pymorphy's surname tag, and no plain dictionary noun."""
    if not word[:1].isupper() or common_noun(word):
        return False
    return any(r.certain for r in surname_readings(word)) or any(
        "Surn" in p.tag.grammemes for p in parses(word.lower()))


def common_noun(word: str) -> bool:
    """A dictionary noun that pymorphy never reads as a surname, first name or place."""
    found = parses(word.lower())
    return (bool(found) and "NOUN" in found[0].tag.grammemes and found[0].is_known
            and not any(NAME_GRAMMEMES & p.tag.grammemes for p in found))


def rejected_prefix(text: str, start: int) -> bool:
    """Names inside honorific names (``им. Н.Д. Костина``, ``имени Героя Советского Союза
    П.Т. Кравченко``) are not people of the event."""
    before = text[max(0, start - 60):start]
    # the pattern needs ``им`` in some case (``им.``, ``имени``): a scan only where it is
    return "им" in before.lower() and HONORIFIC_BEFORE.search(before) is not None


def described(text: str, stop: int) -> bool:
    """``имени Ильи Петровича Зорина, горного инженера …``: a full name in an honorific
    followed by a title in apposition is named as a person, not only inside a name."""
    m = APPOSITION_AFTER.match(text, stop)
    heads = Lexicon.load().position_heads
    return m is not None and any(
        p.normal_form in heads for w in m.group(1).split() for p in parses(w.lower())[:2])


def full_name_hits(text: str, taken: list[tuple[int, int]]) -> list[NameHit]:
    """``Имя Отчество Фамилия`` and ``Фамилия Имя Отчество`` anchored on a patronymic; a bare
    ``Имя Отчество`` (``Лариса Фёдоровна подчеркнула``) is kept with an empty surname so that
    it can join the person of that name."""
    covered = sorted(taken)
    starts = [s for s, _ in covered]
    words = [m for m in name_words(text) if not inside(covered, starts, m.start())]
    hits = []
    for i, w in enumerate(words):
        patr = patronymic_parse(w.group())
        if patr is None or i == 0:
            continue
        first = words[i - 1]
        fp = first_name_parse(first.group()) or (
            UNKNOWN if patr is PARTICLE or STRONG_PATRONYMIC.search(w.group()) else None)
        if fp is None or not adjacent(text, first, w) or is_stop(first.group()):
            continue
        hit = surname_around(text, words, i, first, w)
        if hit is None and fp is not UNKNOWN:
            hit = NameHit(first.start(), w.end(), first.start(), first.start(), "", source="given")
        if hit is None or (rejected_prefix(text, hit.start) and not described(text, hit.stop)):
            continue
        hit.patronymic = nominative_of(patr, w.group())
        hit.given_cases = given_cases(patr) or (name_cases(first.group()) if patr is PARTICLE
                                                else frozenset())
        hit.given_gender = patronymic_gender(patr, w.group())
        hit.first_name = (nominative_of(fp, first.group()) if fp is not UNKNOWN else
                          guessed_nominative(first.group(), hit.given_gender, hit.given_cases))
        hit.given_spans = [(first.start(), first.end()), (w.start(), w.end())]
        hit.initials = f"{hit.first_name[0]}.{hit.patronymic[0]}."
        hits.append(hit)
    return hits


def name_words(text: str) -> list[re.Match]:
    """Capitalised words, hyphenated ones whole (``Кара-ооловна``), and a father's name
    with its particle (``Али оглы``) as one word."""
    particle = Lexicon.load().particle_patronymic
    words: list[re.Match] = []
    for m in CAP_WORD.finditer(text):
        if words and m.start() < words[-1].end():
            continue  # the particle of the word before
        words.append(particle.match(text, m.start()) or m)
    return words


def inside(covered: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and covered[i][0] <= pos < covered[i][1]


def adjacent(text: str, a: re.Match, b: re.Match) -> bool:
    """Only spaces between two words, or one line break (a name wrapped over two lines)."""
    gap = text[a.end():b.start()]
    return a.end() < b.start() and gap.strip(" \u00a0") in ("", "\n") and gap.count("\n") <= 1


def surname_around(text: str, words: list[re.Match], i: int, first: re.Match,
                   patr: re.Match) -> Optional[NameHit]:
    """The surname of a full name: the better surname of the word right after the
    patronymic and the word right before the first name."""
    after = words[i + 1] if i + 1 < len(words) else None
    before = words[i - 2] if i >= 2 else None
    options = []
    if after is not None and adjacent(text, patr, after) and not is_stop(after.group()):
        options.append((surname_score(after.group(), "sf"), NameHit(
            first.start(), after.end(), after.start(), after.end(), after.group(), source="full")))
    if (before is not None and adjacent(text, before, first) and not is_stop(before.group())
            and not place_before(text, before.start())):
        options.append((surname_score(before.group(), "sf") + 0.01, NameHit(
            before.start(), patr.end(), before.start(), before.end(), before.group(), source="full")))
    return max(options, key=lambda o: o[0])[1] if options else None


def place_before(text: str, start: int) -> bool:
    return Lexicon.load().place_before.search(text[max(0, start - 12):start]) is not None
