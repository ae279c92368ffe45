"""Batch ingestion speed: the runner against bare extraction, and 1 against 2 workers.

Generates a mixed inbox in a temp dir (txt in utf-8/cp1251/koi8-r/cp866, docx,
zip of several txt), built from corpus/*.txt with small variations (numbers and
dates changed, so every file has different bytes). Each document is a whole
corpus document (1.7k-3.3k characters, the size of a real report; the seeds
run 3k-11k), or with --fragments a window of 3-6 lines (~700 characters),
which stresses the per-file costs. Then measures:

* bare: a fresh process that loads the Extractor and runs extract_text on every
  document's text (what a worker does, without reading files or a database);
* bare with 2 processes: the same texts handed out one at a time to two fresh
  processes that each load the Extractor and only extract. Its speed-up over
  bare is what this machine gives this work with no files and no database at
  all: the ceiling for the ingest speed-up, measured in the same round;
* ingest with 1 worker and with 2 workers into a fresh SQLite registry
  (reading, format parsing, hashing, worker processes, database writes included).

Prints seconds, documents/s, the overhead ingest(1)/bare - 1 (target <= 15 %),
the speed-up ingest(1)/ingest(2) (target >= 1.8x on 2 free cores) and, beside
it, the ceiling bare(1)/bare(2).

Usage: .venv/bin/python bench/bench_ingest.py [--files 1000] [--rounds 1] [--fragments] [--keep DIR]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path.insert(0, str(ROOT))
# Same footing as the workers (ingest.pool): numerical libraries on one thread,
# set before anything imports numpy. Without it bare extraction burns ~2x CPU.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
ENCODINGS = ("utf-8", "cp1251", "koi8-r", "cp866")
WINDOW_LINES = (3, 6)
DIGITS = re.compile(r"\d+")
TARGETS = {"overhead": 0.15, "speedup": 1.8}
DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.wordprocessingml.document.main+xml"/></Types>')
DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOCX_BODY = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:body>{}</w:body></w:document>')


def corpus_texts() -> list[list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    if not texts:
        raise SystemExit("bench_ingest: no corpus/*.txt to build the inbox from")
    return [t.splitlines() for t in texts]


def variant(lines: list[str], rng: random.Random, fragments: bool = False) -> str:
    """A corpus text (or a window of it) with its numbers changed a little."""
    if fragments:
        size = rng.randint(*WINDOW_LINES)
        start = rng.randrange(max(1, len(lines) - size))
        lines = lines[start:start + size]
    window = "\n".join(lines)
    return DIGITS.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-2, 2)))
                      if len(m.group()) < 4 else m.group(), window)


def docx_bytes(text: str) -> bytes:
    paragraphs = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>"
                         for line in text.splitlines())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", DOCX_BODY.format(paragraphs))
    return buffer.getvalue()


def zip_bytes(texts: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, text in enumerate(texts):
            archive.writestr(f"part{i}.txt", text.encode("utf-8"))
    return buffer.getvalue()


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def make_inbox(folder: Path, files: int, seed: int = 7, fragments: bool = False) -> list[str]:
    """Write the files; return the text of every document (archive members too)."""
    rng = random.Random(seed)
    corpus = corpus_texts()
    texts: list[str] = []
    for i in range(files):
        kind = i % 10
        if kind == 9:
            members = [variant(rng.choice(corpus), rng, fragments) for _ in range(2)]
            (folder / f"f{i:05d}.zip").write_bytes(zip_bytes(members))
            texts += members
            continue
        text = variant(rng.choice(corpus), rng, fragments)
        if kind == 8:
            (folder / f"f{i:05d}.docx").write_bytes(docx_bytes(text))
        else:
            encoding = ENCODINGS[kind % len(ENCODINGS)]
            encoding = encoding if encodable(text, encoding) else "utf-8"
            (folder / f"f{i:05d}.txt").write_bytes(text.encode(encoding))
        texts.append(text)
    return texts


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_extractor = None


def _load_extractor() -> None:
    global _extractor
    from pipeline.run import Extractor

    _extractor = Extractor()


def _extract(text: str) -> None:
    _extractor.extract_text(text)


def bare_child(texts_file: Path, processes: int) -> None:
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    if processes == 1:
        _load_extractor()
        for text in texts:
            _extract(text)
        return
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(processes, initializer=_load_extractor) as pool:
        for _ in pool.imap_unordered(_extract, texts):
            pass


def bare(texts_file: Path, processes: int = 1) -> tuple[float, float]:
    """Extraction alone, in fresh processes like the workers (interpreter start,
    imports and model load included, as they are for a worker)."""
    command = [sys.executable, __file__, "--bare-child", str(texts_file), "--processes", str(processes)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started, cpu = time.perf_counter(), cpu_seconds()
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started, cpu_seconds() - cpu


def ingest_time(folder: Path, workers: int, db_path: Path) -> tuple[float, float, dict]:
    from ingest.runner import Options, ingest
    from registry.db import connect

    engine = connect(f"sqlite:///{db_path}")
    started, cpu = time.perf_counter(), cpu_seconds()
    summary = ingest(engine, [folder], Options(workers=workers, timeout=300))
    return time.perf_counter() - started, cpu_seconds() - cpu, dict(summary.statuses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1,
                        help="Repeat bare / 1 worker / 2 workers this many times; ratios per round.")
    parser.add_argument("--keep", type=Path, help="Write the inbox here instead of a temp dir.")
    parser.add_argument("--fragments", action="store_true",
                        help="Documents of 3-6 lines instead of whole ones (per-file costs weigh more).")
    parser.add_argument("--bare-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child:
        bare_child(args.bare_child, args.processes)
        return
    with tempfile.TemporaryDirectory(prefix="reestr-bench-") as tmp:
        inbox = args.keep or Path(tmp) / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        texts = make_inbox(inbox, args.files, fragments=args.fragments)
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        print(f"{args.files} files, {len(texts)} documents, {sum(map(len, texts))} characters")
        for round_ in range(1, args.rounds + 1):
            run_round(round_, inbox, texts_file, len(texts), Path(tmp) / f"r{round_}")


def run_round(round_: int, inbox: Path, texts_file: Path, documents: int, work: Path) -> None:
    work.mkdir()
    t_bare, cpu_bare = bare(texts_file)
    t_bare_two, cpu_bare_two = bare(texts_file, processes=2)
    t_one, cpu_one, st_one = ingest_time(inbox, 1, work / "one.sqlite")
    t_two, cpu_two, st_two = ingest_time(inbox, 2, work / "two.sqlite")
    print(f"round {round_}")
    for name, seconds, cpu in (("bare extraction", t_bare, cpu_bare), ("bare, 2 processes", t_bare_two, cpu_bare_two),
                               ("ingest, 1 worker", t_one, cpu_one), ("ingest, 2 workers", t_two, cpu_two)):
        print(f"  {name:<18} {seconds:8.1f} s wall {cpu:8.1f} s CPU  {documents / seconds:7.1f} documents/s")
    print(f"  statuses: 1 worker {st_one}; 2 workers {st_two}")
    print("  load average (1 min) at the end: %.1f on %d cores; other processes skew the figures"
          % (os.getloadavg()[0], os.cpu_count() or 1))
    print(f"  overhead ingest(1)/bare - 1 = {t_one / t_bare - 1:+.1%} wall, {cpu_one / cpu_bare - 1:+.1%} CPU "
          f"(target <= {TARGETS['overhead']:.0%})")
    print(f"  speed-up ingest(1)/ingest(2) = {t_one / t_two:.2f}x (target >= {TARGETS['speedup']}x); "
          f"this machine's ceiling bare(1)/bare(2) = {t_bare / t_bare_two:.2f}x", flush=True)


if __name__ == "__main__":
    main()
