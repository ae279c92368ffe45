"""The command line, through its real entry point (click's CliRunner)."""
from __future__ import annotations

import json
import os
import stat
import threading

import click
import pytest
from click.testing import CliRunner

from reestr.cli import main

GOOD = ("Протокол совещания руководителей школ. Слушали: Орлову Т.В., директора "
        "МБОУ «Липовская СОШ». Решили: принять информацию к сведению.")
GOLD_D1 = {"id": "d1", "source_url": None, "doc_type": "protocol",
           "event": {"kind": "совещание", "title": None, "format": None, "date_start": None,
                     "date_end": None, "place": None},
           "region": None, "municipality": None, "dates": [], "people": [], "schools": [],
           "organizations": [], "counts": [], "decisions": []}


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
    (corpus / "gold" / "d1.json").write_text(json.dumps(GOLD_D1, ensure_ascii=False), encoding="utf-8")
    scores = tmp_path / "scores.json"
    result = run(["evaluate", corpus, "--diff", "--json", scores], extractor)
    assert result.exit_code == 0, result.output
    assert "1 document\n" in result.output
    assert "per document type:" in result.output and "protocol" in result.output
    payload = json.loads(scores.read_text(encoding="utf-8"))
    assert {row["field"] for row in payload["fields"]} >= {"people", "dates", "schools"}


# -o and other outputs: written whole, through symlinks, in place into special files.

@pytest.fixture()
def umask_027():
    before = os.umask(0o027)
    yield
    os.umask(before)


def read_fifo_in_thread(fifo):
    """A reader for the FIFO, as a shell's `cat fifo` would be."""
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    return reader, received


def test_cli_extract_output_fifo_is_written_in_place(files, extractor, tmp_path):
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    reader, received = read_fifo_in_thread(fifo)
    result = run(["extract", files["good"], "-o", fifo], extractor)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(received) == 1 and received[0].count(b'"schema_version"') == 1


def test_cli_extract_output_symlink_is_written_through(files, extractor, tmp_path):
    target = tmp_path / "kept" / "records.jsonl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = run(["extract", files["good"], "-o", link], extractor)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").count('"schema_version"') == 1


def test_cli_extract_output_dangling_symlink_creates_its_target(files, extractor, tmp_path):
    target = tmp_path / "records.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = run(["extract", files["good"], "-o", link], extractor)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.is_file() and not target.is_symlink()


def test_cli_extract_output_new_file_honours_umask(files, extractor, tmp_path, umask_027):
    out = tmp_path / "records.jsonl"
    result = run(["extract", files["good"], "-o", out], extractor)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_cli_extract_output_replaced_file_keeps_its_mode(files, extractor, tmp_path, umask_027):
    out = tmp_path / "records.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o604)
    result = run(["extract", files["good"], "-o", out], extractor)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o604 and "old" not in out.read_text(encoding="utf-8")


def test_cli_extract_output_dash_is_stdout(files, extractor, tmp_path):
    result = run(["extract", files["good"], "-o", "-"], extractor)
    assert result.exit_code == 0, result.output
    assert result.stdout.count('"schema_version"') == 1
    assert not (tmp_path / "-").exists() and not os.path.exists("-")


def test_cli_extract_output_directory_is_refused_and_left_alone(files, extractor, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept", encoding="utf-8")
    result = run(["extract", files["good"], "-o", folder], extractor)
    assert result.exit_code == 1
    assert "is a directory" in result.output
    assert [p.name for p in folder.iterdir()] == ["inside.txt"]


def test_cli_extract_output_failed_run_leaves_no_temporary_files(files, extractor, tmp_path):
    out = tmp_path / "sub" / "records.jsonl"
    under_a_file = files["good"] / "gold"  # cannot be created: gold-out fails after -o opened
    result = run(["extract", files["good"], "-o", out, "--gold-out", under_a_file], extractor)
    assert result.exit_code == 1 and "cannot write" in result.output
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_cli_extract_gold_out_fifo_is_written_in_place(files, extractor, tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    fifo = gold_dir / "good.json"
    os.mkfifo(fifo)
    reader, received = read_fifo_in_thread(fifo)
    result = run(["extract", files["good"], "--gold-out", gold_dir], extractor)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and json.loads(received[0])["id"] == "good"


def test_cli_evaluate_json_symlink_is_written_through(extractor, tmp_path):
    corpus = tmp_path / "c"
    (corpus / "gold").mkdir(parents=True)
    (corpus / "d1.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "gold" / "d1.json").write_text(json.dumps(GOLD_D1, ensure_ascii=False), encoding="utf-8")
    target, link = tmp_path / "scores.json", tmp_path / "link.json"
    target.write_text("{}", encoding="utf-8")
    link.symlink_to(target)
    result = run(["evaluate", corpus, "--json", link], extractor)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["documents"] == 1


def test_cli_export_writes_through_symlinks_and_into_fifos(tmp_path, umask_027):
    from registry.db import connect

    db = tmp_path / "registry.sqlite"
    connect(f"sqlite:///{db}").dispose()
    out = tmp_path / "export"
    out.mkdir()
    elsewhere = tmp_path / "documents-kept.csv"
    elsewhere.write_text("old", encoding="utf-8")
    (out / "documents.csv").symlink_to(elsewhere)
    fifo = out / "spans.csv"
    os.mkfifo(fifo)
    reader, received = read_fifo_in_thread(fifo)
    result = CliRunner().invoke(main, ["export", "--db", f"sqlite:///{db}", "--out", str(out)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert (out / "documents.csv").is_symlink() and elsewhere.read_text(encoding="utf-8").startswith("id,")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and received[0].startswith(b"id,")
    assert stat.S_IMODE((out / "events.csv").stat().st_mode) == 0o640


# extract reads every format that ingest reads (one reader layer).

def test_cli_extract_reads_docx_by_content(extractor, tmp_path):
    from fixtures_build import simple_docx

    path = tmp_path / "protocol.bin"  # the name says nothing; the content is a docx
    path.write_bytes(simple_docx([GOOD]))
    result = run(["extract", path], extractor)
    assert result.exit_code == 0, result.output
    assert any(p["surname"] == "Орлова" for p in json.loads(result.stdout)["people"])


def test_cli_extract_reads_pdf_text_layer(extractor, tmp_path):
    from fixtures_build import pdf_bytes

    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes([GOOD]))
    result = run(["extract", path], extractor)
    assert result.exit_code == 0, result.output
    assert any(p["surname"] == "Орлова" for p in json.loads(result.stdout)["people"])


def test_cli_extract_zip_gives_one_line_per_member_and_gold_per_member(extractor, tmp_path):
    from fixtures_build import simple_docx, zip_bytes

    path = tmp_path / "archive.zip"
    path.write_bytes(zip_bytes([("2021/a.txt", GOOD.encode("cp1251")), ("b.docx", simple_docx([GOOD]))]))
    gold_dir = tmp_path / "gold"
    result = run(["extract", path, "--gold-out", gold_dir], extractor)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["container_path"] for r in lines] == ["archive.zip/2021/a.txt", "archive.zip/b.docx"]
    assert sorted(p.name for p in gold_dir.iterdir()) == ["archive__2021__a.json", "archive__b.json"]


def test_cli_extract_quarantined_member_fails_alone_with_its_reason(extractor, tmp_path):
    from fixtures_build import zip_bytes

    path = tmp_path / "archive.zip"
    path.write_bytes(zip_bytes([("a.txt", GOOD.encode("utf-8")), ("logo.gif", b"GIF89a" + bytes(64))]))
    result = run(["extract", path], extractor)
    assert result.exit_code == 1
    assert result.stdout.count('"schema_version"') == 1
    assert "[E102]" in result.stderr and "archive.zip/logo.gif" in result.stderr and "GIF image" in result.stderr


# Help that explains itself.

def all_commands(command=None, path=()):
    command = command or main
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from all_commands(sub, (*path, name))


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=lambda p: " ".join(p) or "reestr")
def test_cli_every_help_ends_with_an_example(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    last = result.output.strip().split("\n\n")[-1]
    assert last.lstrip().startswith("Example:") and "reestr" in last


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=lambda p: " ".join(p) or "reestr")
def test_cli_every_option_has_help_text(path):
    command = dict(all_commands())[path]
    missing = [param.name for param in command.params
               if isinstance(param, click.Option) and not param.help and param.name not in ("help", "version")]
    assert missing == []



# --db: plain paths, missing files, unreachable servers.

@pytest.mark.parametrize("command", [["status"], ["export", "--out", "exported"], ["review"],
                                     ["retry"], ["reprocess"], ["users", "list"]])
def test_cli_registry_commands_refuse_a_missing_sqlite_file(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*command, "--db", "missing.sqlite"])
    assert result.exit_code == 4
    assert "no registry at missing.sqlite" in result.output and len(result.output.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cli_db_plain_path_is_that_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    ingest = CliRunner().invoke(main, ["ingest", "in", "--db", "my.sqlite", "--no-progress"])
    assert ingest.exit_code == 0, ingest.output
    assert (tmp_path / "my.sqlite").is_file()
    status = CliRunner().invoke(main, ["status", "--db", "my.sqlite"])
    assert status.exit_code == 0 and "empty.txt" in status.output


def test_cli_unreachable_postgresql_is_one_line_naming_the_host(tmp_path):
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://reestr@127.0.0.1:{port}/reestr?connect_timeout=5"
    result = CliRunner().invoke(main, ["status", "--db", url])
    assert result.exit_code == 4
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{port}/reestr" in lines[0] and "refused" in lines[0].lower()


def test_cli_db_that_is_not_a_url_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["status", "--db", "nosuchdriver://x/y"])
    assert result.exit_code == 4 and len(result.output.strip().splitlines()) == 1
