"""Whole-process extraction speed: `reestr extract` against natasha, model load included.

What a person waits for when they run `reestr extract FILES -o out.jsonl` once: Python
start, imports, model load, reading the files and extracting every record. Three sides,
each a fresh process over the same files, pinned to one thread, timed from outside
(wall clock and the child's CPU time):

- reestr:  `reestr extract FILES -o OUT` (the real command line, output to a temporary file)
- natasha: natasha's full pipeline (segment, morphology, syntax, NER, span normalisation,
           NamesExtractor, DatesExtractor) over the same texts
- slovnet: slovnet's NER alone (razdel tokens, navec embeddings, the NER model), the model
           reestr also runs, with natasha's own loading code

Ratios are natasha / reestr and slovnet / reestr wall seconds from the same run: above 1
means reestr finished sooner. Targets (issue 9): >= 3x natasha, >= 0.6x slovnet.

Usage: .venv/bin/python bench/bench_extract_process.py [--rounds N] [DIR ...]
(default DIR: ../shared/realdev plus ../shared/seeds where present; falls back to corpus/)
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
TARGETS = {"natasha": 3.0, "slovnet": 0.6}

NATASHA = """
import sys
from pathlib import Path
from natasha import (DatesExtractor, Doc, MorphVocab, NamesExtractor, NewsEmbedding,
                     NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter)
segmenter, vocab, emb = Segmenter(), MorphVocab(), NewsEmbedding()
morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
names, dates = NamesExtractor(vocab), DatesExtractor(vocab)
for path in sys.argv[1:]:
    text = Path(path).read_text(encoding="utf-8")
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.parse_syntax(syntax)
    doc.tag_ner(ner)
    for span in doc.spans:
        span.normalize(vocab)
        if span.type == "PER":
            span.extract_fact(names)
    list(dates(text))
"""

SLOVNET = """
import sys
from pathlib import Path
from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
for path in sys.argv[1:]:
    doc = Doc(Path(path).read_text(encoding="utf-8"))
    doc.segment(segmenter)
    doc.tag_ner(ner)
"""


def files_of(dirs: list[Path]) -> list[Path]:
    return [p for d in dirs for p in sorted(d.glob("*.txt"))]


def command(side: str, files: list[Path], out: Path) -> list[str]:
    paths = [str(p) for p in files]
    if side == "reestr":
        return [str(BIN / "reestr"), "extract", *paths, "-o", str(out)]
    return [sys.executable, "-c", NATASHA if side == "natasha" else SLOVNET, *paths]


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process run to completion."""
    env = {**os.environ, **SINGLE_THREAD}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="paired rounds (sides alternate)")
    args = parser.parse_args()
    shared = ROOT.parent / "shared"
    dirs = args.dirs or [d for d in (shared / "realdev", shared / "seeds") if d.is_dir()] \
        or [ROOT / "corpus"]
    files = files_of(dirs)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"{len(files)} files, {chars} characters, {args.rounds} rounds, one thread, "
          f"model load included ({', '.join(map(str, dirs))})")
    walls: dict[str, list[float]] = {"reestr": [], "natasha": [], "slovnet": []}
    cpus: dict[str, list[float]] = {side: [] for side in walls}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "records.jsonl"
        for _ in range(args.rounds):
            for side in walls:
                wall, cpu = timed(command(side, files, out))
                walls[side].append(wall)
                cpus[side].append(cpu)
    print(f"{'':9}{'wall s (median)':>16}{'cpu s (median)':>16}{'chars/s':>10}")
    for side in walls:
        wall = statistics.median(walls[side])
        print(f"{side:9}{wall:>16.2f}{statistics.median(cpus[side]):>16.2f}{chars / wall:>10.0f}")
    for side, target in TARGETS.items():
        ratios = [theirs / ours for theirs, ours in zip(walls[side], walls["reestr"])]
        verdict = "ok" if statistics.median(ratios) >= target else "MISSED"
        print(f"{side} / reestr (wall, same round): median {statistics.median(ratios):.2f}x, "
              f"range {min(ratios):.2f}-{max(ratios):.2f}x  (target >= {target}x: {verdict})")


if __name__ == "__main__":
    main()
