"""Format parity (issue 9 §3): the same records from a document whatever its format.

Every gold text is rendered as docx, odt, rtf, html and a paged PDF (hard
line breaks at the page width, a running header, "Страница N из M" footers;
tables ruled, and once more without borders: pdf_unruled;
tests/fixtures_render.py) in a temporary folder that is removed afterwards
-- nothing is written into the repository. Each file (the txt included) is
read back through the reader layer (ingest.formats.read_document, as
`reestr extract` does), extracted and scored against its gold. Prints per
format the F1 of the core fields (and action items), the core macro-F1 and
the difference from txt; a field more than --tolerance below or above its
txt value is flagged with "!".

Run: .venv/bin/python bench/bench_format_parity.py [DIR ...] [--formats pdf,docx] [--docs]
(default DIR: ../shared/seeds and corpus/; a set that is missing is skipped)
"""
from __future__ import annotations

import os
import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REESTR_CACHE_DIR", str(ROOT / ".cache" / "reestr"))  # caches stay in the work tree
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import fixtures_render as render  # noqa: E402
from ingest.formats import read_document  # noqa: E402
from ingest.tasks import record_of  # noqa: E402
from pipeline.evaluate import CORE_FIELDS, core_macro_f1, f1_by_field, table  # noqa: E402
from pipeline.evaluate import DocumentResult  # noqa: E402
from pipeline.gold import find_pairs, load_gold, project  # noqa: E402
from pipeline.run import Extractor  # noqa: E402
from pipeline.scoring import score_document  # noqa: E402

DEFAULT_DIRS = (ROOT.parent / "shared" / "seeds", ROOT / "corpus")
FORMATS = ("txt", *render.RENDERERS)
SHOWN = (*CORE_FIELDS, "actions")
TOLERANCE = 0.02


def write_renderings(text_path: Path, folder: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """The txt copied and rendered into ``folder``: {format: file}."""
    text = text_path.read_text(encoding="utf-8")
    files = {}
    for fmt in formats:
        data = text.encode("utf-8") if fmt == "txt" else render.RENDERERS[fmt](text)
        files[fmt] = folder / f"{text_path.stem}.{fmt}"
        files[fmt].write_bytes(data)
    return files


def score_file(extractor: Extractor, path: Path, doc_id: str, gold: dict, corpus: str
               ) -> tuple[DocumentResult, str | None]:
    """One rendered file read back, extracted and scored; a file the readers
    refuse scores as an empty prediction (and its reason is returned)."""
    parts = read_document(path.read_bytes(), path.name)
    ok = [part for part in parts if part.status == "ok"]
    problem = None if len(ok) == 1 else "; ".join(f"{p.status}: {p.detail}" for p in parts)
    predicted = project(record_of(extractor, ok[0], str(path)), doc_id) if len(ok) == 1 else {}
    return (DocumentResult(doc_id, corpus, gold.get("doc_type") or "other",
                           score_document(gold, predicted), predicted), problem)


def run(directories: list[Path], formats: tuple[str, ...]) -> dict[str, list[DocumentResult]]:
    extractor = Extractor()
    results: dict[str, list[DocumentResult]] = {fmt: [] for fmt in formats}
    with tempfile.TemporaryDirectory(prefix="reestr-parity-") as tmp:
        for directory in directories:
            for text_path, gold_path in find_pairs(directory):
                gold = load_gold(gold_path)
                for fmt, path in write_renderings(text_path, Path(tmp), formats).items():
                    result, problem = score_file(extractor, path, text_path.stem, gold, str(directory))
                    if problem:
                        print(f"{text_path.stem}.{fmt}: read as {problem}", file=sys.stderr)
                    results[fmt].append(result)
    return results


def doc_f1(result: DocumentResult, field: str) -> float:
    scores = [s for s in result.scores if s.field == field]
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    return 1.0 if tp + fp + fn == 0 else round(2 * tp / (2 * tp + fp + fn), 3)


def report(label: str, results: dict[str, list[DocumentResult]], tolerance: float,
           per_doc: bool) -> int:
    """Prints the table of one set; returns the number of flagged cells."""
    f1 = {fmt: f1_by_field(table(rs)) for fmt, rs in results.items()}
    base = f1.get("txt", {})
    print(f"\n## {label} ({len(next(iter(results.values())))} documents)")
    print(f"| format | {' | '.join(SHOWN)} | core macro-F1 | Δ core |")
    print("|---" * (len(SHOWN) + 3) + "|")
    flagged = 0
    for fmt, fields in f1.items():
        cells = []
        for field in SHOWN:
            value, delta = fields.get(field, 0.0), fields.get(field, 0.0) - base.get(field, 0.0)
            flag = abs(delta) > tolerance + 1e-9 and field in CORE_FIELDS  # float noise
            flagged += flag
            cells.append(f"{value:.3f}" + (f" ({delta:+.3f}) !" if flag else ""))
        core = core_macro_f1(fields)
        print(f"| {fmt} | {' | '.join(cells)} | {core:.3f} | {core - core_macro_f1(base):+.3f} |")
    if per_doc and "txt" in results:
        for fmt, rs in results.items():
            for txt_result, result in zip(results["txt"], rs):
                gaps = [f"{field} {doc_f1(result, field) - doc_f1(txt_result, field):+.2f}"
                        for field in SHOWN
                        if abs(doc_f1(result, field) - doc_f1(txt_result, field)) > tolerance]
                if gaps and fmt != "txt":
                    print(f"  {fmt} {result.doc_id}: {', '.join(gaps)}")
    return flagged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path, help="gold folders (txt + gold/*.json)")
    parser.add_argument("--formats", default=",".join(FORMATS[1:]),
                        help="rendered formats to compare with txt (comma-separated)")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--docs", action="store_true", help="list documents whose fields differ")
    args = parser.parse_args()
    wanted = tuple(f for f in args.formats.split(",") if f)
    unknown = [f for f in wanted if f not in render.RENDERERS]
    if unknown:
        parser.error(f"unknown format(s): {', '.join(unknown)}; known: {', '.join(render.RENDERERS)}")
    directories = [d for d in (args.dirs or DEFAULT_DIRS) if (d / "gold").is_dir()]
    if not directories:
        parser.error("no gold folder found (a folder of .txt with gold/<stem>.json)")
    flagged = 0
    for directory in directories:
        start = time.perf_counter()
        results = run([directory], ("txt", *wanted))
        flagged += report(str(directory), results, args.tolerance, args.docs)
        print(f"({time.perf_counter() - start:.0f} s)")
    print(f"\n{flagged} core field(s) differ from txt by more than {args.tolerance}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
