"""What every extractor shares: the mention store on a spaCy ``Doc``, lexicon
loading, and turning mentions into provenance.

Extractors are pure: ``find(doc) -> list[Mention]`` reads the document (and the
mentions earlier components stored on it) and returns new mentions; only the
pipeline runner stores them. ``build(doc, mentions)`` turns mentions into records.
"""
from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

from spacy.tokens import Doc

from schemas.mention import Mention
from schemas.records import SpanRef

MENTIONS_KEY = "reestr.mentions"
TEXT_KEY = "reestr.text"
LAYER_KEY = "reestr.text_layer"
DATA_PACKAGE = "extractors.data"


def source_text(doc: Doc) -> str:
    """The document's text, built once. spaCy's ``doc.text`` joins every token
    again on each access, which cost more than the NER model when extractors
    read it in helpers; every extractor reads the text through here."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def text_layer(doc: Doc):
    """The document's shared text layer (``extractors.text.layer.TextLayer``:
    tokens, sentences, lines, list items, reflowed view), built once per ``Doc``
    and each of its parts on first use."""
    layer = doc.user_data.get(LAYER_KEY)
    if layer is None:
        from extractors.text.layer import TextLayer  # the text package imports this module

        layer = doc.user_data[LAYER_KEY] = TextLayer(source_text(doc))
    return layer


def stored_mentions(doc: Doc, family: str) -> list[Mention]:
    """Mentions an earlier component stored under ``family`` (empty when none)."""
    return list(doc.user_data.get(MENTIONS_KEY, {}).get(family, ()))


def all_stored(doc: Doc) -> dict[str, list[Mention]]:
    return {k: list(v) for k, v in doc.user_data.get(MENTIONS_KEY, {}).items()}


def natasha_data_dir() -> Path:
    """The models and name dictionaries natasha ships in its package (the NER
    family loads the tagger from there, people the first-name list)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the natasha package (which ships the NER models) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> Any:
    """Load ``extractors/data/<name>`` (JSON), once per process."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def load_lines(name: str) -> frozenset[str]:
    """Load a one-entry-per-line lexicon; ``#`` starts a comment."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(e for e in entries if e)


def span_ref(m: Mention, status: str = "exact") -> SpanRef:
    return SpanRef(start=m.start, stop=m.stop, text=m.text, extractor=m.extractor,
                   confidence=m.confidence, status=status)


def span_refs(mentions: Iterable[Mention]) -> list[SpanRef]:
    return [span_ref(m) for m in sorted(mentions, key=lambda m: (m.start, m.stop))]


def grounded(source: str, start: int, stop: int, extractor: str,
             confidence: float = 1.0) -> SpanRef:
    """A SpanRef for a slice of ``source`` (text taken from the source itself)."""
    return SpanRef(start=start, stop=stop, text=source[start:stop], extractor=extractor,
                   confidence=confidence)


def trim(source: str, start: int, stop: int, chars: str = " \t\r\n,;:.") -> tuple[int, int]:
    """Shrink ``[start, stop)`` so it neither starts nor ends with ``chars``."""
    while start < stop and source[start] in chars:
        start += 1
    while stop > start and source[stop - 1] in chars:
        stop -= 1
    return start, stop


def by_label(mentions: Sequence[Mention], *labels: str) -> list[Mention]:
    wanted = set(labels)
    return [m for m in mentions if m.label in wanted]
