"""OCR of scans: speed, and quality on the reference documents rendered as scans.

Each reference document (../shared/seeds/<id>.txt with gold) is drawn as
A4 pages at 300 dpi (DejaVu Serif 11 pt, lines wrapped at 80 characters),
each page turned by a random angle within ±ANGLE degrees with grey noise,
saved as PNG and read back through ingest.formats.read_document (deskew,
Tesseract rus+eng, look-alike fixes), in one process, one Tesseract thread.

Reported:
* pages per minute per core (recognition only, rendering not counted), by
  CPU time of this process and Tesseract, and by wall time;
* character error rate per document: edit distance between the recognised
  and the original text, whitespace collapsed, over the original's length
  (target: within 3 %);
* core macro-F1 (people, dates, schools, counts, decisions) of the records
  extracted from the recognised texts, beside the same on the original texts
  (target: within 0.05).

The reference texts are read at run time and never stored in the repository.

    .venv/bin/python bench/bench_ocr.py [--seeds ../shared/seeds] [--angle 1.5] [--noise 20]
"""
from __future__ import annotations

import os
import argparse
import random
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

CORE = ("people", "dates", "schools", "counts", "decisions")
LINES_PER_PAGE = 46
WRAP = 80


def pages_of(text: str) -> list[list[str]]:
    lines: list[str] = []
    for line in text.replace("\t", "    ").splitlines():
        lines += textwrap.wrap(line, WRAP) or [""]
    return [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[""]]


def collapsed(text: str) -> str:
    return " ".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row per character of ``a``."""
    if not a or not b:
        return max(len(a), len(b))
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    row = np.arange(len(b) + 1, dtype=np.int32)
    for i, char in enumerate(a, start=1):
        cost = (codes_b != ord(char)).astype(np.int32)
        diagonal = row[:-1] + cost
        new = np.empty_like(row)
        new[0] = i
        new[1:] = np.minimum(row[1:] + 1, diagonal)
        # insertions propagate left to right: new[j] = min(new[j], new[j-1] + 1)
        new = np.minimum.accumulate(new - np.arange(len(new))) + np.arange(len(new))
        row = new
    return int(row[-1])


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (tesseract)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def scan_document(text: str, angle: float, noise: float, rng: random.Random) -> list[bytes]:
    from fixtures_scan import encode, page_image

    return [encode([page_image(lines, angle=rng.uniform(-angle, angle), noise=noise,
                               seed=rng.randrange(2**31))], "PNG")
            for lines in pages_of(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--angle", type=float, default=1.5, help="Largest turn of a page, degrees.")
    parser.add_argument("--noise", type=float, default=20.0, help="Grey noise, standard deviation.")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", type=Path, help="Also copy the recognised texts to this folder (outside the repository).")
    args = parser.parse_args()

    from ingest.formats import read_document
    from pipeline.evaluate import core_macro_f1, evaluate_dirs, f1_by_field, table
    from pipeline.gold import find_pairs
    from pipeline.run import Extractor

    pairs = find_pairs(args.seeds)
    if not pairs:
        sys.exit(f"no reference documents with gold in {args.seeds}")
    rng = random.Random(args.seed)
    extractor = Extractor()
    recognised_seconds, recognised_cpu, pages, errors, chars = 0.0, 0.0, 0, 0, 0
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        (out / "gold").mkdir()
        for text_path, gold_path in pairs:
            original = text_path.read_text(encoding="utf-8")
            scans = scan_document(original, args.angle, args.noise, rng)
            started, cpu_started = time.perf_counter(), cpu_seconds()
            texts = []
            for scan in scans:
                part, = read_document(scan, "scan.png")
                texts.append(part.text or "")
            recognised_seconds += time.perf_counter() - started
            recognised_cpu += cpu_seconds() - cpu_started
            pages += len(scans)
            ocr_text = "\n".join(texts)
            distance = edit_distance(collapsed(ocr_text), collapsed(original))
            errors, chars = errors + distance, chars + len(collapsed(original))
            print(f"{text_path.stem}: {len(scans)} page(s), CER {distance / max(len(collapsed(original)), 1):.2%}")
            (out / text_path.name).write_text(ocr_text, encoding="utf-8")
            shutil.copy(gold_path, out / "gold" / gold_path.name)
        if args.keep:
            shutil.copytree(out, args.keep, dirs_exist_ok=True)
        scanned_f1 = f1_by_field(table(evaluate_dirs([out], extractor)))
    typed_f1 = f1_by_field(table(evaluate_dirs([args.seeds], extractor)))
    scanned, typed = core_macro_f1(scanned_f1), core_macro_f1(typed_f1)
    for name in CORE:
        print(f"  {name:<10} F1 scans {scanned_f1.get(name, 0.0):.3f}  text files {typed_f1.get(name, 0.0):.3f}")
    print(f"pages per minute per core: {pages / recognised_cpu * 60:.1f} by CPU time "
          f"(this process and tesseract: {recognised_cpu:.1f} s for {pages} pages); "
          f"{pages / recognised_seconds * 60:.1f} by wall time on this shared machine")
    print(f"character error rate, all documents: {errors / max(chars, 1):.2%} (target <= 3 %)")
    print(f"core macro-F1: scans {scanned:.4f}, text files {typed:.4f}, "
          f"difference {typed - scanned:+.4f} (target <= 0.05)")


if __name__ == "__main__":
    main()
