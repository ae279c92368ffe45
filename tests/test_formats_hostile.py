"""ingest.formats on archives and hostile input: zip members and nesting,
zip bombs (declared and lying sizes), unsafe member paths, XML entity
attacks, truncated and empty containers, and no writes to disk."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

import fixtures_build as fb
from ingest.formats import Limits, Part, read_document

TEXT = ("Справка о работе с ШНОР: в 2023/2024 учебном году методическую помощь "
        "получили лицей № 2 и средняя общеобразовательная школа № 14.")
SMALL = Limits(max_member_bytes=2**20, max_total_inflated=4 * 2**20, max_ratio=10**6)
ZEROS = b"\x00" * (5 * 2**20)


def statuses(parts: list[Part]) -> dict[str, str]:
    return {p.container_path: p.status for p in parts}


def test_formats_zip_one_part_per_member_with_paths() -> None:
    data = fb.zip_bytes([("2021/справка.txt", TEXT.encode("cp1251")),
                         ("2021/план.docx", fb.simple_docx([TEXT])),
                         ("2022/", b""),
                         ("отчёт.pdf", fb.pdf_bytes([TEXT]))])
    parts = read_document(data, "/inbox/batch.zip")
    assert [(p.container_path, p.format, p.status) for p in parts] == [
        ("batch.zip/2021/справка.txt", "txt", "ok"),
        ("batch.zip/2021/план.docx", "docx", "ok"),
        ("batch.zip/отчёт.pdf", "pdf", "ok")]
    assert all(TEXT in p.text for p in parts)


def test_formats_zip_bad_member_does_not_stop_the_others() -> None:
    data = fb.zip_bytes([("a.txt", TEXT.encode()), ("b.pdf", fb.pdf_bytes([TEXT])[:200]),
                         ("c.bin", bytes(range(256)) * 4), ("d.txt", TEXT.encode())])
    assert statuses(read_document(data, "a.zip")) == {
        "a.zip/a.txt": "ok", "a.zip/b.pdf": "corrupt", "a.zip/c.bin": "unsupported",
        "a.zip/d.txt": "ok"}


def test_formats_zip_nested_paths_track_the_chain() -> None:
    data = fb.nested_zip(3, "протокол.txt", TEXT.encode())
    part, = read_document(data, "a.zip")
    assert (part.container_path, part.status) == ("a.zip/level2.zip/level3.zip/протокол.txt", "ok")


def test_formats_zip_nested_too_deep_limits_exceeded() -> None:
    part, = read_document(fb.nested_zip(4, "x.txt", TEXT.encode()), "a.zip")
    assert part.status == "limits_exceeded" and part.format == "zip"
    assert part.container_path == "a.zip/level2.zip/level3.zip/level4.zip"


def test_formats_zip_windows_cp866_member_names() -> None:
    data = fb.zip_bytes([("XXXXXXXX.txt", TEXT.encode())])
    data = data.replace(b"XXXXXXXX", "ПРОТОКОЛ".encode("cp866"))   # no UTF-8 flag: DOS names
    part, = read_document(data, "a.zip")
    assert part.container_path == "a.zip/ПРОТОКОЛ.txt"



def unflagged_name_zip(name: bytes, extra: bytes = b"") -> bytes:
    """A zip whose one member's name is these bytes, without the UTF-8 flag
    (an ASCII placeholder of the same length is written, then replaced)."""
    import io
    import zipfile

    placeholder = b"N" * len(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(placeholder.decode() + ".txt")
        info.extra = extra
        archive.writestr(info, TEXT.encode())
    return buffer.getvalue().replace(placeholder, name)


def test_formats_zip_linux_utf8_member_names_without_flag() -> None:
    part, = read_document(unflagged_name_zip("Отчёты 2024".encode("utf-8")), "a.zip")
    assert part.container_path == "a.zip/Отчёты 2024.txt"


def test_formats_zip_macos_decomposed_utf8_member_names_become_composed() -> None:
    import unicodedata

    name = unicodedata.normalize("NFD", "Итоговый отчёт")
    part, = read_document(unflagged_name_zip(name.encode("utf-8")), "a.zip")
    assert part.container_path == "a.zip/Итоговый отчёт.txt"


def test_formats_zip_unicode_path_extra_field_wins() -> None:
    import struct
    import zlib

    raw = "ПРОТОКОЛ".encode("cp1251")   # what an old archiver stored in the header
    utf8 = "Протокол.txt".encode("utf-8")   # the field holds the whole name, CRC of the stored one
    field = struct.pack("<BI", 1, zlib.crc32(raw + b".txt")) + utf8
    part, = read_document(unflagged_name_zip(raw, struct.pack("<HH", 0x7075, len(field)) + field), "a.zip")
    assert part.container_path == "a.zip/Протокол.txt"

UNSAFE = [("../../etc/cron.d/evil.txt", "a.zip/etc/cron.d/evil.txt"),
          ("/root/.bashrc.txt", "a.zip/root/.bashrc.txt"),
          ("C:\\Windows\\evil.txt", "a.zip/Windows/evil.txt"),
          ("docs/./../../x.txt", "a.zip/docs/x.txt")]


@pytest.mark.parametrize("stored,shown", UNSAFE)
def test_formats_zip_unsafe_member_path_sanitised(stored: str, shown: str) -> None:
    part, = read_document(fb.zip_bytes([(stored, TEXT.encode())]), "a.zip")
    assert part.container_path == shown and part.status == "ok"
    assert "unsafe member path" in part.detail


def test_formats_nothing_written_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = sorted(os.walk(tmp_path))
    archive = fb.zip_bytes([("../../evil.txt", TEXT.encode()), ("/abs.txt", TEXT.encode()),
                            ("p.docx", fb.simple_docx([TEXT])), ("p.pdf", fb.pdf_bytes([TEXT])),
                            ("p.doc", fb.fake_ole2("WordDocument"))])
    parts = read_document(archive, "a.zip")
    assert len(parts) == 5
    assert sorted(os.walk(tmp_path)) == before
    assert not (tmp_path.parent / "evil.txt").exists()


BOMBS = [
    # high inflate ratio on a large member
    ("ratio", lambda: fb.zip_bytes([("zeros.txt", ZEROS), ("ok.txt", TEXT.encode())]), Limits()),
    # declared size over the member cap
    ("declared", lambda: fb.zip_bytes([("big.txt", ZEROS), ("ok.txt", TEXT.encode())]), SMALL),
    # declared size lies (100 bytes); the counting inflate stops at the cap
    ("lying", lambda: fb.lie_about_sizes(fb.zip_bytes([("big.txt", ZEROS)]), 100), SMALL),
]


@pytest.mark.parametrize("kind,build,limits", BOMBS)
def test_formats_zip_bomb_member(kind: str, build, limits: Limits) -> None:
    parts = read_document(build(), "a.zip", limits)
    bomb = [p for p in parts if p.status == "zip_bomb"]
    assert len(bomb) == 1 and bomb[0].text is None, parts
    assert all(p.status == "ok" for p in parts if p not in bomb)


def test_formats_zip_declared_total_over_budget() -> None:
    members = [(f"{i}.txt", ZEROS[:2**20]) for i in range(4)]
    part, = read_document(fb.zip_bytes(members), "a.zip", Limits(max_total_inflated=3 * 2**20))
    assert (part.format, part.status) == ("zip", "zip_bomb")


def test_formats_zip_inflated_budget_shared_by_nested_archives() -> None:
    inner = fb.zip_bytes([("t.txt", (TEXT * 6000)[:480_000].encode())])   # ~900 KB
    outer = fb.zip_bytes([(f"{i}.zip", inner) for i in range(4)])
    limits = Limits(max_total_inflated=2 * 2**20, max_ratio=10**6)
    assert statuses(read_document(outer, "a.zip", limits)) == {
        "a.zip/0.zip/t.txt": "ok", "a.zip/1.zip/t.txt": "ok",
        "a.zip/2.zip/t.txt": "zip_bomb", "a.zip/3.zip/t.txt": "zip_bomb"}


def test_formats_zip_nested_bomb_42_style() -> None:
    data = fb.nested_bomb(2, 4, ZEROS)
    parts = read_document(data, "42.zip")
    assert len(parts) == 16 and {p.status for p in parts} == {"zip_bomb"}
    assert parts[0].container_path == "42.zip/l1_0.zip/l0_0.zip/leaf.txt"


def test_formats_docx_document_xml_past_the_cap() -> None:
    body = "".join(fb.w_paragraph(TEXT) for _ in range(8000))
    limits = Limits(max_member_bytes=2**20, max_ratio=10**6)
    assert read_document(fb.docx_bytes(body), "p.docx", limits)[0].status == "zip_bomb"
    lying = fb.lie_about_sizes(fb.docx_bytes(body), 2000)
    assert read_document(lying, "p.docx", limits)[0].status == "zip_bomb"


XXE = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "ха-ха"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>')
ENTITY_ATTACKS = [("xxe", XXE, "&x;"), ("billion_laughs", LAUGHS, "&d;")]


@pytest.mark.parametrize("kind,prolog,reference", ENTITY_ATTACKS)
def test_formats_docx_entity_attacks_corrupt(kind: str, prolog: str, reference: str) -> None:
    body = f"<w:p><w:r><w:t>{TEXT} {reference}</w:t></w:r></w:p>"
    part, = read_document(fb.docx_bytes("", document=fb.document_xml(body, prolog)), "p.docx")
    assert part.status == "corrupt" and "unsafe XML" in part.detail


@pytest.mark.parametrize("kind,prolog,reference", ENTITY_ATTACKS)
def test_formats_odt_entity_attacks_corrupt(kind: str, prolog: str, reference: str) -> None:
    content = (f'<?xml version="1.0"?>{prolog.replace("w:document", "office:document-content")}'
               f'<office:document-content {fb.ODT_NS}><office:body><office:text>'
               f"<text:p>{TEXT} {reference}</text:p></office:text></office:body>"
               "</office:document-content>").encode()
    part, = read_document(fb.odt_bytes([], content=content), "p.odt")
    assert part.status == "corrupt"


CORRUPT_CONTAINERS = [
    ("0-byte zip", b"", "a.zip", "corrupt"),
    ("0-byte docx", b"", "a.docx", "corrupt"),
    ("0-byte txt", b"", "a.txt", "no_text"),
    ("truncated zip", fb.zip_bytes([("a.txt", TEXT.encode() * 50)])[:120], "a.zip", "corrupt"),
    ("truncated docx", fb.simple_docx([TEXT] * 50)[:-200], "a.docx", "corrupt"),
    ("malformed document.xml", fb.docx_bytes("", document=b"<w:document><w:body>"),
     "a.docx", "corrupt"),
    ("empty archive", fb.zip_bytes([]), "a.zip", "no_text"),
]


@pytest.mark.parametrize("case,data,name,status", CORRUPT_CONTAINERS)
def test_formats_damaged_containers(case: str, data: bytes, name: str, status: str) -> None:
    part, = read_document(data, name)
    assert part.status == status, part


def test_formats_zip_encrypted_member() -> None:
    data = bytearray(fb.zip_bytes([("secret.txt", TEXT.encode()), ("open.txt", TEXT.encode())]))
    data[6] |= 0x01                                    # local header: encrypted flag
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01                          # central directory: same flag
    assert statuses(read_document(bytes(data), "a.zip")) == {
        "a.zip/secret.txt": "encrypted", "a.zip/open.txt": "ok"}


def test_formats_zip_too_many_members() -> None:
    data = fb.zip_bytes([(f"{i}.txt", TEXT.encode()) for i in range(5)])
    part, = read_document(data, "a.zip", Limits(max_members=4))
    assert part.status == "limits_exceeded"


def test_formats_unknown_binary_unsupported() -> None:
    part, = read_document(b"Rar!\x1a\x07\x00" + bytes(range(256)) * 4, "a.zip")
    assert (part.format, part.status) == ("unknown", "unsupported") and "RAR" in part.detail


def test_formats_docx_deep_nesting_limits_exceeded() -> None:
    depth = 5000
    body = "<w:customXml>" * depth + fb.w_paragraph(TEXT) + "</w:customXml>" * depth
    part, = read_document(fb.docx_bytes(body), "p.docx")
    assert part.status == "limits_exceeded"


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_formats_zip_duplicate_paths_made_unique() -> None:
    data = fb.zip_bytes([("a.txt", TEXT.encode()), ("../a.txt", TEXT.encode()),
                         ("a.txt", TEXT.encode())])
    parts = read_document(data, "x.zip")
    assert [p.container_path for p in parts] == ["x.zip/a.txt", "x.zip/a.txt#2", "x.zip/a.txt#3"]
    assert "duplicate" in parts[2].detail and "unsafe" in parts[1].detail


# Inputs on which a quadratic parser or a backtracking regex takes minutes;
# linear code takes well under a second.
SLOW_INPUTS = [
    ("unclosed tags", b"<html><body>" + b"<a " * 100_000, "html"),
    ("many comments", b"<!--x-->" * 400 + b"<html><p>" + TEXT.encode() + b"</p>", "html"),
    ("picture hex", fb.rtf_bytes(TEXT).replace(b"\\par", b"{\\pict " + b"0f" * 2_000_000 + b"}\\par", 1),
     "rtf"),
]


@pytest.mark.parametrize("case,data,fmt", SLOW_INPUTS)
def test_formats_hostile_markup_is_linear(case: str, data: bytes, fmt: str) -> None:
    started = time.perf_counter()
    part, = read_document(data, "x")
    assert part.format == fmt
    assert time.perf_counter() - started < 5


def test_formats_zip_bomb_below_the_depth_limit_still_a_bomb() -> None:
    """42.zip nests five archives deep: past max_depth, but still a bomb."""
    parts = read_document(fb.nested_bomb(4, 2, ZEROS), "42.zip")
    assert len(parts) == 8 and {p.status for p in parts} == {"zip_bomb"}
    assert "nested 4 deep" in parts[0].detail
