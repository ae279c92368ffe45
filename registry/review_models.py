"""Tables of the review web app (package ``review``): librarians, their login
sessions, the audit trail of every change, and one review row per document
(status plus denormalised, indexed columns the queue filters and sorts on).

They live on the registry's Base so one Alembic history covers them; the
registry itself never reads them."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import HASH, Base, JSONType, utcnow

REVIEW_STATUSES = ("new", "in_review", "validated")


class ReviewUser(Base):
    __tablename__ = "review_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)  # scrypt$n$r$p$salt$hash (hex)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewSession(Base):
    """A login session; the cookie holds the token, the table only its sha256."""
    __tablename__ = "review_sessions"
    token_hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("review_users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ReviewAudit(Base):
    """One change: who, when (UTC), which record field, old and new value.
    No foreign key: the trail outlives a deleted document."""
    __tablename__ = "review_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_name: Mapped[str] = mapped_column(String(128))
    document_id: Mapped[str] = mapped_column(HASH, index=True)
    action: Mapped[str] = mapped_column(String(16))  # accept | edit | reject | add | validate
    record_table: Mapped[str] = mapped_column(String(32))
    record_key: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    old_json: Mapped[Optional[Any]] = mapped_column(JSONType)
    new_json: Mapped[Optional[Any]] = mapped_column(JSONType)


class ReviewDocument(Base):
    """Review state of one document and the columns the queue needs.
    ``certainty`` (lowest record confidence, lowered by warnings) sorts the
    least certain extractions first; ``doc_updated`` tells when to refresh."""
    __tablename__ = "review_documents"
    document_id: Mapped[str] = mapped_column(HASH, ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    doc_type: Mapped[Optional[str]] = mapped_column(String(16))
    region: Mapped[Optional[str]] = mapped_column(String(200))
    doc_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    title: Mapped[Optional[str]] = mapped_column(Text)
    search_text: Mapped[Optional[str]] = mapped_column(Text)
    records: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    min_confidence: Mapped[Optional[float]] = mapped_column(Float)
    certainty: Mapped[float] = mapped_column(Float, default=1.0)
    doc_updated: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    validated_by: Mapped[Optional[str]] = mapped_column(String(128))
    validated_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))


Index("ix_review_documents_queue", ReviewDocument.certainty, ReviewDocument.document_id)
# filters combined with a status (the queue's count and page queries)
Index("ix_review_documents_region_status", ReviewDocument.region, ReviewDocument.status)
Index("ix_review_documents_type_status", ReviewDocument.doc_type, ReviewDocument.status)
Index("ix_review_documents_status_queue", ReviewDocument.status, ReviewDocument.certainty,
      ReviewDocument.document_id)
