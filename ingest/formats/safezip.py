"""Reading zip archives in memory only, against zip bombs and hostile names.

Nothing is ever extracted to disk. Each member is checked twice: first by its
declared sizes (cheap, but they can lie), then while inflating, by a counting
read that stops one chunk past the cap.
"""
from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterator

from ingest.formats.model import (CORRUPT, ENCRYPTED, LIMITS_EXCEEDED, UNSUPPORTED, ZIP_BOMB,
                                  Budget, Limits, Quarantine)

CHUNK = 256 * 1024
# A high inflate ratio only means a bomb on a member of some size: deflate reaches
# ~1000:1 on a few kilobytes of blanks, which is harmless.
RATIO_MIN_INFLATED = 1 * 2**20
UTF8_NAME_FLAG = 0x800
ENCRYPTED_FLAG = 0x1
DRIVE = re.compile(r"^[A-Za-z]:")
# What zipfile / zlib raise on damaged or truncated archives.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
              ValueError, struct.error)


@dataclass(frozen=True)
class Member:
    info: zipfile.ZipInfo
    path: str               # sanitised, for container_path
    unsafe: bool            # the stored name was absolute or climbed out with ".."


def open_archive(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open an archive held in memory; damaged -> corrupt, too many members -> limits_exceeded."""
    if not data:
        raise Quarantine(CORRUPT, "the archive is empty (0 bytes)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as error:
        raise Quarantine(CORRUPT, f"damaged or truncated zip: {error}") from None
    if len(archive.infolist()) > limits.max_members:
        raise Quarantine(LIMITS_EXCEEDED,
                         f"{len(archive.infolist())} members, more than {limits.max_members}")
    declared = sum(info.file_size for info in archive.infolist())
    if declared > limits.max_total_inflated:
        raise Quarantine(ZIP_BOMB, f"members declare {declared} bytes inflated, more than "
                         f"{limits.max_total_inflated}")
    return archive


def members(archive: zipfile.ZipFile) -> Iterator[Member]:
    """Files of the archive (directories skipped) with sanitised display paths."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        raw = display_name(info)
        path, unsafe = sanitise(raw)
        yield Member(info, path, unsafe)


def display_name(info: zipfile.ZipInfo) -> str:
    """Windows archivers store Russian names in cp866 without the UTF-8 flag;
    zipfile then decodes them as cp437."""
    if info.flag_bits & UTF8_NAME_FLAG or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp866")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def sanitise(name: str) -> tuple[str, bool]:
    """Drop drive letters, leading slashes, "." and ".." segments."""
    cleaned = DRIVE.sub("", name.replace("\\", "/"))
    segments = [s for s in cleaned.split("/") if s not in ("", ".", "..")]
    unsafe = cleaned.startswith("/") or ".." in cleaned.split("/") or cleaned != name.replace("\\", "/")
    return "/".join(segments) or "unnamed", unsafe


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits,
                budget: Budget) -> bytes:
    """The inflated bytes of one member, or Quarantine (zip_bomb, encrypted, corrupt)."""
    if info.flag_bits & ENCRYPTED_FLAG:
        raise Quarantine(ENCRYPTED, "the zip member is password-protected")
    cap = min(limits.max_member_bytes, budget.left)
    check_declared(info, limits, cap)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                budget.spend(len(chunk))
                check_inflated(info, total, limits, cap)
                chunks.append(chunk)
    except NotImplementedError as error:
        raise Quarantine(UNSUPPORTED, f"zip compression method not supported: {error}") from None
    except ZIP_ERRORS as error:
        raise Quarantine(CORRUPT, f"damaged zip member: {error}") from None
    return b"".join(chunks)


def check_declared(info: zipfile.ZipInfo, limits: Limits, cap: int) -> None:
    if info.file_size > cap:
        raise Quarantine(ZIP_BOMB, f"declares {info.file_size} bytes inflated, more than {cap}")
    check_ratio(info.file_size, info.compress_size, limits)


def check_inflated(info: zipfile.ZipInfo, total: int, limits: Limits, cap: int) -> None:
    if total > cap:
        raise Quarantine(ZIP_BOMB, f"inflates past {cap} bytes (declared {info.file_size})")
    check_ratio(total, info.compress_size, limits)


def check_ratio(inflated: int, compressed: int, limits: Limits) -> None:
    if inflated >= RATIO_MIN_INFLATED and inflated > limits.max_ratio * max(compressed, 1):
        raise Quarantine(ZIP_BOMB, f"inflate ratio above {limits.max_ratio}:1 "
                         f"({inflated} bytes from {compressed})")


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits, budget: Budget) -> bytes:
    """One named part of an OOXML/ODF package; missing -> corrupt."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise Quarantine(CORRUPT, f"the package has no {name}") from None
    return read_member(archive, info, limits, budget)


def has_part(archive: zipfile.ZipFile, name: str) -> bool:
    return name in archive.NameToInfo


def join(parent: str, child: str) -> str:
    return posixpath.join(parent, child) if parent else child
