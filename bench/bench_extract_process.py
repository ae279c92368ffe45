"""Whole-process extraction speed: `reestr extract` against natasha, model load included.

What a person waits for when they run `reestr extract FILES -o out.jsonl` once: Python
start, imports, model load, reading the files and extracting every record. Three sides,
each a fresh process over the same files, pinned to one thread, timed from outside
(wall clock and the child's CPU time):

- reestr:  `reestr extract FILES -o OUT` (the real command line, output to a temporary file)
- natasha: natasha's full pipeline over the same texts (bench/natasha_side.py full)
- slovnet: slovnet's NER alone, the model reestr also runs (bench/natasha_side.py ner)

Every side runs once untimed first, on one file, then ``--rounds`` times timed. Children
get Python's default bytecode caching (``.pyc`` files, here in a private folder) as on
any installation, even where the environment sets PYTHONDONTWRITEBYTECODE: natasha and
slovnet come precompiled in site-packages, while reestr, installed editable from the
work tree, would otherwise compile all of its modules in every run (0.2-0.3 s of CPU).
``--env-bytecode`` keeps the environment's setting. The warm-up also leaves reestr's
caches (``~/.cache/reestr``: the NER vocabulary, compiled patterns) as any earlier run
does; a first run on a machine builds them (about 1 s of CPU more, once).

Ratios are natasha / reestr and slovnet / reestr seconds of the same round: above 1 means
reestr needed less. The verdict is on CPU seconds (user + system of the child): on a
machine shared with other work, wall time mostly measures the neighbours; wall ratios are
printed beside. Targets (issue 9): >= 3x natasha, >= 0.6x slovnet.

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
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
BIN = Path(sys.executable).parent
SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
TARGETS = {"natasha": 3.0, "slovnet": 0.6}

SIDES = {"natasha": "full", "slovnet": "ner"}  # bench/natasha_side.py


def files_of(dirs: list[Path]) -> list[Path]:
    return [p for d in dirs for p in sorted(d.glob("*.txt"))]


def command(side: str, files: list[Path], out: Path) -> list[str]:
    paths = [str(p) for p in files]
    if side == "reestr":
        return [str(BIN / "reestr"), "extract", *paths, "-o", str(out)]
    return [sys.executable, str(ROOT / "bench" / "natasha_side.py"), SIDES[side], *paths]


def child_env(pycache: Path | None) -> dict[str, str]:
    """One thread; Python's own bytecode caching (in a private ``pycache`` folder,
    so the work tree gets no __pycache__) unless ``pycache`` is None, which keeps
    the calling environment's setting, PYTHONDONTWRITEBYTECODE included."""
    env = {**os.environ, **SINGLE_THREAD}
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process run to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode:  # natasha's import warnings and reestr's tally are noise unless it failed
        sys.exit(f"{' '.join(argv[:3])} ... failed ({done.returncode}):\n{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="paired rounds (sides alternate)")
    parser.add_argument("--env-bytecode", action="store_true",
                        help="keep this environment's bytecode setting (PYTHONDONTWRITEBYTECODE=1 "
                             "makes every reestr run compile its sources; site-packages have theirs)")
    args = parser.parse_args()
    shared = ROOT.parent / "shared"
    dirs = args.dirs or [d for d in (shared / "realdev", shared / "seeds") if d.is_dir()] \
        or [ROOT / "corpus"]
    files = files_of(dirs)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"{len(files)} files, {chars} characters, {args.rounds} rounds, one thread, "
          f"model load included ({', '.join(map(str, dirs))}); bytecode: "
          + ("as this environment has it" if args.env_bytecode else "Python's default caching"))
    walls: dict[str, list[float]] = {"reestr": [], "natasha": [], "slovnet": []}
    cpus: dict[str, list[float]] = {side: [] for side in walls}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "records.jsonl"
        env = child_env(None if args.env_bytecode else Path(tmp) / "pycache")
        env["REESTR_CACHE_DIR"] = str(Path(tmp) / "reestr-cache")  # not the user's ~/.cache
        for side in walls:  # warm-up, not timed: bytecode, reestr's cache (built here, once)
            timed(command(side, files[:1], out), env)
        for _ in range(args.rounds):
            for side in walls:
                wall, cpu = timed(command(side, files, out), env)
                walls[side].append(wall)
                cpus[side].append(cpu)
    print(f"{'':9}{'wall s (median)':>16}{'cpu s (median)':>16}{'chars/s':>10}")
    for side in walls:
        wall = statistics.median(walls[side])
        print(f"{side:9}{wall:>16.2f}{statistics.median(cpus[side]):>16.2f}{chars / wall:>10.0f}")
    for side, target in TARGETS.items():
        for what, seconds in (("cpu", cpus), ("wall", walls)):
            ratios = [theirs / ours for theirs, ours in zip(seconds[side], seconds["reestr"])]
            verdict = "ok" if statistics.median(ratios) >= target else "MISSED"
            print(f"{side} / reestr ({what}, same round): median {statistics.median(ratios):.2f}x, "
                  f"range {min(ratios):.2f}-{max(ratios):.2f}x"
                  + (f"  (target >= {target}x: {verdict})" if what == "cpu" else ""))


if __name__ == "__main__":
    main()
