"""A processed ``Doc`` with all its mentions, as ``spacy.tokens.DocBin`` bytes and back.

spaCy's ``DocBin`` keeps the tokens, the token-aligned ``doc.spans[family]``
views and ``doc.user_data`` (as msgpack). The mention store in ``user_data``
holds ``Mention`` objects and the text layer a cache, neither of which msgpack
takes, so ``to_bytes`` stores the mentions as one JSON string instead (the
text layer is rebuilt from the text when read). Typed attributes
(``schemas/mention_attrs.py``) go through their own ``to_dict``; the plain dict
attributes a mention may still carry (every family now writes typed ones; the
NER family writes none) go through the generic codec below, which tags what
JSON cannot say (tuples, sets, dates, counters). Anything else (a dataclass, a
regex match, a parse) is refused: such an attribute has to become plain values
or typed attributes. Nothing is ever looked up by a name read from the bytes.

Read back, ``from_bytes`` gives Docs on which every family's ``build`` returns
the same records as on the Doc that was written (``tests/test_docbin.py``).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any, Iterable, Mapping

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from extractors.base import MENTIONS_KEY, TEXT_KEY
from schemas.mention import Mention
from schemas.mention_attrs import Attrs, is_typed

STORE_KEY = "reestr.mentions.json"


def to_bytes(docs: Iterable[Doc]) -> bytes:
    """The Docs (tokens, span views, mentions) as DocBin bytes."""
    docbin = DocBin(store_user_data=True)
    for doc in docs:
        saved = doc.user_data
        doc.user_data = {STORE_KEY: json.dumps(encode_mentions(doc), ensure_ascii=False)}
        try:
            docbin.add(doc)
        finally:
            doc.user_data = saved
    return docbin.to_bytes()


def from_bytes(data: bytes, vocab: Vocab) -> list[Doc]:
    """Docs read back from ``to_bytes``, their mentions stored as the pipeline stores them."""
    docs = []
    for doc in DocBin().from_bytes(data).get_docs(vocab):
        stored = json.loads(doc.user_data.pop(STORE_KEY))
        text = doc.user_data[TEXT_KEY] = doc.text
        doc.user_data[MENTIONS_KEY] = {
            family: tuple(Mention.from_dict(m, text, decode) for m in mentions)
            for family, mentions in stored.items()}
        docs.append(doc)
    return docs


def encode_mentions(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    store = doc.user_data.get(MENTIONS_KEY, {})
    return {family: [m.to_dict(encode) for m in mentions] for family, mentions in store.items()}


def encode(value: Any) -> Any:
    """A generic attribute value as JSON data, tagged where JSON has no type for it."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Attrs):
        return value.to_dict()
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"@tuple": [encode(v) for v in value]}
    if isinstance(value, Counter):
        return {"@counter": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, Mapping):
        return {"@dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        tag = "@frozenset" if isinstance(value, frozenset) else "@set"
        return {tag: sorted((encode(v) for v in value), key=repr)}
    if isinstance(value, dt.datetime):
        return {"@datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"@date": value.isoformat()}
    raise TypeError(f"a mention attribute of type {type(value).__name__} cannot be stored: "
                    "make it plain values (offsets, strings) or typed attrs")


def decode(data: Any) -> Any:
    """The inverse of ``encode``."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if is_typed(data):
        return Attrs.from_dict(data)
    (tag, body), = data.items() if len(data) == 1 else (("", None),)
    if tag == "@tuple":
        return tuple(decode(v) for v in body)
    if tag == "@dict":
        return {decode(k): decode(v) for k, v in body}
    if tag == "@counter":
        return Counter({decode(k): decode(v) for k, v in body})
    if tag in ("@set", "@frozenset"):
        items = (decode(v) for v in body)
        return frozenset(items) if tag == "@frozenset" else set(items)
    if tag == "@datetime":
        return dt.datetime.fromisoformat(body)
    if tag == "@date":
        return dt.date.fromisoformat(body)
    raise ValueError(f"not a stored mention attribute: {data!r}")

