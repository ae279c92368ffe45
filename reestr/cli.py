"""Command line: a thin click layer over the library. Only here do domain
errors become messages and exit codes."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reestr.outputs import OutputError, write_text
from schemas.errors import ReestrError

EXIT_SOME_FAILED = 1
EXIT_GATE = 3


def echo_err(message: str) -> None:
    click.echo(f"reestr: {message}", err=True)


EXIT_DATABASE = 4


class Reestr(click.Group):
    """The command group; a database that cannot be reached or used ends any
    command with one line naming it and the cause (exit 4), not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:  # noqa: BLE001 - only database errors are handled here
            from reestr.database import problem_of

            line = problem_of(exc)
            if line is None:
                raise
            echo_err(line)
            sys.exit(EXIT_DATABASE)


@click.group(cls=Reestr, epilog="Example: reestr extract report.docx -o records.jsonl")
@click.version_option(package_name="reestr")
def main() -> None:
    """reestr: Russian reports and protocols to grounded registry records.

    Without a database: extract, evaluate, baseline, schema. With the
    registry (--db FILE or URL): ingest, status, retry, reprocess, export,
    users, review, corpus, browse, entities. Every command has --help with an example.
    """


def run() -> None:
    """The ``reestr`` program: ``main`` in click's standalone mode, which ends in
    ``SystemExit``; a command that asked for it (``reestr.startup``) then ends the
    process without Python's teardown. Exceptions that click lets through keep
    their traceback and the ordinary exit."""
    from reestr.startup import exit_now

    try:
        main()
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise  # a message for sys.exit to print
        exit_now(done.code or 0)


@main.command()
@click.argument("dirs", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--diff", is_flag=True, help="Show per-document differences from gold.")
@click.option("--json", "json_out", type=click.Path(path_type=Path),
              help="Also write the scores to this JSON file (written whole at the end).")
@click.option("--by-type/--no-by-type", default=True, show_default=True,
              help="Also show scores per document type.")
def evaluate(dirs: tuple[Path, ...], diff: bool, json_out: Path | None, by_type: bool) -> None:
    """Score the pipeline against gold: precision, recall and F1 per field.

    Example: reestr evaluate corpus ../shared/seeds --diff
    """
    import pandas as pd

    from pipeline.evaluate import core_macro_f1, diff_lines, evaluate_dirs, f1_by_field, summary, table

    try:
        results = evaluate_dirs(list(dirs))
    except ReestrError as exc:  # a gold file that is not in the gold format
        echo_err(str(exc))
        sys.exit(EXIT_SOME_FAILED)
    if not results:
        echo_err("no <id>.txt with gold found in " + ", ".join(map(str, dirs)))
        sys.exit(EXIT_SOME_FAILED)
    frame = table(results)
    per_field = summary(frame)
    per_type = summary(frame, ("doc_type", "field"))
    with pd.option_context("display.max_rows", 500, "display.width", 160):
        click.echo(f"{len(results)} document" + ("" if len(results) == 1 else "s"))
        click.echo(per_field.to_string(index=False))
        click.echo(f"core macro-F1 (people, dates, schools, counts, decisions): "
                   f"{core_macro_f1(f1_by_field(frame)):.4f}")
        if by_type:
            click.echo("\nper document type:")
            click.echo(per_type.to_string(index=False))
    if diff:
        click.echo("\n".join(diff_lines(results)))
    if json_out is not None:
        payload = {"documents": len(results), "core_macro_f1": core_macro_f1(f1_by_field(frame)),
                   "fields": per_field.to_dict(orient="records"),
                   "by_doc_type": per_type.to_dict(orient="records")}
        try:
            write_text(json_out, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        except OutputError as exc:
            echo_err(str(exc))
            sys.exit(EXIT_SOME_FAILED)


@main.command()
@click.option("--baseline", "baseline_path", default=Path("corpus/baseline.json"), show_default=True,
              type=click.Path(path_type=Path), help="The recorded baselines.")
@click.option("--corpus", "corpus_dir", default=Path("corpus"), show_default=True,
              type=click.Path(path_type=Path), help="Our golden corpus.")
@click.option("--seeds", "seeds_dir", default=Path("../shared/seeds"), show_default=True,
              type=click.Path(path_type=Path), help="The reference documents (skipped when absent).")
@click.option("--realdev", "realdev_dir", default=Path("../shared/realdev"), show_default=True,
              type=click.Path(path_type=Path), help="The real development documents (skipped when absent).")
@click.option("--write", is_flag=True, help="Record the current scores as the new baseline.")
def baseline(baseline_path: Path, corpus_dir: Path, seeds_dir: Path, realdev_dir: Path,
             write: bool) -> None:
    """Compare per-field F1 with the recorded baseline (exit 3 on a regression).

    Example:
      reestr baseline            # check
      reestr baseline --write    # raise the bar, then commit corpus/baseline.json
    """
    from pipeline import baseline as gate
    from pipeline.run import Extractor

    extractor = Extractor()
    recorded = gate.load(baseline_path)
    current = {name: gate.measure(path, extractor)
               for name, path in (("corpus", corpus_dir), ("seeds", seeds_dir), ("realdev", realdev_dir))
               if path.is_dir()}
    failures = [f"{name}: {line}" for name, fields in current.items()
                for line in gate.regressions(fields, recorded.get(name, {}))]
    for name, fields in current.items():
        click.echo(f"{name}: " + ", ".join(f"{k}={v:.3f}" for k, v in sorted(fields.items())))
    if write:
        gate.save(baseline_path, {**recorded, **current})
        click.echo(f"baseline written to {baseline_path}")
    elif failures:
        click.echo("\n".join(failures))
        sys.exit(EXIT_GATE)


@main.command()
def schema() -> None:
    """Print the JSON Schema of one extraction record.

    Example: reestr schema > record.schema.json
    """
    from schemas.records import ExtractionRecord

    click.echo(json.dumps(ExtractionRecord.model_json_schema(), ensure_ascii=False, indent=2))


from reestr.commands_extract import extract  # noqa: E402
main.add_command(extract)
from reestr.commands_registry import register  # noqa: E402  (ingest, status, retry, reprocess, export)
register(main)
from reestr.commands_review import register as register_review; register_review(main)  # noqa: E402,E702  (review, users, corpus)
from reestr.commands_browse import register as register_browse; register_browse(main)  # noqa: E402,E702  (browse)
from reestr.commands_entities import register as register_entities; register_entities(main)  # noqa: E402,E702


def example_last(command: click.Command) -> None:
    """Move each help's "Example:" paragraph to the epilog, so that the help
    ends with it (after the options), unwrapped; sub-commands too."""
    help_text = command.help or ""
    cut = help_text.find("Example:")
    if cut >= 0 and not command.epilog:
        command.help = help_text[:cut].rstrip()
        command.epilog = "\b\n" + help_text[cut:].strip()
    for sub in getattr(command, "commands", {}).values():
        example_last(sub)


example_last(main)

if __name__ == "__main__":
    main()
