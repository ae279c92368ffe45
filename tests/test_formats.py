"""ingest.formats: detection from content and the single-document readers
(txt, html, rtf, pdf, doc, docx, odt) on documents built by fixtures_build."""
from __future__ import annotations

import dataclasses

import pytest

import fixtures_build as fb
import fixtures_doc as fbd
from ingest.formats import Limits, Part, detect_format, read_document
from ingest.formats import doc as doc_reader

PROTOCOL = ("Протокол совещания муниципальных координаторов проекта «500+» "
            "от 12 марта 2024 года. Решили: обеспечить участие школ в семинаре.")
SECOND = "Присутствовали: Сидоренко Марина Павловна, директор гимназии № 3."
ACTION_ROWS = [["1.", "Провести методический семинар для учителей", "до 15 апреля 2024 г."],
               ["2.", "Направить отчёт о выполнении плана", "Кудинова О.В."]]


def only(parts: list[Part]) -> Part:
    assert len(parts) == 1, parts
    return parts[0]


DETECTION = [
    ("txt", PROTOCOL.encode("utf-8")),
    ("txt", PROTOCOL.encode("cp1251")),
    ("docx", fb.simple_docx([PROTOCOL])),
    ("odt", fb.odt_bytes([PROTOCOL])),
    ("pdf", fb.pdf_bytes([PROTOCOL])),
    ("rtf", fb.rtf_bytes(PROTOCOL)),
    ("html", fb.html_bytes(f"<p>{PROTOCOL}</p>")),
    ("zip", fb.zip_bytes([("a.txt", PROTOCOL.encode())])),
    ("doc", fb.fake_ole2("Root Entry", "WordDocument")),
    ("image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("unknown", b"GIF89a" + bytes(range(256)) * 4),
    ("unknown", bytes(range(256)) * 8),
]


@pytest.mark.parametrize("expected,data", DETECTION)
def test_formats_detect_from_content(expected: str, data: bytes) -> None:
    assert detect_format(data) == expected


# Same bytes under a misleading name: the content decides.
WRONG_NAMES = [
    ("протокол.pdf", fb.simple_docx([PROTOCOL]), "docx"),
    ("протокол.docx", fb.pdf_bytes([PROTOCOL]), "pdf"),
    ("протокол.txt", fb.rtf_bytes(PROTOCOL), "rtf"),
    ("протокол.doc", fb.html_bytes(f"<p>{PROTOCOL}</p>"), "html"),
]


@pytest.mark.parametrize("name,data,fmt", WRONG_NAMES)
def test_formats_wrong_extension_read_by_content(name: str, data: bytes, fmt: str) -> None:
    part = only(read_document(data, name))
    assert (part.format, part.status) == (fmt, "ok")
    assert "Решили: обеспечить участие школ" in part.text


ENCODINGS = ["utf-8", "utf-8-sig", "cp1251", "koi8-r", "cp866"]
# koi8-r and cp866 have no «» or №
PLAIN = PROTOCOL.replace("«", '"').replace("»", '"') + "\n" + SECOND.replace("№", "N")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_formats_txt_encodings(encoding: str) -> None:
    part = only(read_document(PLAIN.encode(encoding), "p.txt"))
    assert part.status == "ok" and part.format == "txt" and part.container_path is None
    assert part.text == PLAIN
    assert part.encoding == encoding and part.encoding_confidence > 0.5


def test_formats_txt_nul_bytes_stripped_with_warning() -> None:
    data = PROTOCOL.encode("utf-8") + b"\x00\x00\x00" + SECOND.encode("utf-8")
    part = only(read_document(data, "p.txt"))
    assert part.status == "ok" and part.text == PROTOCOL + SECOND
    assert "NUL" in part.detail


def test_formats_txt_damaged_utf8_replaced_not_misread_as_cp1251() -> None:
    data = PROTOCOL.encode("utf-8") + b"\xff\xfe " + SECOND.encode("utf-8")
    part = only(read_document(data, "p.txt"))
    assert part.status == "ok" and part.encoding == "utf-8"
    assert PROTOCOL in part.text and "\ufffd" in part.text
    assert "invalid UTF-8" in part.detail and part.encoding_confidence < 0.9


def test_formats_txt_utf16_with_bom() -> None:
    part = only(read_document(PROTOCOL.encode("utf-16"), "p.txt"))
    assert (part.status, part.text) == ("ok", PROTOCOL)


QUARANTINED_TEXT = [
    ("", "p.txt", "no_text"),
    (" \n\t ", "p.txt", "no_text"),
    ("Meeting minutes of the regional coordinators, March 2024.", "en.txt", "no_text"),
]


@pytest.mark.parametrize("text,name,status", QUARANTINED_TEXT)
def test_formats_txt_quarantine(text: str, name: str, status: str) -> None:
    part = only(read_document(text.encode(), name))
    assert part.status == status and part.text is None and part.detail


def test_formats_size_limit_too_large() -> None:
    part = only(read_document(PROTOCOL.encode() * 10, "p.txt", Limits(max_file_bytes=100)))
    assert part.status == "too_large"


def test_formats_text_limit_exceeded() -> None:
    part = only(read_document(PROTOCOL.encode(), "p.txt", Limits(max_text_chars=50)))
    assert part.status == "limits_exceeded"


def test_formats_docx_paragraphs_and_table_rows() -> None:
    part = only(read_document(fb.simple_docx([PROTOCOL, SECOND], [ACTION_ROWS]), "p.docx"))
    assert part.status == "ok"
    assert part.text.split("\n") == [PROTOCOL, SECOND] + ["\t".join(r) for r in ACTION_ROWS]


def test_formats_docx_auto_numbered_rows_keep_their_number() -> None:
    rows = [["", "Провести семинар", "до 1 мая"], ["", "Подготовить отчёт", "до 1 июня"]]
    data = fb.docx_bytes(fb.w_table(rows, numbered_first_column=True), numbering=True)
    part = only(read_document(data, "plan.docx"))
    assert part.text.split("\n") == ["1.\tПровести семинар\tдо 1 мая",
                                     "2.\tПодготовить отчёт\tдо 1 июня"]


def test_formats_docx_tab_inside_paragraph_and_cell_kept_one_line() -> None:
    rows = [["Ответственный:\tКудинова О.В.", "Срок"]]
    body = fb.w_paragraph("Директор\tМ.П. Сидоренко") + fb.w_table(rows)
    part = only(read_document(fb.docx_bytes(body + fb.w_paragraph(PROTOCOL)), "p.docx"))
    assert part.text.split("\n")[:2] == ["Директор\tМ.П. Сидоренко",
                                         "Ответственный: Кудинова О.В.\tСрок"]


def test_formats_odt_paragraphs_and_table_rows() -> None:
    part = only(read_document(fb.odt_bytes([PROTOCOL], [ACTION_ROWS]), "p.odt"))
    assert part.status == "ok"
    assert part.text.split("\n") == [PROTOCOL] + ["\t".join(r) for r in ACTION_ROWS]


def test_formats_odt_encrypted() -> None:
    part = only(read_document(fb.odt_bytes([PROTOCOL], encrypted=True), "p.odt"))
    assert part.status == "encrypted"


@pytest.mark.parametrize("unicode", [False, True])
def test_formats_rtf_cyrillic_escapes(unicode: bool) -> None:
    part = only(read_document(fb.rtf_bytes(f"{PROTOCOL}\n{SECOND}", unicode=unicode), "p.rtf"))
    assert part.status == "ok" and part.format == "rtf"
    assert part.text.strip().split("\n") == [PROTOCOL, SECOND]


def test_formats_rtf_table_rows() -> None:
    part = only(read_document(fb.rtf_bytes(PROTOCOL, rows=ACTION_ROWS), "p.rtf"))
    assert part.text.strip().split("\n") == [PROTOCOL] + ["\t".join(r) for r in ACTION_ROWS]


HTML_CASES = [("utf-8", None), ("cp1251", None), ("koi8-r", "koi8-r"), ("cp1251", "windows-1251")]


@pytest.mark.parametrize("encoding,meta", HTML_CASES)
def test_formats_html_charset_and_structure(encoding: str, meta: str | None) -> None:
    rows = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in r)}</tr>" for r in ACTION_ROWS)
    first, second = PLAIN.split("\n")
    body = f"<h1>Протокол</h1><div>{first}<br>{second}</div><table>{rows}</table>"
    part = only(read_document(fb.html_bytes(body, encoding=encoding, meta=meta), "p.html"))
    assert part.status == "ok" and part.format == "html"
    assert part.text.split("\n") == ["Протокол", first, second] + ["\t".join(r)
                                                                   for r in ACTION_ROWS]
    assert "скрипт" not in part.text and "color" not in part.text
    assert part.encoding.replace("windows-", "cp") == encoding


def test_formats_pdf_text_layer_in_page_order() -> None:
    part = only(read_document(fb.pdf_bytes([PROTOCOL, SECOND]), "p.pdf"))
    assert part.status == "ok" and part.format == "pdf"
    assert part.text.index(PROTOCOL) < part.text.index(SECOND)


PDF_QUARANTINE = [
    ("encrypted", lambda: fb.encrypted_pdf(fb.pdf_bytes([PROTOCOL]), "secret"), Limits()),
    ("corrupt", lambda: fb.pdf_bytes([PROTOCOL])[:300], Limits()),
    ("corrupt", lambda: b"%PDF-1.4\nnot really a pdf\n%%EOF\n", Limits()),
    ("no_text", lambda: fb.pdf_bytes([""]), Limits()),
    ("limits_exceeded", lambda: fb.pdf_bytes([PROTOCOL] * 3), Limits(max_pdf_pages=2)),
    ("zip_bomb", lambda: fb.pdf_bytes([PROTOCOL], bomb_bytes=3 * 2**20),
     Limits(max_member_bytes=2**20)),
]


@pytest.mark.parametrize("status,build,limits", PDF_QUARANTINE)
def test_formats_pdf_quarantine(status: str, build, limits: Limits) -> None:
    part = only(read_document(build(), "p.pdf", limits))
    assert (part.format, part.status) == ("pdf", status) and part.detail


def test_formats_pdf_owner_password_only_opens() -> None:
    data = fb.encrypted_pdf(fb.pdf_bytes([PROTOCOL]), "")
    assert PROTOCOL in only(read_document(data, "p.pdf")).text


DOC_QUARANTINE = [
    ("encrypted", fb.fake_ole2("Root Entry", "EncryptionInfo", "EncryptedPackage")),
    ("unsupported", fb.fake_ole2("Root Entry", "PowerPoint Document")),
]


@pytest.mark.parametrize("status,data", DOC_QUARANTINE)
def test_formats_doc_quarantine_before_conversion(status: str, data: bytes) -> None:
    part = only(read_document(data, "p.doc"))
    assert (part.format, part.status) == ("doc", status)


def test_formats_doc_converter_missing_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)
    part = only(read_document(fb.fake_ole2("Root Entry", "WordDocument"), "p.doc"))
    assert part.status == "unsupported" and "antiword" in part.detail


def test_formats_doc_converter_output_becomes_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes reach the converter through /dev/fd; `cat` stands in for antiword."""
    monkeypatch.setattr(doc_reader, "find_converter", lambda: ("/bin/cat", ()))
    data = fb.fake_ole2("WordDocument", payload=PROTOCOL.encode("utf-8"))
    part = only(read_document(data, "p.doc"))
    assert part.status == "ok" and PROTOCOL in part.text


def test_formats_doc_converter_failure_is_corrupt() -> None:
    if doc_reader.find_converter() is None:
        pytest.skip("antiword/catdoc not installed")
    part = only(read_document(fb.fake_ole2("Root Entry", "WordDocument"), "p.doc"))
    assert part.status == "corrupt"


def test_formats_part_is_frozen() -> None:
    part = only(read_document(PROTOCOL.encode(), "p.txt"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        part.status = "corrupt"  # type: ignore[misc]


OTHER_PACKAGES = [
    ("xlsx", fb.zip_bytes([("[Content_Types].xml", b"<Types/>"),
                           ("xl/sharedStrings.xml", f"<sst><si><t>{PROTOCOL}</t></si></sst>".encode())])),
    ("ods", fb.zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                          ("content.xml", f"<x>{PROTOCOL}</x>".encode()),
                          ("META-INF/manifest.xml", b"<m/>")], compression=0)),
]


@pytest.mark.parametrize("kind,data", OTHER_PACKAGES)
def test_formats_other_office_packages_unsupported(kind: str, data: bytes) -> None:
    part = only(read_document(data, f"table.{kind}"))
    assert (part.format, part.status) == ("unknown", "unsupported") and "package" in part.detail


def test_formats_odt_with_deflated_mimetype_still_odt() -> None:
    data = fb.zip_bytes([("mimetype", fb.ODT_MIME.encode()),
                         ("content.xml", b"<x/>")])
    assert detect_format(data) == "odt"


def test_formats_doc_word97_converted_by_antiword() -> None:
    if doc_reader.find_converter() is None:
        pytest.skip("antiword/catdoc not installed")
    data = fbd.word97_doc(f"{PROTOCOL}\n{SECOND}", [ACTION_ROWS])
    part = only(read_document(data, "протокол.doc"))
    assert (part.format, part.status) == ("doc", "ok"), part.detail
    assert part.text.split("\n") == [PROTOCOL, SECOND] + ["\t".join(r) for r in ACTION_ROWS]


ANTIWORD_TABLE = "\n".join([
    "План мероприятий",
    "|1.     |Провести         |до 1 мая   |",
    "|       |семинар          |           |",
    "|2.     |Отчёт            |Кудинова   |",
    "|       |                 |О.В.       |",
    "Председатель"])


def test_formats_doc_antiword_table_rows_become_tab_lines() -> None:
    assert doc_reader.table_rows_to_tabs(ANTIWORD_TABLE).split("\n") == [
        "План мероприятий", "1.\tПровести семинар\tдо 1 мая", "2.\tОтчёт\tКудинова О.В.",
        "Председатель"]


def test_formats_doc_converter_crash_is_corrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader, "find_converter",
                        lambda: ("/bin/sh", ("-c", 'kill -SEGV $$', "sh")))
    part = only(read_document(fb.fake_ole2("WordDocument"), "p.doc"))
    assert part.status == "corrupt" and "signal 11" in part.detail


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TEXT_BOX = ('<w:txbxContent><w:p><w:r><w:t>УТВЕРЖДАЮ</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Директор лицея</w:t></w:r></w:p></w:txbxContent>')


def test_formats_docx_text_box_once_despite_fallback() -> None:
    run = (f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps">{TEXT_BOX}'
           f"</mc:Choice><mc:Fallback>{TEXT_BOX}</mc:Fallback></mc:AlternateContent></w:r>")
    body = f"<w:p>{run}</w:p>" + fb.w_paragraph(PROTOCOL)
    part = only(read_document(fb.docx_bytes(body), "p.docx"))
    assert part.text.count("УТВЕРЖДАЮ") == 1
    assert "УТВЕРЖДАЮ\nДиректор лицея" in part.text


def test_formats_pdf_oversized_page_skipped_with_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.formats import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "PAGE_CONTENT_CAP", 2000)
    data = fb.pdf_bytes([PROTOCOL, "\n".join([SECOND] * 40)])
    part = only(read_document(data, "p.pdf"))
    assert part.status == "ok" and SECOND not in part.text and PROTOCOL in part.text
    assert "page(s) 2 skipped" in part.detail


ODT_LIST_STYLE = ('<office:automatic-styles><text:list-style style:name="L1">'
                  '<text:list-level-style-number text:level="1" style:num-suffix="." '
                  'style:num-format="1"/><text:list-level-style-number text:level="2" '
                  'style:num-suffix=")" style:num-format="а"/></text:list-style>'
                  '</office:automatic-styles>')


def odt_numbered_cell(text: str) -> str:
    return ('<table:table-cell><text:list text:style-name="L1" text:continue-numbering="true">'
            f"<text:list-item><text:p>{text}</text:p></text:list-item></text:list>"
            "</table:table-cell>")


def test_formats_odt_auto_numbered_lists_and_rows() -> None:
    rows = "".join(f"<table:table-row>{odt_numbered_cell('')}<table:table-cell><text:p>{task}"
                   "</text:p></table:table-cell></table:table-row>"
                   for task in ("Провести семинар", "Подготовить отчёт"))
    body = ('<text:list text:style-name="L1"><text:list-item><text:p>Слушали</text:p>'
            '<text:list><text:list-item><text:p>доклад куратора</text:p></text:list-item>'
            "</text:list></text:list-item></text:list>"
            f"<table:table>{rows}</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {fb.ODT_NS} '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
               f"{ODT_LIST_STYLE}<office:body><office:text>{body}</office:text></office:body>"
               "</office:document-content>").encode()
    part = only(read_document(fb.odt_bytes([], content=content), "plan.odt"))
    assert part.text.split("\n") == ["1. Слушали", "а) доклад куратора",
                                     "2.\tПровести семинар", "3.\tПодготовить отчёт"]
