"""Entity linking at scale: normalisation and Splink clustering of ~100,000
school and person rows, with pairwise precision and recall.

The rows are tests/entity_archive.py's generated archive repeated with distinct
regions (copy i: «Тамбовская область 7» …), surnames (a prefix per copy) and towns (their locality key gets
the copy number, since the archive has nine real towns), so blocks stay the
size a real registry's would be: the same number in the same town, the same
surname, the same name stem. Prints rows, seconds per stage, rows/s and P/R.

Usage: .venv/bin/python bench/bench_entities.py [--rows 100000] [--seed 7]
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

from entity_archive import archive, pairwise_fast  # noqa: E402
from registry.entity_link import clusters, person_frame, school_frame  # noqa: E402

TARGETS = {"rows_per_s": 2000, "precision": 0.95, "recall": 0.95}
SYLLABLES = ("ба", "ве", "ги", "до", "жу", "за", "ки", "ло", "му", "не", "по", "ру", "са", "ти", "фу", "ха",
             "це", "чи", "шо", "ю", "ма", "ле")


def prefix(copy: int) -> str:
    """A surname prefix of its own per copy (namesakes with the same full name
    would be one person by the linker's rules)."""
    n = len(SYLLABLES)  # each syllable twice: two prefixes differ by two letters at least, not one typo
    return "".join(2 * SYLLABLES[copy // n ** k % n] for k in range(3))


def scaled(rows_wanted: int, seed: int) -> tuple[list[dict], list[dict]]:
    schools, people = [], []
    copy = 0
    while len(schools) + len(people) < rows_wanted:
        some_schools, some_people = archive(seed + copy)
        for row in some_schools + some_people:
            row.update(region=f"{row['region']} {copy}", entity=f"{row['entity']}#{copy}",
                       id=len(schools) + len(people) + 1, copy=copy)
            if "mention" in row:
                schools.append(row)
            else:
                row["surname"] = prefix(copy).capitalize() + row["surname"].lower()
                people.append(row)
        copy += 1
    return schools, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    schools, people = scaled(args.rows, args.seed)
    started = time.perf_counter()
    school_rows = school_frame(schools)
    school_rows["locality"] = [f"{place}{row['copy']}" if place else "" for place, row in
                               zip(school_rows["locality"], schools)]
    people_rows = person_frame(people)
    keyed = time.perf_counter()
    school_clusters = clusters(school_rows, "school")
    person_clusters = clusters(people_rows, "person")
    linked = time.perf_counter()
    total = len(schools) + len(people)
    print(f"rows: {total} ({len(schools)} schools, {len(people)} people)")
    print(f"keys: {keyed - started:.1f} s, Splink: {linked - keyed:.1f} s, "
          f"{total / (linked - started):.0f} rows/s (target {TARGETS['rows_per_s']})")
    for kind, rows, found in (("schools", schools, school_clusters), ("people", people, person_clusters)):
        precision, recall = pairwise_fast(rows, found)
        print(f"{kind}: precision {precision:.3f}, recall {recall:.3f} (target {TARGETS['precision']})")


if __name__ == "__main__":
    main()
