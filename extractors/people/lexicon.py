"""The people family's lexicon, loaded once into one frozen object: ``data/people.json``
(each list or table under its own key, the field of the same name here),
``data/person_stopwords.txt`` (capitalised words that are never a name) and natasha's
list of first names. The patterns and unions built from them are made here too.

``Lexicon`` is a NamedTuple, not a frozen dataclass: generating a dataclass's methods for
its ~60 fields cost ~3 ms of every run's import. Its annotations are real types (no
``from __future__ import annotations``: string annotations would each be compiled into a
``ForwardRef``, ~1 ms more); ``load`` reads each field's container type off them."""
import re
import typing
from collections.abc import Mapping as AbstractMapping
from functools import cache
from typing import Any, Mapping, NamedTuple

from extractors.base import load_lexicon, load_lines, natasha_data_dir

CONTAINERS = {frozenset: frozenset, tuple: tuple, AbstractMapping: dict}  # a field's type -> build


class Lexicon(NamedTuple):
    # surnames and names
    surname_classes: tuple[Mapping[str, Any], ...]  # declension classes, in the file's order
    oblique_endings: tuple[str, ...]  # a surname ending so is no nominative as written
    place_abbreviations: tuple[str, ...]  # ``г.``, ``пос.`` before a capitalised word: a place
    patronymic_particles: Mapping[str, str]  # ``оглы``, ``кызы`` -> the gender they give
    stop_words: frozenset[str]  # folded words that are never a name
    first_names: frozenset[str]  # natasha's first names (folded, longer than two letters)
    # case government and gender
    governor_lemmas: Mapping[str, str]
    governor_prepositions: Mapping[str, str]
    gender_words: Mapping[str, str]
    heard_case: str
    # job titles and employers
    position_heads: frozenset[str]
    role_position_heads: frozenset[str]
    org_heads: frozenset[str]
    weak_org_heads: frozenset[str]
    non_splitting_units: frozenset[str]
    unit_heading_titles: frozenset[str]
    project_words: frozenset[str]
    territory_words: frozenset[str]
    non_org_abbreviations: frozenset[str]
    title_scope_nouns: frozenset[str]
    chaired_bodies: frozenset[str]
    acting_prefixes: tuple[tuple[str, ...], ...]  # ``и.о.``, ``врио``: lemma sequences
    body_modifiers: frozenset[str]
    bracket_bodies: frozenset[str]
    school_staff_heads: frozenset[str]
    deictic_words: frozenset[str]
    honorary_words: frozenset[str]  # ``заслуженный учитель …``: an award, no position
    anaphoric_bodies: frozenset[str]  # ``ведомства``: points back, names no employer
    protocol_titles: frozenset[str]
    cut_prepositions: frozenset[str]  # a title ends before these (``директор школы о …``)
    relative_words: frozenset[str]  # … and before a relative clause
    coordinators: frozenset[str]  # ``и``, ``а``, ``также``
    place_words: frozenset[str]  # a territory word in a title's tail
    eponym_words: frozenset[str]  # ``им.``, ``имени`` after a quoted name: still the name
    # event roles and the verbs and nouns that give them
    role_nouns: Mapping[str, str]
    speech_nouns: frozenset[str]  # nouns of speaking: a role only right before a name
    section_roles: Mapping[str, str]
    speaker_verbs: frozenset[str]
    acting_verbs: frozenset[str]  # ``выступить в качестве модератора``: the role noun's role
    with_words: frozenset[str]  # ``вместе с``: a co-subject
    blocking_noun_roles: frozenset[str]  # roles a participant cue does not override
    participant_phrases: tuple[str, ...]
    attendee_lemmas: frozenset[str]
    author_cues: tuple[str, ...]
    moderator_verbs: frozenset[str]
    moderated_objects: frozenset[str]
    floor_verbs: frozenset[str]
    floor_nouns: frozenset[str]
    approval_cues: frozenset[str]
    responsible_headers: frozenset[str]
    organizing_verbs: frozenset[str]
    taught_objects: frozenset[str]
    teaching_participles: frozenset[str]
    role_copulas: frozenset[str]
    supervisor_words: frozenset[str]
    # built from the above
    place_before: re.Pattern[str]
    particle_patronymic: re.Pattern[str]  # ``Али оглы``, ``Ахмед-кызы``
    participant_pattern: re.Pattern[str]
    author_cue: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("people.json")
        built = {
            "stop_words": frozenset(w.lower() for w in load_lines("person_stopwords.txt")),
            "first_names": natasha_first_names(),
            "place_before": place_pattern(data["place_abbreviations"]),
            "particle_patronymic": particle_pattern(data["patronymic_particles"]),
            "participant_pattern": phrase_pattern(data["participant_phrases"]),
            "author_cue": author_pattern(data["author_cues"]),
            "acting_prefixes": tuple(sorted((tuple(p) for p in data["acting_prefixes"]),
                                            key=len, reverse=True)),
        }
        values = {}
        for name, kind in cls.__annotations__.items():
            if name in built:
                values[name] = built[name]
            else:
                container = CONTAINERS.get(typing.get_origin(kind))
                values[name] = container(data[name]) if container else data[name]
        return cls(**values)

    @property
    def body_heads(self) -> frozenset[str]:
        """Heads of a body a bracketed surname answers for."""
        return self.org_heads | self.weak_org_heads | self.bracket_bodies

    @property
    def unit_words(self) -> frozenset[str]:
        """Heads of an organisation or of a unit inside one."""
        return self.org_heads | self.weak_org_heads

    @property
    def sub_units(self) -> frozenset[str]:
        """Units inside an organisation that split a title from its employer."""
        return self.weak_org_heads - self.non_splitting_units


def natasha_first_names() -> frozenset[str]:
    text = (natasha_data_dir() / "dict" / "first.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    if "#" in text:  # comments cut only where the file has any (it has none: 7,600 plain lines)
        lines = [line.split("#", 1)[0] for line in lines]
    return frozenset([e for e in map(str.strip, lines) if len(e) > 2])


def place_pattern(abbreviations: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(a) for a in abbreviations)
    return re.compile(rf"(?<![А-ЯЁа-яё])(?:(?:{body})\.|[Ии]мени)[ \t\u00a0]*$")


def particle_pattern(particles: Mapping[str, str]) -> re.Pattern[str]:
    body = "|".join(sorted(particles, key=len, reverse=True))
    return re.compile(rf"[А-ЯЁ][а-яё]+[ \u00a0-](?P<particle>{body})(?![А-ЯЁа-яё])")


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![а-яё])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![а-яё])",
                      re.IGNORECASE)


def author_pattern(cues: list[str]) -> re.Pattern[str]:
    alternatives = sorted(cues, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    return re.compile(rf"(?:^|[\s(])(?:{body})\s*:?\s*$", re.IGNORECASE)
