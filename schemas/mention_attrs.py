"""Typed mention attributes: one frozen dataclass per family's mention label.

A family writes ``Mention.of(text, "SECTION", …, attrs=SectionAttrs(kind=…,
body_start=…))`` and reads ``m.attrs.kind``, not ``m.attrs["kind"]``. Every
field holds a plain value (str, int, float, bool, None, ``datetime.date``, and
tuples or str-keyed dicts of them), never a live object (a regex match, a
parse), so ``to_dict`` gives JSON-able values and ``from_dict`` rebuilds the
same object from them (the field types say how: a list back to a tuple, an ISO
string back to a date). ``pipeline/docbin.py`` stores a processed ``Doc`` with
its mentions through these.

An ``Attrs`` is also a read-only mapping of its fields, so a family that still
reads another family's attributes by string (``m.attrs.get("kind")``) keeps
working while the families convert one by one; a family not converted yet
writes a plain dict (the generic path).
"""
from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, Iterator, Optional

ATTRS_KEY = "@attrs"  # the class name, in a ``to_dict``
_REGISTRY: dict[str, type["Attrs"]] = {}
Span = tuple[int, int]


@dataclass(frozen=True)
class Attrs(Mapping[str, Any]):
    """Base of the typed attributes: named by class in ``to_dict``, restored by
    ``Attrs.from_dict`` (or ``SomeAttrs.from_dict``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY[cls.__name__] = cls

    def __post_init__(self) -> None:
        for name in field_names(type(self)):
            value = getattr(self, name)
            if type(value) in EXACTLY_PLAIN:  # most fields: no call into is_plain
                continue
            if not is_plain(value):
                raise TypeError(f"{type(self).__name__}.{name} holds a "
                                f"{type(getattr(self, name)).__name__}, not a plain value")

    # the read-only mapping of the fields, for readers not converted yet
    def __getitem__(self, key: str) -> Any:
        if key in field_names(type(self)):
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(field_names(type(self)))

    def __len__(self) -> int:
        return len(field_names(type(self)))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {ATTRS_KEY: type(self).__name__}
        for name in field_names(type(self)):
            out[name] = plain(getattr(self, name))
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Attrs":
        target = attrs_class(data[ATTRS_KEY]) if ATTRS_KEY in data else cls
        if not issubclass(target, cls) or target is Attrs:
            raise TypeError(f"{data.get(ATTRS_KEY)!r} is not a {cls.__name__}")
        hints = type_hints(target)
        return target(**{name: restore(hints[name], data[name])
                         for name in field_names(target) if name in data})


def attrs_class(name: str) -> type[Attrs]:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise TypeError(f"unknown mention attributes {name!r}") from None


def is_typed(data: Any) -> bool:
    """True for the ``to_dict`` of a typed ``Attrs``."""
    return isinstance(data, Mapping) and ATTRS_KEY in data


@cache
def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@cache
def type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


PLAIN = (str, int, float, bool, type(None), dt.date)
EXACTLY_PLAIN = frozenset(PLAIN)  # values of exactly these types are plain (is_plain's first test)


def is_plain(value: Any) -> bool:
    """A value ``plain`` can write: no regex match, parse or other live object."""
    if isinstance(value, PLAIN) or isinstance(value, Attrs):
        return True
    if isinstance(value, (tuple, list)):
        return all(is_plain(v) for v in value)
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    return False


def plain(value: Any) -> Any:
    """A field value as JSON-able data: tuples as lists, dates as ISO strings."""
    if isinstance(value, Attrs):
        return value.to_dict()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def restore(hint: Any, value: Any) -> Any:
    """``value`` (as ``plain`` left it) back to the type ``hint`` declares."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        kinds = [a for a in args if a is not type(None)]
        return restore(kinds[0], value) if len(kinds) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(restore(args[0], v) for v in value)
        return tuple(restore(a, v) for a, v in zip(args, value))
    if origin in (dict, Mapping, typing.Mapping):
        return {k: restore(args[1], v) for k, v in value.items()}
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is float and isinstance(value, int):
        return float(value)
    if isinstance(hint, type) and issubclass(hint, Attrs):
        return hint.from_dict(value)
    return value


# --- layout ---------------------------------------------------------------

@dataclass(frozen=True)
class SectionAttrs(Attrs):
    """SECTION: what the section holds (``data/sections.json`` kinds, or ``title``)
    and where its body begins (after the header and its colon)."""
    kind: str
    body_start: int


# --- geo --------------------------------------------------------------------

@dataclass(frozen=True)
class RegionAttrs(Attrs):
    """REGION: the subject's official name and how it was named (``subject``,
    ``abbreviation``, ``capital``, ``adjective``)."""
    name: str
    via: str


@dataclass(frozen=True)
class MunicipalityAttrs(Attrs):
    """MUNICIPALITY: its name in the nominative, the lower-case place word that
    identifies it, and whether it is a city-municipality."""
    name: str
    key: str
    city: bool = False


# --- schools ----------------------------------------------------------------

@dataclass(frozen=True)
class SchoolAttrs(Attrs):
    """SCHOOL: one school as one place names it (an enumeration gives one per number)."""
    type: str
    number: Optional[str] = None
    name: Optional[str] = None
    honorific: Optional[str] = None
    locality: Optional[str] = None
    legal_form: Optional[str] = None
    described: Optional[str] = None  # a school known only by its description


# --- actions ----------------------------------------------------------------

@dataclass(frozen=True)
class ActionRowAttrs(Attrs):
    """ACTION_ROW: the source fragments of each value column (role -> fragments)
    and the period's start and end DATE (span and value) when the period cell has them."""
    columns: dict[str, tuple[Span, ...]]
    date_start_span: Optional[Span] = None
    date_start: Optional[dt.date] = None
    date_end_span: Optional[Span] = None
    date_end: Optional[dt.date] = None


# --- event ------------------------------------------------------------------

@dataclass(frozen=True)
class EventKindAttrs(Attrs):
    """EVENT_KIND: the kind in the nominative (with the adjectives that belong to
    it) and whether it is written in the singular."""
    value: str
    singular: bool


@dataclass(frozen=True)
class EventValueAttrs(Attrs):
    """EVENT_TITLE, EVENT_FORMAT, EVENT_TIME, EVENT_PLACE, EVENT_PLATFORM,
    EVENT_LINK: the field's value as the record holds it."""
    value: str


@dataclass(frozen=True)
class EventDateAttrs(Attrs):
    """EVENT_DATE_START, EVENT_DATE_END: the DATE mention's value."""
    value: Optional[dt.date]


# --- doctype ----------------------------------------------------------------

@dataclass(frozen=True)
class DoctypeCueAttrs(Attrs):
    """DOCTYPE_CUE: the document type the cue votes for, its weight and where it
    was looked for (``title``, ``head``, ``line``, ``table`` …)."""
    type: str
    weight: float
    scope: str


# --- counts -----------------------------------------------------------------

@dataclass(frozen=True)
class CountAttrs(Attrs):
    """COUNT: the figure and what it counts, the counted noun's lemma (None where a table
    label or column names it), where the number, the noun and the evidence (the shortest
    clause fragment stating the count) are as (start, stop); ``itemised``: one figure of a
    table cell or list item, never merged; ``borrowed``: the noun is another count's."""
    value: int
    what: str
    unit: Optional[str]
    number: Span
    noun: Span
    evidence: Span
    itemised: bool = False
    borrowed: bool = False


# --- organizations ----------------------------------------------------------

@dataclass(frozen=True)
class OrgAttrs(Attrs):
    """ORG: the normalised name, how it was found (``known``, ``legal``, ``phrase``,
    ``ner``) and the abbreviation written in brackets after it."""
    name: str
    via: str
    abbreviation: Optional[str] = None


# --- people -------------------------------------------------------------------

@dataclass(frozen=True)
class PersonSlot(Attrs):
    """A person's job title, employer or event role with the source range it came
    from; ``priority`` ranks job titles (2 after the name, 1 before it)."""
    value: str
    span: Span
    priority: int = 0


@dataclass(frozen=True)
class SurnameReading(Attrs):
    """One way to read the written surname (its nominative for a gender and case, the
    key that identifies the person) and the score the context gave it."""
    nominative: str
    key: str
    gender: Optional[str]
    case: Optional[str]
    certain: bool
    score: float


@dataclass(frozen=True)
class PersonAttrs(Attrs):
    """PERSON: one written name. The name parts as written and in the nominative,
    where each stands, what the text around it says (cases a governing word demands,
    gender votes, job title, employer, roles in text order, a list it stands in) and
    the surname readings ranked by that context, best first."""
    source: str
    surname: str
    surname_span: Span
    initials: Optional[str] = None
    initials_span: Optional[Span] = None
    first_name: Optional[str] = None
    patronymic: Optional[str] = None
    given_gender: Optional[str] = None
    given_spans: tuple[Span, ...] = ()
    expected_cases: tuple[str, ...] = ()
    gender_votes: dict[str, int] = field(default_factory=dict)
    position: Optional[PersonSlot] = None
    organization: Optional[PersonSlot] = None
    roles: tuple[PersonSlot, ...] = ()
    in_list: bool = False
    readings: tuple[SurnameReading, ...] = ()


# --- dates ------------------------------------------------------------------

@dataclass(frozen=True)
class DateAttrs(Attrs):
    """DATE: the calendar date, its role (``date``, ``range_start``, ``range_end``,
    ``deadline``), whether its year was not written but taken from the context, and
    notes saying where that year came from."""
    value: dt.date
    role: str = "date"
    year_inferred: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodAttrs(Attrs):
    """PERIOD: a month period (``month``, ``months``), a ``school_year`` or a bare
    ``year``; its years (None where unwritten and not inferred), its months (month
    periods only) and whether the years were taken from the context."""
    kind: str
    year_start: Optional[int] = None
    year_end: Optional[int] = None
    month_start: Optional[int] = None
    month_end: Optional[int] = None
    year_inferred: bool = False


# --- decisions --------------------------------------------------------------

@dataclass(frozen=True)
class DecisionAttrs(Attrs):
    """DECISION: where it was found (``list``, ``prose``), who must act (nominative) and
    where that is written, the deadline DATE's value and span, or the span of a
    deadline that is no calendar date (``ежеквартально``)."""
    origin: str
    responsible: Optional[str] = None
    responsible_span: Optional[Span] = None
    deadline: Optional[dt.date] = None
    deadline_span: Optional[Span] = None
    open_deadline_span: Optional[Span] = None
