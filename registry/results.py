"""What processing a file produced, as plain dataclasses: workers build these
and send them to the process that writes the registry. Kept apart from the
models so a worker never imports SQLAlchemy (that alone is ~0.7 s of start-up)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional


class JSONText(str):
    """JSON already serialised: a JSON column stores it as it is."""


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
    record_text: Optional[str] = None  # the record as JSON text, as a worker sends it

    def record(self) -> Optional[dict[str, Any]]:
        """``record_json``, parsed from ``record_text`` on first use."""
        if self.record_json is None and self.record_text is not None:
            self.record_json = json.loads(self.record_text)
        return self.record_json

    def record_column(self) -> Any:
        """The value for the documents.record_json column: the worker's text as
        it came (no second encoding), else the dict."""
        return JSONText(self.record_text) if self.record_text is not None else self.record_json

    def columns(self) -> dict[str, Any]:
        """Field values for the documents table, record_json as ``record_column``."""
        values = {name: value for name, value in vars(self).items() if name != "record_text"}
        values["record_json"] = self.record_column()
        return values


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
