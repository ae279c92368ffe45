"""natasha's NER (slovnet, with the models shipped inside the natasha package)
as PER / ORG / LOC candidate mentions.

The models are loaded straight through slovnet and navec, so importing this
module never imports natasha itself (whose package pulls in pymorphy2).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from spacy.tokens import Doc

from schemas.mention import Mention
from extractors.base import natasha_data_dir, source_text
from extractors.ner.decode import Tagger
from extractors.ner.vocab import word_vocab

NAME = "ner"
EMBEDDING_FILE = "emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_FILE = "model/slovnet_ner_news_v1.tar"
CHUNK = 20000


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """slovnet's NER as ``slovnet.NER.load`` loads it, but for its word vocabulary
    (extractors/ner/vocab.py: cached, not rebuilt) and its navec part (word_vectors)."""
    from slovnet.const import SHAPE, TAG
    from slovnet.exec.model import NER as NERModel
    from slovnet.exec.pack import Pack

    data = natasha_data_dir()
    with Pack(str(data / NER_FILE)) as pack:
        pack.load_meta().check_protocol()
        model = pack.load_model(NERModel)
        arrays = dict(pack.load_arrays(model.weights))
        shapes, tags = pack.load_vocab(SHAPE), pack.load_vocab(TAG)
    model = model.inject_arrays(arrays).inject_navec(word_vectors(data / EMBEDDING_FILE))
    words = word_vocab(data / NER_FILE, lambda: slovnet_vocab(data / NER_FILE))
    return Tagger(model, words, shapes, tags)


def slovnet_vocab(path: Path):
    from slovnet.const import WORD
    from slovnet.exec.pack import Pack

    with Pack(str(path)) as pack:
        return pack.load_vocab(WORD)


@lru_cache(maxsize=1)
def slovnet_ner():
    """slovnet's own ``NER``, loaded its own way: the reference tests compare with."""
    from slovnet import NER

    data = natasha_data_dir()
    return NER.load(str(data / NER_FILE)).navec(word_vectors(data / EMBEDDING_FILE))


def word_vectors(path: Path) -> SimpleNamespace:
    """The part of a navec archive slovnet injects into its model: the id and the
    product-quantised vectors (word x part code indexes, part codes). ``Navec.load``
    would also build its 250,000-word vocabulary and similarity tables (a 100 MB
    temporary), which the tagger never reads: a third of the model load time. The
    code indexes (25 MB, of which a run reads the rows of its own words) are mapped
    from the archive, not read, where it is an uncompressed tar as natasha ships it."""
    import tarfile

    from navec.meta import Meta
    from navec.navec import META, PQ_

    try:
        tar, plain = tarfile.open(str(path), "r:"), True
    except tarfile.ReadError:
        tar, plain = tarfile.open(str(path)), False
    with tar:
        meta = Meta.from_file(tar.extractfile(META))
        Meta.check_protocol(meta.protocol)
        member = tar.getmember(PQ_)  # layout of navec.pq.PQ.from_file
        file = tar.extractfile(member)
        header = file.read(4 * 4)
        vectors, _, parts, centroids = (int(n) for n in np.frombuffer(header, np.uint32))
        if plain and member.isreg() and not member.sparse:
            indexes = np.memmap(path, np.uint8, "r", member.offset_data + len(header),
                                (vectors, parts))
            file.seek(len(header) + vectors * parts)
        else:  # a compressed archive: read as navec reads it
            indexes = np.frombuffer(file.read(vectors * parts), np.uint8).reshape(vectors, parts)
        codes = np.frombuffer(file.read(), np.float32)
    return SimpleNamespace(meta=meta, pq=SimpleNamespace(
        indexes=indexes, codes=codes.reshape(parts, centroids, -1)))


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, str]]:
    """Cut long texts at line ends so the tagger sees bounded pieces."""
    pieces, start = [], 0
    while start < len(text):
        stop = min(len(text), start + size)
        if stop < len(text):
            cut = text.rfind("\n", start, stop)
            stop = cut + 1 if cut > start else stop
        pieces.append((start, text[start:stop]))
        start = stop
    return pieces


def find(doc: Doc) -> list[Mention]:
    text = source_text(doc)
    model = tagger()
    found = []
    for offset, piece in chunks(text):
        for start, stop, kind in model.spans(piece):
            found.append(Mention.of(text, kind, offset + start, offset + stop, NAME, 0.8))
    return found


def build(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    return mentions
