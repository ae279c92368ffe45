"""ingest.formats.ocr: scans (PNG, JPEG, multi-page TIFF, image-only and
mixed PDFs) recognised by the real Tesseract, deskew, Latin look-alikes and
the confidence the document records."""
from __future__ import annotations

import io

import pytest

import fixtures_build as fb
from fixtures_scan import encode, page_image
from ingest.formats import detect_format, ocr, read_document

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract not installed (make installs it)")

PAGE = ["Протокол совещания руководителей школ от 12 марта 2024 года.",
        "Председательствовал: Соловьёв Е.М., начальник управления образования.",
        "Слушали: Орлову Т.В., директора МБОУ «Липовская СОШ».",
        "Решили: подготовить планы перехода школ в эффективный режим работы."]
SECOND = ["Участвовали 35 учителей из 12 школ Тестовой области."]


def only(parts):
    assert len(parts) == 1, parts
    return parts[0]


def test_formats_ocr_png_scan_is_recognised_with_its_confidence() -> None:
    data = encode([page_image(PAGE, angle=1.5, noise=20)], "PNG")
    part = only(read_document(data, "scan.png"))
    assert (part.format, part.status, part.encoding) == ("image", "ok", "ocr")
    assert "Протокол совещания руководителей школ" in part.text and "12 марта 2024" in part.text
    assert 0.8 < part.encoding_confidence <= 1.0
    assert "recognised by OCR" in part.detail and "mean word confidence" in part.detail


def test_formats_ocr_initials_keep_no_latin_lookalikes() -> None:
    part = only(read_document(encode([page_image(PAGE)], "PNG"), "scan.png"))
    assert "Соловьёв Е.М." in part.text and "Орлову Т.В." in part.text
    assert not any("A" <= ch <= "z" for ch in part.text)


def test_formats_ocr_multipage_tiff_reads_every_page() -> None:
    data = encode([page_image(PAGE), page_image(SECOND)], "TIFF")
    part = only(read_document(data, "scan.tif"))
    assert part.status == "ok"
    assert "Протокол совещания" in part.text and "Участвовали 35 учителей" in part.text
    words = [part.text[start:stop] for start, stop, _ in part.word_confidences]
    assert words == part.text.split()  # every word's range, across both pages


def test_formats_ocr_jpeg_at_its_declared_resolution() -> None:
    data = encode([page_image(SECOND, dpi=200)], "JPEG", dpi=200)
    part = only(read_document(data, "photo.jpg"))
    assert part.status == "ok" and "Участвовали 35 учителей" in part.text


def test_formats_ocr_image_only_pdf_is_recognised() -> None:
    data = encode([page_image(PAGE, angle=-1.0, noise=15)], "PDF")
    assert detect_format(data) == "pdf"
    part = only(read_document(data, "scan.pdf"))
    assert (part.format, part.status, part.encoding) == ("pdf", "ok", "ocr")
    assert "Решили: подготовить планы перехода школ" in part.text
    assert "page(s) 1 recognised by OCR" in part.detail


def test_formats_ocr_mixed_pdf_gets_text_layer_and_scans() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (fb.pdf_bytes(["Отчёт о работе школ с низкими результатами."]),
                 encode([page_image(SECOND)], "PDF")):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    part = only(read_document(buffer.getvalue(), "mixed.pdf"))
    assert part.status == "ok"
    assert part.text.index("Отчёт о работе школ") < part.text.index("Участвовали 35 учителей")
    assert "page(s) 2 recognised by OCR" in part.detail
    words = [part.text[start:stop] for start, stop, _ in part.word_confidences]
    assert words == part.text[part.text.index("Участвовали"):].split()  # the scanned page's only


def test_formats_ocr_skew_angle_is_found() -> None:
    page = page_image(PAGE + SECOND, angle=3.0)
    assert abs(ocr.skew_angle(page) - (-3.0)) <= 0.5


def test_formats_ocr_engine_missing_quarantines_images(monkeypatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    part = only(read_document(encode([page_image(SECOND)], "PNG"), "scan.png"))
    assert part.status == "unsupported" and "tesseract-ocr-rus" in part.detail


def test_formats_ocr_oversized_image_is_refused_before_decoding() -> None:
    import struct
    import zlib

    data = bytearray(encode([page_image(SECOND, dpi=72)], "PNG"))
    header = struct.pack(">II", 30000, 30000) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    part = only(read_document(bytes(data), "huge.png"))
    assert part.status == "zip_bomb"


def test_formats_ocr_broken_image_is_corrupt() -> None:
    part = only(read_document(b"\x89PNG\r\n\x1a\n" + bytes(64), "broken.png"))
    assert (part.format, part.status) == ("image", "corrupt")


@pytest.mark.parametrize("words, fixed", [
    (["Соловьёв", "E.M.,"], ["Соловьёв", "Е.М.,"]),
    (["MБOУ", "«Липовская", "CОШ»"], ["МБОУ", "«Липовская", "СОШ»"]),
    (["через", "Zoom", "и", "Sferum"], ["через", "Zoom", "и", "Sferum"]),
    (["Meeting", "at", "ten"], ["Meeting", "at", "ten"]),
])
def test_formats_ocr_lookalikes(words, fixed) -> None:
    assert ocr.fix_lookalikes(words) == fixed


def test_formats_ocr_low_confidence_words_are_named() -> None:
    data = {"text": ["Протокол", "сoвещания", ""], "conf": ["96", "41", "-1"],
            "block_num": [1, 1, 1], "par_num": [1, 1, 1], "line_num": [1, 1, 1]}
    found = ocr.assemble(data)
    assert found.pages == ["Протокол совещания"] and found.mean == pytest.approx(68.5)
    assert found.page_words == [[(0, 8, 96.0), (9, 18, 41.0)]]
    assert "low confidence (< 60%) on 1 word(s): «сoвещания»" in found.note()


def tesseract_lines(*lines: tuple[int, int, list[tuple[str, int]]]) -> dict[str, list]:
    """image_to_data's columns for lines given as (block, line, [(word, width)]):
    words 10 px apart from x = 100, confidence 90."""
    data: dict[str, list] = {key: [] for key in ("text", "conf", "block_num", "par_num", "line_num",
                                                 "left", "width")}
    for block, number, words in lines:
        x = 100
        for word, width in words:
            for key, value in (("text", word), ("conf", "90"), ("block_num", block), ("par_num", 1),
                               ("line_num", number), ("left", x), ("width", width)):
                data[key].append(value)
            x += width + 10
    return data


def test_formats_ocr_wrapped_line_is_joined_to_the_next() -> None:
    data = tesseract_lines((1, 1, [("Решили:", 70), ("подготовить", 110), ("планы", 60)]),
                           (1, 2, [("перехода", 120), ("школ.", 50)]))
    assert ocr.assemble(data).pages == ["Решили: подготовить планы перехода школ."]


def test_formats_ocr_word_broken_across_lines_is_mended() -> None:
    data = tesseract_lines((1, 1, [("Решили:", 70), ("подготовить", 110), ("пере-", 50)]),
                           (1, 2, [("хода", 80), ("школ.", 50)]))
    found = ocr.assemble(data)
    assert found.pages == ["Решили: подготовить перехода школ."]
    assert [found.pages[0][a:b] for a, b, _ in found.page_words[0]] == ["Решили:", "подготовить", "пере",
                                                                       "хода", "школ."]


def test_formats_ocr_line_the_writer_ended_stays_a_line() -> None:
    data = tesseract_lines((1, 1, [("Протокол", 90), ("№", 15), ("3", 10)]),
                           (1, 2, [("Слушали:", 80), ("директора", 100), ("гимназии.", 100)]))
    assert ocr.assemble(data).pages == ["Протокол № 3\nСлушали: директора гимназии."]


def test_formats_ocr_list_items_are_not_joined() -> None:
    data = tesseract_lines((1, 1, [("1.", 20), ("Провести", 90), ("семинар", 90), ("учителей", 100)]),
                           (1, 2, [("2.", 20), ("Направить", 100), ("отчёт.", 60)]))
    assert ocr.assemble(data).pages == ["1. Провести семинар учителей\n2. Направить отчёт."]


def test_formats_ocr_wide_gaps_become_tabs() -> None:
    data = tesseract_lines((1, 1, [("24", 20), ("Совещание", 100)]))
    data["left"][1] = 200  # far from "24": a table's next cell
    assert ocr.assemble(data).pages == ["24\tСовещание"]


@pytest.mark.parametrize("words, fixed", [
    (["МБОУ", "«Ключевская", "COLI»"], ["МБОУ", "«Ключевская", "СОШ»"]),
    (["в", "MOLLIKOBO"], ["в", "МОШКОВО"]),
    (["email", "IOT"], ["email", "IOT"]),
    (["директора", "МАОУ", "СОШ", "Ne", "33", "r.", "Озёрска"],
     ["директора", "МАОУ", "СОШ", "№", "33", "г.", "Озёрска"]),
    (["МБОУ", "«Сосновская", "ООШЪ."], ["МБОУ", "«Сосновская", "ООШ»."]),
    (["Съезд", "объявлен"], ["Съезд", "объявлен"]),
])
def test_formats_ocr_two_letter_misreadings_in_cyrillic_text(words, fixed) -> None:
    assert ocr.fix_lookalikes(words) == fixed
