"""``reestr extract``: records of files without a database.

Files go through the same reader layer as ``reestr ingest``
(ingest.formats.read_document: the format from the content, archives member
by member), so a .docx, a .pdf or a zip can be tried on its own. A part the
readers quarantine becomes a message with a stable error code."""
from __future__ import annotations

import json
import sys
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Optional

import click

from pipeline.decode import DEFAULT_MAX_BYTES
from reestr.outputs import OutputError, is_stdout, output_file, write_text
from reestr.startup import end_without_teardown, loading
from schemas.errors import (BinaryInput, EmptyInput, InputError, NotRussian, ReestrError, TooLarge,
                            UnsupportedFormat)

from reestr.commands_registry import EXIT_SOME_FAILED, echo_err, plural


def part_error(part: Any, source: str) -> ReestrError:
    """A quarantined Part as an error with the code of its cause: E101 empty,
    E102 binary, E103 not Russian, E104 too large, E105 unsupported, E100 the
    rest (encrypted, corrupt, zip_bomb, limits_exceeded)."""
    where = f"{source} :: {part.container_path}" if part.container_path else source
    detail = part.detail or part.status
    if part.status == "no_text":
        error = NotRussian if "Russian" in detail else EmptyInput
    elif part.status == "unsupported":
        error = BinaryInput if part.format == "unknown" else UnsupportedFormat
    elif part.status == "too_large":
        error = TooLarge
    else:
        return InputError(f"{part.status}: {detail}", source=where)
    return error(detail, source=where)


def read_parts(path: Path, max_bytes: int) -> list[Any]:
    """The Parts of one file, through the ingest reader layer; raises for a
    file that is missing or larger than ``max_bytes`` (not read at all)."""
    from ingest.formats import Limits, read_document

    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("not a regular file", source=str(path))
        if size > max_bytes:
            raise TooLarge(f"{size} bytes is more than the limit of {max_bytes}", source=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    return read_document(data, path.name, Limits(max_file_bytes=max_bytes))


def gold_id(path: Path, part: Any) -> str:
    """The file's stem; for an archive member the stems of its container path
    joined by "__" (archive.zip/2021/a.txt -> archive__2021__a)."""
    if part.container_path is None:
        return path.stem
    return "__".join(PurePosixPath(segment).stem for segment in part.container_path.split("/"))


def records(extractor: Any, files: tuple[Path, ...], max_bytes: int,
            tally: dict[str, int]) -> Iterator[tuple[Path, Any, Any]]:
    """(file, part, record) for every document read; problems are reported and counted."""
    from ingest.tasks import EXTRACTION_FAILURES, record_of

    for path in files:
        try:
            parts = read_parts(path, max_bytes)
        except ReestrError as exc:
            tally["documents"] += 1
            tally["failed"] += 1
            echo_err(str(exc))
            continue
        for part in parts:
            tally["documents"] += 1
            try:
                if part.status != "ok":
                    raise part_error(part, str(path))
                record = record_of(extractor, part, str(path))
            except EXTRACTION_FAILURES as exc:
                tally["failed"] += 1
                echo_err(str(exc) if isinstance(exc, ReestrError)
                         else f"{path}: extraction failed: {type(exc).__name__}: {exc}")
                continue
            yield path, part, record


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path),
              help="JSONL file, written whole at the end (default, or -: stdout).")
@click.option("--gold-out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write DIR/<stem>.json in the gold format.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger files (and larger archive members).")
def extract(files: tuple[Path, ...], output: Optional[Path], gold_out: Optional[Path],
            max_bytes: int) -> None:
    """Extract records from documents, one JSON line per document.

    Reads what `reestr ingest` reads, detected from the content: text in any
    Cyrillic encoding, docx, odt, doc, xlsx, xls, pdf, rtf, html, scans (PNG,
    JPEG, TIFF, and PDF pages without text, through OCR), and zip archives
    (one line per member).

    Example: reestr extract report.docx protocol.txt -o records.jsonl
    """
    with loading() as loaded:
        from pipeline.gold import project
        from pipeline.run import Extractor

        extractor = Extractor()
        loaded()
        end_without_teardown()  # every output below is written whole and closed before exit
        extract_all(extractor, project, files, output, gold_out, max_bytes)


def extract_all(extractor: Any, project: Any, files: tuple[Path, ...], output: Optional[Path],
                gold_out: Optional[Path], max_bytes: int) -> None:
    tally = {"documents": 0, "failed": 0}
    try:
        with output_file(output) as out:
            for path, part, record in records(extractor, files, max_bytes, tally):
                out.write(record.model_dump_json() + "\n")
                if gold_out is not None:
                    gold = project(record, gold_id(path, part))
                    write_text(gold_out / f"{gold['id']}.json",
                               json.dumps(gold, ensure_ascii=False, indent=2) + "\n")
    except OutputError as exc:
        echo_err(str(exc))
        sys.exit(EXIT_SOME_FAILED)
    if output is not None and not is_stdout(output):
        written = tally["documents"] - tally["failed"]
        echo_err(f"{written} of {plural(tally['documents'], 'document')} written to {output}")
    if tally["failed"]:
        sys.exit(EXIT_SOME_FAILED)
