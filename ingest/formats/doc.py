"""Legacy Word (OLE2 compound file): text through `antiword` (or `catdoc`)
run as a subprocess with a timeout. The bytes reach the converter through an
in-memory file (memfd), never through a file on disk.

An OLE2 file holding an `EncryptedPackage` stream is a password-protected
OOXML document -> encrypted; an OLE2 file without a `WordDocument` stream
(Excel, PowerPoint, ...) -> unsupported."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

from ingest.formats.model import (CORRUPT, ENCRYPTED, UNSUPPORTED, Extracted, Limits,
                                  Quarantine)

TIMEOUT_SECONDS = 30
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
WORD_STREAM = "WordDocument".encode("utf-16-le")
OTHER_STREAMS = (("Workbook".encode("utf-16-le"), "an Excel workbook"),
                 ("PowerPoint Document".encode("utf-16-le"), "a PowerPoint presentation"))
# Converters in order of preference: argv before the file path; output is UTF-8.
CONVERTERS = (("antiword", ("-m", "UTF-8.txt", "-w", "0")),
              ("catdoc", ("-d", "utf-8", "-w")))
ENCRYPTED_MESSAGES = ("encrypted", "password")
TABLE_LINE = re.compile(r"^\|(.*)\|\s*$")


def read_doc(data: bytes, limits: Limits) -> Extracted:
    if ENCRYPTED_PACKAGE in data:
        raise Quarantine(ENCRYPTED, "a password-protected Office document (EncryptedPackage)")
    if WORD_STREAM not in data:
        other = next((name for mark, name in OTHER_STREAMS if mark in data), "not a Word document")
        raise Quarantine(UNSUPPORTED, f"OLE2 file that is {other}")
    converter = find_converter()
    if converter is None:
        raise Quarantine(UNSUPPORTED, "no .doc converter installed (apt-get install antiword)")
    return Extracted(run_converter(converter, data))


def find_converter() -> tuple[str, tuple[str, ...]] | None:
    for name, args in CONVERTERS:
        path = shutil.which(name)
        if path:
            return path, args
    return None


def run_converter(converter: tuple[str, tuple[str, ...]], data: bytes) -> str:
    """Convert; a converter killed by a signal is run once more (antiword's
    crashes on odd files depend on address layout, so they are not repeatable)."""
    program, args = converter
    done = convert_once(program, args, data)
    if done.returncode < 0:
        done = convert_once(program, args, data)
    name = os.path.basename(program)
    if done.returncode < 0:
        raise Quarantine(CORRUPT, f"{name} crashed (signal {-done.returncode}) twice")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        status = ENCRYPTED if any(m in message.lower() for m in ENCRYPTED_MESSAGES) else CORRUPT
        raise Quarantine(status, f"{name} failed: {message[:300]}")
    return table_rows_to_tabs(done.stdout.decode("utf-8", errors="replace").strip("\n"))


def convert_once(program: str, args: tuple[str, ...], data: bytes) -> subprocess.CompletedProcess:
    """One run with the bytes in an in-memory file passed as /dev/fd/N."""
    fd = os.memfd_create("reestr-doc", 0)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.lseek(fd, 0, os.SEEK_SET)
        return subprocess.run([program, *args, f"/dev/fd/{fd}"], capture_output=True,
                              timeout=TIMEOUT_SECONDS, pass_fds=(fd,), check=False)
    except subprocess.TimeoutExpired:
        raise Quarantine(CORRUPT, f"{os.path.basename(program)} ran past "
                         f"{TIMEOUT_SECONDS} s") from None
    finally:
        os.close(fd)


def table_rows_to_tabs(text: str) -> str:
    """antiword draws a table row as "|cell |cell |", wrapping long cells onto
    more such lines whose first cell is blank. Each row becomes one line of
    tab-separated cells; a line with a blank first cell continues the row above
    (so a row whose first cell is really empty merges upwards: a known limit)."""
    out: list[str] = []
    row: list[str] | None = None
    for line in text.split("\n"):
        found = TABLE_LINE.match(line)
        if not found:
            row = flush(out, row)
            out.append(line)
            continue
        cells = [cell.strip() for cell in found.group(1).split("|")]
        if row is not None and not cells[0] and len(cells) == len(row):
            row = [f"{a} {b}".strip() for a, b in zip(row, cells)]
        else:
            row = flush(out, row) or cells
    flush(out, row)
    return "\n".join(out)


def flush(out: list[str], row: list[str] | None) -> None:
    if row is not None:
        out.append("\t".join(row))
