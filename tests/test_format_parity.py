"""Format parity (issue 9 §3): one invented protocol rendered as docx, odt,
rtf, html and a paged PDF (tests/fixtures_render.py) reads back through the
reader layer with the same records as its txt."""
from __future__ import annotations

import pytest

import fixtures_render as render
from ingest.formats import read_document
from ingest.tasks import record_of
from pipeline.gold import project

# Long enough for three PDF pages, so running headers, footers and page
# numbers fall between paragraphs and table rows.
MEETING = [
    "ПРОТОКОЛ № 7",
    "заседания методического совета Управления образования Энского муниципального района",
    "",
    "от 14 марта 2024 года",
    "",
    "Председатель: Колосова Анна Петровна, начальник Управления образования.",
    "Секретарь: Дроздов Илья Сергеевич, методист информационно-методического центра.",
    "Присутствовали: 23 человека, в том числе директора школ № 4, № 9 и гимназии № 2.",
    "",
    "1. СЛУШАЛИ: Колосову А.П. об итогах мониторинга образовательных результатов "
    "обучающихся школ района за первое полугодие 2023-2024 учебного года и о "
    "подготовке к всероссийским проверочным работам в апреле 2024 года.",
    "РЕШИЛИ: руководителям школ № 4 и № 9 до 1 апреля 2024 года разработать планы "
    "повышения качества образования и представить их в Управление образования.",
    "",
] + [f"{n}. СЛУШАЛИ: Дроздова И.С. о проведении методического семинара для учителей "
     f"математики и русского языка, назначенного на {n + 2} апреля 2024 года, о составе "
     "участников, порядке регистрации и материалах, которые школы готовят к семинару."
     for n in range(2, 9)] + [
    "",
    "№\tМероприятие\tСрок\tОтветственный",
] + [f"{n}.\tПровести семинар-практикум для педагогов школы № {n} по результатам "
     f"диагностики\tдо {n + 10} мая 2024 года\tДроздов И.С." for n in range(1, 13)] + [
    "",
    "Председатель А.П. Колосова",
    "Секретарь И.С. Дроздов",
]
TEXT = "\n".join(MEETING) + "\n"
FIELDS = ("people", "dates", "schools", "counts", "decisions", "actions", "organizations")


def records_of(extractor, data: bytes, name: str) -> dict:
    parts = read_document(data, name)
    assert [part.status for part in parts] == ["ok"], parts
    predicted = project(record_of(extractor, parts[0], name), "meeting")
    return {field: predicted.get(field) for field in FIELDS}


@pytest.fixture(scope="module")
def txt_records(extractor) -> dict:
    records = records_of(extractor, TEXT.encode("utf-8"), "meeting.txt")
    assert records["people"] and records["dates"] and records["actions"], records
    return records


def test_format_parity_pdf_has_pages_headers_and_footers():
    from pypdf import PdfReader
    import io

    pages = PdfReader(io.BytesIO(render.pdf(TEXT))).pages
    assert len(pages) >= 2
    assert all(f"Страница {n} из {len(pages)}" in page.extract_text()
               for n, page in enumerate(pages, start=1))


@pytest.mark.parametrize("fmt", sorted(render.RENDERERS))
def test_format_parity_rendered_format_gives_txt_records(extractor, txt_records, fmt):
    assert records_of(extractor, render.RENDERERS[fmt](TEXT), f"meeting.{fmt}") == txt_records


PLAN = "\n".join([
    "ПЛАН МЕРОПРИЯТИЙ",
    "по сопровождению школ Энского района на 2025 год",
    "",
    "| № | Мероприятие | Срок | Ответственный |",
    "|---|---|---|---|",
    "| 1 | Установочный семинар для школьных команд и кураторов школ района | 14.03.2025 "
    "| Лаптева О.Н., методист |",
    "| 2 | Выезды кураторов в школы, верификация рисковых профилей | "
    "18.03.2025 – 29.03.2025 | Кураторы |",
    "| 3 | Итоговая конференция по результатам реализации программ | до 20.12.2025 "
    "| Лаптева О.Н. |",
    "",
    "Исполнитель: Лаптева О.Н., методист информационно-методического центра",
]) + "\n"


def test_format_parity_pipe_table_renders_as_table_rows():
    """A table converted to text as Markdown pipe rows is a table in every
    rendered format; its rule line is no row."""
    found = render.blocks(PLAN)
    assert ("table", [["№", "Мероприятие", "Срок", "Ответственный"],
                      ["1", "Установочный семинар для школьных команд и кураторов школ района",
                       "14.03.2025", "Лаптева О.Н., методист"],
                      ["2", "Выезды кураторов в школы, верификация рисковых профилей",
                       "18.03.2025 – 29.03.2025", "Кураторы"],
                      ["3", "Итоговая конференция по результатам реализации программ",
                       "до 20.12.2025", "Лаптева О.Н."]]) in found
    assert all(kind == "p" for kind, _ in found[:3])


@pytest.mark.parametrize("fmt", sorted(render.RENDERERS))
def test_format_parity_pipe_table_plan_gives_txt_actions(extractor, fmt):
    txt = records_of(extractor, PLAN.encode("utf-8"), "plan.txt")
    assert len(txt["actions"]) == 3, txt["actions"]
    rendered = records_of(extractor, render.RENDERERS[fmt](PLAN), f"plan.{fmt}")
    assert rendered["actions"] == txt["actions"]
    assert rendered["dates"] == txt["dates"]
