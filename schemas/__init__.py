"""Data model of reestr. Imports nothing of the project's own."""
from schemas.errors import ReestrError
from schemas.mention import Mention
from schemas.records import (ActionItem, Count, DateFact, Decision, DocumentInfo, Event,
                             ExtractionRecord, Organization, Person, Place, Record, School,
                             SpanRef)

__all__ = ["ActionItem", "Count", "DateFact", "Decision", "DocumentInfo", "Event",
           "ExtractionRecord", "Mention", "Organization", "Person", "Place", "Record",
           "ReestrError", "School", "SpanRef"]
