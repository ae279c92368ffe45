"""XML parsing for package parts: defusedxml with DTDs forbidden, so external
entities and entity-expansion bombs are refused, never resolved."""
from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from ingest.formats.model import CORRUPT, Quarantine


def parse(data: bytes, part: str) -> Element:
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except defusedxml.DefusedXmlException as error:
        raise Quarantine(CORRUPT, f"{part}: unsafe XML refused ({type(error).__name__})") from None
    except (ParseError, LookupError) as error:   # LookupError: unknown declared encoding
        raise Quarantine(CORRUPT, f"{part}: malformed XML ({error})") from None


def one_line(text: str) -> str:
    """A table cell on one line: inner tabs and breaks become spaces."""
    return " ".join(text.split())
