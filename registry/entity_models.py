"""The ``entities`` table: one row per canonical school, person or organisation
across the whole registry. Rows of ``people``, ``schools`` and
``organizations`` point at theirs through ``entity_id`` (no foreign key: an
entity is replaced by relinking, and a record row's own ``updated_at`` says when
its ``entity_id`` changed). Column meanings: registry/COLUMNS.md."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base, utcnow

ENTITY_KINDS = ("school", "person", "organization")
ENTITY_TABLES = {"schools": "school", "people": "person", "organizations": "organization"}


class Entity(Base):
    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)  # display name, nominative (registry/entity_names.py)
    key: Mapped[str] = mapped_column(Text)  # normalised key (registry/entity_keys.py)
    # schools
    school_type: Mapped[Optional[str]] = mapped_column(String(32))
    number: Mapped[Optional[str]] = mapped_column(String(32))
    proper_name: Mapped[Optional[str]] = mapped_column(Text)
    locality: Mapped[Optional[str]] = mapped_column(Text)
    municipality: Mapped[Optional[str]] = mapped_column(Text)
    # people
    surname: Mapped[Optional[str]] = mapped_column(Text)
    first_name: Mapped[Optional[str]] = mapped_column(Text)
    patronymic: Mapped[Optional[str]] = mapped_column(Text)
    initials: Mapped[Optional[str]] = mapped_column(String(16))
    gender: Mapped[Optional[str]] = mapped_column(String(8))
    position: Mapped[Optional[str]] = mapped_column(Text)  # the latest seen
    organization: Mapped[Optional[str]] = mapped_column(Text)  # the latest seen
    # both
    region: Mapped[Optional[str]] = mapped_column(Text)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[Optional[dt.date]] = mapped_column(Date)
    last_seen: Mapped[Optional[dt.date]] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


Index("ix_entities_kind_key", Entity.kind, Entity.key)


class EntityPin(Base):
    """A merge or split by a librarian, kept per record (``record_key`` is
    stable across reprocessing): relinking keeps records with one ``label``
    in one entity and records with different labels apart."""
    __tablename__ = "entity_pins"
    __table_args__ = (UniqueConstraint("kind", "document_id", "record_key", name="uq_entity_pins_record"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[str] = mapped_column(String(64), ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    record_key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # merge, split
    pinned_by: Mapped[Optional[str]] = mapped_column(String(128))
    pinned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
