"""Entity linking at the end of ``ingest``, ``retry`` and ``reprocess``: the
person, school and organisation rows no entity holds yet join the entities
already there, or new ones (registry.entity_incremental.link_new: incremental,
the rest of the registry is not relinked). ``--no-link`` skips it;
``reestr entities link`` does it later.

The batch's documents are committed before linking starts, so a failure here
loses none of them: it is reported in one line and the command ends with exit
code 4 for a database problem (as every command does) and 1 otherwise."""
from __future__ import annotations

from typing import Any

import click

EXIT_LINK_FAILED = 1
EXIT_DATABASE = 4

link_option = click.option(
    "--link/--no-link", "link", default=True, show_default=True,
    help="Afterwards link the new people, schools and organisations to the registry's entities "
         "(incrementally; with --no-link, `reestr entities link` does it later).")


def link_entities(engine: Any) -> int:
    """Link the rows not linked yet; 0, or the exit code the command should end with."""
    from reestr.commands_registry import echo_err
    from reestr.database import problem_of
    from registry.entity_incremental import link_new

    try:
        summaries = link_new(engine)
    except Exception as exc:  # noqa: BLE001 - any failure: the documents are stored already
        database = problem_of(exc)
        echo_err("linking entities failed; the documents are stored, and `reestr entities link` with the "
                 f"same --db links them later: {database or f'{type(exc).__name__}: {exc}'}")
        return EXIT_DATABASE if database else EXIT_LINK_FAILED
    rows = sum(s.rows for s in summaries)
    if rows:
        created = sum(s.created for s in summaries)
        parts = ", ".join(f"{s.kind} {s.rows}" for s in summaries if s.rows)
        click.echo(f"entities: {rows} new rows linked ({parts}); {created} new entities", err=True)
    return 0
