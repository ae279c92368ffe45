"""ingest.formats.sheets: Excel workbooks (xlsx through openpyxl, xls through
python-calamine) as one document whose rows are tab-separated lines."""
from __future__ import annotations

import datetime as dt
import io

import pytest

import fixtures_build as fb
from fixtures_xls import xls_bytes
from ingest.formats import Limits, detect_format, read_document

PLAN = [["№", "Мероприятие", "Срок", "Ответственный"],
        [1, "Провести методический семинар для учителей", dt.date(2024, 4, 15), "Кудинова О.В."],
        [None, None, None, None],
        [2.0, "Направить отчёт о выполнении плана", "до 1 мая 2024 г.", None]]
PLAN_LINES = ["План", "№\tМероприятие\tСрок\tОтветственный",
              "1\tПровести методический семинар для учителей\t15.04.2024\tКудинова О.В.",
              "2\tНаправить отчёт о выполнении плана\tдо 1 мая 2024 г."]


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def only(parts):
    assert len(parts) == 1, parts
    return parts[0]


def test_formats_sheets_xlsx_rows_become_tab_lines() -> None:
    part = only(read_document(xlsx_bytes({"План": PLAN, "Мониторинг": [["Школ", 12]]}), "plan.xlsx"))
    assert (part.format, part.status) == ("xlsx", "ok")
    assert part.text.split("\n") == PLAN_LINES + ["", "Мониторинг", "Школ\t12"]


def test_formats_sheets_xlsx_detected_from_content_not_name() -> None:
    data = xlsx_bytes({"План": PLAN})
    assert detect_format(data) == "xlsx"
    assert only(read_document(data, "plan.docx")).format == "xlsx"


def test_formats_sheets_xls_rows_become_tab_lines() -> None:
    rows = [[cell.strftime("%d.%m.%Y") if isinstance(cell, dt.date) else cell for cell in row]
            for row in PLAN]
    part = only(read_document(xls_bytes({"План": rows}), "plan.bin"))
    assert (part.format, part.status) == ("xls", "ok")
    assert part.text.split("\n") == PLAN_LINES


def test_formats_sheets_word_file_embedding_a_workbook_stays_doc() -> None:
    assert detect_format(fb.fake_ole2("Root Entry", "WordDocument", "Workbook")) == "doc"


def test_formats_sheets_damaged_xls_is_corrupt() -> None:
    part = only(read_document(fb.fake_ole2("Root Entry", "Workbook"), "plan.xls"))
    assert (part.format, part.status) == ("xls", "corrupt")


def test_formats_sheets_damaged_xlsx_is_corrupt() -> None:
    data = fb.zip_bytes([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<not-a-workbook")])
    part = only(read_document(data, "plan.xlsx"))
    assert (part.format, part.status) == ("xlsx", "corrupt")


def test_formats_sheets_xlsx_member_bomb_refused_before_openpyxl() -> None:
    import zipfile

    data = xlsx_bytes({"План": PLAN})
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        members = [(name, original.read(name)) for name in original.namelist()]
    bomb = fb.zip_bytes(members + [("xl/media/padding.bin", b"\x00" * (3 * 2**20))])
    limits = Limits(max_member_bytes=2**20, max_total_inflated=4 * 2**20)
    part = only(read_document(bomb, "plan.xlsx", limits))
    assert (part.format, part.status) == ("xlsx", "zip_bomb")


def test_formats_sheets_xlsx_entities_never_expanded() -> None:
    import zipfile

    data = xlsx_bytes({"План": [["Мероприятие"]]})
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        members = {name: original.read(name) for name in original.namelist()}
    sheet = next(name for name in members if name.startswith("xl/worksheets/"))
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "\xd0\xbb\xd0\xbe\xd0\xbb">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    members[sheet] = members[sheet].replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', b"")
    members[sheet] = laughs + members[sheet].replace(b"<sheetData>", b"<sheetData><row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>", 1)
    part = only(read_document(fb.zip_bytes(list(members.items())), "plan.xlsx"))
    assert (part.status, part.text) == ("corrupt", None)  # defusedxml refuses the DTD


@pytest.mark.parametrize("value, text", [(12.0, "12"), (2.5, "2.5"), (True, "да"),
                                         (dt.datetime(2024, 3, 1, 14, 30), "01.03.2024 14:30"),
                                         ("две\nстроки", "две строки")])
def test_formats_sheets_cell_text(value: object, text: str) -> None:
    from ingest.formats.sheets import cell_text

    assert cell_text(value) == text
