"""Near-duplicate documents as versions of one another.

The same report as docx and as pdf, or a lightly edited second version, has a
different text, so it is its own document; but when the Jaccard similarity of
their word 3-gram shingles is at least ``THRESHOLD`` (0.9), estimated with
MinHash (datasketch), the later one gets ``documents.version_of`` = the id of
the first document of the group, so the review queue can show one of them and
say how many versions it has.

Candidates come from locality-sensitive hashing: each signature is cut into
bands whose hashes are stored in ``document_bands`` (indexed), and a new
document is compared only with the documents that share a band: linking stays
near-linear in the number of documents and needs no index in memory. Bands
are tuned for candidates from a similarity of 0.7, so a pair at 0.9 is found
with probability > 0.99; the stored signatures then check the 0.9.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Optional

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from registry.identity import normalised
from registry.models import Document, DocumentBand, DocumentSignature

THRESHOLD = 0.9
CANDIDATE_THRESHOLD = 0.7
NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2 hashing (uint32 values); signatures compare only within one scheme
SHINGLE_WORDS = 3
MIN_SHINGLES = 8  # shorter texts are too small to call near-duplicates
# the documents sharing most bands are compared, at most this many: a group of
# thousands of near-identical forms costs a new one no more than a small group
MAX_CANDIDATES = 20


@lru_cache(maxsize=1)
def bands() -> tuple[int, int]:
    """(number of bands, rows per band) for the candidate threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def signature(text: str) -> Optional[Any]:
    """The MinHash of a text's word 3-grams (None for a text too short)."""
    from datasketch import MinHash

    words = normalised(text).lower().split()
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return minhash


def band_keys(minhash: Any) -> list[tuple[int, str]]:
    count, rows = bands()
    values = minhash.hashvalues
    return [(band, hashlib.sha1(values[band * rows:(band + 1) * rows].tobytes()).hexdigest()[:32])
            for band in range(count)]


def similarity(a: Any, b: Any) -> float:
    return float(a.jaccard(b))


def from_bytes(data: bytes) -> Any:
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint32))


def link_versions(session: Session, document_id: str, text: Optional[str]) -> Optional[str]:
    """Store the document's bands and signature, and make it a version of the
    most similar earlier document at or above ``THRESHOLD``; returns the id it
    is now a version of (None: no near-duplicate)."""
    minhash = signature(text) if text else None
    if minhash is None:
        return None
    keys = band_keys(minhash)
    shared = func.count().label("shared")
    candidates = set(session.scalars(
        select(DocumentBand.document_id).where(tuple_(DocumentBand.band, DocumentBand.hash).in_(keys),
                                               DocumentBand.document_id != document_id)
        .group_by(DocumentBand.document_id).order_by(shared.desc(), DocumentBand.document_id)
        .limit(MAX_CANDIDATES)))
    best, score = None, THRESHOLD
    if candidates:
        stored = session.execute(select(DocumentSignature.document_id, DocumentSignature.minhash,
                                        Document.version_of)
                                 .join(Document, Document.id == DocumentSignature.document_id)
                                 .where(DocumentSignature.document_id.in_(candidates)))
        for other, data, version_of in sorted(stored):
            value = similarity(minhash, from_bytes(data))
            if value >= score:
                best, score = version_of or other, value
    doc = session.get(Document, document_id)
    session.merge(DocumentSignature(document_id=document_id, minhash=minhash.hashvalues.astype("uint32").tobytes()))
    if best is not None and best != document_id and doc.version_of is None:
        doc.version_of = best
    session.add_all([DocumentBand(document_id=document_id, band=band, hash=key) for band, key in keys])
    return doc.version_of


def version_count(session: Session, document_id: str) -> int:
    """How many documents the group of ``document_id`` has (1: no versions)."""
    doc = session.get(Document, document_id)
    if doc is None:
        return 0
    head = doc.version_of or doc.id
    return 1 + session.scalar(select(func.count()).select_from(Document).where(Document.version_of == head))
