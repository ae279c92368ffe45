"""PDF table rows (ingest.formats.pdf_layout): a ruled table's row reads as
one line of tab-separated cells, as a docx table row does; the rest of the
page reads as pypdf reads it."""
from __future__ import annotations

import io

from pypdf import PdfReader

import fixtures_render as render
from ingest.formats import pdf as pdf_reader, pdf_layout, read_document

TABLE = ("План мероприятий\n"
         "№\tМероприятие\tСрок\n"
         "1.\tПровести семинар-практикум для педагогов школы № 4 по результатам "
         "диагностики и подготовить отчёт\tдо 15 мая 2024 года\n"
         "2.\t\tдо 20 мая 2024 года\n"
         "Председатель А.П. Колосова\n")


def pages(data: bytes) -> list:
    return list(PdfReader(io.BytesIO(data)).pages)


def framed(text: str, boxes: int = 1) -> bytes:
    """One paragraph inside a drawn frame (``boxes`` frames side by side, the
    text in the first)."""
    from fpdf import FPDF

    document = FPDF(format="A4")
    document.add_font("DejaVu", fname=str(render.FONT))
    document.set_font("DejaVu", size=11)
    document.add_page()
    for n in range(boxes):
        document.rect(20 + 60 * n, 20, 55, 30)
    document.set_xy(22, 22)
    document.multi_cell(50, 5, text)
    return bytes(document.output())


def test_pdf_layout_table_row_is_one_line_of_tab_separated_cells():
    text = read_document(render.pdf(TABLE), "plan.pdf")[0].text
    assert ("1.\tПровести семинар-практикум для педагогов школы № 4 по результатам "
            "диагностики и подготовить отчёт\tдо 15 мая 2024 года") in text.split("\n")


def test_pdf_layout_empty_cell_keeps_its_column():
    text = read_document(render.pdf(TABLE), "plan.pdf")[0].text
    assert "2.\t\tдо 20 мая 2024 года" in text.split("\n")


def test_pdf_layout_text_around_a_table_stays_on_its_own_lines():
    lines = read_document(render.pdf(TABLE), "plan.pdf")[0].text.split("\n")
    assert lines[lines.index("№\tМероприятие\tСрок") - 1].endswith("План мероприятий")
    assert lines[lines.index("Председатель А.П. Колосова") - 1].startswith("2.\t")


def test_pdf_layout_page_without_table_reads_as_pypdf_reads_it():
    page = pages(render.pdf("Первый абзац.\n\nВторой абзац, " + "длинный " * 30 + "конец."))[0]
    assert pdf_layout.page_text(page) == page.extract_text()


def test_pdf_layout_framed_paragraph_reads_as_pypdf_reads_it():
    page = pages(framed("Рамка вокруг " + "абзаца " * 12))[0]
    assert pdf_layout.page_text(page) == page.extract_text()


def test_pdf_layout_side_by_side_boxes_are_a_row():
    page = pages(framed("Первая ячейка в две строки текста", boxes=2))[0]
    assert pdf_layout.page_text(page).strip("\n") == "Первая ячейка в две строки текста\t"


def test_pdf_layout_page_of_many_boxes_reads_as_pypdf_reads_it(monkeypatch):
    monkeypatch.setattr(pdf_layout, "MAX_BOXES", 3)
    page = pages(render.pdf(TABLE))[0]
    assert pdf_layout.page_text(page) == page.extract_text()


def test_pdf_layout_frame_around_cells_is_not_a_cell():
    cells = [(10.0, 10.0, 50.0, 30.0), (50.0, 10.0, 90.0, 30.0)]
    assert pdf_layout.rows_of([(9.0, 9.5, 91.0, 30.5), *cells]) == [cells]


def test_pdf_layout_cell_lines_ending_in_hyphen_run_on():
    pieces = [(-700.0, 80.0, " семинар-"), (-690.0, 80.0, " практикум для"), (-680.0, 80.0, " учителей ")]
    assert pdf_layout.cell_text(pieces) == "семинар-практикум для учителей"


def test_pdf_layout_paragraph_over_a_page_break_runs_on():
    text, _ = pdf_reader.join_pages(["Директор отметила активность\n", "школ в конкурсах."], {})
    assert text == "Директор отметила активность\nшкол в конкурсах."


def test_pdf_layout_sentence_ending_at_a_page_break_ends_its_paragraph():
    text, _ = pdf_reader.join_pages(["Директор отметила активность.\n", "школы участвовали."], {})
    assert text == "Директор отметила активность.\n\nшколы участвовали."


def ruled(rows: list[list[str]], widths: tuple[float, ...] = (15, 80, 45)) -> bytes:
    """A table drawn as a word processor draws borders: lines, not boxes."""
    from fpdf import FPDF

    document = FPDF(format="A4")
    document.add_font("DejaVu", fname=str(render.FONT))
    document.set_font("DejaVu", size=10)
    document.add_page()
    top, height, edges = 30.0, 16.0, [20.0]
    for width in widths:
        edges.append(edges[-1] + width)
    for n in range(len(rows) + 1):
        document.line(edges[0], top + n * height, edges[-1], top + n * height)
    for x in edges:
        document.line(x, top, x, top + len(rows) * height)
    for n, cells in enumerate(rows):
        for left, right, cell in zip(edges, edges[1:], cells):
            document.set_xy(left + 1, top + n * height + 1)
            document.multi_cell(right - left - 2, 5, cell)
    return bytes(document.output())


def test_pdf_layout_table_ruled_with_lines_reads_row_by_row():
    rows = [["1.", "Провести семинар для педагогов школы № 4 по результатам диагностики",
             "до 15 мая 2024 года"], ["2.", "Подготовить отчёт", "до 20 мая"]]
    page = pages(ruled(rows))[0]
    assert pdf_layout.page_text(page).strip("\n").split("\n") == ["\t".join(row) for row in rows]


def test_pdf_layout_grid_cells_need_rules_on_all_sides():
    from ingest.formats import pdf_grid

    horizontal = [(10.0, 0.0, 100.0), (30.0, 0.0, 50.0)]      # the lower rule stops at 50
    vertical = [(0.0, 10.0, 30.0), (50.0, 10.0, 30.0), (100.0, 10.0, 30.0)]
    assert pdf_grid.cells(horizontal, vertical) == [(0.0, 10.0, 50.0, 30.0)]


CELL_LINES = [
    # a word cut by a hyphen at the cell's edge closes up
    ([(-700.0, 10.0, "семинар-"), (-690.0, 10.0, "практикум")], "семинар-практикум"),
    # a dash after a space is a range's dash: the next line goes on after a space
    ([(-700.0, 10.0, "02.04.2025 -"), (-690.0, 10.0, "по 30.04.2025")], "02.04.2025 - по 30.04.2025"),
    ([(-700.0, 10.0, "1 - 3"), (-690.0, 10.0, "апреля")], "1 - 3 апреля"),
]


def test_pdf_layout_cell_lines_join_by_hyphen_or_space():
    for pieces, expected in CELL_LINES:
        assert pdf_layout.cell_text(pieces) == expected


UNRULED_PLAN = ("План мероприятий школ Ольховского района на весну, утверждённый методическим "
                "советом района\n"
                "№\tМероприятие\tСрок\tОтветственный\n"
                "1.\tПровести семинар-практикум для педагогов школы № 4 по результатам "
                "диагностики и подготовить отчёт\tдо 15 мая 2025 года\tГусева Л.А.\n"
                "2.\tВыезды кураторов в школы\tс 2 по 13 июня 2025 года, по графику "
                "управления образования\tКураторы школ\n"
                "Председатель Н.В. Белова\n")


def test_pdf_layout_unruled_table_rows_read_as_ruled_ones():
    """A table drawn without any border reads row by row as the ruled one does,
    its cells centred in tall rows included."""
    ruled = read_document(render.pdf(UNRULED_PLAN), "plan.pdf")[0].text
    unruled = read_document(render.pdf_unruled(UNRULED_PLAN), "plan.pdf")[0].text
    assert unruled == ruled
    assert ("2.\tВыезды кураторов в школы\tс 2 по 13 июня 2025 года, по графику управления "
            "образования\tКураторы школ") in unruled.split("\n")


def test_pdf_layout_unruled_text_lines_stay_text():
    """Running text and a signature with a wide gap are no table."""
    text = ("Педагоги школ Ольховского района обсудили итоги мониторинга и наметили "
            "планы на следующий учебный год.\n" * 3 + "Председатель          Н.В. Белова\n"
            "Секретарь             П.С. Рыбкин\n")
    read = read_document(render.pdf_unruled(text), "note.pdf")[0].text
    assert "\t" not in read


def centred_row(top: float, order: list[tuple[float, list[str]]]) -> list[tuple[str, float, float]]:
    """Fragments of one borderless row, cell by cell as a word processor draws it:
    (column x, lines); a cell with fewer lines is centred in the row's height."""
    height = max(len(lines) for _, lines in order)
    out = []
    for x, lines in order:
        first = top - (height - len(lines)) * 6.4
        out += [(line, x, first - 12.8 * n) for n, line in enumerate(lines)]
    return out


def test_pdf_layout_unruled_rows_whose_first_lines_come_before_all_columns_are_seen():
    """A row whose tall cells start above any line showing all the columns (centred
    short cells) keeps its top lines."""
    from ingest.formats import pdf_columns

    fragments = centred_row(760.0, [(60.0, ["7"]), (83.0, ["Организация", "работы", "площадки",
                                                            "«Учимся»"]),
                                    (242.0, ["ежемесячно"]), (335.0, ["Белова", "Н.В.", "директор"]),
                                    (445.0, ["Заседания", "проведены", "дважды"])])
    fragments += centred_row(700.0, [(60.0, ["8"]), (83.0, ["Вебинары", "ФИОКО"]),
                                     (242.0, ["в течение", "года"]), (335.0, ["Школы"]),
                                     (445.0, ["Прошли"])])
    rows = pdf_layout.rows_of(pdf_columns.cells(fragments, [9.0] * len(fragments)))
    assert pdf_layout.layout(fragments, rows).split("\n")[0] == (
        "7\tОрганизация работы площадки «Учимся»\tежемесячно\tБелова Н.В. директор\t"
        "Заседания проведены дважды")


def test_pdf_layout_page_in_two_text_columns_is_no_table():
    """Text set in two columns, drawn column after column, reads as pypdf reads it:
    the left column's lines, then the right one's."""
    from ingest.formats import pdf_columns

    left = [(f"Левая строка {n} о школе № {n}", 60.0, 700.0 - 13.0 * n) for n in range(8)]
    right = [(f"Правая строка {n} о гимназии", 310.0, 700.0 - 13.0 * n) for n in range(8)]
    fragments = left + right
    assert pdf_columns.cells(fragments, [10.0] * len(fragments)) == []
