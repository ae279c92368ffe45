"""Writing the files a command was asked to write, and nothing else.

* A regular file, or a path that does not exist yet, is written to a
  temporary file beside it and renamed over it at the end: it appears whole
  or not at all. The new file gets the mode a plain ``open`` would give it
  (0666 less the umask), or keeps the mode of the file it replaces.
* A symlink is written through: its target gets the content, the link stays.
* Anything else that already exists (a FIFO, a character device, a socket)
  is opened and written in place, never replaced by a regular file.
* ``-`` is standard output.
* A directory is refused with an ``OutputError``.
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional

STDOUT = "-"


class OutputError(Exception):
    """The output cannot be written; the message names the path and the cause."""


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def is_stdout(path: Optional[Path | str]) -> bool:
    return path is not None and str(path) == STDOUT


def kind(path: Path) -> str:
    """regular | new | special | directory, following symlinks."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "new"  # a dangling symlink too: its target is created, as by a shell's ">"
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        return "directory"
    return "regular" if stat.S_ISREG(info.st_mode) else "special"


def real_target(path: Path) -> Path:
    """Where the bytes go: the end of a symlink chain (the path itself otherwise)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def new_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


@contextmanager
def output_path(path: Path) -> Iterator[Path]:
    """A path to write to: a temporary one beside a regular (or new) target,
    renamed over it when the block ends without error; the target itself when
    it is special. For writers that want a path (pandas, pyarrow)."""
    what = kind(path)
    if what == "directory":
        raise OutputError(f"cannot write {path}: it is a directory")
    if what == "special":
        yield path
        return
    target = real_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, new_mode(target))
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def output_file(path: Optional[Path | str], mode: str = "w") -> Iterator[IO]:
    """An open handle for ``path`` (``-`` or None: standard output), text
    (UTF-8) or binary by ``mode``; see the module docstring for what happens
    to what the path names."""
    if path is None or is_stdout(path):
        yield sys.stdout.buffer if "b" in mode else sys.stdout
        return
    path = Path(path)
    encoding = None if "b" in mode else "utf-8"
    with output_path(path) as where:
        try:
            handle = open(where, mode, encoding=encoding)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        with handle:
            yield handle


def write_text(path: Path, text: str) -> None:
    with output_file(path) as handle:
        handle.write(text)
