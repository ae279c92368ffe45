"""Extraction time on pathological inputs: characters/s per case.

The same inputs as the edge cases in tests/test_robustness.py (a 300,000-
character single line, 5,000 repeated names, a 500-row tab table, ...), timed
one by one in this process after the models are loaded. The tests only assert
that these inputs finish with a valid record; the speed is read here.

Usage: .venv/bin/python bench/bench_pathological.py [--repeat N] [--case NAME ...]
"""
from __future__ import annotations

import os
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_robustness import EDGE_CASES  # noqa: E402


def timed(extractor, text: str, repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extractor.extract_text(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--case", action="append", choices=sorted(EDGE_CASES),
                        help="time only these cases (default: all)")
    args = parser.parse_args()
    from pipeline.run import Extractor

    extractor = Extractor()
    extractor.extract_text("Загрузка моделей: протокол совещания 1 марта 2022 года.")
    print(f"{'case':<26}{'chars':>9}{'seconds':>10}{'chars/s':>12}")
    for name in args.case or EDGE_CASES:
        text = EDGE_CASES[name]
        seconds = timed(extractor, text, args.repeat)
        print(f"{name:<26}{len(text):>9}{seconds:>10.2f}{len(text) / seconds:>12.0f}", flush=True)


if __name__ == "__main__":
    main()
