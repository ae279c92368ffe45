"""The command line, through its real entry point (click's CliRunner)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reestr.cli import main

GOOD = ("Протокол совещания руководителей школ. Слушали: Орлову Т.В., директора "
        "МБОУ «Липовская СОШ». Решили: принять информацию к сведению.")


@pytest.fixture()
def files(tmp_path):
    paths = {
        "good": tmp_path / "good.txt",
        "cp1251": tmp_path / "cp1251.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "english": tmp_path / "english.txt",
    }
    paths["good"].write_text(GOOD, encoding="utf-8")
    paths["cp1251"].write_bytes(GOOD.encode("cp1251"))
    paths["empty"].write_bytes(b"")
    paths["binary"].write_bytes(bytes(range(256)) * 8)
    paths["english"].write_text("Minutes of the meeting of school heads. " * 5, encoding="utf-8")
    return paths


def run(args, extractor):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_extract_writes_one_line_per_document(files, extractor, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run(["extract", files["good"], files["cp1251"], "-o", out], extractor)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert records[0]["document"]["id"] == records[1]["document"]["id"]
    assert records[1]["document"]["encoding"] == "cp1251"


def test_cli_extract_bad_files_fail_alone(files, extractor, tmp_path):
    out = tmp_path / "out.jsonl"
    bad = [files["empty"], files["binary"], files["english"], tmp_path / "missing.txt"]
    result = run(["extract", *bad, files["good"], "-o", out], extractor)
    assert result.exit_code == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    for path in bad:
        assert str(path) in result.output
    assert "[E101]" in result.output and "[E102]" in result.output and "[E103]" in result.output


def test_cli_extract_refuses_huge_text_without_reading_it(files, extractor, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(GOOD.encode("utf-8") * (20 * 2**20 // len(GOOD.encode("utf-8")) + 1))
    result = run(["extract", huge, files["good"]], extractor)
    assert result.exit_code == 1
    assert "[E104]" in result.output
    assert result.output.count('"schema_version"') == 1


def test_cli_extract_gold_out_writes_gold_format(files, extractor, tmp_path):
    gold_dir = tmp_path / "gold"
    result = run(["extract", files["good"], "--gold-out", gold_dir], extractor)
    assert result.exit_code == 0, result.output
    gold = json.loads((gold_dir / "good.json").read_text(encoding="utf-8"))
    for key in ("id", "source_url", "doc_type", "event", "region", "municipality", "dates",
                "people", "schools", "organizations", "counts", "decisions"):
        assert key in gold
    assert gold["id"] == "good"


def test_cli_schema_prints_json_schema(extractor):
    result = run(["schema"], extractor)
    schema = json.loads(result.output)
    assert schema["title"] == "ExtractionRecord"
    assert "people" in schema["properties"]


def test_cli_evaluate_reports_fields_and_writes_json(extractor, tmp_path):
    corpus = tmp_path / "c"
    (corpus / "gold").mkdir(parents=True)
    (corpus / "d1.txt").write_text(GOOD, encoding="utf-8")
    gold = {"id": "d1", "source_url": None, "doc_type": "protocol",
            "event": {"kind": "совещание", "title": None, "format": None, "date_start": None,
                      "date_end": None, "place": None},
            "region": None, "municipality": None, "dates": [], "people": [], "schools": [],
            "organizations": [], "counts": [], "decisions": []}
    (corpus / "gold" / "d1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    scores = tmp_path / "scores.json"
    result = run(["evaluate", corpus, "--diff", "--json", scores], extractor)
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    assert "per document type:" in result.output and "protocol" in result.output
    payload = json.loads(scores.read_text(encoding="utf-8"))
    assert {row["field"] for row in payload["fields"]} >= {"people", "dates", "schools"}
