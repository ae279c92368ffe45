"""What processing a file produced, as plain dataclasses: workers build these
and send them to the process that writes the registry. Kept apart from the
models so a worker never imports SQLAlchemy (that alone is ~0.7 s of start-up)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass
class DocumentResult:
    """What processing one document (a file or an archive member) produced."""
    id: str
    source_path: str
    status: str
    source_id: Optional[str] = None
    container_path: Optional[str] = None
    format: Optional[str] = None
    size: Optional[int] = None
    encoding: Optional[str] = None
    encoding_confidence: Optional[float] = None
    text: Optional[str] = None
    reason: Optional[str] = None
    error: Optional[str] = None
    extractor_version: Optional[str] = None
    record_json: Optional[dict[str, Any]] = None
    seconds: Optional[float] = None


@dataclass
class SourceResult:
    id: str
    path: str
    size: int
    status: str
    reason: Optional[str] = None
    error: Optional[str] = None
    parts: int = 0
    seconds: Optional[float] = None
    extractor_version: Optional[str] = None
