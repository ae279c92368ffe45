"""slovnet's word vocabulary (250,000 words -> ids) without rebuilding it at every start.

slovnet's ``Vocab`` gunzips the word list of the NER model and builds a
``{word: id}`` dict each time the model loads: 0.13 s of CPU, most of the load.
The first load here builds that very mapping once and keeps it in a cache
folder (``REESTR_CACHE_DIR``, else ``$XDG_CACHE_HOME/reestr``, else
``~/.cache/reestr``), named by the model file's size and modification time:
the words' 64-bit hashes in sorted order, their ids, and the words themselves
(UTF-8, with offsets), so that a word whose hash matches is also compared with
the vocabulary's word. Later loads map those files (nothing is read whole, no
dict is built) and look up a batch of words with one ``searchsorted``. Where
no cache can be written (a read-only home), the dict is built as slovnet
builds it. Either way a word gets the id slovnet's ``encode`` gives it
(tests/test_ner_decode.py compares them).
"""
from __future__ import annotations

import mmap
import os
import shutil
import tempfile
from hashlib import blake2b
from pathlib import Path

import numpy as np

VERSION = 1
FILES = ("hashes.npy", "ids.npy", "offsets.npy")
WORDS_FILE = "words.bin"
UNK_FILE = "unk_id"


def word_hash(word: str) -> int:
    return int.from_bytes(blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def cache_root() -> Path:
    if os.environ.get("REESTR_CACHE_DIR"):
        return Path(os.environ["REESTR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reestr"


class DictWords:
    """slovnet's own lookup: a dict of every word."""

    def __init__(self, item_ids: dict[str, int], unk_id: int) -> None:
        self.item_ids, self.unk_id = item_ids, unk_id

    def encode_many(self, words: list[str]) -> list[int]:
        get, unk = self.item_ids.get, self.unk_id
        return [get(w, unk) for w in words]


class HashedWords:
    """The same lookup over the cache files: sorted hashes, ids and the words."""

    def __init__(self, folder: Path) -> None:
        self.hashes, self.ids, self.offsets = (np.load(folder / f, mmap_mode="r") for f in FILES)
        self.unk_id = int((folder / UNK_FILE).read_text())
        with open(folder / WORDS_FILE, "rb") as file:
            self.words = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def encode_many(self, words: list[str]) -> list[int]:
        if not words:
            return []
        keys = np.fromiter(map(word_hash, words), dtype=np.uint64, count=len(words))
        at = np.searchsorted(self.hashes, keys).clip(0, len(self.hashes) - 1)
        hits = (self.hashes[at] == keys).tolist()
        # the rows of all candidates gathered at once: one fancy index per array, not
        # three memmap scalar reads per word
        starts, stops = self.offsets[at].tolist(), self.offsets[at + 1].tolist()
        ids = self.ids[at].tolist()
        found = []
        for word, hit, start, stop, word_id in zip(words, hits, starts, stops, ids):
            if hit and self.words[start:stop] == word.encode("utf-8"):
                found.append(word_id)
            else:
                found.append(self.unk_id)
        return found


def write_cache(folder: Path, item_ids: dict[str, int], unk_id: int) -> bool:
    """The cache files of ``item_ids`` in ``folder`` (written aside, then renamed
    into place whole); False when two words share a hash or nothing can be written."""
    words = list(item_ids)
    hashes = np.fromiter(map(word_hash, words), dtype=np.uint64, count=len(words))
    order = np.argsort(hashes, kind="stable").tolist()
    hashes = hashes[order]
    if len(hashes) > 1 and bool((hashes[1:] == hashes[:-1]).any()):
        return False
    encoded = [words[i].encode("utf-8") for i in order]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(w) for w in encoded], out=offsets[1:])
    ids = np.array([item_ids[words[i]] for i in order], dtype=np.int64)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        for name, array in zip(FILES, (hashes, ids, offsets)):
            np.save(tmp / name, array)
        (tmp / WORDS_FILE).write_bytes(b"".join(encoded))
        (tmp / UNK_FILE).write_text(str(unk_id))
        try:
            os.rename(tmp, folder)
        except OSError:  # another process put it there first
            shutil.rmtree(tmp, ignore_errors=True)
        return folder.is_dir()
    except OSError:
        return False


def word_vocab(model_path: Path, load_vocab) -> DictWords | HashedWords:
    """The word lookup of the NER model at ``model_path``; ``load_vocab()`` gives
    slovnet's ``Vocab`` of its words (called only when there is no cache yet)."""
    stat = model_path.stat()
    folder = cache_root() / f"ner-words-v{VERSION}-{stat.st_size}-{stat.st_mtime_ns}"
    if not folder.is_dir():
        vocab = load_vocab()
        if not write_cache(folder, vocab.item_ids, vocab.unk_id):
            return DictWords(vocab.item_ids, vocab.unk_id)
    try:
        return HashedWords(folder)
    except (OSError, ValueError):  # a damaged cache: slovnet's way
        vocab = load_vocab()
        return DictWords(vocab.item_ids, vocab.unk_id)
