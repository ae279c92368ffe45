"""Encoding detection and input checks of pipeline.decode."""
from __future__ import annotations

import pytest

from pipeline.decode import decode
from schemas.errors import BinaryInput, EmptyInput, NotRussian, TooLarge

SAMPLE = ("Протокол заседания муниципальной координационной группы. Слушали: Петрову А.С., "
          "заместителя начальника управления образования. Решили: принять информацию к сведению, "
          "кураторам подготовить отчёт в срок до 15.11.2022. Ещё щётка, объём, съезд, эхо.")

ENCODINGS = [
    ("utf-8", SAMPLE.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
    ("cp1251", SAMPLE.encode("cp1251"), "cp1251"),
    ("koi8-r", SAMPLE.encode("koi8-r"), "koi8-r"),
    ("cp866", SAMPLE.encode("cp866"), "cp866"),
]


@pytest.mark.parametrize("label,data,expected", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_decode_detects_encoding(label, data, expected):
    decoded = decode(data)
    assert decoded.encoding == expected
    assert decoded.text == SAMPLE


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "cp866"])
def test_decode_short_single_byte_text(encoding):
    text = "Решили: рекомендовать школам участвовать в вебинаре."
    assert decode(text.encode(encoding)).text == text


def test_decode_confidence_is_high_for_clear_single_byte_text():
    assert decode(SAMPLE.encode("cp1251")).confidence > 0.9


@pytest.mark.parametrize("data,error", [
    (b"", EmptyInput),
    (b"   \n\t  ", EmptyInput),
    (b"\x00\x01\x02\x03binary\x00" * 20, BinaryInput),
    ("The meeting was held on Monday and all schools took part.".encode(), NotRussian),
], ids=["empty", "whitespace", "binary", "english"])
def test_decode_rejects_bad_input(data, error):
    with pytest.raises(error) as info:
        decode(data, source="x.txt")
    assert "x.txt" in str(info.value)
    assert info.value.code.startswith("E1")


def test_decode_rejects_text_over_the_limit():
    with pytest.raises(TooLarge):
        decode(SAMPLE.encode() * 10, max_bytes=100)


@pytest.mark.parametrize("text", [
    "", "123 456", "Школа № 7 (МБОУ) — площадь 300 м², ½ ставки; Ⅻ век",
    "Ёжик ёлка ЁЁ ъ ь", "latin and кириллица mixed ABC abc", "эмодзи 😀 и \U0001d400 знаки",
    "одинокий суррогат \ud800 в тексте", "x" * 25_000 + "я" * 10,
])
def test_letter_counts_match_a_plain_count(text):
    from collections import Counter

    from pipeline.decode import SAMPLE_CHARS, letter_counts

    plain = Counter(ch for ch in text[:SAMPLE_CHARS] if ch.isalpha())
    assert dict(letter_counts(text)) == dict(plain)


def test_control_bytes_make_text_look_binary():
    from pipeline.decode import looks_binary

    text = "Протокол совещания\r\n\tпункт 1\f".encode("cp1251")
    assert not looks_binary(text * 50)
    assert looks_binary(text * 50 + b"\x01\x02\x1b" * 200)
    assert not looks_binary(text * 50 + b"\x1b" * 20)  # a few escapes are within the 5 %
