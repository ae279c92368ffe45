"""Robustness of the whole extraction pipeline against arbitrary and hostile text.

Property tests (hypothesis, derandomized so CI is repeatable) over texts built
from a Russian-flavoured alphabet and fragments typical of protocols and
reports, plus a table of explicit edge cases. For every input the pipeline
must: raise nothing but our own ``schemas.errors`` subclasses, return a record
that validates again from its own dump, ground every exact span in the source
inside the text's bounds, and give the same JSON twice. Speed on the
pathological inputs is measured in bench/bench_pathological.py, not here.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import spans_in
from schemas.errors import InputError, ReestrError
from schemas.records import ExtractionRecord

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
PUNCTUATION = "«»\"()№.,:;–—-/"
WHITESPACE = " \t\r\n\u00a0\u00ad\u200b"
HOSTILE = "\x0b\x0c\x85\u2028\u2029\u0301\ufeffaoceOPXHK😀"  # other line breaks, stress, homoglyphs
ALPHABET = CYRILLIC + "0123456789" + PUNCTUATION + WHITESPACE + HOSTILE
FRAGMENTS = (
    "МБОУ", "СОШ №", "№№ 2, 7", "Слушали:", "Решили:", "И.О.", "20 августа 2021 г.",
    "12.10.2022", "<ul><li>", "[bookmark: _GoBack]", "1.\tтекст\tмарт 2022",
    "\n", " ", "Иванова А.П.", "директор", "Протокол", "совещания", "до 1 мая",
    "ЦНППМ", "муниципального района", "области", "гимназия", "лицей", "500+",
    "Иванoва А.П.", "\r\n", "с 1 по 5 марта", "2021/2022 учебный год", "до 31.02.2022",
)
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=12)),
                 max_size=40).map("".join)
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def tab_table(rows: int) -> str:
    head = "№\tМероприятие\tСрок\tОтветственный\n"
    months = ("март", "апрель", "май")
    body = "".join(f"{i}.\tПровести семинар для учителей школы № {i % 40 + 1}\t"
                   f"{months[i % 3]} 2022\tПетрова Н.В.\n" for i in range(1, rows + 1))
    return head + body


def line_300k() -> str:
    unit = "МБОУ «СОШ № 3» провела семинар 12.10.2022, Иванова А.П., 25 участников; "
    return (unit * (300_000 // len(unit) + 1))[:300_000]


LONE_SURROGATES = ("Иванов\ud800 И.И.", "\udfff", "Решили:\udc00 провести семинар")
EDGE_CASES = {
    "only_decided": "Решили:",
    "only_number": "2022",
    "single_line_300k": line_300k(),
    "names_5000": " ".join(["Иванов И.И."] * 5000),
    "nested_quotes": "МБОУ «««СОШ № 1»»» и «««»»» гимназия «»«»",
    "tab_table_500": tab_table(500),
    "windows_newlines": "Протокол совещания\r\n20 августа 2021 г.\r\nСлушали:\r\nИванову А.П., "
                        "директора МБОУ «СОШ № 2».\r\nРешили:\r\n1. Провести семинар до 1 мая.\r\n",
    "lone_surrogates_removed": "Присутствовали: Петров\ud800 П.П., Сидорова\udfff С.С.\udc00"
                               .encode("utf-8", "surrogatepass").decode("utf-8", "ignore"),
    "latin_homoglyph": "Слушали: Иванoва А.П. (o латинская), директора МБОУ «COШ № 5».",
    "impossible_date": "Совещание состоялось 31.02.2022 в 10:00.",
    "all_upper": "ПРОТОКОЛ СОВЕЩАНИЯ ДИРЕКТОРОВ ШКОЛ 20 АВГУСТА 2021 Г. СЛУШАЛИ: ИВАНОВУ А.П., "
                 "ДИРЕКТОРА МБОУ «СОШ № 2». РЕШИЛИ: ПРОВЕСТИ СЕМИНАР ДО 1 МАЯ 2022 ГОДА.",
    # decision items with 20,000 blanks and 2,000 repeated «отв.» (timed in bench_pathological)
    "decision_blank_runs": "Решили:\n1. О " + " " * 20000 + "x.\n2. Принять (" + "отв. " * 2000 + "\n",
}


def extract(extractor, text: str) -> ExtractionRecord | None:
    """The record, or None when the pipeline refused the text with one of our errors."""
    try:
        return extractor.extract_text(text)
    except ReestrError:
        return None


def check_record(record: ExtractionRecord, text: str) -> None:
    again = ExtractionRecord.model_validate(record.model_dump())
    assert again == record
    for span in spans_in(record):
        assert 0 <= span.start <= span.stop <= len(text), span
        if span.status == "exact":
            assert text[span.start:span.stop] == span.text, (span, text[span.start:span.stop])


@PROPERTY
@given(text=TEXTS)
def test_robustness_arbitrary_text_gives_valid_grounded_record(extractor, text):
    record = extract(extractor, text)
    if record is not None:
        check_record(record, text)


@PROPERTY
@given(text=TEXTS)
def test_robustness_arbitrary_text_is_deterministic(extractor, text):
    first, second = extract(extractor, text), extract(extractor, text)
    assert (first and first.model_dump_json()) == (second and second.model_dump_json())


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_robustness_edge_case_gives_valid_grounded_record(extractor, text):
    record = extract(extractor, text)
    assert record is not None, "an accepted text was refused"
    check_record(record, text)
    assert record.document.length == len(text)


@pytest.mark.parametrize("text", LONE_SURROGATES)
def test_robustness_lone_surrogates_are_refused_as_input_error(extractor, text):
    with pytest.raises(InputError):
        extractor.extract_text(text)
