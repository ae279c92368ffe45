"""Run the pipeline on text, bytes or files. The one object that flows is the
spaCy ``Doc``; the result is a validated ExtractionRecord."""
from __future__ import annotations

import hashlib
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import TEXT_KEY
from pipeline.assemble import assemble
from pipeline.decode import DEFAULT_MAX_BYTES, decode
from pipeline.nlp import shared_nlp
from schemas.errors import InputError, TooLarge
from schemas.records import DocumentInfo, ExtractionRecord


def utf8(text: str) -> bytes | None:
    """The text's UTF-8 bytes, or None when it holds a lone surrogate: the only
    code points UTF-8 cannot encode (spaCy and sha256 would fail on them)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def text_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Extractor:
    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or shared_nlp()

    def process(self, text: str) -> Doc:
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text  # spaCy's tokens rebuild exactly this string
        return self.nlp(doc)

    def extract_text(self, text: str, *, source: str | None = None, encoding: str | None = None,
                     encoding_confidence: float | None = None) -> ExtractionRecord:
        encoded = utf8(text)  # encoded once: the surrogate test and the id (no scan of its own)
        if encoded is None:
            raise InputError("the text holds lone surrogates: not valid Unicode", source=source)
        info = DocumentInfo(id=hashlib.sha256(encoded).hexdigest(), source=source, encoding=encoding,
                            encoding_confidence=encoding_confidence)
        return assemble(self.process(text), info)

    def extract_bytes(self, data: bytes, *, source: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractionRecord:
        decoded = decode(data, source=source, max_bytes=max_bytes)
        return self.extract_text(decoded.text, source=source, encoding=decoded.encoding,
                                 encoding_confidence=decoded.confidence)

    def extract_file(self, path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractionRecord:
        path = Path(path)
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading a huge file into memory
            raise TooLarge(f"{size} bytes is more than the limit of {max_bytes}", source=str(path))
        return self.extract_bytes(path.read_bytes(), source=str(path), max_bytes=max_bytes)
