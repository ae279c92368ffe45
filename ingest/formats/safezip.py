"""Reading zip archives in memory only, against zip bombs and hostile names.

Nothing is ever extracted to disk. Each member is checked twice: first by its
declared sizes (cheap, but they can lie), then while inflating, by a counting
read that stops one chunk past the cap.
"""
from __future__ import annotations

import io
import re
import struct
import unicodedata
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
LOCAL_NAME = struct.Struct("<HH")
EXTRA_HEADER = struct.Struct("<HH")
UNICODE_PATH_ID = 0x7075
# What zipfile / zlib raise on damaged or truncated archives.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
              ValueError, struct.error)


@dataclass(frozen=True)
class Member:
    info: zipfile.ZipInfo
    path: str               # sanitised and unique within the archive, for container_path
    note: str | None        # why the path differs from the stored name, if it does


@dataclass
class Archive:
    """An open zip and the bytes it reads from (for raw member access)."""
    zip: zipfile.ZipFile
    data: bytes

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()


def open_archive(data: bytes, limits: Limits) -> Archive:
    """Open an archive held in memory; damaged -> corrupt, too many members -> limits_exceeded."""
    if not data:
        raise Quarantine(CORRUPT, "the archive is empty (0 bytes)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as error:
        raise Quarantine(UNSUPPORTED, f"zip variant not supported: {error}") from None
    except ZIP_ERRORS as error:
        raise Quarantine(CORRUPT, f"damaged or truncated zip: {error}") from None
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise Quarantine(LIMITS_EXCEEDED, f"{len(infos)} members, more than {limits.max_members}")
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_inflated:
        raise Quarantine(ZIP_BOMB, f"members declare {declared} bytes inflated, more than "
                         f"{limits.max_total_inflated}")
    return Archive(archive, data)


def members(archive: Archive) -> Iterator[Member]:
    """Files of the archive (directories skipped) with sanitised display paths;
    a path met again (duplicate names, or names equal once sanitised) gets "#2", "#3"..."""
    seen: dict[str, int] = {}
    for info in archive.zip.infolist():
        if info.filename.endswith("/"):
            continue
        path, unsafe = sanitise(display_name(info))
        notes = [f"unsafe member path {info.filename!r} recorded as {path!r}"] if unsafe else []
        seen[path] = seen.get(path, 0) + 1
        if seen[path] > 1:
            path = f"{path}#{seen[path]}"
            notes.append(f"duplicate member name, recorded as {path!r}")
        yield Member(info, path, "; ".join(notes) or None)


def display_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it. Without the UTF-8 flag,
    zipfile decodes the stored bytes as cp437; they are really one of:
    * UTF-8, as Info-ZIP on Linux and macOS's Archive Utility write them
      (macOS in decomposed form, "й" as "и" + combining breve);
    * cp866, as Windows archivers write Russian names.
    An Info-ZIP Unicode Path extra field, when present and matching, wins;
    else bytes that decode as UTF-8 are UTF-8 (cp866 Cyrillic is almost never
    valid UTF-8: its letters 0x80-0xAF cannot start a UTF-8 sequence);
    else cp866. Names are returned in NFC."""
    if info.flag_bits & UTF8_NAME_FLAG or info.filename.isascii():
        return unicodedata.normalize("NFC", info.filename)
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return unicodedata.normalize("NFC", info.filename)
    name = unicode_path_field(info.extra, raw)
    if name is None:
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("cp866", errors="replace")
    return unicodedata.normalize("NFC", name)


def unicode_path_field(extra: bytes, raw_name: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path extra field (0x7075), if it
    is there and was written for this very name (its CRC-32 matches)."""
    offset = 0
    while offset + 4 <= len(extra):
        header_id, size = EXTRA_HEADER.unpack_from(extra, offset)
        body = extra[offset + 4:offset + 4 + size]
        offset += 4 + size
        if header_id != UNICODE_PATH_ID or len(body) < 5 or body[0] != 1:
            continue
        if struct.unpack_from("<I", body, 1)[0] != zlib.crc32(raw_name):
            return None
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def sanitise(name: str) -> tuple[str, bool]:
    """Drop drive letters, leading slashes, "." and ".." segments."""
    slashed = name.replace("\\", "/")
    cleaned = DRIVE.sub("", slashed)
    segments = [s for s in cleaned.split("/") if s not in ("", ".", "..")]
    unsafe = cleaned != slashed or cleaned.startswith("/") or ".." in cleaned.split("/")
    return "/".join(segments) or "unnamed", unsafe


def read_member(archive: Archive, info: zipfile.ZipInfo, limits: Limits,
                budget: Budget) -> bytes:
    """The inflated bytes of one member, or Quarantine (zip_bomb, encrypted, corrupt).

    Deflated and stored members are inflated here from their raw bytes, so
    the count does not trust the declared size (zipfile would stop at it);
    other methods go through zipfile's stream, counted the same way."""
    if info.flag_bits & ENCRYPTED_FLAG:
        raise Quarantine(ENCRYPTED, "the zip member is password-protected")
    cap = max(min(limits.max_member_bytes, budget.left), 0)
    check_declared(info, limits, cap)
    try:
        if info.compress_type in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
            content = inflate_raw(archive, info, limits, budget, cap)
        else:
            content = inflate_stream(archive, info, limits, budget, cap)
    except NotImplementedError as error:
        raise Quarantine(UNSUPPORTED, f"zip compression method not supported: {error}") from None
    except ZIP_ERRORS as error:
        raise Quarantine(CORRUPT, f"damaged zip member: {error}") from None
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise Quarantine(CORRUPT, f"member inflates to {len(content)} bytes, declared "
                         f"{info.file_size}, or its checksum does not match")
    return content


def raw_bytes(archive: Archive, info: zipfile.ZipInfo) -> bytes:
    offset = info.header_offset
    if archive.data[offset:offset + 4] != b"PK\x03\x04":
        raise Quarantine(CORRUPT, "bad local header of a member")
    name_len, extra_len = LOCAL_NAME.unpack_from(archive.data, offset + 26)
    start = offset + 30 + name_len + extra_len
    raw = archive.data[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise Quarantine(CORRUPT, "member data cut short (truncated archive)")
    return raw


def inflate_raw(archive: Archive, info: zipfile.ZipInfo, limits: Limits, budget: Budget,
                cap: int) -> bytes:
    raw = raw_bytes(archive, info)
    if info.compress_type == zipfile.ZIP_STORED:
        budget.spend(len(raw))
        check_inflated(info, len(raw), limits, cap)
        return raw
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    chunks: list[bytes] = []
    total = 0
    pending = raw
    while not inflater.eof:
        before = len(pending)
        chunk = inflater.decompress(pending, CHUNK)
        pending = inflater.unconsumed_tail
        if not chunk and (not pending or len(pending) == before):
            break                      # input ended (or stalled) before the stream did
        total += len(chunk)
        budget.spend(len(chunk))
        check_inflated(info, total, limits, cap)
        chunks.append(chunk)
    return b"".join(chunks)


def inflate_stream(archive: Archive, info: zipfile.ZipInfo, limits: Limits, budget: Budget,
                   cap: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    with archive.zip.open(info) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            budget.spend(len(chunk))
            check_inflated(info, total, limits, cap)
            chunks.append(chunk)
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


def read_part(archive: Archive, name: str, limits: Limits, budget: Budget) -> bytes:
    """One named part of an OOXML/ODF package; missing -> corrupt."""
    try:
        info = archive.zip.getinfo(name)
    except KeyError:
        raise Quarantine(CORRUPT, f"the package has no {name}") from None
    return read_member(archive, info, limits, budget)


def has_part(archive: Archive, name: str) -> bool:
    return name in archive.zip.NameToInfo


def scan_for_bomb(data: bytes, limits: Limits, budget: Budget, levels: int) -> None:
    """Raise Quarantine(zip_bomb) if this archive, or one nested up to `levels`
    further, declares or inflates past the caps. Used on archives too deep to
    read, so a 42.zip is called a bomb, not only too deep. Only nested archives
    are inflated (counted against the budget); other damage is not a bomb."""
    try:
        archive = open_archive(data, limits)
    except Quarantine as quarantine:
        if quarantine.status == ZIP_BOMB:
            raise
        return
    with archive:
        for member in members(archive):
            check_declared(member.info, limits, max(min(limits.max_member_bytes, budget.left), 0))
            if levels > 0 and nested_archive(archive, member.info):
                try:
                    content = read_member(archive, member.info, limits, budget)
                except Quarantine as quarantine:
                    if quarantine.status == ZIP_BOMB:
                        raise
                    continue
                scan_for_bomb(content, limits, budget, levels - 1)


def nested_archive(archive: Archive, info: zipfile.ZipInfo) -> bool:
    if info.flag_bits & ENCRYPTED_FLAG:
        return False
    try:
        with archive.zip.open(info) as stream:
            return stream.read(4) == b"PK\x03\x04"
    except ZIP_ERRORS + (NotImplementedError,):
        return False

