"""Builders of test documents as bytes (docx, odt, zip, pdf, rtf, html): no
binary fixture is committed; every test makes what it reads."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
ODT_MIME = "application/vnd.oasis.opendocument.text"
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

Table = Sequence[Sequence[str]]


# ---------------------------------------------------------------- zip
def zip_bytes(members: Iterable[tuple[str, bytes]],
              compression: int = zipfile.ZIP_DEFLATED, stored: Sequence[str] = ()) -> bytes:
    """Members deflated (or `compression`), those named in `stored` uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            method = zipfile.ZIP_STORED if name in stored else compression
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def lie_about_sizes(data: bytes, declared: int) -> bytes:
    """Rewrite every member's uncompressed size (local and central headers)."""
    out = bytearray(data)
    offset = 0
    while (offset := out.find(b"PK\x03\x04", offset)) != -1:
        struct.pack_into("<I", out, offset + 22, declared)
        offset += 4
    offset = 0
    while (offset := out.find(b"PK\x01\x02", offset)) != -1:
        struct.pack_into("<I", out, offset + 24, declared)
        offset += 4
    return bytes(out)


def nested_bomb(levels: int, fan: int, leaf: bytes) -> bytes:
    """42.zip in miniature: `fan` copies of the layer below, `levels` deep."""
    data = zip_bytes([("leaf.txt", leaf)])
    for level in range(levels):
        data = zip_bytes([(f"l{level}_{i}.zip", data) for i in range(fan)])
    return data


def nested_zip(depth: int, name: str, data: bytes) -> bytes:
    """A document wrapped in `depth` zips, one inside the other."""
    for level in range(depth):
        data = zip_bytes([(name, data)])
        name = f"level{depth - level}.zip"
    return data


# ---------------------------------------------------------------- docx
def w_paragraph(text: str, num_id: int | None = None) -> str:
    numbering = (f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
                 '<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
                 if num_id is not None else "")
    runs = "<w:r><w:tab/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>' for piece in text.split("\t"))
    return f"<w:p>{numbering}{runs}</w:p>"


def w_table(rows: Table, numbered_first_column: bool = False) -> str:
    out = ["<w:tbl><w:tblPr/>"]
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            paragraph = (w_paragraph(cell, 1) if numbered_first_column and i == 0
                         else w_paragraph(cell))
            cells.append(f"<w:tc><w:tcPr/>{paragraph}</w:tc>")
        out.append(f"<w:tr>{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
            ).encode("utf-8")


NUMBERING_XML = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()


def docx_bytes(body: str, *, numbering: bool = False, document: bytes | None = None) -> bytes:
    members = [("[Content_Types].xml", CONTENT_TYPES.encode()), ("_rels/.rels", RELS.encode()),
               ("word/document.xml", document if document is not None else document_xml(body))]
    if numbering:
        members.append(("word/numbering.xml", NUMBERING_XML))
    return zip_bytes(members)


def simple_docx(paragraphs: Sequence[str], tables: Sequence[Table] = ()) -> bytes:
    body = "".join(w_paragraph(p) for p in paragraphs) + "".join(w_table(t) for t in tables)
    return docx_bytes(body)


# ---------------------------------------------------------------- odt
def odt_bytes(paragraphs: Sequence[str], tables: Sequence[Table] = (), *,
              encrypted: bool = False, content: bytes | None = None) -> bytes:
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    for rows in tables:
        body += "<table:table><table:table-column/>" + "".join(
            "<table:table-row>" + "".join(
                f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
            + '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>'
            for row in rows) + "</table:table>"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
           f"<office:body><office:text>{body}</office:text></office:body>"
           "</office:document-content>").encode()
    encryption = ('<manifest:encryption-data manifest:checksum-type="SHA1"/>' if encrypted else "")
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{MANIFEST_NS}">'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
                f"{encryption}</manifest:file-entry></manifest:manifest>").encode()
    members = [("mimetype", ODT_MIME.encode()), ("content.xml", content or xml),
               ("META-INF/manifest.xml", manifest)]
    return zip_bytes(members, stored=("mimetype",))


# ---------------------------------------------------------------- pdf
def pdf_bytes(pages: Sequence[str], *, bomb_bytes: int = 0) -> bytes:
    """A PDF with a real text layer: a simple font whose one-byte codes map to
    Unicode through a ToUnicode CMap (so Cyrillic extracts exactly).
    bomb_bytes > 0 adds to the first page a Flate stream inflating to that size."""
    alphabet = sorted({ch for page in pages for ch in page if ch != "\n"})
    assert len(alphabet) < 255, "too many distinct characters for a one-byte font"
    code = {ch: i + 1 for i, ch in enumerate(alphabet)}
    objects: list[bytes] = []
    page_ids = [5 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R >>")
    objects.append(stream(to_unicode_cmap(code)))
    for number, page in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {page_ids[number] + 1} 0 R >>".encode())
        content = page_content(page, code)
        if bomb_bytes and number == 0:
            content += b"\n" + b"%" * bomb_bytes
            objects.append(stream(zlib.compress(content, 9), b"/Filter /FlateDecode"))
        else:
            objects.append(stream(content))
    return assemble_pdf(objects)


def page_content(page: str, code: dict[str, int]) -> bytes:
    lines = [b"BT /F1 12 Tf 14 TL 40 800 Td"]
    for line in page.split("\n"):
        hexed = "".join(f"{code[ch]:02X}" for ch in line)
        lines.append(f"<{hexed}> Tj T*".encode())
    lines.append(b"ET")
    return b"\n".join(lines)


def to_unicode_cmap(code: dict[str, int]) -> bytes:
    entries = [f"<{c:02X}> <{ord(ch):04X}>" for ch, c in code.items()]
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n" + "\n".join(blocks) +
            "\nendcmap CMapName currentdict /CMap defineresource pop end end").encode()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def assemble_pdf(objects: Sequence[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def encrypted_pdf(data: bytes, user_password: str, algorithm: str = "AES-256") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- rtf / html / ole2
def rtf_bytes(text: str, *, unicode: bool = False, rows: Table = ()) -> bytes:
    """RTF with Cyrillic as \\'XX cp1251 escapes (or \\uN with a ? fallback),
    then a table of `rows` (\\trowd ... \\cell ... \\row)."""
    table = []
    for row in rows:
        widths = "".join(f"\\cellx{1500 * (i + 1)}" for i in range(len(row)))
        cells = "".join(f"{rtf_escape(cell, unicode)}\\cell " for cell in row)
        table.append(f"\\trowd{widths}\\intbl {cells}\\row\n")
    header = ("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset204 Arial;}}"
              "\\f0\\fs24 ")
    body = rtf_escape(text, unicode) + "\\par\n" + "".join(table) + "\\pard"
    return (header + body + "}").encode("ascii")


def rtf_escape(text: str, unicode: bool) -> str:
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\par\n")
        elif ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif unicode:
            value = ord(ch)
            out.append(f"\\u{value - 65536 if value > 32767 else value}?")
        else:
            out.append(f"\\'{ch.encode('cp1251')[0]:02x}")
    return "".join(out)


def html_bytes(body: str, *, encoding: str = "utf-8", meta: str | None = None) -> bytes:
    meta_tag = f'<meta charset="{meta}">' if meta else ""
    page = (f"<!DOCTYPE html><html><head>{meta_tag}<title>Заголовок окна</title>"
            "<style>p { color: red }</style><script>var x = 'скрипт';</script></head>"
            f"<body>{body}</body></html>")
    return page.encode(encoding)


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def fake_ole2(*stream_names: str, payload: bytes = b"") -> bytes:
    """Not a valid compound file: the magic, the directory names the reader
    looks for (UTF-16LE) and a payload; enough for the checks before conversion."""
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return OLE2_MAGIC + b"\x00" * 504 + names + payload
