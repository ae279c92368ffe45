"""The decisions family's lexicon (``data/decisions.json``) and the patterns built
from it, loaded once: ``Lexicon.load()``."""
from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType
from typing import Mapping, NamedTuple

from extractors.base import load_lexicon
from extractors.decisions.openings import LineStartPattern, compiled, searched, searched_test
from extractors.decisions.operative import OperativeCue

FLAGS = re.IGNORECASE | re.MULTILINE
LINE_END_COLON = re.compile(r":[ \t]*$", re.MULTILINE)


def any_of(patterns: list[str], flags: int) -> re.Pattern[str]:
    return compiled("|".join(f"(?:{p})" for p in patterns), flags)


def colon_lines(text: str) -> list[tuple[int, int]]:
    """The lines (as ``extractors.text.lines.bounds`` gives them) that end with ``:`` and
    blanks: ``list_header`` ends with ``:[ \\t]*$`` (the line's end), so only these may
    hold one. A match of ``LINE_END_COLON`` ends its line, so each is on a line of its own."""
    return [(text.rfind("\n", 0, m.start()) + 1, m.end()) for m in LINE_END_COLON.finditer(text)]


class Lexicon(NamedTuple):  # a NamedTuple: defined in 0.1 ms, a frozen dataclass in 1.5 ms
    # where the lists are and how they are marked
    item_marker: re.Pattern[str]
    extra_headers: tuple[LineStartPattern | re.Pattern[str], ...]  # ^-anchored: see ``spans``
    list_header: re.Pattern[str]
    operative_cue: OperativeCue
    act_title: re.Pattern[str]
    # at a line start, in a list: a signature or vote ends it; the same words open a
    # signature block. Only ever matched within one line, where re.MULTILINE changes
    # nothing (the pattern has no ^, and no line break for $ to stand before)
    stop_line: re.Pattern[str]
    name_line: re.Pattern[str]
    skip_sections: frozenset[str]
    # decisions in prose
    prose_cue: re.Pattern[str]  # a test: see ``searched_test``
    start_cue: re.Pattern[str]
    continuation: re.Pattern[str]
    # an item's own parts
    vote_cue: re.Pattern[str]
    attribute_lines: re.Pattern[str]
    inline_attributes: re.Pattern[str]
    inline_attribute_keys: re.Pattern[str]
    inline_item_marker: re.Pattern[str]
    question_heading: re.Pattern[str]
    decision_table_roles: Mapping[str, tuple[str, ...]]
    deadline_keys: tuple[str, ...]
    # deadlines
    deadline_cue: re.Pattern[str]
    reference_cue: re.Pattern[str]
    open_deadline: re.Pattern[str]
    # who acts
    addressee_verbs: Mapping[str, str]  # verb (or its lemma) -> case of its addressee
    addressee_prepositions: frozenset[str]
    wide_object_verbs: frozenset[str]
    appoint_verbs: frozenset[str]
    appointed_as: frozenset[str]
    genitive_frames: tuple[tuple[str, ...], ...]
    actor_heads: frozenset[str]
    capitalised_heads: frozenset[str]
    post_prepositions: frozenset[str]
    prepositional_posts: frozenset[str]
    surname_endings: Mapping[str, Mapping[str, str]]  # case -> ending -> nominative ending
    relative_clause: re.Pattern[str]
    self_control: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> "Lexicon":
        data = load_lexicon("decisions.json")

        def item_part(key: str) -> re.Pattern[str]:
            return compiled(data[key], FLAGS)

        return cls(
            item_marker=re.compile(data["item_marker"], re.MULTILINE),
            extra_headers=tuple(LineStartPattern.compile(p, FLAGS) for p in data["extra_headers"]),
            list_header=compiled(data["list_header"], re.IGNORECASE),
            operative_cue=OperativeCue(data["operative_cues"]),
            act_title=compiled(data["act_titles"], FLAGS),
            stop_line=compiled(data["stop_lines"], FLAGS),
            name_line=re.compile(data["name_line"]),
            skip_sections=frozenset(data["skip_sections"]),
            # only tested (``prose_spans``): a match is the first character of a cue's
            prose_cue=searched_test("|".join(f"(?:{p})" for p in data["prose_cues"]),
                                    re.IGNORECASE),
            start_cue=any_of(data["sentence_start_cues"], re.IGNORECASE),
            continuation=compiled(data["continuation"], FLAGS),
            # searched along items: led by their opening characters (``searched``)
            vote_cue=searched(data["vote_cue"], FLAGS),
            attribute_lines=searched(data["attribute_lines"], FLAGS),
            inline_attributes=item_part("inline_attributes"),
            inline_attribute_keys=item_part("inline_attribute_keys"),
            inline_item_marker=item_part("inline_item_marker"),
            question_heading=item_part("question_heading"),
            decision_table_roles=MappingProxyType(
                {role: tuple(words) for role, words in data["decision_table_roles"].items()}),
            deadline_keys=tuple(data["deadline_keys"]),
            deadline_cue=compiled(data["deadline_before_date"], re.IGNORECASE),
            reference_cue=compiled(data["reference_before_date"], re.IGNORECASE),
            open_deadline=searched(r"\b(?:" + "|".join(data["open_deadlines"]) + r")\b",
                                   re.IGNORECASE),
            addressee_verbs=MappingProxyType(dict(data["addressee_verbs"])),
            addressee_prepositions=frozenset(data["addressee_prepositions"]),
            wide_object_verbs=frozenset(data["wide_object_verbs"]),
            appoint_verbs=frozenset(data["appoint_verbs"]),
            appointed_as=frozenset(data["appointed_as"]),
            genitive_frames=tuple(tuple(f) for f in data["genitive_frames"]),
            actor_heads=frozenset(data["actor_heads"]),
            capitalised_heads=frozenset(data["capitalised_heads"]),
            post_prepositions=frozenset(data["post_prepositions"]),
            prepositional_posts=frozenset(data["prepositional_posts"]),
            surname_endings=MappingProxyType(
                {case: MappingProxyType(dict(endings))
                 for case, endings in data["surname_endings"].items()}),
            relative_clause=compiled(data["relative_clause"], re.IGNORECASE),
            self_control=compiled(data["self_control"], re.IGNORECASE),
        )
