"""Extraction speed: reestr against natasha's own full pipeline, same texts, same run.

Each side runs in its own child process pinned to one thread, so model load
time and peak resident memory are measured per side. Prints documents/s,
characters/s, load time, peak RSS and the ratio reestr / natasha. natasha's side is
bench/natasha_side.py's ``full`` (the same code bench_extract_process.py runs).

Usage: .venv/bin/python bench/bench_extract.py [--repeat N] [DIR ...]
(default DIR: corpus/ plus ../shared/seeds when present)
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
TARGETS = {"ratio": 3.0, "chars_per_s": 40000, "load_s": 3.0, "rss_mb": 500}


def texts_of(dirs: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for d in dirs for p in sorted(d.glob("*.txt"))]


def run_reestr(texts: list[str], repeat: int) -> dict:
    start = time.perf_counter()
    from pipeline.run import Extractor

    extractor = Extractor()
    extractor.extract_text("Загрузка моделей: протокол совещания 1 марта 2022 года.")
    load = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            extractor.extract_text(text)
    return {"load_s": load, "seconds": time.perf_counter() - start}


def run_natasha(texts: list[str], repeat: int) -> dict:
    from natasha_side import load

    start = time.perf_counter()
    full = load("full")
    load_s = time.perf_counter() - start
    full("Загрузка моделей: протокол совещания 1 марта 2022 года.")
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            full(text)
    return {"load_s": load_s, "seconds": time.perf_counter() - start}


def child(side: str, dirs: list[Path], repeat: int) -> None:
    texts = texts_of(dirs)
    result = (run_reestr if side == "reestr" else run_natasha)(texts, repeat)
    result["docs"] = len(texts) * repeat
    result["chars"] = sum(map(len, texts)) * repeat
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(side: str, dirs: list[Path], repeat: int) -> dict:
    command = [sys.executable, __file__, "--child", side, "--repeat", str(repeat), *map(str, dirs)]
    env = {**os.environ, **SINGLE_THREAD, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["docs_per_s"] = result["docs"] / result["seconds"]
    result["chars_per_s"] = result["chars"] / result["seconds"]
    return result


def report(ours: dict, theirs: dict) -> list[str]:
    ratio = ours["chars_per_s"] / theirs["chars_per_s"]
    rows = [f"{'':10}{'docs/s':>10}{'chars/s':>12}{'load s':>9}{'peak RSS MB':>13}"]
    for name, r in (("reestr", ours), ("natasha", theirs)):
        rows.append(f"{name:10}{r['docs_per_s']:>10.1f}{r['chars_per_s']:>12.0f}"
                    f"{r['load_s']:>9.2f}{r['rss_mb']:>13.0f}")
    rows.append(f"ratio reestr/natasha (chars/s): {ratio:.2f}x  (target >= {TARGETS['ratio']}x)")
    checks = [("chars/s", ours["chars_per_s"] >= TARGETS["chars_per_s"]),
              ("load", ours["load_s"] <= TARGETS["load_s"]),
              ("memory", ours["rss_mb"] <= TARGETS["rss_mb"]),
              ("ratio", ratio >= TARGETS["ratio"])]
    rows.append("targets: " + ", ".join(f"{n} {'ok' if ok else 'MISSED'}" for n, ok in checks))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["reestr", "natasha"])
    args = parser.parse_args()
    dirs = args.dirs or [d for d in (ROOT / "corpus", ROOT.parent / "shared" / "seeds") if d.is_dir()]
    if args.child:
        child(args.child, dirs, args.repeat)
        return
    texts = texts_of(dirs)
    print(f"{len(texts)} documents, {sum(map(len, texts))} characters, x{args.repeat}, one thread")
    ours, theirs = measure("reestr", dirs, args.repeat), measure("natasha", dirs, args.repeat)
    print("\n".join(report(ours, theirs)))


if __name__ == "__main__":
    main()
