"""The word forms the region scans look for, generated from ``data/regions.json`` with
pymorphy3 and kept as data in ``data/region_forms.json``.

Every case form of each subject's name and aliases and of each administrative centre,
and every form of a region's adjective (singular; plural too for ``костромские школы``),
each mapped to its subject's index. Generating them is ~0.13 s of CPU (a thousand
inflections), at every start of a process; the generated tables are a data file instead,
read in a few milliseconds. The file records what it was generated from (a digest of
``regions.json`` and the pymorphy3 and dictionary versions): where that differs, the
tables are generated again at start, so a stale file costs time, never a wrong answer,
and ``tests/test_geo.py`` fails until it is regenerated:

    .venv/bin/python -c "from extractors.geo.forms import main; main(['--write'])"
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import pymorphy3
import pymorphy3_dicts_ru

from extractors.base import DATA_PACKAGE
from extractors.geo.lexicon import Lexicon
from extractors.text.inflect import case_forms, match_case
from extractors.text.morph import in_dictionary, parses

FILE = "region_forms.json"
SOURCE = "regions.json"
VERSION = 1  # raise when the generation below changes
DASH = re.compile(r"\s*[-–—]\s*")


def key(text: str) -> str:
    return DASH.sub("-", " ".join(text.split())).lower().replace("ё", "е")


def source_digest() -> str:
    data = resources.files(DATA_PACKAGE).joinpath(SOURCE).read_bytes()
    versions = f"{VERSION} {pymorphy3.__version__} {pymorphy3_dicts_ru.__version__}"
    return hashlib.sha256(data + versions.encode()).hexdigest()


def adjective_parse(adjective: str):
    return next((p for p in parses(adjective) if p.tag.POS == "ADJF"), None)


def lexeme_key(adjective: str) -> tuple:
    """What ``adjective_forms`` depends on: the dictionary lexeme of its parse (lemma and
    paradigm), else the word itself."""
    parsed = adjective_parse(adjective)
    if parsed is not None and in_dictionary(parsed):
        return parsed.normal_form, parsed.methods_stack[0][2]
    return (adjective,)


def adjective_forms(adjective: str, plural: bool = False) -> set[str]:
    parsed = adjective_parse(adjective)
    if parsed is None:
        return {adjective}
    return {match_case(adjective, f.word) for f in parsed.lexeme
            if "sing" in f.tag or plural and "plur" in f.tag}


def subject_forms(lexicon: Lexicon) -> dict[str, int]:
    forms: dict[str, int] = {}
    for i, subject in enumerate(lexicon.subjects):
        for alias in (subject.name, *subject.aliases):
            for form in case_forms(alias):
                forms.setdefault(key(form), i)
    return forms


def capital_forms(lexicon: Lexicon) -> tuple[dict[str, tuple[int, bool]], list[str]]:
    """(key of a form -> (subject index, needs г./город)), every form as written."""
    forms: dict[str, tuple[int, bool]] = {}
    written: set[str] = set()
    for i, subject in enumerate(lexicon.subjects):
        if subject.capital:
            for form in case_forms(subject.capital):
                written.add(form)
                forms.setdefault(key(form), (i, subject.capital_needs_prefix))
    return forms, sorted(written)


def short_forms(lexicon: Lexicon) -> dict[str, int]:
    """``калужская обл``, ``пермского кр``: a region's adjective with its kind word cut."""
    forms: dict[str, int] = {}
    for i, subject in enumerate(lexicon.subjects):
        words = subject.name.split()
        if len(words) >= 2 and words[1] in lexicon.short_kinds:
            for form in adjective_forms(words[0]):
                forms.setdefault(f"{form.lower()} {lexicon.short_kinds[words[1]]}", i)
    return forms


def singular_adjectives(lexicon: Lexicon) -> dict[str, int]:
    """Every singular form of a region's adjective (Архангельский, Приморского …)."""
    forms: dict[str, int] = {}
    for i, subject in enumerate(lexicon.subjects):
        words = subject.name.split()
        if len(words) != 2 or words[1] not in lexicon.short_kinds \
                or subject.name in lexicon.adjective_excluded:
            continue
        for form in adjective_forms(words[0]):
            forms.setdefault(form, i)
    names = [s.name for s in lexicon.subjects]
    for adjective, name in lexicon.adjective_aliases.items():
        for form in adjective_forms(adjective):
            forms.setdefault(form, names.index(name))
    return forms


def people_adjectives(singular: dict[str, int]) -> dict[str, int]:
    """Every form of those adjectives in lower case, plural included (``рязанские``)."""
    forms: dict[str, int] = {}
    done: set[tuple] = set()  # a lexeme's forms once (its singular forms all give the same set)
    for form, index in singular.items():
        if (lexeme := lexeme_key(form)) in done:
            continue
        done.add(lexeme)
        for inflected in adjective_forms(form, plural=True):
            forms.setdefault(inflected.lower(), index)
    return forms


def generate() -> dict[str, Any]:
    lexicon = Lexicon.load()
    capitals, written = capital_forms(lexicon)
    singular = singular_adjectives(lexicon)
    return {"source": source_digest(), "subjects": subject_forms(lexicon),
            "capitals": {form: list(value) for form, value in capitals.items()},
            "capitals_written": written, "short": short_forms(lexicon),
            "adjectives": singular, "people_adjectives": people_adjectives(singular)}


@cache
def tables() -> dict[str, Any]:
    """The stored tables when they were generated from the current ``regions.json`` (and
    pymorphy3), else the tables generated now."""
    try:
        stored = json.loads(resources.files(DATA_PACKAGE).joinpath(FILE).read_text("utf-8"))
    except FileNotFoundError:
        stored = None
    found = stored if stored and stored.get("source") == source_digest() else generate()
    found["capitals"] = {form: (index, bool(prefix))
                         for form, (index, prefix) in found["capitals"].items()}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write extractors/data/{FILE}")
    args = parser.parse_args(argv)
    text = json.dumps(generate(), ensure_ascii=False, indent=0) + "\n"
    if args.write:
        with resources.as_file(resources.files(DATA_PACKAGE).joinpath(FILE)) as path:
            path.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
