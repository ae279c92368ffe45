"""ingest.formats never raises on damaged input: seeded random mutations of
every supported format must all come back as Parts with a known status."""
from __future__ import annotations

import logging
import random

import pytest

import fixtures_build as fb
import fixtures_doc as fbd
from ingest.formats import Part, read_document
from ingest.formats.model import OK, QUARANTINE_STATUSES

TEXT = "Протокол заседания рабочей группы: решили направить кураторов в школы № 7 и № 12."
ROWS = [["1.", "Провести выездной семинар", "до 20 мая"], ["2.", "Собрать отчёты", "Петрова А.С."]]
SEEDS = {
    "docx": fb.simple_docx([TEXT] * 3, [ROWS]),
    "odt": fb.odt_bytes([TEXT] * 3, [ROWS]),
    "pdf": fb.pdf_bytes([TEXT, TEXT]),
    "rtf": fb.rtf_bytes(TEXT),
    "html": fb.html_bytes(f"<p>{TEXT}</p><table><tr><td>1.</td><td>{TEXT}</td></tr></table>"),
    "zip": fb.zip_bytes([("a.txt", TEXT.encode("cp1251")), ("b.docx", fb.simple_docx([TEXT]))]),
    "doc": fbd.word97_doc(TEXT, [ROWS]),
    "txt": TEXT.replace("№", "N").encode("koi8-r"),
}
MUTATIONS_PER_FORMAT = 60


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(out)) if out else 0
        roll = rng.random()
        if roll < 0.6 and out:
            out[at] = rng.randrange(256)
        elif roll < 0.8:
            del out[at:at + rng.randint(1, 40)]
        else:
            out[at:at] = rng.randbytes(rng.randint(1, 16))
    return bytes(out)


def valid(part: Part) -> bool:
    return (part.status == OK and bool(part.text)) or (
        part.status in QUARANTINE_STATUSES and part.text is None and bool(part.detail))


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_formats_fuzz_mutations_never_raise(kind: str) -> None:
    logging.disable(logging.WARNING)          # pypdf logs every repair it makes
    try:
        rng = random.Random(f"reestr-{kind}")
        for _ in range(MUTATIONS_PER_FORMAT):
            parts = read_document(mutate(SEEDS[kind], rng), f"x.{kind}")
            assert parts and all(valid(p) for p in parts), parts
    finally:
        logging.disable(logging.NOTSET)
