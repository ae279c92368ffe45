"""SQLAlchemy 2 typed models. Column names are a public contract (see
registry/COLUMNS.md); change them only with a new Alembic revision."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary,
                        String, Text)
from sqlalchemy import UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

HASH = String(64)
JSONType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
STATUSES = ("done", "failed", "quarantined")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSONType, list[Any]: JSONType}


def document_fk() -> Mapped[str]:
    return mapped_column(HASH, ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class Source(Base):
    """One input file as found on disk (a plain file or a whole archive)."""
    __tablename__ = "sources"
    id: Mapped[str] = mapped_column(HASH, primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[Optional[str]] = mapped_column(String(32))
    error: Mapped[Optional[str]] = mapped_column(Text)
    parts: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[Optional[float]] = mapped_column(Float)
    extractor_version: Mapped[Optional[str]] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(HASH, primary_key=True)
    source_id: Mapped[Optional[str]] = mapped_column(HASH, index=True)
    source_path: Mapped[str] = mapped_column(Text)
    container_path: Mapped[Optional[str]] = mapped_column(Text)
    format: Mapped[Optional[str]] = mapped_column(String(32))
    size: Mapped[Optional[int]] = mapped_column(Integer)
    encoding: Mapped[Optional[str]] = mapped_column(String(32))
    encoding_confidence: Mapped[Optional[float]] = mapped_column(Float)
    text: Mapped[Optional[str]] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[Optional[str]] = mapped_column(String(32))
    error: Mapped[Optional[str]] = mapped_column(Text)
    doc_type: Mapped[Optional[str]] = mapped_column(String(16))
    extractor_version: Mapped[Optional[str]] = mapped_column(String(32))
    record_json: Mapped[Optional[dict[str, Any]]] = mapped_column(JSONType)
    # sha256 of the whitespace-normalised text: one document per text (registry/identity.py)
    text_sha256: Mapped[Optional[str]] = mapped_column(HASH)
    # a near-duplicate (registry/versions.py): the id of the first document of its group
    version_of: Mapped[Optional[str]] = mapped_column(HASH, index=True)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[Optional[float]] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class DocumentSource(Base):
    """Where a document's text was found: every file or archive member that
    holds it (the same text as UTF-8 and cp1251 txt, or inside a zip)."""
    __tablename__ = "document_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = document_fk()
    member_id: Mapped[str] = mapped_column(HASH, index=True)  # the id these bytes get (see COLUMNS.md)
    source_id: Mapped[Optional[str]] = mapped_column(HASH, index=True)
    source_path: Mapped[str] = mapped_column(Text)
    container_path: Mapped[Optional[str]] = mapped_column(Text)
    format: Mapped[Optional[str]] = mapped_column(String(32))
    encoding: Mapped[Optional[str]] = mapped_column(String(32))
    size: Mapped[Optional[int]] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class DocumentSignature(Base):
    """MinHash of a document's word 3-grams (registry/versions.py)."""
    __tablename__ = "document_signatures"
    document_id: Mapped[str] = mapped_column(HASH, ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentBand(Base):
    """One locality-sensitive-hashing band of a signature: documents sharing
    a band are compared."""
    __tablename__ = "document_bands"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = document_fk()
    band: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(32))


class RecordRow:
    """Columns every record table shares."""
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = document_fk()
    idx: Mapped[int] = mapped_column(Integer)
    record_key: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[Optional[float]] = mapped_column(Float)
    warnings: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    conflicts: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # review state of the record (machine | validated | rejected), by whom and when
    review_state: Mapped[str] = mapped_column(String(16), default="machine")
    reviewed_by: Mapped[Optional[str]] = mapped_column(String(128))
    reviewed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    # set when the row is created, and when one of its values changes (never else)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


REVIEW_STATES = ("machine", "validated", "rejected")


class EventRow(RecordRow, Base):
    __tablename__ = "events"
    kind: Mapped[Optional[str]] = mapped_column(Text)
    title: Mapped[Optional[str]] = mapped_column(Text)
    format: Mapped[Optional[str]] = mapped_column(String(32))
    date_start: Mapped[Optional[dt.date]] = mapped_column(Date)
    date_end: Mapped[Optional[dt.date]] = mapped_column(Date)
    time: Mapped[Optional[str]] = mapped_column(String(32))
    place: Mapped[Optional[str]] = mapped_column(Text)
    platform: Mapped[Optional[str]] = mapped_column(Text)
    links: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    region: Mapped[Optional[str]] = mapped_column(Text)
    municipality: Mapped[Optional[str]] = mapped_column(Text)
    doc_type: Mapped[Optional[str]] = mapped_column(String(16))


class DateRow(RecordRow, Base):
    __tablename__ = "dates"
    value: Mapped[Optional[dt.date]] = mapped_column(Date)
    role: Mapped[Optional[str]] = mapped_column(String(16))
    year_inferred: Mapped[bool] = mapped_column(Boolean, default=False)


def entity_ref() -> Mapped[Optional[int]]:
    """The canonical entity of a person, school or organisation row (registry/entity_models.py)."""
    return mapped_column(Integer, index=True)


class PersonRow(RecordRow, Base):
    __tablename__ = "people"
    surname: Mapped[Optional[str]] = mapped_column(Text)
    initials: Mapped[Optional[str]] = mapped_column(String(16))
    first_name: Mapped[Optional[str]] = mapped_column(Text)
    patronymic: Mapped[Optional[str]] = mapped_column(Text)
    gender: Mapped[Optional[str]] = mapped_column(String(8))
    position: Mapped[Optional[str]] = mapped_column(Text)
    organization: Mapped[Optional[str]] = mapped_column(Text)
    event_roles: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    entity_id: Mapped[Optional[int]] = entity_ref()


class PersonMention(Base):
    __tablename__ = "person_mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = document_fk()
    start: Mapped[int] = mapped_column(Integer)
    stop: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    extractor: Mapped[Optional[str]] = mapped_column(String(64))
    confidence: Mapped[Optional[float]] = mapped_column(Float)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class SchoolRow(RecordRow, Base):
    __tablename__ = "schools"
    mention: Mapped[Optional[str]] = mapped_column(Text)
    legal_form: Mapped[Optional[str]] = mapped_column(String(32))
    type: Mapped[Optional[str]] = mapped_column(String(32))
    number: Mapped[Optional[str]] = mapped_column(String(32))
    name: Mapped[Optional[str]] = mapped_column(Text)
    honorific: Mapped[Optional[str]] = mapped_column(Text)
    locality: Mapped[Optional[str]] = mapped_column(Text)
    role: Mapped[Optional[str]] = mapped_column(Text)
    entity_id: Mapped[Optional[int]] = entity_ref()


class OrganizationRow(RecordRow, Base):
    __tablename__ = "organizations"
    name: Mapped[Optional[str]] = mapped_column(Text)
    abbreviation: Mapped[Optional[str]] = mapped_column(Text)
    entity_id: Mapped[Optional[int]] = entity_ref()


class CountRow(RecordRow, Base):
    __tablename__ = "counts"
    value: Mapped[Optional[int]] = mapped_column(Integer)
    unit: Mapped[Optional[str]] = mapped_column(Text)
    what: Mapped[Optional[str]] = mapped_column(String(32))
    evidence: Mapped[Optional[str]] = mapped_column(Text)


class DecisionRow(RecordRow, Base):
    __tablename__ = "decisions"
    text: Mapped[Optional[str]] = mapped_column(Text)
    responsible: Mapped[Optional[str]] = mapped_column(Text)
    deadline: Mapped[Optional[dt.date]] = mapped_column(Date)


class ActionItemRow(RecordRow, Base):
    __tablename__ = "action_items"
    n: Mapped[Optional[str]] = mapped_column(String(32))
    text: Mapped[Optional[str]] = mapped_column(Text)
    period: Mapped[Optional[str]] = mapped_column(Text)
    date_start: Mapped[Optional[dt.date]] = mapped_column(Date)
    date_end: Mapped[Optional[dt.date]] = mapped_column(Date)
    completion: Mapped[Optional[str]] = mapped_column(Text)


class SpanRow(Base):
    __tablename__ = "spans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = document_fk()
    record_table: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[Optional[int]] = mapped_column(Integer)
    record_key: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    stop: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    extractor: Mapped[Optional[str]] = mapped_column(String(64))
    confidence: Mapped[Optional[float]] = mapped_column(Float)
    status: Mapped[Optional[str]] = mapped_column(String(16))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class Validation(Base):
    """A value a person confirmed or corrected; reprocessing never overwrites it."""
    __tablename__ = "validations"
    __table_args__ = (UniqueConstraint("document_id", "record_table", "record_key", "field",
                                       name="uq_validations_target"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = document_fk()
    record_table: Mapped[str] = mapped_column(String(32))
    record_key: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    value_json: Mapped[Any] = mapped_column(JSONType)
    validated_by: Mapped[Optional[str]] = mapped_column(String(128))
    validated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Deletion(Base):
    """A tombstone: a row deleted from an exported table (written by database
    triggers, see migration 0003), so ``reestr export --since`` can tell a
    downstream copy to delete it too."""
    __tablename__ = "deletions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


RECORD_TABLES: dict[str, type[RecordRow]] = {
    "events": EventRow, "dates": DateRow, "people": PersonRow, "schools": SchoolRow,
    "organizations": OrganizationRow, "counts": CountRow, "decisions": DecisionRow,
    "action_items": ActionItemRow,
}
Index("ix_spans_record", SpanRow.record_table, SpanRow.record_id)
Index("ix_documents_text_sha256", Document.text_sha256, unique=True)
Index("ix_document_bands_band_hash", DocumentBand.band, DocumentBand.hash)

from registry import review_models  # noqa: E402,F401  (the review app's tables share this Base)
from registry import entity_models  # noqa: E402,F401  (entities share this Base too)
