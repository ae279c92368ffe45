"""Dump the extraction record of every document in the given folders as JSONL,
one line per document, so that a refactor can be proved to change nothing:

    .venv/bin/python bench/dump_records.py corpus ../shared/seeds ../shared/realdev > before.jsonl
    ... refactor ...
    .venv/bin/python bench/dump_records.py corpus ../shared/seeds ../shared/realdev > after.jsonl
    diff before.jsonl after.jsonl && echo identical

Each line is the record's JSON with sorted keys (the file's path is in
``document.source``); ``extractor_version`` is left out so that a version bump
alone is not a difference. The code is
imported from the checkout this script lives in (not from wherever the venv's
editable install points), so a copy of the tree can be compared with itself:
run the script of the copy. ``--fields`` keeps only some top-level fields.
"""
from __future__ import annotations

import os
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path.insert(0, str(ROOT))

IGNORED = ("extractor_version",)


def documents(folders: list[Path]) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.glob("*.txt"))
            if p.name.upper() != "README.TXT"]


def dump_line(extractor, path: Path, fields: list[str] | None) -> str:
    record = json.loads(extractor.extract_file(path).model_dump_json())
    for key in IGNORED:
        record.pop(key, None)
    if fields:
        record = {k: v for k, v in record.items() if k in fields or k == "document"}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--fields", nargs="*", help="top-level record fields to keep")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    from pipeline.run import Extractor

    extractor = Extractor()
    lines = [dump_line(extractor, path, args.fields) for path in documents(args.folders)]
    out = "\n".join(lines) + "\n"
    if args.output:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
