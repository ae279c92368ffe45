"""ingest.recognised: records of recognised text carry their words' OCR
confidence, and weakly read values are flagged for the reviewer."""
from __future__ import annotations

from conftest import spans_in
from ingest.formats.model import Part
from ingest.recognised import WordIndex, apply_word_confidences
from ingest.tasks import record_of

TEXT = ("Протокол совещания руководителей школ от 12 марта 2024 года.\n"
        "Председательствовал: Соловьёв Е.М., начальник управления образования.")


def words_of(text: str, low: str, low_confidence: float = 40.0) -> tuple[tuple[int, int, float], ...]:
    out, position = [], 0
    for word in text.split():
        start = text.index(word, position)
        position = start + len(word)
        out.append((start, position, low_confidence if word.startswith(low) else 95.0))
    return tuple(out)


def test_ingest_recognised_word_index_takes_the_weakest_overlapping_word() -> None:
    index = WordIndex([(0, 5, 90.0), (6, 10, 40.0), (11, 15, 80.0)])
    assert index.confidence(0, 5) == 0.9 and index.confidence(3, 12) == 0.4
    assert index.confidence(20, 25) is None


def test_ingest_recognised_spans_carry_word_confidence_and_low_values_warn(extractor) -> None:
    part = Part(None, "image", "ok", text=TEXT, encoding="ocr", encoding_confidence=0.9,
                word_confidences=words_of(TEXT, "Соловьёв"))
    record = record_of(extractor, part, "scan.png")
    person = next(p for p in record.people if p.surname == "Соловьёв")
    assert person.spans and all(span.confidence <= 0.4 for span in spans_in(person)
                                if "Соловьёв" in span.text)
    assert any("«Соловьёв" in warning and "low confidence (40%)" in warning for warning in record.warnings)
    dates = [span for span in spans_in(record.dates) if "марта" in span.text]
    assert dates and all(span.confidence > 0.4 for span in dates)


def test_ingest_recognised_typed_text_is_left_alone(extractor) -> None:
    record = record_of(extractor, Part(None, "txt", "ok", text=TEXT), "typed.txt")
    again = extractor.extract_text(TEXT, source="typed.txt")
    assert [s.confidence for s in spans_in(record)] == [s.confidence for s in spans_in(again)]
    apply_word_confidences(again, ())
    assert not any(w.startswith("OCR:") for w in again.warnings)
