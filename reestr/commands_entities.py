"""``reestr entities``: list and search the registry's canonical schools, people
and organisations; ``reestr entities link`` links the rows not linked yet,
``reestr entities relink`` every row again; ``merge`` and ``split`` are a
librarian's corrections
(registry.entities). Registered by ``register(main)`` (see reestr/cli.py)."""
from __future__ import annotations

import sys
from typing import Optional

import click

from reestr.commands_registry import db_option, echo_err
from reestr.database import open_registry

EXIT_EDIT = 1
KIND = click.Choice(["school", "person", "organization"])


@click.group(invoke_without_command=True)
@db_option
@click.option("--kind", type=KIND, help="Only entities of this kind.")
@click.option("--search", "query", help="Part of a name as written, or of its normalised form.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000),
              help="At most this many entities.")
@click.pass_context
def entities(ctx: click.Context, db_url: str, kind: Optional[str], query: Optional[str], limit: int) -> None:
    """List the registry's schools, people and organisations (most documented
    first): id, kind, documents, first and last date seen, name.

    Example: reestr entities --db registry.sqlite --kind school --search Ольховская
    """
    if ctx.invoked_subcommand is not None:
        return
    from registry.entities import find_entities

    for entity in find_entities(open_registry(db_url, must_exist=True), kind, query, limit):
        seen = f"{entity.first_seen or '—'}..{entity.last_seen or '—'}"
        click.echo(f"{entity.id}\t{entity.kind}\t{entity.documents}\t{seen}\t{entity.name}")


@entities.command()
@db_option
@click.option("--kind", "kinds", type=KIND, multiple=True, help="Only this kind (repeatable); default all.")
def relink(db_url: str, kinds: tuple[str, ...]) -> None:
    """Link every person, school and organisation row to its entity again
    (after a model or rule change). Entities keep their ids where their rows agree.

    Example: reestr entities relink --db registry.sqlite
    """
    from registry.entities import KINDS
    from registry.entities import relink as run

    for summary in run(open_registry(db_url, must_exist=True), kinds or tuple(KINDS)):
        click.echo(f"{summary.kind}: {summary.rows} rows, {summary.entities} entities "
                   f"({summary.created} new, {summary.deleted} deleted), {summary.relinked_rows} rows relinked")


@entities.command()
@db_option
def link(db_url: str) -> None:
    """Link the rows no entity holds yet (newly ingested documents) to the
    entities already there, or to new ones; the rest of the registry is not touched.

    Example: reestr entities link --db registry.sqlite
    """
    from registry.entity_incremental import link_new

    for summary in link_new(open_registry(db_url, must_exist=True)):
        click.echo(f"{summary.kind}: {summary.rows} new rows, {summary.created} new entities, "
                   f"{summary.relinked_rows} rows linked")


@entities.command()
@db_option
@click.option("--by", "user", required=True, help="Who merges (kept with the merge).")
@click.argument("ids", nargs=-1, required=True, type=int)
def merge(db_url: str, user: str, ids: tuple[int, ...]) -> None:
    """Make two entities or more one (the smallest id stays). Kept through
    reprocess and relink.

    Example: reestr entities merge --db registry.sqlite --by anna 12 40
    """
    from registry.entity_edits import EntityEditError
    from registry.entity_edits import merge as run

    try:
        click.echo(f"merged into entity {run(open_registry(db_url, must_exist=True), list(ids), user)}")
    except EntityEditError as exc:
        echo_err(exc.message)
        sys.exit(EXIT_EDIT)


@entities.command()
@db_option
@click.option("--by", "user", required=True, help="Who splits (kept with the split).")
@click.argument("entity_id", type=int)
@click.argument("row_ids", nargs=-1, required=True, type=int)
def split(db_url: str, user: str, entity_id: int, row_ids: tuple[int, ...]) -> None:
    """Move some rows (ids in people, schools or organizations) of an entity to
    a new entity. Kept through reprocess and relink.

    Example: reestr entities split --db registry.sqlite --by anna 12 301 307
    """
    from registry.entity_edits import EntityEditError
    from registry.entity_edits import split as run

    try:
        new = run(open_registry(db_url, must_exist=True), entity_id, list(row_ids), user)
    except EntityEditError as exc:
        echo_err(exc.message)
        sys.exit(EXIT_EDIT)
    click.echo(f"rows moved to new entity {new}")


def register(main: click.Group) -> None:
    main.add_command(entities)
