"""Page furniture of a PDF's text layer (ingest.formats.pdf_furniture), on
page texts as pypdf gives them, and end to end on a paged PDF."""
from __future__ import annotations

import fixtures_render as render
from ingest.formats import read_document
from ingest.formats.pdf_furniture import strip_furniture

HEADER = "Протокол заседания методического совета"


def pages(count: int, footer: str = "Страница {n} из {total}") -> list[str]:
    return [f"{HEADER}\nТекст о школе № {n + 10}.\nВторая строка о гимназии № {n + 20}.\n"
            + footer.format(n=n, total=count) for n in range(1, count + 1)]


def test_pdf_furniture_drops_running_header_and_footer():
    out = strip_furniture(pages(3))
    assert out[1] == "Текст о школе № 12.\nВторая строка о гимназии № 22."


def test_pdf_furniture_drops_dashed_page_number_of_a_single_page():
    assert strip_furniture(["Текст о школе № 5.\n- 1 -"]) == ["Текст о школе № 5."]


def test_pdf_furniture_keeps_bare_number_that_is_not_the_page_number():
    assert strip_furniture(["Всего участников:\n17"]) == ["Всего участников:\n17"]


def test_pdf_furniture_keeps_a_first_line_not_repeated_on_half_the_pages():
    texts = [f"Раздел {n + 4}. Школа № {n + 7}\nТекст {n}." for n in range(1, 5)]
    texts[0] = "Протокол № 3\n" + texts[0]
    assert strip_furniture(texts)[0].startswith("Протокол № 3\nРаздел 5.")


def test_pdf_furniture_leaves_recognised_pages_alone():
    texts = pages(2)
    assert strip_furniture(texts, keep=frozenset({1}))[1] == texts[1]


def test_pdf_furniture_joins_justified_space_runs():
    assert strip_furniture(["Школа  №  5  провела  семинар."]) == ["Школа № 5 провела семинар."]


def test_pdf_furniture_paged_pdf_reads_without_headers_and_page_numbers():
    text = "\n".join(f"Абзац {n}: школа № {n} провела методический семинар для учителей района."
                     for n in range(1, 120))
    part = read_document(render.pdf(text), "paged.pdf")[0]
    assert part.status == "ok"
    assert "Страница" not in part.text
    assert part.text.count("Абзац 1:") == 1  # the running header (the first line) is gone
    assert "Абзац 119: школа № 119" in part.text


SPACING = [
    # justified text: most gaps are runs of spaces, made single
    ("Школа  №  5  провела   семинар  для  учителей.", "Школа № 5 провела семинар для учителей."),
    # a signature's one wide gap between the post and the name stays
    ("Глава города Вербовска    П.С. Рыбкин", "Глава города Вербовска    П.С. Рыбкин"),
    ("Директор школы № 3      А.Н. Лукина", "Директор школы № 3      А.Н. Лукина"),
]


def test_pdf_furniture_single_spaces_only_justified_lines():
    for line, expected in SPACING:
        assert strip_furniture([line]) == [expected]


def test_pdf_furniture_drops_header_repeating_title_of_single_page():
    page = "ПРИКАЗ\nПРИКАЗ\nот 3 марта 2025 г. № 12\nО проведении олимпиады"
    assert strip_furniture([page]) == ["ПРИКАЗ\nот 3 марта 2025 г. № 12\nО проведении олимпиады"]


def test_pdf_furniture_keeps_title_that_is_not_repeated():
    page = "ПРИКАЗ\nот 3 марта 2025 г. № 12\nО проведении олимпиады"
    assert strip_furniture([page]) == [page]


def test_pdf_furniture_paged_pdf_keeps_signature_gap_and_one_title():
    text = ("РАСПОРЯЖЕНИЕ\nО награждении педагогов Липецкой гимназии № 8\n"
            "1. Наградить педагогов почётными грамотами.\n"
            "Начальник управления образования      К.Е. Смолина")
    part = read_document(render.pdf(text), "order.pdf")[0]
    assert part.text.count("РАСПОРЯЖЕНИЕ") == 1
    assert "образования      К.Е. Смолина" in part.text


def test_pdf_furniture_drops_header_cut_short_over_its_title():
    page = ("Отчёт о методическом семинаре учителей математики школ Заречного …\n"
            "Отчёт о методическом семинаре учителей математики школ Заречного района\n"
            "прошёл 5 апреля.")
    assert strip_furniture([page]) == [page.split("\n", 1)[1]]


def test_pdf_furniture_keeps_first_line_ending_in_ellipsis_that_is_no_title():
    page = "Итоги года …\nИтоги конкурса подведены в мае."
    assert strip_furniture([page]) == [page]
