"""pipeline/families.py declares what each family reads; the declarations
match the code, and the pipeline runs every family after the ones it reads."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractors.base import MENTIONS_KEY, TEXT_KEY
from pipeline.families import BUILD_READS, FAMILY_ORDER, REQUIRES
from pipeline.nlp import build_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def module_path(name: str) -> Path:
    """A module's file: ``a/b.py``, or ``a/b/__init__.py`` for a package."""
    base = ROOT.joinpath(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def imported(name: str) -> set[str]:
    """The extractor modules ``name`` imports (not base, data or the text layer)."""
    found = set()
    for node in ast.walk(ast.parse(module_path(name).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "extractors":
            found |= {f"extractors.{a.name}" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("extractors."):
            found.add(node.module)  # and a submodule taken by name: ``from extractors.event import fields``
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("extractors.")}
    return {m for m in found if module_path(m).is_file()
            and m not in ("extractors.base",) and not m.startswith("extractors.text")}


def closure(name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(imported(current))
    return seen


def stored_reads(name: str) -> set[str]:
    """Families read by ``stored_mentions(doc, …)`` calls in module ``name``."""
    tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
    constants = {t.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) for t in node.targets
                 if isinstance(t, ast.Name)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "stored_mentions":
            arg = node.args[1]
            found.add(arg.value if isinstance(arg, ast.Constant) else constants[arg.id])
    return found


def read_in_code(family: str) -> set[str]:
    modules = closure(f"extractors.{family}")
    return set().union(*(stored_reads(m) for m in modules)) - {family}


@pytest.mark.parametrize("family", FAMILY_ORDER)
def test_pipeline_order_family_runs_after_what_it_reads(family):
    earlier = FAMILY_ORDER[:FAMILY_ORDER.index(family)]
    assert set(REQUIRES[family]) <= set(earlier)


@pytest.mark.parametrize("family", FAMILY_ORDER)
def test_pipeline_order_declared_reads_match_the_code(family):
    declared = set(REQUIRES[family]) | set(BUILD_READS.get(family, ()))
    assert read_in_code(family) == declared


def test_pipeline_order_every_family_is_declared():
    assert set(REQUIRES) == set(FAMILY_ORDER) and set(BUILD_READS) <= set(FAMILY_ORDER)


def test_pipeline_order_spacy_analysis_finds_no_problem():
    problems = build_nlp().analyze_pipes()["problems"]
    assert problems and not any(problems.values())


def test_pipeline_order_spacy_analysis_catches_a_reader_placed_first():
    nlp = build_nlp(("doctype", "actions"))
    assert nlp.analyze_pipes()["problems"]["reestr_doctype"] == ["doc._.reestr_actions"]


class RecordingStore(dict):
    """The mention store, noting which family's component reads which family."""

    def __init__(self) -> None:
        super().__init__()
        self.running: str | None = None
        self.reads: set[tuple[str, str]] = set()

    def get(self, key, default=None):
        if self.running is not None and key != self.running:
            self.reads.add((self.running, key))
        return super().get(key, default)


def test_pipeline_order_reads_at_run_time_are_declared(nlp):
    store = RecordingStore()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        doc.user_data[MENTIONS_KEY] = store
        store.clear()
        for name, component in nlp.pipeline:
            store.running = name.removeprefix("reestr_")
            component(doc)
        store.running = None
    declared = {(family, read) for family, reads in REQUIRES.items() for read in reads}
    assert store.reads == declared
