"""Registry commands: ingest, status, retry, reprocess, export.

Registered on the main group by ``register(main)`` (see reestr/cli.py). Heavy
imports (SQLAlchemy, the models, Dask) happen inside the commands. ``--db``
takes a SQLite file path or a database URL (reestr/database.py)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import click

from reestr.database import DB_HELP, DEFAULT_DB, open_registry
from reestr.linking import link_entities, link_option

EXIT_SOME_FAILED = 1
EXIT_BUSY = 2

db_option = click.option("--db", "db_url", default=DEFAULT_DB, show_default=True,
                         envvar="REESTR_DB", help=DB_HELP + " Also $REESTR_DB.")


def echo_err(message: str) -> None:
    click.echo(f"reestr: {message}", err=True)


def plural(count: int, noun: str) -> str:
    """"1 document", "2 documents" (the CLI's messages are in English)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class Bar:
    """tqdm on stderr over input files: files/s, ETA, and how many of the files
    so far ended done, failed, quarantined or skipped (these add up to the count)."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not enabled,
                        dynamic_ncols=True, smoothing=0.1)

    def advance(self, summary: Any) -> None:
        """Called once per finished (or skipped) file."""
        self.bar.update(1)
        counts = summary.file_statuses
        self.bar.set_postfix(done=counts["done"], failed=counts["failed"],
                             quarantined=counts["quarantined"], skipped=summary.skipped,
                             refresh=False)

    def close(self) -> None:
        self.bar.close()


def run_batch(db_url: str, paths: list[Path], options: Any, progress_enabled: bool,
              files: Optional[list[Path]] = None, link: bool = True) -> None:
    from ingest.pool import PoolError
    from ingest.runner import ingest, inputs

    engine = open_registry(db_url)
    files = inputs(engine, paths) if files is None else files
    bar = Bar(len(files), progress_enabled)
    try:
        summary = ingest(engine, paths, options, bar, files=files)
    except PoolError as exc:
        bar.close()
        echo_err(str(exc))
        sys.exit(EXIT_SOME_FAILED)
    bar.close()
    for line in summary.lines():
        click.echo(line, err=True)
    linked = link_entities(engine) if link else 0
    if summary.unwritten:
        sys.exit(EXIT_BUSY)
    if summary.statuses["failed"]:
        sys.exit(EXIT_SOME_FAILED)
    if linked:
        sys.exit(linked)


def batch_options(func: Any) -> Any:
    options = [
        click.option("--workers", default=1, show_default=True, help="Worker processes (local engine)."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Where files are parsed: local worker processes, or a Dask cluster."),
        click.option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (with --engine dask)."),
        click.option("--timeout", default=120.0, show_default=True, help="Seconds allowed per file (0: no limit)."),
        click.option("--memory-mb", default=2048, show_default=True, help="Address-space cap per worker in MB (0: none)."),
        click.option("--progress/--no-progress", default=True, help="Progress bar on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_options(workers: int, engine: str, scheduler: Optional[str], timeout: float,
                 memory_mb: int, redo_quarantined: bool = False) -> Any:
    from ingest.runner import Options

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    return Options(workers=workers, engine=engine, scheduler=scheduler, timeout=timeout or None,
                   memory_mb=memory_mb or None, redo_quarantined=redo_quarantined)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@batch_options
@link_option
def ingest(paths: tuple[Path, ...], db_url: str, workers: int, engine: str, scheduler: Optional[str],
           timeout: float, memory_mb: int, progress: bool, link: bool) -> None:
    """Ingest files and folders (archives too) into the registry database.

    Idempotent and resumable: rerun the same command after an interruption.
    The database is created when it does not exist yet.

    Example: reestr ingest reports/ --db registry.sqlite --workers 2
    """
    run_batch(db_url, list(paths), make_options(workers, engine, scheduler, timeout, memory_mb),
              progress, link=link)


@click.command()
@db_option
@click.option("--limit", default=200, show_default=True, help="At most this many problem documents.")
def status(db_url: str, limit: int) -> None:
    """Counts by status, then every failed or quarantined document and input
    file with its reason, and every file or archive member stored once as the
    same text as another (a line "duplicate same_text ... same text as ...").

    Example: reestr status --db registry.sqlite
    """
    from sqlalchemy.orm import Session

    from registry.store import problem_sources, problems, status_counts

    engine = open_registry(db_url, must_exist=True)
    with Session(engine) as session:
        counts = status_counts(session)
        for table, by_status in counts.items():
            text = ", ".join(f"{k} {v}" for k, v in sorted(by_status.items())) or "none"
            click.echo(f"{table}: {text}")
        copies, listed = same_text_sources(session, limit)
        click.echo(f"same text as a stored document: {copies} "
                   "(other files or members holding a document's text, stored once)")
        for doc in problems(session, limit):
            where = doc.source_path + (f" :: {doc.container_path}" if doc.container_path else "")
            click.echo(f"{doc.status:<11} {doc.reason or '-':<19} {where}  {doc.error or ''}".rstrip())
        for source in problem_sources(session, limit):
            click.echo(f"{source.status:<11} {source.reason or '-':<19} {source.path}  "
                       f"{source.error or ''}".rstrip())
        for copy, original in listed:
            click.echo(f"{'duplicate':<11} {'same_text':<19} {copy}  same text as {original}")


def same_text_sources(session: Any, limit: Optional[int] = None
                      ) -> tuple[int, list[tuple[str, str]]]:
    """How many other files or archive members held a stored document's text
    (stored once, listed in document_sources, no document of their own), and
    the first ``limit`` of them with the document's own file."""
    from sqlalchemy import func, or_, select

    from registry.models import Document, DocumentSource

    ds = DocumentSource
    query = (select(ds.source_path, ds.container_path, Document.source_path, Document.container_path)
             .join(Document, Document.id == ds.document_id)
             .where(or_(ds.source_path != Document.source_path,
                        ds.container_path.is_distinct_from(Document.container_path))))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(query.order_by(ds.source_path, ds.container_path, ds.id).limit(limit))
    return total or 0, [(located(path, member), located(own, own_member))
                        for path, member, own, own_member in rows]


def located(path: str, member: Optional[str]) -> str:
    return path + (f" :: {member}" if member else "")


@click.command()
@db_option
@batch_options
@click.option("--quarantined", is_flag=True,
              help="Also re-run quarantined files and archives with quarantined members "
                   "(e.g. with a longer --timeout).")
@link_option
def retry(db_url: str, workers: int, engine: str, scheduler: Optional[str], timeout: float,
          memory_mb: int, progress: bool, quarantined: bool, link: bool) -> None:
    """Re-run the input files that failed (a crash, a busy database).

    Example: reestr retry --db registry.sqlite --timeout 600 --quarantined
    """
    from sqlalchemy.orm import Session

    from registry.store import failed_sources

    with Session(open_registry(db_url, must_exist=True)) as session:
        paths = [Path(s.path) for s in failed_sources(session, quarantined)]
    present = [p for p in paths if p.is_file()]
    for path in sorted(set(paths) - set(present)):
        echo_err(f"source no longer exists: {path}")
    if not present:
        what = "failed or quarantined" if quarantined else "failed (quarantined ones need --quarantined)"
        echo_err(f"nothing to retry: no {what} input files")
        return
    options = make_options(workers, engine, scheduler, timeout, memory_mb, redo_quarantined=quarantined)
    run_batch(db_url, present, options, progress, files=present, link=link)


@click.command()
@db_option
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@click.option("--outdated", is_flag=True, help="Only documents extracted by another extractor version.")
@link_option
def reprocess(db_url: str, progress: bool, outdated: bool, link: bool) -> None:
    """Re-run extraction on the stored texts (sources are not read again).

    Validated values are kept; a differing machine value is flagged as a conflict.

    Example: reestr reprocess --db registry.sqlite --outdated
    """
    from tqdm import tqdm

    from pipeline.run import Extractor
    from registry.reprocess import reprocess as run, reprocessable

    engine = open_registry(db_url, must_exist=True)
    ids = reprocessable(engine, outdated)
    with tqdm(total=len(ids), unit="doc", file=sys.stderr, disable=not progress) as bar:
        counts = run(engine, Extractor(), ids, on_document=lambda: bar.update(1))
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing to reprocess",
               err=True)
    linked = link_entities(engine) if link else 0
    if counts.get("failed"):
        sys.exit(EXIT_SOME_FAILED)
    if linked:
        sys.exit(linked)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl"]), default="csv",
              show_default=True, help="File format of the tables.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the files (created if needed); each file is replaced whole.")
@click.option("--since", "cursor", metavar="CURSOR",
              help="Only rows created or changed after this cursor (from a previous manifest.json), "
                   "and tombstones of rows deleted since (the 'deleted' file).")
@click.option("--validated-only", is_flag=True,
              help="Only records a person validated (machine values and rejected records left out).")
@click.option("--excel", is_flag=True,
              help="With --format csv: files Excel opens with Cyrillic intact "
                   "(UTF-8 with BOM, ';' between fields, decimal comma).")
def export(db_url: str, fmt: str, out_dir: Path, cursor: Optional[str], validated_only: bool,
           excel: bool) -> None:
    """Write one file per table (documents, events, people, ... spans), a
    'deleted' file of tombstones and manifest.json (the new cursor, the row
    count of each file, the schema version), all from one snapshot.

    Example: reestr export --db registry.sqlite --out out/delta --since 2026-12-06T05:50:00+00:00
    """
    import json

    from registry.export import MANIFEST, SUFFIX, CursorError, manifest, parse_cursor, read_snapshot
    from registry.export_formats import write_rows
    from reestr.outputs import OutputError, output_path, write_text

    if excel and fmt != "csv":
        raise click.UsageError("--excel goes with --format csv")
    try:
        since = parse_cursor(cursor) if cursor is not None else None
    except CursorError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None
    engine = open_registry(db_url, must_exist=True)
    snapshot = read_snapshot(engine, since, validated_only)
    try:
        for table in snapshot.tables:
            path = out_dir / f"{table.name}{SUFFIX[fmt]}"
            with output_path(path) as where:
                write_rows(table.columns, table.types, table.rows, fmt, where, excel)
            click.echo(f"{len(table.rows):>8}  {path}", err=True)
        write_text(out_dir / MANIFEST, json.dumps(manifest(snapshot, fmt, excel), indent=2) + "\n")
    except OutputError as exc:
        echo_err(str(exc))
        sys.exit(EXIT_SOME_FAILED)
    click.echo(f"cursor {snapshot.cursor.isoformat()}", err=True)


def register(group: click.Group) -> None:
    for command in (ingest, status, retry, reprocess, export):
        group.add_command(command)
