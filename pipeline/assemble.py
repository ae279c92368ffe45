"""Turn the mentions stored on a processed ``Doc`` into one ExtractionRecord."""
from __future__ import annotations

from spacy.tokens import Doc

from extractors.base import source_text, stored_mentions
from pipeline.families import family_module
from pipeline.version import EXTRACTOR_VERSION
from schemas.records import DocumentInfo, Event, ExtractionRecord


def built(doc: Doc, family: str):
    return family_module(family).build(doc, stored_mentions(doc, family))


def assemble(doc: Doc, info: DocumentInfo) -> ExtractionRecord:
    doc_type, type_spans = built(doc, "doctype")
    region, municipality = built(doc, "geo")
    info = info.model_copy(update={"doc_type": doc_type, "doc_type_spans": type_spans,
                                   "length": len(source_text(doc))})
    record = ExtractionRecord(
        extractor_version=EXTRACTOR_VERSION,
        document=info,
        event=built(doc, "event") or Event(),
        region=region,
        municipality=municipality,
        dates=built(doc, "dates"),
        people=built(doc, "people"),
        schools=built(doc, "schools"),
        organizations=built(doc, "organizations"),
        counts=built(doc, "counts"),
        decisions=built(doc, "decisions"),
        actions=built(doc, "actions"),
    )
    record.warnings.extend(collect_warnings(record))
    return record


def collect_warnings(record: ExtractionRecord) -> list[str]:
    """Lift record-level warnings to the document so a reviewer sees them at once."""
    lifted = []
    for family in ("people", "schools", "dates", "counts", "decisions", "actions"):
        for item in getattr(record, family):
            if item.warnings:  # most items have none: no generator to make for them
                lifted.extend(f"{family}: {w}" for w in item.warnings)
    return lifted
