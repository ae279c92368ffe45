"""Compiled regular expressions kept from one process to the next.

The families compile about 500 regular expressions, a hundred of them large
alternations built from the lexicons (region names in every case, school and
organisation kinds, month names...): 0.2 s of CPU in every process, spent in
``re``'s pure-Python parser and code generator before a document is read.
What that work produces is a list of integers (the regex engine's program)
and the group names, and ``_sre.compile`` turns them into the very Pattern
object ``re.compile`` returns (patterns compare equal, code included).

``install()`` (pipeline/run.py calls it first thing) wraps
``re._compiler.compile``: a pattern whose program is in the cache file is built
straight from it; any other is compiled as usual, its program added, and the
file rewritten once, at exit, written aside and renamed over (concurrent
processes at worst drop each other's additions; past ``MAX_ENTRIES`` or
``MAX_CODE`` it keeps only what the writing process used). The standard
library's own patterns are left alone (``tokenize`` joins one from a set, in
another order in every process). The file (``REESTR_CACHE_DIR``, else
``$XDG_CACHE_HOME/reestr``, else ``~/.cache/reestr``) is named by the exact
Python version and the regex engine's magic number, so no other interpreter
reads it. Anything wrong with it (missing, unreadable, not writable) means
compiling as ``re`` always does. tests/test_recache.py checks that a pattern
from the cache equals the one ``re`` compiles.
"""
from __future__ import annotations

import atexit
import marshal
import os
import sys
import tempfile
from pathlib import Path

import _sre
import re._compiler as compiler

MAX_ENTRIES = 4000         # beyond this many entries or program words, the file keeps
MAX_CODE = 2_000_000       # only what the process that writes it used

_state: dict = {}


def cache_file() -> Path:
    root = os.environ.get("REESTR_CACHE_DIR") or \
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reestr"
    tag = sys.implementation.name + "-" + ".".join(map(str, sys.version_info[:5]))
    return Path(root) / f"regex-{tag}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def load(path: Path) -> dict:
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def save(path: Path, entries: dict) -> None:
    try:
        data = marshal.dumps(entries)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def program(p, flags: int):
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for a pattern string."""
    from re import _parser

    parsed = _parser.parse(p, flags)
    code = compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code],  # opcodes are int subclasses
            parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))


STDLIB = os.path.dirname(os.__file__) + os.sep
RE_PACKAGE = os.path.dirname(compiler.__file__) + os.sep


def from_stdlib() -> bool:
    """Whether the standard library asked for this pattern: some of its patterns
    (``tokenize``'s) are joined from sets, in another order in every process, so
    an entry for them would never be read again."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(RE_PACKAGE):
        frame = frame.f_back
    name = frame.f_code.co_filename if frame is not None else ""
    return name.startswith(STDLIB) and not any(
        part in name[len(STDLIB):] for part in ("site-packages", "dist-packages"))


class Cache:
    """The programs of one cache file; ``compile`` stands in for ``re._compiler.compile``."""

    def __init__(self, path: Path, original=compiler.compile) -> None:
        self.path, self.original = path, original
        self.entries = load(path)
        self.used: set = set()
        self.added = 0

    def compile(self, p, flags=0):
        if not isinstance(p, (str, bytes)) or flags & compiler.SRE_FLAG_DEBUG or from_stdlib():
            return self.original(p, flags)
        key = (type(p) is str, p, int(flags))
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = program(p, int(flags))
            self.added += 1
        self.used.add(key)
        final_flags, code, groups, groupindex, indexgroup = entry
        return _sre.compile(p, final_flags, code, groups, groupindex, indexgroup)

    def write_back(self) -> None:
        """Rewrite the file when this process compiled something new."""
        if not self.added:
            return
        keep = self.entries
        if len(keep) > MAX_ENTRIES or sum(len(e[1]) for e in keep.values()) > MAX_CODE:
            keep = {k: v for k, v in keep.items() if k in self.used}
        save(self.path, keep)


def install() -> None:
    """Compile through the cache in this process from now on (once per process)."""
    if _state.get("cache") is not None or not hasattr(_sre, "MAGIC"):
        return
    cache = Cache(cache_file())
    compiler.compile = cache.compile
    _state["cache"] = cache
    atexit.register(cache.write_back)
