"""Pydantic records: the validated output of the pipeline.

Every record carries ``provenance``: for each field name, the spans of the
source text the value came from. ``spans`` on a record lists every mention of
the thing itself (a person mentioned three times has three spans).
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

DocType = Literal["protocol", "report", "news", "info", "plan", "other"]
EventFormat = Literal["очный", "дистанционный", "смешанный"]
Gender = Literal["masc", "femn"]
EventRole = Literal["speaker", "chair", "moderator", "participant", "curator",
                    "coordinator", "organizer", "author"]
SchoolType = Literal["СОШ", "ООШ", "НОШ", "гимназия", "лицей", "школа-интернат", "школа", "other"]
CountWhat = Literal["participants", "views", "schools", "curators", "directors", "teachers",
                    "students", "municipalities", "other"]
Grounding = Literal["exact", "fuzzy", "ungrounded"]
ROLE_ORDER: tuple[str, ...] = ("chair", "moderator", "speaker", "curator", "coordinator",
                               "organizer", "participant", "author")


class SpanRef(BaseModel):
    """Where a value came from: ``text == source[start:stop]`` when grounded exactly."""
    model_config = ConfigDict(frozen=True)
    start: int = Field(ge=0)
    stop: int = Field(ge=0)
    text: str
    extractor: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    status: Grounding = "exact"


class Record(BaseModel):
    spans: list[SpanRef] = Field(default_factory=list)
    provenance: dict[str, list[SpanRef]] = Field(default_factory=dict)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    warnings: list[str] = Field(default_factory=list)


class Place(Record):
    """A region or a municipality, normalised to the nominative case."""
    name: str
    kind: Literal["region", "municipality", "locality"] = "region"


class DateFact(Record):
    value: dt.date
    role: Literal["date", "range_start", "range_end", "deadline", "reference"] = "date"
    year_inferred: bool = False


class Person(Record):
    surname: str
    initials: Optional[str] = None
    first_name: Optional[str] = None
    patronymic: Optional[str] = None
    gender: Optional[Gender] = None
    position: Optional[str] = None
    organization: Optional[str] = None
    event_roles: list[EventRole] = Field(default_factory=list)


class School(Record):
    mention: str
    legal_form: Optional[str] = None
    type: SchoolType = "школа"
    number: Optional[str] = None
    name: Optional[str] = None
    honorific: Optional[str] = None
    locality: Optional[str] = None
    role: Optional[str] = None


class Organization(Record):
    name: str
    abbreviation: Optional[str] = None


class Count(Record):
    value: int
    unit: Optional[str] = None
    what: CountWhat = "other"
    evidence: str


class Decision(Record):
    text: str
    responsible: Optional[str] = None
    deadline: Optional[dt.date] = None


class ActionItem(Record):
    n: Optional[str] = None
    text: str
    period: Optional[str] = None
    date_start: Optional[dt.date] = None
    date_end: Optional[dt.date] = None
    completion: Optional[str] = None


class Event(Record):
    kind: Optional[str] = None
    title: Optional[str] = None
    format: Optional[EventFormat] = None
    date_start: Optional[dt.date] = None
    date_end: Optional[dt.date] = None
    time: Optional[str] = None
    place: Optional[str] = None
    platform: Optional[str] = None
    links: list[str] = Field(default_factory=list)


class DocumentInfo(BaseModel):
    id: str = Field(description="sha256 of the decoded text, hex")
    source: Optional[str] = None
    container_path: Optional[str] = None
    encoding: Optional[str] = None
    encoding_confidence: Optional[float] = None
    doc_type: DocType = "other"
    doc_type_spans: list[SpanRef] = Field(default_factory=list)
    length: int = 0


class ExtractionRecord(BaseModel):
    """Everything extracted from one document."""
    schema_version: str = "1"
    extractor_version: str
    document: DocumentInfo
    event: Event = Field(default_factory=Event)
    region: Optional[Place] = None
    municipality: Optional[Place] = None
    dates: list[DateFact] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    schools: list[School] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
