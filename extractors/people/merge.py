"""Identity resolution: the mentions of one person in a document become one
Person record (nominative surname and gender decided over all mentions,
initials of the first mention, every mention in ``spans``)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from extractors.base import grounded, span_ref
from extractors.people.roles import Context
from extractors.people.names import NameHit, Reading, surname_readings
from extractors.people.lexicon import Lexicon
from schemas.mention import Mention
from schemas.mention_attrs import PersonAttrs, PersonSlot, SurnameReading
from schemas.records import ROLE_ORDER, Person, SpanRef

NAME = "people"
NOMINATIVE_BONUS = 1.5
INDECLINABLE_BONUS = 1.0
GOVERNED_BONUS = 3.0
APPOSITION_BONUS = 1.0
GIVEN_GENDER_PENALTY = 5.0
GENDER_VOTE_PENALTY = 2.0
STRONG_MARGIN = 1.0


@dataclass
class Group:
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def initials(self) -> Optional[str]:
        return next((m.attrs.initials for m in self.mentions if m.attrs.initials), None)

    def gender(self) -> Optional[str]:
        return next((g for m in self.mentions
                     if m.attrs.surname and (g := strong_gender(m))), None)

    def key(self) -> str:
        return top(next(m for m in self.mentions if m.attrs.surname)).key

    def named(self) -> list[Mention]:
        """Mentions with a written surname (not a bare ``Имя Отчество``)."""
        return [m for m in self.mentions if m.attrs.surname]


def scored_readings(hit: NameHit, ctx: Context, apposition: set[str]) -> list[tuple[Reading, float]]:
    out = []
    readings = surname_readings(hit.surname)
    oblique = hit.surname.endswith(Lexicon.load().oblique_endings) and not undeclined(hit, readings)
    governed = ctx.expected_cases | hit.given_cases  # read once, not per reading
    for r in readings:
        score = INDECLINABLE_BONUS if r.case is None else 0.0
        score += NOMINATIVE_BONUS if r.case == "nomn" else 0.0
        score += GOVERNED_BONUS if r.case in governed else 0.0
        if r.nominative == hit.surname and oblique:
            score -= NOMINATIVE_BONUS + INDECLINABLE_BONUS
        score += APPOSITION_BONUS if r.case in apposition else 0.0
        if r.gender and hit.given_gender and r.gender != hit.given_gender:
            score -= GIVEN_GENDER_PENALTY
        if r.gender and ctx.gender_votes:  # no votes: neither gender outvotes the other
            other = "femn" if r.gender == "masc" else "masc"
            if ctx.gender_votes[other] > ctx.gender_votes[r.gender]:
                score -= GENDER_VOTE_PENALTY
        out.append((r, score))
    return sorted(out, key=lambda rs: -rs[1])



def undeclined(hit: NameHit, readings: tuple[Reading, ...]) -> bool:
    """The first name and patronymic show a case no declined reading of the surname has
    (``Айдана Кара-ооловна Хомушку``: a nominative, and ``Хомушку`` is no nominative of
    a declining surname of her gender): the surname does not decline."""
    return bool(hit.given_cases) and not any(
        r.case in hit.given_cases for r in readings
        if r.case is not None and (r.gender is None or r.gender == hit.given_gender))


def top(m: Mention) -> SurnameReading:
    return m.attrs.readings[0]


def strong_gender(m: Mention) -> Optional[str]:
    """The gender a mention shows on its own: from a first name or patronymic, or a
    surname reading that context (case government, verbs) or its form alone decides."""
    attrs: PersonAttrs = m.attrs
    if attrs.given_gender:
        return attrs.given_gender
    best = top(m)
    if best.gender is None:
        return None
    rivals = [r.score for r in attrs.readings if r.gender and r.gender != best.gender]
    if not rivals:
        return best.gender
    evidence = bool(attrs.gender_votes) or best.case in attrs.expected_cases
    return best.gender if evidence and best.score - max(rivals) >= STRONG_MARGIN else None


def compatible_gender(group: Group, m: Mention) -> bool:
    g, mg = group.gender(), strong_gender(m)
    return g is None or mg is None or g == mg


def same_position(group: Group, m: Mention) -> bool:
    mine: Optional[PersonSlot] = m.attrs.position
    theirs = [x.attrs.position for x in group.mentions if x.attrs.position]
    if mine is None or not theirs:
        return True
    return any(p.value.split(" ")[0] == mine.value.split(" ")[0] for p in theirs)


def initials_fit(group: Group, m: Mention) -> Optional[str]:
    """'' when they agree, a warning when they conflict only after the first letter, None otherwise."""
    mine, theirs = m.attrs.initials, group.initials()
    if not mine or not theirs or mine == theirs:
        return ""
    if mine[0] == theirs[0] and same_position(group, m) and same_top_gender(group, m):
        return f"{top(m).nominative}: initials {mine} conflict with {theirs}; kept {theirs}"
    return None


def same_top_gender(group: Group, m: Mention) -> bool:
    return top(group.named()[0]).gender == top(m).gender


def group_mentions(mentions: list[Mention]) -> list[Group]:
    groups: list[Group] = []
    ordered = sorted(mentions, key=lambda m: (not m.attrs.surname,
                                              m.attrs.initials is None, m.start))
    for m in ordered:
        home, warning = None, None
        if not m.attrs.surname:
            home = same_given_names(groups, m.attrs)
            if home is not None:
                home.mentions.append(m)
            continue
        for g in groups:
            fit = joins(g, m)
            if fit is not None:
                home, warning = g, fit
                break
        if home is None:
            attrs: PersonAttrs = m.attrs
            if attrs.initials is None and attrs.first_name is None and attrs.source != "bracket":
                continue
            home = Group()
            groups.append(home)
        home.mentions.append(m)
        if warning:
            home.warnings.append(warning)
    for g in groups:
        g.mentions.sort(key=lambda m: m.start)
    return sorted(groups, key=lambda g: g.first.start)


def same_given_names(groups: list[Group], hit: PersonAttrs) -> Optional[Group]:
    """The one person whose first name and patronymic a bare ``Имя Отчество`` repeats."""
    found = [g for g in groups if any(
        (x.attrs.first_name, x.attrs.patronymic) == (hit.first_name, hit.patronymic)
        for x in g.mentions)]
    return found[0] if len(found) == 1 else None


def joins(group: Group, m: Mention) -> Optional[str]:
    """'' or a warning when ``m`` is one more mention of the group's person, else None.
    Beyond its best reading, a mention may join by another reading of its surname when
    the initials are the same (``Шульгу Д.П.`` after ``Шульга Д.П.``)."""
    fit = initials_fit(group, m)
    if fit is None or not compatible_gender(group, m):
        return None
    if group.key() == top(m).key:
        return fit
    keys = {r.key for r in m.attrs.readings}
    theirs = {r.key for x in group.mentions for r in x.attrs.readings}
    if (group.key() in keys or top(m).key in theirs) and fit == "" and m.attrs.initials:
        return ""
    return None


def choose_reading(group: Group) -> tuple[SurnameReading, Optional[str]]:
    totals: dict[Optional[str], float] = {}
    best: dict[Optional[str], tuple[float, SurnameReading]] = {}
    named = [m for m in group.mentions if m.attrs.surname]
    shared = set.intersection(*({r.key for r in m.attrs.readings} for m in named))
    allowed = possible_genders(named)
    for m in named:
        per_gender: dict[Optional[str], tuple[float, SurnameReading]] = {}
        same = [r for r in m.attrs.readings if r.key in shared]
        same = [r for r in same or m.attrs.readings if r.gender in allowed] or same
        for r in same or m.attrs.readings:
            if r.gender not in per_gender or r.score > per_gender[r.gender][0]:
                per_gender[r.gender] = (r.score, r)
        for g, (s, r) in per_gender.items():
            totals[g] = totals.get(g, 0.0) + s
            if g not in best or s > best[g][0]:
                best[g] = (s, r)
    ranked = sorted(totals, key=lambda g: -totals[g])
    gender = ranked[0]
    tied = len(ranked) > 1 and totals[ranked[1]] == totals[gender]
    if tied and best[ranked[1]][1].nominative == best[gender][1].nominative:
        return best[gender][1], None
    return best[gender][1], gender


def possible_genders(named: list[Mention]) -> set[Optional[str]]:
    """Genders every mention's surname form allows: ``Мингазов Р.Р.`` can only be a man,
    so ``Р.Р. Мингазова`` elsewhere is his genitive, not a woman's nominative. A reading
    without gender (``Шульга``) allows either; when the mentions disagree, all stay open."""
    everything = {None, "masc", "femn"}
    allowed = set(everything)
    for m in named:
        genders = {r.gender for r in m.attrs.readings}
        allowed &= everything if None in genders else genders | {None}
    return allowed if allowed - {None} else everything


def person_gender(group: Group, gender: Optional[str]) -> Optional[str]:
    if gender:
        return gender
    if group.gender():
        return group.gender()
    votes = sum((Counter(m.attrs.gender_votes) for m in group.mentions), start=Counter())
    return votes.most_common(1)[0][0] if votes else None


def to_person(source: str, group: Group) -> Person:
    reading, gender = choose_reading(group)
    hits: list[PersonAttrs] = [m.attrs for m in group.mentions]
    position = best_slot([h.position for h in hits])
    organization = best_slot([h.organization for h in hits])
    roles = {s.value: s for h in hits for s in reversed(h.roles)}
    if not roles and any(h.in_list for h in hits):
        roles["participant"] = None
    provenance: dict[str, list[SpanRef]] = {
        "surname": [grounded(source, *h.surname_span, NAME) for h in hits if h.surname]}
    add_ref(provenance, "initials", source, [h.initials_span for h in hits if h.initials_span])
    add_ref(provenance, "first_name", source, [s for h in hits for s in h.given_spans[:1]])
    add_ref(provenance, "patronymic", source, [s for h in hits for s in h.given_spans[1:2]])
    add_ref(provenance, "position", source, [position.span] if position else [])
    add_ref(provenance, "organization", source,
            [organization.span] if organization else [])
    add_ref(provenance, "event_roles", source, [s.span for s in roles.values() if s])
    first_name = next((h.first_name for h in hits if h.first_name), None)
    return Person(
        surname=reading.nominative, initials=group.initials() or first_initial(first_name),
        first_name=first_name,
        patronymic=next((h.patronymic for h in hits if h.patronymic), None),
        gender=person_gender(group, gender),
        position=position.value if position else None,
        organization=organization.value if organization else None,
        event_roles=[r for r in ROLE_ORDER if r in roles],
        spans=[span_ref(m) for m in group.mentions], provenance=provenance,
        confidence=max(m.confidence for m in group.mentions), warnings=list(group.warnings))


def first_initial(first_name: Optional[str]) -> Optional[str]:
    """Only a first name written (``Валентина Иванова``): its letter is the initials."""
    return f"{first_name[0].upper()}." if first_name else None


def best_slot(slots: list[Optional[PersonSlot]]) -> Optional[PersonSlot]:
    present = [s for s in slots if s is not None]
    if not present:
        return None
    return max(present, key=lambda s: s.priority)


def add_ref(provenance: dict[str, list[SpanRef]], name: str, source: str,
            ranges: list[tuple[int, int]]) -> None:
    refs = sorted({(s, e) for s, e in ranges})
    if refs:
        provenance[name] = [grounded(source, s, e, NAME) for s, e in refs]


def build_people(source: str, mentions: list[Mention]) -> list[Person]:
    return [to_person(source, g) for g in group_mentions(mentions)]
