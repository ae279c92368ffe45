"""pipeline/recache.py: a pattern built from the cache file is the pattern ``re``
compiles (CPython's Pattern equality compares flags, pattern and program)."""
from __future__ import annotations

import re
import re._compiler as compiler

import pytest

from pipeline import recache

PATTERNS = [
    (r"(?<![\w-])(?:Заречн(?:ый|ого)|Лесногорск)(?![\w-])", 0),
    (r"(?P<day>\d{1,2})\s+(?P<month>января|февраля)\s+(?P<year>\d{4})", 0),
    (r"школ[аыеу]\s*№\s*(?P<number>\d+)", re.IGNORECASE),
    (r"^\s*\d+\.\s", re.MULTILINE),
    (r"(?i:приказ)ываю\s*:", 0),
    (r"a|b|(c)(?:d)?", re.VERBOSE),
    (rb"\x00+|[\x80-\xff]{2}", 0),
    ("", 0),
]


def fresh(pattern, flags):
    """What ``re`` itself compiles (also where another test installed the cache)."""
    installed = recache._state.get("cache")
    return (installed.original if installed else compiler.compile)(pattern, flags)


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_recache_pattern_equals_compiled(tmp_path, pattern, flags):
    path = tmp_path / "regex.marshal"
    first = recache.Cache(path)
    assert first.compile(pattern, flags) == fresh(pattern, flags)
    first.write_back()
    second = recache.Cache(path)
    assert second.entries, "the program was written"
    built = second.compile(pattern, flags)
    assert built == fresh(pattern, flags)
    assert built.groupindex == fresh(pattern, flags).groupindex and second.added == 0


def test_recache_behaves_as_compiled(tmp_path):
    path = tmp_path / "regex.marshal"
    pattern, flags = PATTERNS[1]
    recache.Cache(path).compile(pattern, flags)
    recache.Cache(path).write_back()  # nothing new: nothing written
    assert not path.exists()
    first = recache.Cache(path)
    first.compile(pattern, flags)
    first.write_back()
    built = recache.Cache(path).compile(pattern, flags)
    text = "Совещание 12 февраля 2031 года"
    assert built.search(text).groupdict() == {"day": "12", "month": "февраля", "year": "2031"}


def test_recache_damaged_file_is_ignored(tmp_path):
    path = tmp_path / "regex.marshal"
    path.write_bytes(b"\x00not marshal")
    cache = recache.Cache(path)
    assert cache.entries == {}
    assert cache.compile(*PATTERNS[0]) == fresh(*PATTERNS[0])


def test_recache_unwritable_place_compiles_all_the_same(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = recache.Cache(blocker / "sub" / "regex.marshal")  # under a file: not creatable
    assert cache.compile(*PATTERNS[2]) == fresh(*PATTERNS[2])
    cache.write_back()
    assert not (blocker / "sub").exists()


def test_recache_keeps_only_used_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "regex.marshal"
    first = recache.Cache(path)
    for pattern, flags in PATTERNS[:4]:
        first.compile(pattern, flags)
    first.write_back()
    monkeypatch.setattr(recache, "MAX_ENTRIES", 4)
    second = recache.Cache(path)
    second.compile(*PATTERNS[4])  # five entries now, one of them used
    second.write_back()
    assert [key[1] for key in recache.load(path)] == [PATTERNS[4][0]]


def test_recache_leaves_standard_library_patterns_alone(tmp_path):
    import tokenize

    cache = recache.Cache(tmp_path / "regex.marshal")
    compiler_compile = compiler.compile
    compiler.compile = cache.compile
    try:
        re.purge()
        tokenize._compile.cache_clear()
        tokenize._compile(tokenize.PseudoToken)  # the standard library asks
        re.compile(r"(?:рабочая|группа)\s+\d{3}")  # this module asks
        assert compiler.compile == cache.compile
    finally:
        compiler.compile = compiler_compile
    assert [key[1] for key in cache.entries] == [r"(?:рабочая|группа)\s+\d{3}"]
